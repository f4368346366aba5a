/**
 * Generates TypeScript types from schemas/*.schema.json into schemas/generated/.
 * `--check` regenerates in memory and fails when a committed file differs (CI guard).
 */
import { readFileSync, readdirSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compile, type JSONSchema } from 'json-schema-to-typescript'
import { format, resolveConfig } from 'prettier'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const schemaDir = join(root, 'schemas')
const outDir = join(schemaDir, 'generated')
const check = process.argv.includes('--check')

const BANNER = `/* eslint-disable */
/**
 * DO NOT EDIT. Generated from schemas/{file} by \`npm run gen\`.
 * Change the JSON Schema and regenerate instead.
 */`

const files = readdirSync(schemaDir)
  .filter((f) => f.endsWith('.schema.json'))
  .sort()
const stale: string[] = []
if (!check && !existsSync(outDir)) mkdirSync(outDir)

const prettierConfig = (await resolveConfig(join(outDir, 'x.ts'))) ?? {}
const indexLines: string[] = []

for (const file of files) {
  const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as JSONSchema
  const base = file.replace(/\.schema\.json$/, '')
  const ts = await compile(schema, String(schema.title ?? base), {
    cwd: schemaDir,
    bannerComment: BANNER.replace('{file}', file),
    additionalProperties: false,
    unreachableDefinitions: true,
    ignoreMinAndMaxItems: true,
    declareExternallyReferenced: file !== 'common.schema.json' ? false : true,
    format: false,
    $refOptions: { resolve: { http: false } },
  })
  const out = await format(ts, { ...prettierConfig, parser: 'typescript' })
  const target = join(outDir, `${base}.ts`)
  indexLines.push(`export type * from './${base}.js'`)
  if (check) {
    if (!existsSync(target) || readFileSync(target, 'utf8') !== out) stale.push(target)
  } else {
    writeFileSync(target, out)
  }
}

const index = await format(
  `${BANNER.replace('{file}', '*.schema.json')}\n${indexLines.join('\n')}\n`,
  { ...prettierConfig, parser: 'typescript' },
)
const indexPath = join(outDir, 'index.ts')
if (check) {
  if (!existsSync(indexPath) || readFileSync(indexPath, 'utf8') !== index) stale.push(indexPath)
  if (stale.length > 0) {
    console.error(`Generated types are stale; run \`npm run gen\`:\n  ${stale.join('\n  ')}`)
    process.exit(1)
  }
  console.log(`schemas/generated is up to date (${files.length} schemas)`)
} else {
  writeFileSync(indexPath, index)
  console.log(`generated ${files.length} schemas into schemas/generated/`)
}
