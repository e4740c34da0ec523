import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Opening an embedded database or a model can take a while on a busy 2-core machine.
    hookTimeout: 120_000,
  },
});
