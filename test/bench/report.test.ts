import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { BenchRow } from '../../bench/harness.js'
import { mergeTables, renderTable } from '../../bench/report.js'

const row = (id: string, ours: number, note?: string): BenchRow => ({
  id,
  workload: `workload ${id}`,
  ours,
  goal: '< 1 ms',
  pass: ours < 1,
  ...(note === undefined ? {} : { note }),
})

describe('mergeTables (npm run bench -- <suite> --write)', () => {
  const before = renderTable(
    [row('P1', 0.5, 'p1 note'), row('P2', 2), row('P4', 0.2, 'p4 note'), row('P4-core', 0.1)],
    {
      machine: 'old box',
      date: '2026-01-01',
    },
  )

  it('replaces the rows and notes of the suites that ran and keeps the others as they were', () => {
    const fresh = renderTable(
      [row('P2', 0.7, 'p2 note'), row('P5', 3, 'p5 note'), row('P5b', 0.3)],
      {
        machine: 'new box',
        date: '2026-02-02',
      },
    )
    const merged = mergeTables(before, fresh)
    const ids = merged.split('\n').flatMap((l) => /^\| (P[^ |]+) \|/.exec(l)?.[1] ?? [])
    expect(ids).toEqual(['P1', 'P2', 'P4', 'P4-core', 'P5', 'P5b'])
    expect(merged).toContain(
      '| P1 | workload P1 | 0.500 ms | — | — | < 1 ms | pass | old box | 2026-01-01 |',
    )
    expect(merged).toContain(
      '| P2 | workload P2 | 0.700 ms | — | — | < 1 ms | pass | new box | 2026-02-02 |',
    )
    expect(merged).toContain(
      '| P5 | workload P5 | 3.00 ms | — | — | < 1 ms | **fail** | new box | 2026-02-02 |',
    )
    const notes = merged.split('\n').filter((l) => l.startsWith('- **'))
    expect(notes).toEqual([
      '- **P1**: p1 note',
      '- **P2**: p2 note',
      '- **P4**: p4 note',
      '- **P5**: p5 note',
    ])
    expect(merged.startsWith('# Benchmarks\n')).toBe(true)
  })

  it('leaves the current docs/BENCHMARKS.md as it is when merged with itself', () => {
    const doc = readFileSync(new URL('../../docs/BENCHMARKS.md', import.meta.url), 'utf8')
    expect(mergeTables(doc, doc)).toBe(doc)
  })
})
