import { describe, expect, it } from 'vitest'
import { loadTemplate, type TemplateDefinition } from '../../core/index.js'
import { externalNeeds, readsCell } from './external-values.js'

function template(formulas: Record<string, string>, constraint?: string) {
  const doc = {
    code: 'T/1',
    name: 'Thử',
    version: '1.0',
    status: 'draft',
    regimeKind: 'dinh-ky',
    periodType: 'quarter',
    formKind: 'numeric',
    sections: [
      {
        kind: 'grid',
        id: 'main',
        columns: [
          { id: 'c1', header: ['Số'], type: 'number' },
          ...Object.entries(formulas).map(([id, formula]) => ({
            id,
            header: [id],
            type: 'number',
            formula,
          })),
        ],
        rows: [{ id: 'r1', label: 'Dòng' }],
      },
    ],
    constraints:
      constraint === undefined
        ? []
        : [{ id: 'k', kind: 'assert', severity: 'warning', expression: constraint, message: 'x' }],
  } as unknown as TemplateDefinition
  const loaded = loadTemplate(doc)
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics))
  return loaded.template
}

describe('externalNeeds', () => {
  it('lists the template codes each kind of external read asks for', () => {
    const t = template(
      {
        c2: '=PREV_PERIOD(@.c1)+YEAR_TO_DATE(@.c1)',
        c3: `=CHILD_VALUE("X", 'B/2'!main!r1.c1)+'C/3'!main!r1.c9`,
      },
      'SAME_PERIOD_LAST_YEAR(r1.c1)>=0',
    )
    const needs = Object.fromEntries([...externalNeeds(t)].map(([k, v]) => [k, [...v].sort()]))
    expect(needs).toEqual({
      'prev-period': ['T/1'],
      'year-to-date': ['T/1'],
      'child-unit': ['B/2'],
      'other-template': ['C/3'],
      'same-period-last-year': ['T/1'],
    })
  })

  it('bounds what the browser is sent to the cells the formulas read, and their added rows', () => {
    const reads = readsCell(template({ c2: '=PREV_PERIOD(@.c1)', c3: `='B/2'!main!r1.c9` }))
    expect(reads('T/1', 'main!r1.c1')).toBe(true)
    expect(reads('T/1', 'main!r1_2.c1')).toBe(true)
    expect(reads('T/1', 'main!r1.c2')).toBe(false)
    expect(reads('T/1', 'main!r10.c1')).toBe(false)
    expect(reads('B/2', 'main!r1.c9')).toBe(true)
    expect(reads('B/2', 'main!r1.c1')).toBe(false)
  })

  it('is empty for a template that reads nothing from outside', () => {
    expect(externalNeeds(template({ c2: '=@.c1*2' })).size).toBe(0)
  })
})
