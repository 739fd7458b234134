import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages load from their TypeScript source (the export condition
  // `@switchboard/source`, never published), so tests need no build of the packages used.
  ssr: {
    resolve: {
      conditions: [...defaultServerConditions.filter((c) => c !== 'module'), '@switchboard/source'],
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
