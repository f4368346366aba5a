import { describe, expect, it } from 'vitest'
import { loadTemplate, type ResolvedGridSection } from '../../../core/index.js'
import { buildLayout } from './layout.js'

const labels = { code: 'STT', label: 'Chỉ tiêu', unit: 'ĐVT' }

function section(def: unknown): ResolvedGridSection {
  const r = loadTemplate(def)
  if (!r.ok)
    throw new Error(r.diagnostics.map((d) => `${d.place.pointer}: ${d.message}`).join('; '))
  return r.template.sections[0] as ResolvedGridSection
}

const base = {
  code: 'X',
  name: 'X',
  version: '1',
  status: 'draft',
  regimeKind: 'dinh-ky',
  periodType: 'month',
  formKind: 'numeric',
}

describe('buildLayout', () => {
  it('puts merged header rows on top, a number row, and lead columns spanning the header rows', () => {
    const s = section({
      ...base,
      sections: [
        {
          kind: 'grid',
          id: 'main',
          columns: [
            { id: 'a', header: ['Số hồ sơ', 'Tiếp nhận'], number: '(1)', type: 'integer' },
            { id: 'b', header: ['Số hồ sơ', 'Giải quyết'], number: '(2)', type: 'integer' },
            { id: 'c', header: ['Ghi chú'], number: '(3)', type: 'text' },
          ],
          rows: [{ id: 'r1', code: '1', label: 'Xã A' }],
        },
      ],
    })
    const l = buildLayout(s, labels)
    expect(l.lead).toEqual(['code', 'label'])
    expect(l.frozenCols).toBe(2)
    expect(l.headerCount).toBe(3)
    expect(l.headers[0]).toEqual(['STT', 'Chỉ tiêu', 'Số hồ sơ', '', 'Ghi chú'])
    expect(l.headers[1]).toEqual(['', '', 'Tiếp nhận', 'Giải quyết', ''])
    expect(l.headers[2]).toEqual(['', '', '(1)', '(2)', '(3)'])
    expect(l.merges).toEqual(
      expect.arrayContaining([
        { row: 0, col: 0, rowspan: 2, colspan: 1 },
        { row: 0, col: 2, rowspan: 1, colspan: 2 },
        { row: 0, col: 4, rowspan: 2, colspan: 1 },
      ]),
    )
    expect(l.cellAt(3, 3)?.key).toBe('main!r1.b')
    expect(l.rowAt(3)?.id).toBe('r1')
    expect(l.cellAt(2, 3)).toBeUndefined()
  })

  it('drops the lead columns when the template carries its own label columns, and freezes those', () => {
    const s = section({
      ...base,
      sections: [
        {
          kind: 'grid',
          id: 'main',
          columns: [
            { id: 'stt', header: ['STT'], type: 'text' },
            { id: 'ten', header: ['Nội dung'], type: 'text' },
            { id: 'so', header: ['Số'], type: 'integer' },
          ],
          rows: [
            {
              id: 'tong',
              label: 'Tổng cộng',
              kind: 'total',
              cells: { ten: { kind: 'fixed', value: 'Tổng cộng' } },
            },
          ],
        },
      ],
    })
    const l = buildLayout(s, labels)
    expect(l.lead).toEqual([])
    expect(l.frozenCols).toBe(2)
    expect(l.gridColOf(0)).toBe(0)
  })
})

describe('SheetLayout.hintAt', () => {
  const s = section({
    ...base,
    sections: [
      {
        kind: 'grid',
        id: 'main',
        columns: [
          { id: 'stt', header: ['STT'], type: 'text' },
          { id: 'nd', header: ['Nội dung'], type: 'text' },
          { id: 'so', header: ['Số cuộc họp'], type: 'integer' },
        ],
        rows: [
          {
            id: 'gb',
            label: 'Họp giao ban',
            cells: {
              stt: { kind: 'fixed', value: '1' },
              nd: { kind: 'fixed', value: 'Họp giao ban' },
            },
          },
          { id: 'khac', label: 'Cuộc họp khác (liệt kê)', dynamic: { minRows: 0, maxRows: 5 } },
        ],
      },
    ],
  })

  it("shows a reporter's row its label in the label column only", () => {
    const l = buildLayout(s, labels)
    expect(l.lead).toEqual([])
    const khac = l.gridRowOf(1)
    expect(l.hintAt(khac, l.gridColOf(1))).toBe('Cuộc họp khác (liệt kê)')
    expect(l.hintAt(khac, l.gridColOf(0))).toBeUndefined()
    expect(l.hintAt(khac, l.gridColOf(2))).toBeUndefined()
    // A row of the template has its label as text already.
    expect(l.hintAt(l.gridRowOf(0), l.gridColOf(1))).toBeUndefined()
    expect(l.hintAt(0, 1)).toBeUndefined()
  })
})
