import { defineConfig } from 'vitest/config';

// The browser tests (e2e/): Chromium through playwright-core against a running stack's edge, one
// file at a time (they share the stack and the machine has two cores).
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    environment: 'node',
    include: ['e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
});
