import { describe, expect, it } from 'vitest'
import {
  loadTemplate,
  type ResolvedGridSection,
  type TemplateDefinition,
} from '../../../core/index.js'
import { cellPlace } from './cell-place.js'

const definition: TemplateDefinition = {
  code: 'T.01',
  name: 'Thử',
  version: '1.0',
  status: 'draft',
  regimeKind: 'dinh-ky',
  periodType: 'month',
  cutoff: { rule: 'nd09' },
  formKind: 'numeric',
  constraints: [],
  sections: [
    {
      kind: 'grid',
      id: 'main',
      columns: [
        { id: 'c1', header: ['Hình thức', 'Họp trực tiếp'], type: 'number' },
        { id: 'c2', header: [''], number: '(2)', type: 'number' },
      ],
      rows: [
        { id: 'r1', label: 'Họp giao ban', level: 0 },
        { id: 'r2', label: '', code: 'A', level: 0 },
        { id: 'r3', label: '', level: 0 },
      ],
    },
  ],
}

function grid(): ResolvedGridSection {
  const r = loadTemplate(definition)
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '))
  return r.template.sections[0] as ResolvedGridSection
}

describe('cellPlace', () => {
  it('names a cell by its row label and lowest column header', () => {
    expect(cellPlace(grid(), 'r1', 'c1')).toBe('Họp giao ban · Họp trực tiếp')
    expect(cellPlace(grid(), 'r1')).toBe('Họp giao ban')
  })

  it('falls back to the row code, the column number, then the ids', () => {
    expect(cellPlace(grid(), 'r2', 'c2')).toBe('A · (2)')
    expect(cellPlace(grid(), 'r3', 'zz')).toBe('r3 · zz')
  })
})
