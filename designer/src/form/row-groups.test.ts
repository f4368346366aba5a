import { describe, expect, it } from 'vitest'
import { createWorkbook, loadTemplate, type ResolvedGridSection } from '../../../core/index.js'
import { groupOf, nextRowId } from './row-groups.js'

const loaded = loadTemplate({
  code: 'X',
  name: 'X',
  version: '1',
  status: 'draft',
  regimeKind: 'dinh-ky',
  periodType: 'month',
  formKind: 'numeric',
  sections: [
    {
      kind: 'grid',
      id: 'main',
      columns: [
        { id: 'ten', header: ['Tên'], type: 'text' },
        { id: 'so', header: ['Số'], type: 'number' },
      ],
      rows: [
        { id: 'tong', label: 'Tổng', kind: 'total', level: 0 },
        { id: 'ds', code: '1', label: 'Đơn vị', level: 1, dynamic: { minRows: 1, maxRows: 3 } },
        { id: 'khac', label: 'Khác', level: 1 },
      ],
    },
  ],
})
if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'))
const template = loaded.template

function section(added: string[]): ResolvedGridSection {
  const s = createWorkbook(template, { dynamicRows: { main: added } }).template.sectionIndex.get(
    'main',
  )
  if (s?.kind !== 'grid') throw new Error('no grid section main')
  return s
}

describe('row groups of the sheet', () => {
  it('applies the min and max limits of the group, counting the dynamic row', () => {
    expect(groupOf(section([]), 'ds')).toMatchObject({ canAdd: true, canRemove: false, added: [] })
    expect(groupOf(section(['ds_1']), 'ds_1')).toMatchObject({
      canAdd: true,
      canRemove: true,
      added: ['ds_1'],
    })
    expect(groupOf(section(['ds_1', 'ds_2']), 'ds_2')).toMatchObject({
      canAdd: false,
      canRemove: true,
    })
    expect(groupOf(section(['ds_1', 'ds_2']), 'ds')).toMatchObject({ canRemove: false })
    expect(groupOf(section(['ds_1']), 'khac')).toBeUndefined()
    expect(groupOf(section(['ds_1']), 'tong')).toBeUndefined()
  })

  it('numbers new rows after the highest existing one of the same group', () => {
    expect(nextRowId('ds', ['ds_1', 'ds_4', 'x_9', 'ds_x'])).toBe('ds_5')
    expect(nextRowId('tinh_lv', ['tinh_lv_12'])).toBe('tinh_lv_13')
    expect(nextRowId('a', ['a_1_2'])).toBe('a_1')
  })
})
