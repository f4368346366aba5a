/**
 * Writes a new migration for the difference between the entities and the committed migrations:
 * starts a throw-away PostgreSQL, applies the existing migrations, diffs, and writes the file.
 * Usage: tsx runtime/db/create-migration.ts [name]
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmbeddedPostgres } from './embedded.js'
import { createOrm, migrate } from './orm.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const dir = await mkdtemp(path.join(tmpdir(), 'rb-migration-'))
// The postgres system user must be able to reach its data directory.
await chmod(dir, 0o755)
const server = await startEmbeddedPostgres({
  dir: path.join(dir, 'pg'),
  port: 54390,
  persistent: false,
  fast: true,
})
try {
  const orm = await createOrm(server.url)
  await migrate(orm)
  const initial = (await orm.migrator.getExecuted()).length === 0
  const result = await orm.migrator.create(
    path.join(here, 'migrations'),
    false,
    initial,
    process.argv[2],
  )
  await orm.close()
  if (result.diff.up.length === 0) {
    console.log('No changes: the entities match the migrations.')
  } else {
    const indexFile = path.join(here, 'migrations', 'index.ts')
    const cls = result.fileName.replace(/\.ts$/, '')
    const names = [...(await readFile(indexFile, 'utf8')).matchAll(/import \{ (\w+) \}/g)].map(
      (m) => m[1] ?? '',
    )
    names.push(cls)
    const text =
      '/** Every migration, in order. `runtime/db/create-migration.ts` appends new ones here. */\n' +
      names.map((n) => `import { ${n} } from './${n}.js'`).join('\n') +
      `\n\nexport const migrations = [${names.join(', ')}]\n`
    await writeFile(indexFile, text)
    console.log(`Wrote ${result.fileName} (${result.diff.up.length} statements)`)
  }
} finally {
  await server.stop()
  await rm(dir, { recursive: true, force: true })
}
