/**
 * The generated formulas evaluated by the real sheet: a rule must fail exactly when the
 * designer's constraint says the data is wrong.
 */
import { describe, expect, it } from 'vitest'
import type { Constraint, GridSection } from '../../schemas/generated/index.js'
import type { Scalar } from '../formula/index.js'
import { createWorkbook } from '../sheet/index.js'
import { loadTemplate } from '../template/load-template.js'
import { grid, num, row, template } from '../template/test-fixtures.js'

function failing(
  constraints: Constraint[],
  values: Record<string, Scalar>,
  section: GridSection = grid(),
): string[] {
  const r = loadTemplate(template({ sections: [section], constraints }))
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'))
  const book = createWorkbook(r.template)
  book.setMany(Object.entries(values).map(([k, v]) => [`main!${k}`, v] as const))
  return book
    .diagnostics()
    .filter((d) => d.ruleId.startsWith('template/') || d.ruleId === 'core/sum-children')
    .map((d) => d.ruleId)
}

const c = (extra: Partial<Constraint> & Pick<Constraint, 'kind'>): Constraint => ({
  id: 'k',
  severity: 'error',
  ...extra,
})

describe('generated constraint formulas, evaluated', () => {
  it('should hold a compare within its absolute tolerance and fail beyond it', () => {
    const rule = c({ kind: 'compare', left: 'r1.c3', right: 'r1.c4+r1.c5', tolerance: 0.5 })
    expect(failing([rule], { 'r1.c3': 10, 'r1.c4': 4, 'r1.c5': 5.6 })).toEqual([])
    expect(failing([rule], { 'r1.c3': 10, 'r1.c4': 4, 'r1.c5': 5.4 })).toEqual(['template/k'])
  })

  it('should scale a relative tolerance with the right side', () => {
    const rule = c({ kind: 'compare', left: 'r1.c3', right: 'r1.c4', relativeTolerance: 0.1 })
    expect(failing([rule], { 'r1.c3': 105, 'r1.c4': 100 })).toEqual([])
    expect(failing([rule], { 'r1.c3': 115, 'r1.c4': 100 })).toEqual(['template/k'])
  })

  it('should compare 0.1 + 0.2 with 0.3 exactly', () => {
    const section = grid({
      columns: [
        num('c3', { type: 'number' }),
        num('c4', { type: 'number' }),
        num('c5', { type: 'number' }),
      ],
    })
    const rule = c({ kind: 'compare', left: 'r1.c3', right: 'r1.c4+r1.c5' })
    expect(failing([rule], { 'r1.c3': 0.3, 'r1.c4': 0.1, 'r1.c5': 0.2 }, section)).toEqual([])
  })

  it('should follow the missing-value strategy', () => {
    const base = { kind: 'compare' as const, left: 'r1.c3', right: 'r1.c4' }
    expect(failing([c({ ...base, missing: 'zero' })], { 'r1.c3': 0 })).toEqual([])
    expect(failing([c({ ...base, missing: 'skip' })], { 'r1.c3': 5 })).toEqual([])
    expect(failing([c({ ...base, missing: 'skip' })], { 'r1.c3': 5, 'r1.c4': 4 })).toEqual([
      'template/k',
    ])
    expect(failing([c({ ...base, missing: 'fail' })], { 'r1.c3': 0 })).toEqual(['template/k'])
    expect(failing([c({ ...base, missing: 'fail' })], { 'r1.c3': 0, 'r1.c4': 0 })).toEqual([])
  })

  it('should require targets only when the condition holds', () => {
    const rule = c({ kind: 'required-if', when: 'r1.c3 > 0', cells: ['r1.c4'] })
    expect(failing([rule], { 'r1.c3': 0 })).toEqual([])
    expect(failing([rule], { 'r1.c3': 1 })).toEqual(['template/k'])
    expect(failing([rule], { 'r1.c3': 1, 'r1.c4': 0 })).toEqual([])
  })

  it('should apply the pair rules', () => {
    const both = c({ kind: 'both-or-neither', cells: ['r1.c3', 'r1.c4'] })
    expect(failing([both], {})).toEqual([])
    expect(failing([both], { 'r1.c3': 1 })).toEqual(['template/k'])
    expect(failing([both], { 'r1.c3': 1, 'r1.c4': 2 })).toEqual([])
    const notBoth = c({ kind: 'not-both', cells: ['r1.c3', 'r1.c4', 'r1.c5'] })
    expect(failing([notBoth], { 'r1.c5': 1 })).toEqual([])
    expect(failing([notBoth], { 'r1.c3': 1, 'r1.c5': 1 })).toEqual(['template/k'])
  })

  it('should check an entered parent against its children', () => {
    const section = grid({
      sumChildren: true,
      rows: [row('p'), row('a', { level: 1 }), row('b', { level: 1 })],
    })
    expect(failing([], { 'p.c3': 9, 'a.c3': 4, 'b.c3': 5 }, section)).toEqual([])
    expect(failing([], { 'p.c3': 10, 'a.c3': 4, 'b.c3': 5 }, section)).toEqual([
      'core/sum-children',
    ])
  })
})
