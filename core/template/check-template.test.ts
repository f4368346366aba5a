import { describe, expect, it } from 'vitest'
import type { Constraint, TemplateDefinition } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import { createFunctionRegistry, defineFunction } from '../formula/index.js'
import { checkTemplate } from './check-template.js'
import { grid, num, row, template, text } from './test-fixtures.js'

const functions = createFunctionRegistry()
const check = (def: TemplateDefinition): Diagnostic[] => checkTemplate(def, functions)
const found = (def: TemplateDefinition): Array<[string, string, string | undefined]> =>
  check(def).map((d) => [d.severity, d.ruleId, d.place.pointer])
const withConstraints = (...constraints: Constraint[]): TemplateDefinition =>
  template({ constraints })

describe('checkTemplate', () => {
  it('should find nothing in a clean template', () => {
    expect(check(template())).toEqual([])
  })

  describe('duplicate ids', () => {
    it('should point at the later section, column, row, item and constraint', () => {
      const def = template({
        formKind: 'linked',
        sections: [
          grid({ columns: [num('c1'), num('c1')], rows: [row('r1'), row('r2'), row('r1')] }),
          {
            kind: 'narrative',
            id: 'main',
            title: 'T',
            items: [
              { id: 'a', title: 'A' },
              { id: 'a', title: 'B' },
            ],
          },
        ],
        constraints: [
          { id: 'k', kind: 'assert', severity: 'error', expression: 'TRUE' },
          { id: 'k', kind: 'assert', severity: 'error', expression: 'TRUE' },
        ],
      })
      const dups = check(def).filter((d) => d.ruleId === 'core/duplicate-id')
      expect(dups.map((d) => d.place.pointer)).toEqual([
        '/sections/1/id',
        '/sections/0/columns/1/id',
        '/sections/0/rows/2/id',
        '/sections/1/items/1/id',
        '/constraints/1/id',
      ])
      expect(dups[2]?.message).toBe(
        "/sections/0/rows/2/id: row id 'r1' is already used at /sections/0/rows/0",
      )
    })
  })

  describe('formulas', () => {
    it('should report a syntax error naming the token, at the formula', () => {
      const def = template({
        sections: [grid({ columns: [num('c3', { formula: '=@.c4 + * 2' }), num('c4')] })],
      })
      const [d] = check(def)
      expect(d).toMatchObject({
        ruleId: 'core/formula-syntax',
        severity: 'error',
        place: { pointer: '/sections/0/columns/0/formula' },
      })
      expect(d?.message).toContain('"*"')
      expect(d?.message).toContain('=@.c4 + * 2')
    })

    it('should name unknown rows, columns and sections', () => {
      const def = template({
        sections: [
          grid({
            rows: [
              row('r1', {
                cells: { c3: { kind: 'formula', formula: '=r9.c4 + r1.c9 + other!r1.c3' } },
              }),
            ],
          }),
        ],
      })
      const ds = check(def)
      expect(ds.map((d) => d.ruleId)).toEqual([
        'core/unknown-reference',
        'core/unknown-reference',
        'core/unknown-reference',
      ])
      expect(ds.every((d) => d.place.pointer === '/sections/0/rows/0/cells/c3/formula')).toBe(true)
      expect(ds.map((d) => d.message.split(' in formula')[0])).toEqual([
        "/sections/0/rows/0/cells/c3/formula: reference r9.c4: unknown row 'r9' in section 'main'",
        "/sections/0/rows/0/cells/c3/formula: reference r1.c9: unknown column 'c9' in section 'main'",
        "/sections/0/rows/0/cells/c3/formula: reference other!r1.c3: unknown section 'other'",
      ])
    })

    it('should check both ends of a range and the argument of a period function', () => {
      const def = template({
        sections: [
          grid({ rows: [row('r1'), row('t', { formula: '=SUM(r1.@:r5.@) + PREV_PERIOD(zz.@)' })] }),
        ],
      })
      expect(
        check(def).map((d) => d.message.split(' in formula')[0]?.split(': ').slice(1).join(': ')),
      ).toEqual([
        "reference zz.@: unknown row 'zz' in section 'main'",
        "reference r5.@: unknown row 'r5' in section 'main'",
      ])
    })

    it('should accept references to another template without checking them', () => {
      const def = template({
        sections: [grid({ columns: [num('c3', { formula: "='II.06a/VPCP/KSTT'!main!tong.c3" })] })],
      })
      expect(check(def)).toEqual([])
    })

    it('should allow @ only where it has a meaning', () => {
      const def = template({
        sections: [
          grid({
            columns: [num('c3', { formula: '=r1.@' }), num('c4')],
            rows: [row('r1', { formula: '=@.c4' })],
          }),
        ],
        constraints: [{ id: 'k', kind: 'assert', severity: 'error', expression: '@.c3>0' }],
      })
      const ds = check(def).filter((d) => d.ruleId === 'core/unknown-reference')
      expect(ds.map((d) => d.place.pointer)).toEqual([
        '/sections/0/columns/0/formula',
        '/sections/0/rows/0/formula',
        '/constraints/0/expression',
      ])
      expect(ds[0]?.message).toContain('@ for the column is allowed only in')
      expect(ds[1]?.message).toContain('@ for the row is allowed only in')
    })

    it('should refuse @ that reaches into another section', () => {
      const def = template({
        sections: [grid(), grid({ id: 'other' })],
        constraints: [
          {
            id: 'k',
            kind: 'assert',
            severity: 'error',
            expression: 'other!@.c3>0',
            forEachRow: 'main',
          },
        ],
      })
      expect(found(def)).toEqual([['error', 'core/unknown-reference', '/constraints/0/expression']])
    })

    it('should refuse a reference to a narrative section, and a range across sections as syntax', () => {
      const def = template({
        formKind: 'linked',
        sections: [
          grid(),
          grid({ id: 'g2' }),
          { kind: 'narrative', id: 'n', title: 'N', items: [{ id: 'a', title: 'A' }] },
        ],
        constraints: [
          { id: 'k', kind: 'assert', severity: 'error', expression: 'n!r1.c3>0' },
          { id: 'm', kind: 'assert', severity: 'error', expression: 'SUM(main!r1.c3:g2!r2.c3)>0' },
        ],
      })
      const ds = check(def)
      expect(ds.map((d) => [d.ruleId, d.place.pointer])).toEqual([
        ['core/unknown-reference', '/constraints/0/expression'],
        ['core/formula-syntax', '/constraints/1/expression'],
      ])
      expect(ds[0]?.message).toContain("section 'n' is a narrative section, not a grid")
    })

    it('should name an unknown function', () => {
      const def = template({
        sections: [grid({ columns: [num('c3', { formula: '=TY_LE(@.c4, 2)' }), num('c4')] })],
      })
      const ds = check(def)
      expect(ds.map((d) => [d.ruleId, d.place.pointer])).toEqual([
        ['core/unknown-function', '/sections/0/columns/0/formula'],
      ])
      expect(ds[0]?.message).toContain('unknown function TY_LE')
    })

    it('should accept a function contributed by a plugin', () => {
      const withPlugin = createFunctionRegistry([
        defineFunction({ name: 'TY_LE', minArgs: 2, maxArgs: 2, evaluate: () => 0 }),
      ])
      const def = template({
        sections: [grid({ columns: [num('c3', { formula: '=TY_LE(@.c4, 2)' }), num('c4')] })],
      })
      expect(checkTemplate(def, withPlugin)).toEqual([])
      const wrong = template({
        sections: [grid({ columns: [num('c3', { formula: '=TY_LE(@.c4)' }), num('c4')] })],
      })
      expect(
        checkTemplate(wrong, withPlugin).map((d) => [d.ruleId, d.message.split(' in formula')[0]]),
      ).toEqual([
        ['core/function-arity', '/sections/0/columns/0/formula: TY_LE takes 2 argument(s), got 1'],
      ])
    })

    it('should say how many arguments a function takes', () => {
      const def = template({
        sections: [
          grid({ rows: [row('r1', { formula: '=ROUND(1, 2, 3) + IF(TRUE) + PREV_PERIOD()' })] }),
        ],
      })
      expect(
        check(def).map((d) => [d.ruleId, d.message.split(': ')[1]?.split(' in formula')[0]]),
      ).toEqual([
        ['core/function-arity', 'ROUND takes 1 to 2 argument(s), got 3'],
        ['core/function-arity', 'IF takes 2 to 3 argument(s), got 1'],
        ['core/function-arity', 'PREV_PERIOD takes 1 argument(s), got 0'],
      ])
    })

    it('should flag arithmetic on a text column', () => {
      const def = template({
        sections: [
          grid({
            columns: [
              text('c1'),
              text('c2', { formula: '=@.c1 + 1' }),
              num('c3', { formula: '=-@.c1 & "x"' }),
            ],
          }),
        ],
      })
      const ds = check(def)
      expect(ds.map((d) => [d.ruleId, d.place.pointer])).toEqual([
        ['core/type-mismatch', '/sections/0/columns/1/formula'],
        ['core/type-mismatch', '/sections/0/columns/2/formula'],
      ])
      expect(ds[0]?.message).toContain('arithmetic "+" on @.c1, a text column')
    })

    it('should check every constraint operand', () => {
      const def = withConstraints({
        id: 'k',
        kind: 'required-if',
        severity: 'warning',
        when: 'r1.c3 > 0',
        expression: 'r1.c4 > 0',
        cells: ['r1.c5', 'r9.c5'],
      })
      expect(found(def)).toEqual([['error', 'core/unknown-reference', '/constraints/0/cells/1']])
    })
  })

  describe('columns and cells', () => {
    it('should report type mismatches at their property', () => {
      const def = template({
        sections: [
          grid({
            columns: [
              { id: 'ch', header: ['x'], type: 'choice' },
              text('t', { decimals: 2, min: 0, max: 1, choices: ['a'] }),
              num('i', { decimals: 1, min: 10, max: 5 }),
            ],
            rows: [
              row('r1', {
                cells: {
                  ch: { kind: 'fixed' },
                  t: { kind: 'formula' },
                  i: { kind: 'input', formula: '=1', value: 3 },
                  zz: { kind: 'greyed' },
                },
              }),
              row('h', { kind: 'heading', formula: '=1' }),
            ],
          }),
        ],
      })
      expect(found(def)).toEqual([
        ['error', 'core/type-mismatch', '/sections/0/columns/0'],
        ['warning', 'core/type-mismatch', '/sections/0/columns/1/choices'],
        ['error', 'core/type-mismatch', '/sections/0/columns/1/decimals'],
        ['error', 'core/type-mismatch', '/sections/0/columns/1/min'],
        ['error', 'core/type-mismatch', '/sections/0/columns/1/max'],
        ['error', 'core/type-mismatch', '/sections/0/columns/2/decimals'],
        ['error', 'core/type-mismatch', '/sections/0/columns/2/min'],
        ['error', 'core/type-mismatch', '/sections/0/rows/0/cells/ch'],
        ['error', 'core/type-mismatch', '/sections/0/rows/0/cells/t'],
        ['error', 'core/type-mismatch', '/sections/0/rows/0/cells/i/formula'],
        ['warning', 'core/type-mismatch', '/sections/0/rows/0/cells/i/value'],
        ['error', 'core/unknown-reference', '/sections/0/rows/0/cells/zz'],
        [
          'error',
          'core/type-mismatch',
          '/sections/1/rows/1/formula'.replace('/sections/1', '/sections/0'),
        ],
      ])
    })

    it('should accept a choice column with choices and decimals on a number column', () => {
      const def = template({
        sections: [
          grid({
            columns: [
              { id: 'ch', header: ['x'], type: 'choice', choices: ['Có', 'Không'] },
              num('n', { type: 'number', decimals: 2, min: 0, max: 0 }),
            ],
          }),
        ],
      })
      expect(check(def)).toEqual([])
    })
  })

  describe('rows', () => {
    it('should warn about level jumps and totals with nothing to total', () => {
      const def = template({
        sections: [grid({ rows: [row('t', { kind: 'total' }), row('a', { level: 2 })] })],
      })
      expect(found(def)).toEqual([['warning', 'core/outline', '/sections/0/rows/1/level']])
      const lonely = template({
        sections: [grid({ rows: [row('a'), row('t', { kind: 'total' })] })],
      })
      expect(found(lonely)).toEqual([['warning', 'core/outline', '/sections/0/rows/1']])
    })

    it('should enforce dynamic-row rules', () => {
      const def = template({
        sections: [
          grid({
            rows: [
              row('t', { kind: 'total', dynamic: {} }),
              row('a', { level: 1, dynamic: { minRows: 3, maxRows: 2 } }),
              row('a_child', { level: 2 }),
              row('a_1', { level: 1 }),
            ],
          }),
        ],
      })
      const ds = check(def)
      expect(ds.map((d) => d.message.split(': ')[1])).toEqual([
        "only data rows can be dynamic; row 't' is a total row",
        "dynamic row 't' cannot have outline children (rows added to it would split them)",
        "dynamic row 'a' cannot have outline children (rows added to it would split them)",
        "minRows 3 is greater than maxRows 2 in row 'a'",
        "row id 'a_1' is reserved for rows added to dynamic row 'a'",
      ])
      expect(found(def)).toEqual([
        ['error', 'core/dynamic-row', '/sections/0/rows/0/dynamic'],
        ['error', 'core/dynamic-row', '/sections/0/rows/0/dynamic'],
        ['error', 'core/dynamic-row', '/sections/0/rows/1/dynamic'],
        ['error', 'core/dynamic-row', '/sections/0/rows/1/dynamic'],
        ['error', 'core/dynamic-row', '/sections/0/rows/3/id'],
      ])
    })
  })

  describe('constraints', () => {
    it('should require the fields each kind needs', () => {
      const def = withConstraints(
        { id: 'a', kind: 'assert', severity: 'error' },
        { id: 'b', kind: 'compare', severity: 'error', left: 'r1.c3' },
        { id: 'c', kind: 'required-if', severity: 'error' },
        { id: 'd', kind: 'both-or-neither', severity: 'error', cells: ['r1.c3'] },
        { id: 'e', kind: 'not-both', severity: 'error', cells: ['r1.c3', 'r1.c4'], tolerance: 1 },
      )
      expect(found(def)).toEqual([
        ['error', 'core/invalid-constraint', '/constraints/0'],
        ['error', 'core/invalid-constraint', '/constraints/1'],
        ['error', 'core/invalid-constraint', '/constraints/2'],
        ['error', 'core/invalid-constraint', '/constraints/3/cells'],
        ['warning', 'core/invalid-constraint', '/constraints/4/tolerance'],
      ])
    })

    it('should check the sections forEachRow and forEachColumn name', () => {
      const def = withConstraints(
        { id: 'a', kind: 'assert', severity: 'error', expression: '@.c3>=0', forEachRow: 'nope' },
        {
          id: 'b',
          kind: 'assert',
          severity: 'error',
          expression: 'TRUE',
          forEachRow: 'main',
          forEachColumn: 'other',
        },
      )
      expect(found(def)).toEqual([
        ['error', 'core/unknown-reference', '/constraints/0/forEachRow'],
        ['error', 'core/unknown-reference', '/constraints/1/forEachColumn'],
        ['error', 'core/invalid-constraint', '/constraints/1/forEachColumn'],
        ['error', 'core/unknown-reference', '/constraints/0/expression'],
      ])
    })
  })

  describe('narrative sections', () => {
    const narrative = (text: string, extra = {}): TemplateDefinition =>
      template({
        formKind: 'linked',
        sections: [
          grid(),
          {
            kind: 'narrative',
            id: 'n',
            title: 'Đề cương',
            items: [{ id: 'a', title: 'A', text, ...extra }],
          },
        ],
      })

    it('should accept embedded figures of this report', () => {
      expect(check(narrative('Tổng {{r1.c3}} và {{ main!r2.c4 }}'))).toEqual([])
    })

    it('should name embedded figures that do not exist', () => {
      const ds = check(narrative("{{r9.c3}} {{x!r1.c3}} {{r1 + 1}} {{'B/1'!main!r1.c3}}"))
      expect(ds.map((d) => [d.ruleId, d.place.pointer])).toEqual([
        ['core/unknown-reference', '/sections/1/items/0/text'],
        ['core/unknown-reference', '/sections/1/items/0/text'],
        ['core/formula-syntax', '/sections/1/items/0/text'],
        ['core/unknown-reference', '/sections/1/items/0/text'],
      ])
      expect(ds[0]?.message).toBe(
        "/sections/1/items/0/text: {{r9.c3}}: reference r9.c3: unknown row 'r9' in section 'main'",
      )
    })

    it('should have no grid to embed from in a narrative-only template', () => {
      const def = template({
        formKind: 'narrative',
        sections: [
          {
            kind: 'narrative',
            id: 'n',
            title: 'T',
            items: [{ id: 'a', title: 'A', text: '{{r1.c3}}' }],
          },
        ],
      })
      expect(check(def)[0]?.message).toContain('has no grid section to refer to')
    })

    it('should check length limits and flag limits on items the reporter does not write', () => {
      expect(found(narrative('', { input: true, minLength: 10, maxLength: 5 }))).toEqual([
        ['error', 'core/type-mismatch', '/sections/1/items/0/minLength'],
      ])
      expect(found(narrative('', { required: true, maxLength: 5 }))).toEqual([
        ['warning', 'core/type-mismatch', '/sections/1/items/0/required'],
        ['warning', 'core/type-mismatch', '/sections/1/items/0/maxLength'],
      ])
    })
  })

  describe('form kind', () => {
    it('should warn when the sections do not match formKind', () => {
      const narrative = {
        kind: 'narrative' as const,
        id: 'n',
        title: 'T',
        items: [{ id: 'a', title: 'A' }],
      }
      expect(check(template({ sections: [grid(), narrative] }))).toEqual([
        expect.objectContaining({
          ruleId: 'core/form-kind',
          severity: 'warning',
          place: { pointer: '/formKind' },
        }),
      ])
      expect(check(template({ formKind: 'narrative' }))[0]?.message).toBe(
        '/formKind: a narrative template should have only narrative sections, this one has grid sections',
      )
      expect(check(template({ formKind: 'linked' }))[0]?.message).toContain(
        'both grid and narrative sections',
      )
    })
  })
})
