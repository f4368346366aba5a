import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Scalar, Value } from '../formula/types.js'
import { loadTemplate } from '../template/load-template.js'
import { expandDynamicRows } from '../template/expand-dynamic-rows.js'
import type { ResolvedTemplate } from '../template/types.js'
import { createWorkbook } from './workbook.js'

/** A list `ds` (1..3 rows) and a fixed row under a total; c5 = c3 + c4; every row's c5 <= 100. */
function listTemplate(): ResolvedTemplate {
  const loaded = loadTemplate({
    code: 'TEST/DS',
    name: 'Biểu danh sách',
    version: '1.0',
    status: 'draft',
    regimeKind: 'dinh-ky',
    periodType: 'year',
    formKind: 'numeric',
    sections: [
      {
        kind: 'grid',
        id: 'main',
        columns: [
          { id: 'c1', header: ['Tên'], type: 'text' },
          { id: 'c3', header: ['A'], type: 'integer' },
          { id: 'c4', header: ['B'], type: 'integer' },
          { id: 'c5', header: ['A + B'], type: 'integer', formula: '=@.c3+@.c4' },
        ],
        rows: [
          { id: 'tong', label: 'Tổng cộng', kind: 'total' },
          { id: 'ds', label: 'Đơn vị', level: 1, dynamic: { minRows: 0, maxRows: 3 } },
          { id: 'khac', label: 'Khác', level: 1 },
        ],
      },
    ],
    constraints: [
      {
        id: 'tran',
        kind: 'compare',
        severity: 'error',
        forEachRow: 'main',
        left: '@.c5',
        operator: '<=',
        right: '100',
      },
    ],
  })
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'))
  return loaded.template
}

const template = listTemplate()

describe('createWorkbook with dynamicRows', () => {
  it('accepts the inputs of added rows and includes them in the group total', () => {
    const values = {
      main: {
        ds: { c1: 'Sở A', c3: 1, c4: 2 },
        ds_1: { c1: 'Sở B', c3: 10, c4: 20 },
        khac: { c3: 100 },
      },
    }
    const book = createWorkbook(template, { values, dynamicRows: { main: ['ds_1'] } })
    expect(book.diagnostics()).toEqual([])
    expect(book.get('main!ds_1.c1')).toBe('Sở B')
    expect(book.get('main!ds_1.c5')).toBe(30)
    expect(book.get('main!tong.c3')).toBe(111)
    expect(book.get('main!tong.c5')).toBe(133)
    expect(book.template.expansion?.rows).toEqual({ main: ['ds_1'] })
    expect(book.inputValues()).toEqual(values)
    // Without the list the same values are not cells of the template.
    const bare = createWorkbook(template, { values })
    expect(bare.diagnostics().map((d) => [d.ruleId, d.place.row])).toContainEqual([
      'core/unknown-cell',
      'ds_1',
    ])
    expect(bare.get('main!tong.c3')).toBe(101)
  })

  it('recomputes the group total when an added row is edited', () => {
    const book = createWorkbook(template, { dynamicRows: { main: ['ds_1', 'ds_2'] } })
    expect(new Set(book.set('main!ds_2.c4', 7))).toEqual(
      new Set(['main!ds_2.c4', 'main!ds_2.c5', 'main!tong.c4', 'main!tong.c5']),
    )
    expect(book.get('main!tong.c5')).toBe(7)
  })

  it('fires a forEachRow constraint on an added row', () => {
    const book = createWorkbook(template, {
      values: { main: { ds: { c3: 1 }, ds_1: { c3: 60, c4: 50 } } },
      dynamicRows: { main: ['ds_1'] },
    })
    const failed = book.diagnostics().filter((d) => d.ruleId === 'template/tran')
    expect(failed.map((d) => [d.place.row, d.place.col])).toEqual([['ds_1', 'c5']])
    book.set('main!ds_1.c4', 40)
    expect(book.diagnostics()).toEqual([])
  })

  it('reports a list longer than maxRows, naming the row group', () => {
    const book = createWorkbook(template, { dynamicRows: { main: ['ds_1', 'ds_2', 'ds_3'] } })
    const [problem, ...rest] = book.diagnostics()
    expect(rest).toEqual([])
    expect(problem).toMatchObject({
      ruleId: 'core/dynamic-row',
      severity: 'error',
      place: { section: 'main', row: 'ds', pointer: '/dynamicRows/main' },
    })
    expect(problem?.message).toContain("list 'ds' (Đơn vị) of section 'main' has 4 rows")
    expect(problem?.message).toContain('at most 3')
    // The rows are kept, so their values are not lost while the reporter removes one.
    expect(book.get('main!ds_3.c3')).toBeNull()
  })

  it('shares one expanded template, and so one compiled plan, between workbooks of the same lists', () => {
    const a = createWorkbook(template, { dynamicRows: { main: ['ds_1'] } })
    const b = createWorkbook(template, { dynamicRows: { main: ['ds_1'] } })
    expect(a.template).toBe(b.template)
    expect(createWorkbook(a.template).template).toBe(a.template)
    expect(a.template).toBe(expandDynamicRows(template, { main: ['ds_1'] }))
  })

  it('keeps incremental recompute equal to a fresh evaluation (property)', () => {
    const keys = (ids: readonly string[]) =>
      ['ds', ...ids, 'khac'].flatMap((r) => ['c3', 'c4'].map((c) => `main!${r}.${c}`))
    const scalar: fc.Arbitrary<Scalar> = fc.oneof(
      fc.integer({ min: -5, max: 80 }),
      fc.constantFrom(0.1, 0.2, null, 'x'),
    )
    const snapshotText = (m: Map<string, Value>) => JSON.stringify([...m])
    fc.assert(
      fc.property(
        fc.subarray(['ds_1', 'ds_2', 'ds_3', 'ds_4']),
        fc.array(fc.tuple(fc.nat(), scalar), { minLength: 1, maxLength: 20 }),
        (ids, edits) => {
          const dynamicRows = { main: ids }
          const book = createWorkbook(template, { dynamicRows })
          const cells = keys(ids)
          for (const [n, v] of edits) {
            const before = book.snapshot()
            const changed = book.set(cells[n % cells.length]!, v)
            const after = book.snapshot()
            const really = [...after].filter(
              ([k, x]) => JSON.stringify(before.get(k)) !== JSON.stringify(x),
            )
            expect(new Set(changed)).toEqual(new Set(really.map(([k]) => k)))
          }
          const fresh = createWorkbook(template, { values: book.inputValues(), dynamicRows })
          expect(snapshotText(book.snapshot())).toBe(snapshotText(fresh.snapshot()))
          expect(book.diagnostics()).toEqual(fresh.diagnostics())
          // The total row sums every numeric entry of the list, added rows included.
          const sum = ['ds', ...ids, 'khac'].reduce((acc, r) => {
            const v = book.get(`main!${r}.c3`)
            return typeof v === 'number' ? acc + v : acc
          }, 0)
          expect(book.get('main!tong.c3')).toBeCloseTo(sum, 9)
        },
      ),
      { numRuns: 200 },
    )
  })
})
