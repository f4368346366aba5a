import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      '{core,plugins,runtime,schemas,scripts,test}/**/*.test.ts',
      'designer/src/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // The suite runs on 2 cores next to PostgreSQL, Chromium and LibreOffice: 5 s is too tight.
    testTimeout: 30_000,
    coverage: {
      provider: 'v8',
      include: ['core/**/*.ts'],
      exclude: ['**/*.test.ts', 'core/**/index.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 90 },
    },
  },
})
