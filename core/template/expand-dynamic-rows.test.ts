import { describe, expect, it } from 'vitest'
import type { TemplateDefinition } from '../../schemas/generated/index.js'
import { dynamicRowsIn } from './dynamic-groups.js'
import { expandDynamicRows } from './expand-dynamic-rows.js'
import { loadTemplate } from './load-template.js'
import { grid, num, row, template, text } from './test-fixtures.js'
import type { ResolvedGridSection, ResolvedTemplate } from './types.js'

/**
 * A total over a list (ds, dynamic, 1..3 rows) and one fixed row; c5 = c3 + c4 per row; ds.c4 is
 * a cell formula on its own row; `cong` folds the list with SUM(ds.@); `luy_ke` is a range that
 * ends at the list row; `sau` a range that starts at it.
 */
function definition(extra: Partial<TemplateDefinition> = {}): TemplateDefinition {
  return template({
    sections: [
      grid({
        columns: [text('c1'), num('c3'), num('c4'), num('c5', { formula: '=@.c3+@.c4' })],
        rows: [
          row('tong', { kind: 'total' }),
          row('ds', {
            level: 1,
            code: '1',
            dynamic: { minRows: 1, maxRows: 3 },
            cells: { c4: { kind: 'formula', formula: '=ds.c3*2' } },
          }),
          row('khac', { level: 1 }),
          row('cong', { formula: '=SUM(ds.@)' }),
          row('luy_ke', { formula: '=SUM(tong.@:ds.@)' }),
          row('sau', { formula: '=SUM(ds.@:khac.@)' }),
        ],
      }),
    ],
    constraints: [
      {
        id: 'khong_am',
        kind: 'assert',
        severity: 'error',
        forEachRow: 'main',
        expression: '@.c3>=0',
      },
      { id: 'tran', kind: 'assert', severity: 'warning', expression: 'SUM(ds.c3:ds.c3)<=100' },
      { id: 'dau', kind: 'assert', severity: 'warning', expression: 'ds.c3<>1' },
    ],
    ...extra,
  })
}

function load(def: TemplateDefinition): ResolvedTemplate {
  const r = loadTemplate(def)
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'))
  return r.template
}

function main(t: ResolvedTemplate): ResolvedGridSection {
  return t.sectionIndex.get('main') as ResolvedGridSection
}

function formula(t: ResolvedTemplate, rowId: string, col: string): string | undefined {
  const g = main(t)
  return g.cells[
    (g.rowIndex.get(rowId) as number) * g.columns.length + (g.colIndex.get(col) as number)
  ]?.formula
}

