import { describe, expect, it } from 'vitest'
import type { Constraint, GridSection, TemplateDefinition } from '../../schemas/generated/index.js'
import { resolveGridSection } from '../template/resolve-grid.js'
import { grid, num, row, template, text } from '../template/test-fixtures.js'
import type { ResolvedConstraint, ResolvedSection } from '../template/types.js'
import { resolveConstraints } from './resolve-constraints.js'

function resolve(
  constraints: Constraint[],
  sections: GridSection[] = [grid()],
  extra: Partial<TemplateDefinition> = {},
): ResolvedConstraint[] {
  const def = template({ sections, constraints, ...extra })
  const resolved: ResolvedSection[] = sections.map((s, i) => resolveGridSection(s, i))
  return resolveConstraints(def, resolved)
}

const c = (extra: Partial<Constraint> & Pick<Constraint, 'kind'>): Constraint => ({
  id: 'k',
  severity: 'error',
  ...extra,
})
const checks = (rs: ResolvedConstraint[]): Array<[string, string, string | undefined]> =>
  rs.map((r) => [r.id, r.check, r.when])

describe('resolveConstraints', () => {
  describe('compare', () => {
    it('should write left op right with section-qualified references and a message showing both', () => {
      const [r, ...more] = resolve([c({ kind: 'compare', left: 'r1.c3', right: 'r1.c4 + r1.c5' })])
      expect(more).toEqual([])
      expect(r).toEqual({
        id: 'k',
        ruleId: 'template/k',
        severity: 'error',
        kind: 'compare',
        check: 'main!r1.c3=main!r1.c4+main!r1.c5',
        operands: { left: 'main!r1.c3', right: 'main!r1.c4+main!r1.c5' },
        message: '(main!r1.c3 = {left}) phải bằng (main!r1.c4+main!r1.c5 = {right})',
        place: { section: 'main', row: 'r1', col: 'c3' },
        pointer: '/constraints/0',
      })
    })

    it('should turn tolerances into ABS differences', () => {
      const rs = resolve([
        c({ id: 'a', kind: 'compare', left: 'r1.c3', right: 'r1.c4', tolerance: 0.5 }),
        c({
          id: 'b',
          kind: 'compare',
          left: 'r1.c3',
          right: 'r1.c4-r1.c5',
          relativeTolerance: 0.01,
        }),
        c({
          id: 'c',
          kind: 'compare',
          left: 'r1.c3',
          right: 'r1.c4',
          tolerance: 1,
          relativeTolerance: 0.05,
        }),
        c({
          id: 'd',
          kind: 'compare',
          left: 'r1.c3',
          operator: '<>',
          right: 'r1.c4',
          tolerance: 1,
        }),
        c({
          id: 'e',
          kind: 'compare',
          left: 'r1.c3',
          operator: '<=',
          right: 'r1.c4',
          tolerance: 1,
        }),
        c({ id: 'f', kind: 'compare', left: 'r1.c3', operator: '>', right: 'r1.c4', tolerance: 1 }),
        c({
          id: 'g',
          kind: 'compare',
          left: 'r1.c3',
          operator: '>=',
          right: 'r1.c4',
          tolerance: 0,
        }),
      ])
      expect(rs.map((r) => r.check)).toEqual([
        'ABS(main!r1.c3-main!r1.c4)<=0.5',
        'ABS(main!r1.c3-(main!r1.c4-main!r1.c5))<=0.01*ABS(main!r1.c4-main!r1.c5)',
        'ABS(main!r1.c3-main!r1.c4)<=MAX(1, 0.05*ABS(main!r1.c4))',
        'ABS(main!r1.c3-main!r1.c4)>1',
        'main!r1.c3<=main!r1.c4+1',
        'main!r1.c3>main!r1.c4-1',
        'main!r1.c3>=main!r1.c4',
      ])
      expect(rs[0]?.message).toBe(
        '(main!r1.c3 = {left}) phải bằng (main!r1.c4 = {right}), sai số cho phép 0,5',
      )
      expect(rs[1]?.message).toMatch(/sai số cho phép 1%$/)
      expect(rs[2]?.message).toMatch(/sai số cho phép 1 hoặc 5%$/)
      expect(rs[3]?.message).toContain('phải khác')
      expect(rs[6]?.message).toBe(
        '(main!r1.c3 = {left}) phải lớn hơn hoặc bằng (main!r1.c4 = {right})',
      )
    })

    it('should keep the designer message and references to other sections and templates', () => {
      const [r] = resolve(
        [
          c({
            kind: 'compare',
            left: "'II.06a/VPCP/KSTT'!main!r1.c3",
            right: 'g2!r2.c3',
            message: 'Lệch: {left} / {right}',
          }),
        ],
        [grid(), grid({ id: 'g2' })],
      )
      expect(r?.check).toBe("'II.06a/VPCP/KSTT'!main!r1.c3=g2!r2.c3")
      expect(r?.message).toBe('Lệch: {left} / {right}')
      // The place is the first cell of this report the rule reads.
      expect(r?.place).toEqual({ section: 'g2', row: 'r2', col: 'c3' })
    })
  })

  describe('expansion', () => {
    const sections = [
      grid({
        columns: [text('c1'), num('c3'), num('c4'), num('rate', { type: 'percent' })],
        rows: [
          row('t', { kind: 'total' }),
          row('h', { kind: 'heading', level: 1 }),
          row('a', { level: 2 }),
          row('b', { level: 2, cells: { c4: { kind: 'greyed' } } }),
        ],
      }),
    ]

    it('should expand forEachRow over data rows, skipping rows where a read cell is greyed', () => {
      const rs = resolve(
        [c({ kind: 'compare', left: '@.c3', operator: '>=', right: '@.c4', forEachRow: 'main' })],
        sections,
      )
      expect(checks(rs)).toEqual([['k_a', 'main!a.c3>=main!a.c4', undefined]])
      expect(rs[0]?.place).toEqual({ section: 'main', row: 'a', col: 'c3' })
    })

    it('should expand forEachColumn over numeric columns', () => {
      const rs = resolve(
        [c({ kind: 'assert', expression: 't.@ >= 0', forEachColumn: 'main' })],
        sections,
      )
      expect(checks(rs)).toEqual([
        ['k_c3', 'main!t.c3>=0', undefined],
        ['k_c4', 'main!t.c4>=0', undefined],
        ['k_rate', 'main!t.rate>=0', undefined],
      ])
    })

    it('should expand both ways at once', () => {
      const rs = resolve(
        [c({ kind: 'assert', expression: '@.@ >= 0', forEachRow: 'main', forEachColumn: 'main' })],
        sections,
      )
      expect(rs.map((r) => r.id)).toEqual(['k_a_c3', 'k_a_c4', 'k_a_rate', 'k_b_c3', 'k_b_rate'])
    })

    it('should keep expanded ids unique next to the designer ids', () => {
      const rs = resolve([
        c({ id: 'k', kind: 'assert', expression: '@.c3>=0', forEachRow: 'main' }),
        c({ id: 'k_r1', kind: 'assert', expression: 'TRUE' }),
      ])
      expect(rs.map((r) => r.id)).toEqual(['k_r1_2', 'k_r2', 'k_r1'])
    })

    it('should place an expanded rule without references at its row', () => {
      const [r] = resolve([c({ kind: 'assert', expression: 'TRUE', forEachRow: 'main' })])
      expect(r?.place).toEqual({ section: 'main', row: 'r1' })
    })
  })

  describe('missing values and preconditions', () => {
    const sections = [
      grid({ columns: [num('c3', { formula: '=@.c4+@.c5' }), num('c4'), num('c5')] }),
    ]

    it('should leave zero as plain arithmetic', () => {
      const [r] = resolve(
        [c({ kind: 'compare', left: 'r1.c4', right: 'r1.c5', missing: 'zero' })],
        sections,
      )
      expect([r?.check, r?.when]).toEqual(['main!r1.c4=main!r1.c5', undefined])
    })

    it('should skip the rule while a read input is blank (not formula cells)', () => {
      const [r] = resolve(
        [
          c({
            kind: 'compare',
            left: 'r1.c3',
            operator: '>=',
            right: 'r1.c4',
            when: 'r1.c5 > 0',
            missing: 'skip',
          }),
        ],
        sections,
      )
      expect(r?.check).toBe('main!r1.c3>=main!r1.c4')
      expect(r?.when).toBe('AND(main!r1.c5>0, NOT(ISBLANK(main!r1.c4)))')
    })

    it('should fail the rule while a read input is blank', () => {
      const [r] = resolve(
        [c({ kind: 'assert', expression: 'r1.c4 + r1.c5 > 0', missing: 'fail' })],
        sections,
      )
      expect(r?.check).toBe(
        'AND(NOT(ISBLANK(main!r1.c4)), NOT(ISBLANK(main!r1.c5)), main!r1.c4+main!r1.c5>0)',
      )
    })

    it('should qualify the precondition', () => {
      const [r] = resolve(
        [c({ kind: 'assert', expression: 'r1.c4>0', when: 'r2.c4 <> 0' })],
        sections,
      )
      expect(r?.when).toBe('main!r2.c4<>0')
    })
  })

  describe('assert', () => {
    it('should list the cells it reads as operands', () => {
      const [r] = resolve([c({ kind: 'assert', expression: 'r1.c3 >= r1.c4 * 2' })])
      expect(r?.operands).toEqual({ 'main!r1.c3': 'main!r1.c3', 'main!r1.c4': 'main!r1.c4' })
      expect(r?.message).toBe('Điều kiện không thỏa mãn: main!r1.c3>=main!r1.c4*2 ({values})')
    })

    it('should not promise values when it reads no cell', () => {
      const [r] = resolve([c({ kind: 'assert', expression: '1 > 2' })])
      expect([r?.message, r?.place]).toEqual(['Điều kiện không thỏa mãn: 1>2', { section: 'main' }])
    })
  })

  describe('cell rules', () => {
    it('should require targets when the condition holds, from when and expression', () => {
      const [r] = resolve([
        c({
          kind: 'required-if',
          when: 'r1.c3 > 0',
          expression: 'r1.c5 = 1',
          cells: ['r1.c4', 'r2.c4'],
        }),
      ])
      expect(r?.check).toBe('AND(NOT(ISBLANK(main!r1.c4)), NOT(ISBLANK(main!r2.c4)))')
      expect(r?.when).toBe('AND(main!r1.c3>0, main!r1.c5=1)')
      expect(r?.message).toBe(
        'Phải nhập main!r1.c4, main!r2.c4 khi AND(main!r1.c3>0, main!r1.c5=1) ({values})',
      )
      expect(r?.place).toEqual({ section: 'main', row: 'r1', col: 'c4' })
    })

    it('should spell out a range of targets and allow no condition', () => {
      const [r] = resolve([c({ kind: 'required-if', cells: ['r2.c4:r1.c3'] })])
      expect(r?.check).toBe(
        'AND(NOT(ISBLANK(main!r1.c3)), NOT(ISBLANK(main!r1.c4)), NOT(ISBLANK(main!r2.c3)), NOT(ISBLANK(main!r2.c4)))',
      )
      expect([r?.when, r?.message]).toEqual([
        undefined,
        'Phải nhập main!r1.c3, main!r1.c4, main!r2.c3, main!r2.c4',
      ])
    })

    it('should write both-or-neither as all filled or all blank', () => {
      const [r] = resolve([c({ kind: 'both-or-neither', cells: ['r1.c3', 'r1.c4'] })])
      expect(r?.check).toBe(
        'OR(AND(NOT(ISBLANK(main!r1.c3)), NOT(ISBLANK(main!r1.c4))), AND(ISBLANK(main!r1.c3), ISBLANK(main!r1.c4)))',
      )
      expect(r?.message).toBe('Phải nhập đủ main!r1.c3, main!r1.c4 hoặc để trống tất cả ({values})')
      expect(r?.operands).toEqual({ 'main!r1.c3': 'main!r1.c3', 'main!r1.c4': 'main!r1.c4' })
    })

    it('should write not-both as no two filled', () => {
      const [r] = resolve([c({ kind: 'not-both', cells: ['r1.c3', 'r1.c4', 'r1.c5'] })])
      expect(r?.check).toBe(
        'AND(NOT(AND(NOT(ISBLANK(main!r1.c3)), NOT(ISBLANK(main!r1.c4)))), NOT(AND(NOT(ISBLANK(main!r1.c3)), NOT(ISBLANK(main!r1.c5)))), NOT(AND(NOT(ISBLANK(main!r1.c4)), NOT(ISBLANK(main!r1.c5)))))',
      )
      expect(r?.message).toBe(
        'Không được nhập đồng thời main!r1.c3, main!r1.c4, main!r1.c5 ({values})',
      )
    })

    it('should drop cell rules without enough cells they can name', () => {
      expect(
        resolve([
          c({ kind: 'not-both', cells: ['r1.c3', 'r1.c3 + 1'] }),
          c({ id: 'b', kind: 'required-if', cells: ['r1.c3:r9.c3'] }),
        ]),
      ).toEqual([])
    })
  })

  describe('what cannot be resolved', () => {
    it('should drop constraints that do not parse or miss their operands', () => {
      expect(
        resolve([
          c({ kind: 'compare', left: 'r1.c3 +', right: '1' }),
          c({ id: 'b', kind: 'compare', left: 'r1.c3' }),
          c({ id: 'd', kind: 'assert' }),
          c({ id: 'e', kind: 'required-if', cells: ['(('] }),
        ]),
      ).toEqual([])
    })

    it('should give nothing without a grid section to read', () => {
      expect(
        resolveConstraints(
          template({ constraints: [c({ kind: 'assert', expression: 'TRUE' })] }),
          [],
        ),
      ).toEqual([])
    })
  })

  describe('sum of children', () => {
    const sections = [
      grid({
        sumChildren: true,
        columns: [
          text('c1'),
          num('c3'),
          num('c4', { formula: '=@.c3*2' }),
          num('rate', { type: 'percent' }),
        ],
        rows: [
          row('r1'),
          row('h', { kind: 'heading', level: 1 }),
          row('r2', { level: 2 }),
          row('r3', { level: 1 }),
          row('t', { kind: 'total' }),
          row('r4', { level: 1 }),
        ],
      }),
    ]

    it('should check input parents in summable columns, looking through headings', () => {
      const rs = resolve([], sections)
      expect(rs).toEqual([
        {
          id: 'sum_children_main_r1_c3',
          ruleId: 'core/sum-children',
          severity: 'error',
          kind: 'sum-children',
          check: 'main!r1.c3=main!r2.c3+main!r3.c3',
          operands: { parent: 'main!r1.c3', children: 'main!r2.c3+main!r3.c3' },
          message: 'Tổng số (main!r1.c3 = {parent}) phải bằng (main!r2.c3+main!r3.c3 = {children})',
          place: { section: 'main', row: 'r1', col: 'c3' },
          pointer: '/sections/0/rows/0',
        },
      ])
    })

    it('should generate nothing unless the section asks for it', () => {
      expect(resolve([], [{ ...sections[0]!, sumChildren: false }])).toEqual([])
    })
  })
})
