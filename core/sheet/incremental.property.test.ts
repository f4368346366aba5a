import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Scalar, Value } from '../formula/types.js'
import { createWorkbook } from './workbook.js'
import { buildTemplate, type CellSpec, type ConstraintSpec } from './test-template.js'

/**
 * Random templates (formulas over random cells, cycles included, random constraints) and random
 * edit sequences: the incrementally maintained workbook must always equal a fresh evaluation of
 * its final inputs, and each edit must report exactly the cells whose value changed.
 */

const SECTIONS = [
  { id: 'main', rows: ['r1', 'r2', 'r3', 'r4'], cols: ['a', 'b', 'c'] },
  { id: 's2', rows: ['q1', 'q2'], cols: ['x', 'y'] },
] as const

const cells = SECTIONS.flatMap((s) =>
  s.rows.flatMap((r) => s.cols.map((c) => ({ section: s.id, row: r, col: c }))),
)
const refText = cells.map((c) => `${c.section}!${c.row}.${c.col}`)

const rangeArb = fc
  .tuple(fc.constantFrom(...SECTIONS), fc.nat(), fc.nat(), fc.nat(), fc.nat())
  .map(
    ([s, r1, r2, c1, c2]) =>
      `${s.id}!${s.rows[r1 % s.rows.length]}.${s.cols[c1 % s.cols.length]}:${s.rows[r2 % s.rows.length]}.${s.cols[c2 % s.cols.length]}`,
  )

const { expr } = fc.letrec<{ expr: string; leaf: string; binary: string; call: string }>((tie) => ({
  expr: fc.oneof({ maxDepth: 3, depthIdentifier: 'expr' }, tie('leaf'), tie('binary'), tie('call')),
  leaf: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...refText) },
    { weight: 1, arbitrary: fc.integer({ min: -3, max: 20 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('0.1', '0.2', '"x"', 'TRUE', '""') },
  ),
  binary: fc
    .tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '&', '=', '<', '>='), tie('expr'))
    .map(([l, op, r]) => `(${l}${op}${r})`),
  call: fc.oneof(
    rangeArb.map((r) => `SUM(${r})`),
    rangeArb.map((r) => `COUNT(${r})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, a, b]) => `IF(${c},${a},${b})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `MAX(${a},${b})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `IFERROR(${a},${b})`),
    tie('expr').map((a) => `ISNUMBER(${a})`),
  ),
}))

const cellSpecArb: fc.Arbitrary<CellSpec> = fc.oneof(
  { weight: 5, arbitrary: fc.boolean().map((required) => ({ kind: 'input' as const, required })) },
  { weight: 4, arbitrary: expr.map((formula) => ({ kind: 'formula' as const, formula })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(1, 'text', null).map((value) => ({ kind: 'fixed' as const, value })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'greyed' as const }) },
)

const constraintArb: fc.Arbitrary<Omit<ConstraintSpec, 'id'>> = fc.record(
  {
    check: expr,
    when: expr,
    operands: fc.dictionary(fc.constantFrom('left', 'right', 'x'), expr, { maxKeys: 2 }),
    message: fc.constantFrom('{left} vs {right}', 'fails', '{x}'),
    severity: fc.constantFrom('error' as const, 'warning' as const),
  },
  { requiredKeys: ['check', 'operands', 'message', 'severity'] },
)

const columnTypeArb = fc.constantFrom(
  'number' as const,
  'integer' as const,
  'text' as const,
  'percent' as const,
)

const templateArb = fc
  .record({
    specs: fc.array(cellSpecArb, { minLength: cells.length, maxLength: cells.length }),
    types: fc.array(columnTypeArb, { minLength: 5, maxLength: 5 }),
    mins: fc.array(fc.option(fc.integer({ min: -1, max: 5 })), { minLength: 5, maxLength: 5 }),
    constraints: fc.array(constraintArb, { maxLength: 4 }),
  })
  .map(({ specs, types, mins, constraints }) => {
    let k = 0
    let colNo = 0
    const sections = SECTIONS.map((s) => ({
      id: s.id,
      columns: s.cols.map((id) => {
        const n = colNo++
        const min = mins[n]
        return { id, type: types[n]!, ...(min === null || min === undefined ? {} : { min }) }
      }),
      rows: s.rows.map((id) => ({
        id,
        cells: Object.fromEntries(s.cols.map((c) => [c, specs[k++]!])),
      })),
    }))
    return buildTemplate({
      sections,
      constraints: constraints.map((c, i) => ({ id: `k${i}`, ...c })),
    })
  })

const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  fc.integer({ min: -5, max: 50 }),
  fc.constantFrom(0.1, 0.2, 0.7, 1.5, -2.25, 1e-7),
  fc.constantFrom('abc', '', '12', '2025-01-31'),
  fc.constant(null),
  fc.boolean(),
)

const editsArb = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.nat(), scalarArb).map((e) => [e]) },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(fc.nat(), scalarArb), { minLength: 1, maxLength: 4 }),
    },
  ),
  { minLength: 1, maxLength: 25 },
)

function changedKeys(before: Map<string, Value>, after: Map<string, Value>): string[] {
  return [...after]
    .filter(([k, v]) => JSON.stringify(before.get(k)) !== JSON.stringify(v))
    .map(([k]) => k)
}

describe('incremental recompute (property)', () => {
  it('equals a fresh evaluation of the final inputs after any edit sequence', () => {
    fc.assert(
      fc.property(
        templateArb,
        editsArb,
        fc.array(fc.boolean(), { maxLength: 25 }),
        (template, batches, peeks) => {
          const inputs = template.sections.flatMap((s) =>
            s.kind === 'grid' ? s.cells.filter((c) => c.kind === 'input') : [],
          )
          const book = createWorkbook(template)
          if (inputs.length === 0) return
          batches.forEach((batch, i) => {
            const before = book.snapshot()
            const entries = batch.map(([n, v]) => [inputs[n % inputs.length]!.key, v] as const)
            const changed =
              entries.length === 1
                ? book.set(entries[0]![0], entries[0]![1])
                : book.setMany(entries)
            expect(new Set(changed)).toEqual(new Set(changedKeys(before, book.snapshot())))
            expect(changed).toHaveLength(new Set(changed).size)
            if (peeks[i] === true) book.diagnostics()
          })
          const fresh = createWorkbook(template, { values: book.inputValues() })
          expect(book.snapshot()).toEqual(fresh.snapshot())
          expect(book.diagnostics()).toEqual(fresh.diagnostics())
        },
      ),
      { numRuns: 300 },
    )
  })
})
