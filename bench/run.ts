/**
 * `npm run bench`: runs every suite `bench/p*.ts` (each default-exports a BenchSuite), prints the
 * results and writes docs/BENCHMARKS.md. `npm run bench -- p1` runs only suites whose file name
 * contains `p1` and prints without writing the file (a partial table would drop the others).
 */
import { readdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BenchRow, BenchSuite } from './harness.js'
import { renderTable } from './report.js'

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
if (filters.length === 0) {
  await writeFile(path.join(here, '..', 'docs', 'BENCHMARKS.md'), table)
  process.stdout.write('wrote docs/BENCHMARKS.md\n')
}
if (rows.some((r) => r.row.pass === false)) process.exitCode = 1
