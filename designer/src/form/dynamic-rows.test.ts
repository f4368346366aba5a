import { describe, expect, it } from 'vitest'
import type { GridSection, TemplateDefinition } from '../../../schemas/generated/index.js'
import { baseOf, expandDynamicRows, groupOf, nextRowId } from './dynamic-rows.js'

const grid: GridSection = {
  kind: 'grid',
  id: 'main',
  columns: [{ id: 'ten', header: ['Tên'], type: 'text' }, { id: 'so', header: ['Số'], type: 'number' }],
  rows: [
    { id: 'tong', label: 'Tổng', kind: 'total', level: 0 },
    { id: 'ds', code: '1', label: 'Đơn vị', level: 1, dynamic: { minRows: 1, maxRows: 3 } },
    { id: 'khac', label: 'Khác', level: 1 },
  ],
}
const def: TemplateDefinition = {
  code: 'X',
  name: 'X',
  version: '1',
  status: 'draft',
  regimeKind: 'dinh-ky',
  periodType: 'month',
  formKind: 'numeric',
  sections: [grid],
}

describe('dynamic rows', () => {
  it('inserts added rows after their base row, without the dynamic marker and code', () => {
    const out = expandDynamicRows(def, { main: ['ds_1', 'ds_2'] })
    const rows = (out.sections[0] as GridSection).rows
    expect(rows.map((r) => r.id)).toEqual(['tong', 'ds', 'ds_1', 'ds_2', 'khac'])
    expect(rows[2]).toEqual({ id: 'ds_1', label: 'Đơn vị', level: 1 })
    expect(expandDynamicRows(def, {})).toBe(def)
  })

  it('applies the min and max limits of the group', () => {
    expect(groupOf(grid, [], 'ds')).toMatchObject({ canAdd: true, canRemove: false, added: [] })
    expect(groupOf(grid, ['ds_1', 'ds_2'], 'ds_2')).toMatchObject({ canAdd: false, canRemove: true })
    expect(groupOf(grid, ['ds_1'], 'khac')).toBeUndefined()
  })

  it('numbers new rows after the highest existing one', () => {
    expect(nextRowId('ds', ['ds_1', 'ds_4', 'x_9'])).toBe('ds_5')
    expect(baseOf('tinh_lv_12')).toBe('tinh_lv')
    expect(baseOf('tong')).toBeUndefined()
  })
})
