/**
 * Small template definitions for tests of template/, rules/ and narrative/. Not exported from
 * core: each test spells out what it changes.
 */
import type { Column, GridSection, Row, TemplateDefinition } from '../../schemas/generated/index.js'

export const num = (id: string, extra: Partial<Column> = {}): Column => ({
  id,
  header: [id],
  type: 'integer',
  ...extra,
})
export const text = (id: string, extra: Partial<Column> = {}): Column => ({
  id,
  header: [id],
  type: 'text',
  ...extra,
})
export const row = (id: string, extra: Partial<Row> = {}): Row => ({ id, label: id, ...extra })

export function grid(extra: Partial<GridSection> = {}): GridSection {
  return {
    kind: 'grid',
    id: 'main',
    columns: [text('c1'), num('c3'), num('c4'), num('c5')],
    rows: [row('r1'), row('r2')],
    ...extra,
  }
}

export function template(extra: Partial<TemplateDefinition> = {}): TemplateDefinition {
  return {
    code: 'TEST/01',
    name: 'Biểu thử nghiệm',
    version: '1.0',
    status: 'draft',
    regimeKind: 'dinh-ky',
    periodType: 'quarter',
    formKind: 'numeric',
    sections: [grid()],
    ...extra,
  }
}
