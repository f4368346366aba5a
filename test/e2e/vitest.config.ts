import { defineConfig } from 'vitest/config'

/**
 * End-to-end tests alone: `npx vitest run --config test/e2e/vitest.config.ts`. The root config
 * picks these files up too. The PostgreSQL global setup serves reporting-flow.test.ts (the
 * runtime on a real database); the component tests need only the built bundle and Chromium.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
})
