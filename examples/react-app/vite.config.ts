/**
 * Vite builds the example. `vite build` makes the app for a server that answers `/api/`
 * (`src/server.ts` mounts the SimpleJWT mock there; in production, Django behind the same host).
 * `vite build --mode worker` (`.env.worker` sets `VITE_API_MOCK=worker`) makes a build that
 * starts the mock in the browser's service worker (msw) before rendering, so any static file server
 * can serve it: see docs/vite-msw.md.
 */
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig(({ mode }) => ({
  // The workspace packages are bundled from their TypeScript source (`source` export condition),
  // so the example needs no `pnpm build` first. An app using the published packages needs nothing here.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // `public/` holds msw's mockServiceWorker.js: only the worker build ships it.
  publicDir: mode === 'worker' ? 'public' : false,
  build: {
    target: 'es2022',
    rolldownOptions: {
      onwarn(warning, warn) {
        // @simplejwt-client/react marks its modules 'use client' for React Server Components; a
        // client-only bundle has no use for the directive, and dropping it is correct.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use client"')) return;
        warn(warning);
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
}));
