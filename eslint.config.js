// @ts-check
import tseslint from 'typescript-eslint'

/** Dependency direction of DESIGN.md §1: schemas <- core <- plugins <- {runtime, designer}. */
const boundaries = {
  core: [
    'node:*',
    'hono',
    'hono/*',
    '@hono/*',
    '@mikro-orm/*',
    'lit',
    'lit/*',
    'handsontable',
    'handsontable/*',
    '**/runtime/**',
    '**/designer/**',
    '**/plugins/**',
  ],
  plugins: [
    'hono',
    'hono/*',
    '@mikro-orm/*',
    'lit',
    'lit/*',
    'handsontable',
    'handsontable/*',
    '**/runtime/**',
    '**/designer/**',
  ],
  runtime: ['lit', 'lit/*', 'handsontable', 'handsontable/*', '**/designer/src/**'],
  designer: ['node:*', 'hono', '@mikro-orm/*', '**/runtime/**'],
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', '.data/**', '**/dist/**', 'schemas/generated/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...Object.entries(boundaries).map(([dir, patterns]) => ({
    files: [`${dir}/**/*.ts`],
    ignores: [`${dir}/**/*.test.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: patterns.map((group) => ({
            group: [group],
            message: `${dir}/ must not import this (DESIGN.md §1 dependency direction)`,
          })),
        },
      ],
    },
  })),
)
