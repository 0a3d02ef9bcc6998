import { defineConfig } from 'vitest/config';

// Workspace tests run on each package's TypeScript source through the `source` export condition.
const resolve = { conditions: ['source'] };

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'core',
          root: 'packages/core',
          include: ['src/**/__tests__/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'mock-server',
          root: 'packages/mock-server',
          include: ['src/**/__tests__/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'react',
          root: 'packages/react',
          include: ['src/**/__tests__/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        resolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'examples',
          root: 'examples',
          include: ['*/app/**/__tests__/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'integration',
          root: 'test',
          include: ['**/*.test.ts'],
          // .tmp/ holds the docs test's scratch projects, with node_modules links back into the workspace.
          exclude: ['bench/**', '**/node_modules/**', '.tmp/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
