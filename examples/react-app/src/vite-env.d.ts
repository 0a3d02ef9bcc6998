/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** `worker` in `vite build --mode worker`: the SimpleJWT mock runs in the browser's service worker. */
  readonly VITE_API_MOCK?: string;
}