describe('expandDynamicRows', () => {
  const base = load(definition())

  it('inserts added rows after their dynamic row in list order, as copies of it', () => {
    const t = expandDynamicRows(base, { main: ['ds_2', 'ds_1'] })
    const g = main(t)
    expect(g.rows.map((r) => r.id)).toEqual([
      'tong',
      'ds',
      'ds_2',
      'ds_1',
      'khac',
      'cong',
      'luy_ke',
      'sau',
    ])
    expect(g.rows.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    const [model, copy] = [g.rows[1], g.rows[2]]
    expect(model?.dynamic).toEqual({ minRows: 1, maxRows: 3 })
    expect(model?.addedTo).toBeUndefined()
    expect(copy).toMatchObject({ id: 'ds_2', label: 'ds', level: 1, parent: 'tong', addedTo: 'ds' })
    expect(copy?.dynamic).toBeUndefined()
    expect(copy?.code).toBeUndefined()
    expect(g.cells).toHaveLength(8 * 4)
    expect(t.definition).toBe(base.definition)
    expect(t.expansion).toEqual({ base, rows: { main: ['ds_2', 'ds_1'] }, diagnostics: [] })
  })

  it('binds the copies’ formulas to the copy: column formulas and the row’s own references', () => {
    const t = expandDynamicRows(base, { main: ['ds_1'] })
    expect(formula(t, 'ds_1', 'c5')).toBe('ds_1.c3+ds_1.c4')
    expect(formula(t, 'ds_1', 'c4')).toBe('ds_1.c3*2')
    expect(formula(t, 'ds', 'c4')).toBe('ds.c3*2')
    expect(main(t).cells.find((c) => c.key === 'main!ds_1.c3')?.kind).toBe('input')
  })

  it('does not widen a dynamic row’s own folds and ranges over its group', () => {
    const def = definition({
      constraints: [],
      sections: [
        grid({
          rows: [
            row('dau', { formula: '=-SUM(ds.@)' }),
            row('ds', {
              dynamic: {},
              cells: { c4: { kind: 'formula', formula: '=SUM(ds.c3)+SUM(dau.c3:ds.c3)' } },
            }),
          ],
        }),
      ],
    })
    const t = expandDynamicRows(load(def), { main: ['ds_1'] })
    expect(formula(t, 'ds', 'c4')).toBe('SUM(ds.c3)+SUM(dau.c3:ds.c3)')
    expect(formula(t, 'ds_1', 'c4')).toBe('SUM(ds_1.c3)+SUM(dau.c3:ds_1.c3)')
    expect(formula(t, 'dau', 'c3')).toBe('-SUM(ds.c3:ds_1.c3)')
  })

  it('makes totals, folds and ranges that end at the dynamic row cover the group', () => {
    const t = expandDynamicRows(base, { main: ['ds_1', 'ds_2'] })
    expect(formula(t, 'tong', 'c3')).toBe('SUM(ds.c3, ds_1.c3, ds_2.c3, khac.c3)')
    expect(formula(t, 'cong', 'c4')).toBe('SUM(ds.c4:ds_2.c4)')
    expect(formula(t, 'luy_ke', 'c3')).toBe('SUM(tong.c3:ds_2.c3)')
    // Starts at the list row: the copies are inserted inside the range already.
    expect(formula(t, 'sau', 'c3')).toBe('SUM(ds.c3:khac.c3)')
    const tran = t.constraints.find((c) => c.id === 'tran')
    expect(tran?.check).toBe('SUM(main!ds.c3:ds_2.c3)<=100')
    // A plain reference is the first entry of the list.
    expect(t.constraints.find((c) => c.id === 'dau')?.check).toBe('main!ds.c3<>1')
  })

  it('expands forEachRow constraints over the added rows', () => {
    const t = expandDynamicRows(base, { main: ['ds_1'] })
    const rows = t.constraints
      .filter((c) => c.ruleId === 'template/khong_am')
      .map((c) => c.place.row)
    expect(rows).toEqual(['ds', 'ds_1', 'khac', 'cong', 'luy_ke', 'sau'])
    expect(t.constraints.find((c) => c.place.row === 'ds_1')?.check).toBe('main!ds_1.c3>=0')
  })

  it('generates sum-of-children rules over the whole group', () => {
    const def = definition({
      constraints: [],
      sections: [
        grid({
          sumChildren: true,
          rows: [row('cha'), row('ds', { level: 1, dynamic: {} }), row('khac')],
        }),
      ],
    })
    const t = expandDynamicRows(load(def), { main: ['ds_1'] })
    const rule = t.constraints.find((c) => c.place.row === 'cha' && c.place.col === 'c3')
    expect(rule?.check).toBe('main!cha.c3=main!ds.c3+main!ds_1.c3')
    expect(rule?.pointer).toBe('/sections/0/rows/0')
  })

  it('points the cells of copies, and of rows after them, at the authored rows', () => {
    const t = expandDynamicRows(base, { main: ['ds_1', 'ds_2'] })
    const pointer = (key: string) => main(t).cells.find((c) => c.key === key)?.pointer
    expect(pointer('main!ds_2.c3')).toBe('/sections/0/rows/1')
    expect(pointer('main!ds_2.c4')).toBe('/sections/0/rows/1/cells/c4')
    expect(pointer('main!khac.c3')).toBe('/sections/0/rows/2')
    expect(pointer('main!cong.c3')).toBe('/sections/0/rows/3/formula')
    expect(pointer('main!khac.c5')).toBe('/sections/0/columns/3/formula')
  })

  it('gives the same object for the same lists, and re-expands an expanded template from its base', () => {
    const a = expandDynamicRows(base, { main: ['ds_1', 'ds_2'] })
    expect(expandDynamicRows(base, { main: ['ds_1', 'ds_2'], other: [] })).toBe(a)
    expect(expandDynamicRows(base, { main: ['ds_2', 'ds_1'] })).not.toBe(a)
    const b = expandDynamicRows(a, { main: ['ds_1'] })
    expect(b).toBe(expandDynamicRows(base, { main: ['ds_1'] }))
    expect(main(b).rows.map((r) => r.id)).not.toContain('ds_2')
    expect(expandDynamicRows(a, undefined)).toBe(a)
    expect(expandDynamicRows(a, {})).toBe(base)
    expect(expandDynamicRows(base, undefined)).toBe(base)
  })

  it('returns a template without dynamic rows as it is', () => {
    const plain = load(template())
    expect(expandDynamicRows(plain, undefined)).toBe(plain)
    expect(expandDynamicRows(plain, { main: [] })).toBe(plain)
  })

  it('reports a group above maxRows, naming it, and keeps its rows', () => {
    const t = expandDynamicRows(base, { main: ['ds_1', 'ds_2', 'ds_3'] })
    expect(main(t).rows.map((r) => r.id)).toContain('ds_3')
    expect(t.expansion?.diagnostics).toEqual([
      {
        ruleId: 'core/dynamic-row',
        severity: 'error',
        message:
          "/dynamicRows/main: list 'ds' (ds) of section 'main' has 4 rows; at most 3 are allowed (maxRows)",
        place: { section: 'main', row: 'ds', pointer: '/dynamicRows/main' },
        values: { rows: 4, maxRows: 3 },
      },
    ])
  })

  it('reports a group below minRows, counting the dynamic row as the first entry', () => {
    const t = load(
      definition({
        constraints: [],
        sections: [grid({ rows: [row('ds', { dynamic: { minRows: 3 } })] })],
      }),
    )
    const one = expandDynamicRows(t, { main: ['ds_1'] })
    expect(one.expansion?.diagnostics.map((d) => [d.message, d.values])).toEqual([
      [
        "/dynamicRows/main: list 'ds' (ds) of section 'main' has 2 row(s); at least 3 are required (minRows)",
        { rows: 2, minRows: 3 },
      ],
    ])
    // No lists at all is still one row short of three.
    expect(expandDynamicRows(t, undefined).expansion?.diagnostics).toHaveLength(1)
    expect(expandDynamicRows(t, { main: ['ds_1', 'ds_2'] }).expansion?.diagnostics).toEqual([])
  })

  it('refuses ids that are not added rows of the section, repeats and unknown sections', () => {
    const t = expandDynamicRows(base, {
      main: ['ds_1', 'khac_1', 'ds_1', 'ds_x', 'khac'],
      nowhere: ['a_1'],
    })
    expect(main(t).rows.map((r) => r.id)).toEqual([
      'tong',
      'ds',
      'ds_1',
      'khac',
      'cong',
      'luy_ke',
      'sau',
    ])
    expect(t.expansion?.rows).toEqual({ main: ['ds_1'] })
    expect(t.expansion?.diagnostics.map((d) => [d.place.pointer, d.message])).toEqual([
      [
        '/dynamicRows/main/1',
        "/dynamicRows/main/1: 'khac_1' is not an added row id of section 'main' (ds_<n>); the row is ignored",
      ],
      ['/dynamicRows/main/2', "/dynamicRows/main/2: 'ds_1' is listed twice; the row is ignored"],
      [
        '/dynamicRows/main/3',
        "/dynamicRows/main/3: 'ds_x' is not an added row id of section 'main' (ds_<n>); the row is ignored",
      ],
      [
        '/dynamicRows/main/4',
        "/dynamicRows/main/4: 'khac' is a row of the template, not an added row; the row is ignored",
      ],
      [
        '/dynamicRows/nowhere',
        "/dynamicRows/nowhere: 'nowhere' is not a grid section of template TEST/01; its 1 added row(s) are ignored",
      ],
    ])
    expect(
      t.expansion?.diagnostics.every(
        (d) => d.ruleId === 'core/dynamic-row' && d.severity === 'error',
      ),
    ).toBe(true)
  })

  it('tells a list row whose id ends in _<n> from a shorter one', () => {
    const t = load(
      definition({
        constraints: [],
        sections: [grid({ rows: [row('a_1', { dynamic: {} }), row('b')] })],
      }),
    )
    expect(
      main(expandDynamicRows(t, { main: ['a_1_1', 'a_1_2'] })).rows.map((r) => r.addedTo ?? r.id),
    ).toEqual(['a_1', 'a_1', 'a_1', 'b'])
  })
})

describe('dynamicRowsIn', () => {
  it('lists the added rows a values document fills, each group in number order', () => {
    const t = load(definition())
    expect(
      dynamicRowsIn(t, {
        main: {
          ds: { c3: 1 },
          ds_10: { c3: 4 },
          ds_2: { c3: 2 },
          khac: { c3: 1 },
          zz_1: { c3: 0 },
        },
        other: { ds_1: { c3: 1 } },
      }),
    ).toEqual({ main: ['ds_2', 'ds_10'] })
    expect(dynamicRowsIn(t, { main: { ds: { c3: 1 } } })).toEqual({})
  })
})
