import { describe, expect, it } from 'vitest'
import { createFunctionRegistry, defineFunction } from '../formula/index.js'
import { loadTemplate } from './load-template.js'
import { grid, num, row, template } from './test-fixtures.js'

describe('loadTemplate', () => {
  it('should resolve a valid template and keep its warnings', () => {
    const def = template({
      sections: [grid({ rows: [row('t', { kind: 'total' }), row('a', { level: 2 })] })],
    })
    const r = loadTemplate(def)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.template.code).toBe('TEST/01')
    expect(r.template.version).toBe('1.0')
    expect(r.template.definition).toBe(def)
    expect(r.template.sectionIndex.get('main')?.kind).toBe('grid')
    expect(r.diagnostics.map((d) => [d.severity, d.ruleId])).toEqual([['warning', 'core/outline']])
  })

  it('should stop at schema errors', () => {
    const r = loadTemplate({ ...template(), sections: [] })
    expect(r).toEqual({
      ok: false,
      diagnostics: [
        expect.objectContaining({ ruleId: 'core/schema', place: { pointer: '/sections' } }),
      ],
    })
  })

  it('should stop at semantic errors and return the warnings with them', () => {
    const def = template({
      formKind: 'linked',
      sections: [grid({ columns: [num('c3', { formula: '=NOPE()' })] })],
    })
    const r = loadTemplate(def)
    expect(r.ok).toBe(false)
    expect(r.diagnostics.map((d) => d.ruleId).sort()).toEqual([
      'core/form-kind',
      'core/unknown-function',
    ])
  })

  it('should find circular references and point at the formula that makes them', () => {
    const def = template({
      sections: [
        grid({
          columns: [num('c3', { formula: '=@.c4+1' }), num('c4', { formula: '=@.c3*2' })],
          rows: [row('r1')],
        }),
      ],
    })
    const r = loadTemplate(def)
    expect(r.ok).toBe(false)
    const [d, ...more] = r.diagnostics
    expect(more).toEqual([])
    expect(d?.ruleId).toBe('core/circular-reference')
    expect(d?.message).toContain('main!r1.c3')
    expect(d?.message).toContain('main!r1.c4')
    expect(['/sections/0/columns/0/formula', '/sections/0/columns/1/formula']).toContain(
      d?.place.pointer,
    )
  })

  it('should use the functions it is given', () => {
    const functions = createFunctionRegistry([
      defineFunction({ name: 'TY_LE', minArgs: 2, maxArgs: 2, evaluate: () => 1 }),
    ])
    const def = template({
      sections: [grid({ columns: [num('c3', { formula: '=TY_LE(@.c4, 100)' }), num('c4')] })],
    })
    expect(loadTemplate(def).ok).toBe(false)
    expect(loadTemplate(def, { functions }).ok).toBe(true)
  })

  it('should resolve constraints with the template', () => {
    const def = template({
      constraints: [
        {
          id: 'k',
          kind: 'compare',
          severity: 'warning',
          left: '@.c3',
          right: '@.c4+@.c5',
          forEachRow: 'main',
        },
      ],
    })
    const r = loadTemplate(def)
    expect(r.ok && r.template.constraints.map((c) => [c.id, c.check])).toEqual([
      ['k_r1', 'main!r1.c3=main!r1.c4+main!r1.c5'],
      ['k_r2', 'main!r2.c3=main!r2.c4+main!r2.c5'],
    ])
  })
})
