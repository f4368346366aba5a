import { defineConfig } from 'vitest/config'

/** Unit tests of the designer's pure logic (no DOM): `npx vitest run --config designer/vitest.config.ts`. */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['designer/src/**/*.test.ts'],
    environment: 'node',
  },
})
