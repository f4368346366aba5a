/**
 * The in-memory half of P4: `aggregateSubmissions` over 2,000 unit submissions x 1,000 input
 * cells, against the least work that could do it (a plain loop summing the same values into a
 * Map). The SQL anchor of P4 proper belongs to the runtime's suite.
 */
import type {
  Column,
  Row,
  SubmissionDocument,
  TemplateDefinition,
} from '../schemas/generated/index.js'
import { aggregateSubmissions } from '../core/aggregate/index.js'
import { loadTemplate } from '../core/template/index.js'
import { measurePair, type BenchRow, type BenchSuite } from './harness.js'

const UNITS = 2000
const ROWS = 100
const COLS = 10

function definition(): TemplateDefinition {
  const columns: Column[] = [
    ...Array.from({ length: COLS }, (_, j): Column => ({
      id: `c${j + 1}`,
      header: [`Chỉ tiêu ${j + 1}`],
      type: 'number',
    })),
    {
      id: 'ty_le',
      header: ['Tỷ lệ (2)/(1)'],
      type: 'percent',
      decimals: 2,
      formula: '=IF(@.c1=0,0,@.c2/@.c1)',
    },
  ]
  const rows: Row[] = [
    ...Array.from({ length: ROWS }, (_, i): Row => ({
      id: `r${i + 1}`,
      label: `Chỉ tiêu ${i + 1}`,
    })),
    { id: 'tong', label: 'Tổng cộng', kind: 'total', formula: `=SUM(r1.@:r${ROWS}.@)` },
  ]
  return {
    code: 'BENCH-P4',
    name: 'Biểu đo hiệu năng P4',
    version: '1.0',
    status: 'draft',
    regimeKind: 'dinh-ky',
    periodType: 'month',
    formKind: 'numeric',
    sections: [{ kind: 'grid', id: 'main', columns, rows }],
  }
}

function submissions(): SubmissionDocument[] {
  return Array.from({ length: UNITS }, (_, u) => {
    const main: Record<string, Record<string, number>> = {}
    for (let i = 0; i < ROWS; i++) {
      const row: Record<string, number> = {}
      for (let j = 0; j < COLS; j++) row[`c${j + 1}`] = ((u * 31 + i * 7 + j * 13) % 1000) / 10
      main[`r${i + 1}`] = row
    }
    return { template: { code: 'BENCH-P4', version: '1.0' }, unit: `U${u}`, values: { main } }
  })
}

/** The anchor: sum every value per cell key, nothing else (no rules, no formulas, no checks). */
function plainSum(subs: readonly SubmissionDocument[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const s of subs) {
    for (const [section, rows] of Object.entries(s.values)) {
      for (const [row, cols] of Object.entries(rows)) {
        for (const [col, v] of Object.entries(cols)) {
          if (typeof v !== 'number') continue
          const key = `${section}!${row}.${col}`
          out.set(key, (out.get(key) ?? 0) + v)
        }
      }
    }
  }
  return out
}

const suite: BenchSuite = {
  name: 'P4 (core) aggregateSubmissions in memory',
  run(): BenchRow[] {
    const loaded = loadTemplate(definition())
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'))
    const template = loaded.template
    const subs = submissions()
    const opts = { warmup: 2, runs: 7 }
    const check = aggregateSubmissions(template, subs).workbook
    const plain = plainSum(subs)
    if (Math.abs((check.get('main!r5.c3') as number) - plain.get('main!r5.c3')!) > 1e-6) {
      throw new Error('aggregation disagrees with the plain sum')
    }
    const { ours, anchor } = measurePair(
      { run: () => aggregateSubmissions(template, subs).workbook.diagnostics() },
      { run: () => plainSum(subs) },
      opts,
    )
    return [
      {
        id: 'P4-core',
        workload: `aggregateSubmissions, ${UNITS.toLocaleString('en')} submissions x ${ROWS * COLS} input cells`,
        ours: ours.median,
        anchorName: 'plain JS sum per cell key',
        anchor: anchor.median,
        goal: '—',
        note:
          'ours = combine every input cell by its column rule (compensated sums), recompute the 101 ratio formulas and ' +
          'the total row, and validate the result (diagnostics()). Anchor = the bare minimum: one Map of sums keyed ' +
          'by cell. P4 proper (against a SQL GROUP BY over stored values) is bench/p4-consolidate.ts.',
      },
    ]
  },
}

export default suite
