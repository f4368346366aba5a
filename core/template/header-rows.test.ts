import { describe, expect, it } from 'vitest'
import { buildHeaderRows } from './header-rows.js'

const cols = (...paths: string[][]): Array<{ header: string[] }> =>
  paths.map((header) => ({ header }))

describe('buildHeaderRows', () => {
  it('should give one header row when every path has one text', () => {
    expect(buildHeaderRows(cols(['STT'], ['Tên']))).toEqual([
      [
        { text: 'STT', colStart: 0, colSpan: 1, rowSpan: 1 },
        { text: 'Tên', colStart: 1, colSpan: 1, rowSpan: 1 },
      ],
    ])
  })

  it('should merge the II.06a header: groups across, short paths down', () => {
    const rows = buildHeaderRows(
      cols(
        ['STT'],
        ['Số hồ sơ nhận giải quyết', 'Tổng số'],
        ['Số hồ sơ nhận giải quyết', 'Trong đó', 'Trực tuyến'],
        ['Số hồ sơ nhận giải quyết', 'Trong đó', 'Trực tiếp, dịch vụ bưu chính'],
        ['Số hồ sơ nhận giải quyết', 'Từ kỳ trước'],
        ['Số hồ sơ đã giải quyết', 'Tổng số'],
      ),
    )
    expect(rows).toEqual([
      [
        { text: 'STT', colStart: 0, colSpan: 1, rowSpan: 3 },
        { text: 'Số hồ sơ nhận giải quyết', colStart: 1, colSpan: 4, rowSpan: 1 },
        { text: 'Số hồ sơ đã giải quyết', colStart: 5, colSpan: 1, rowSpan: 1 },
      ],
      [
        { text: 'Tổng số', colStart: 1, colSpan: 1, rowSpan: 2 },
        { text: 'Trong đó', colStart: 2, colSpan: 2, rowSpan: 1 },
        { text: 'Từ kỳ trước', colStart: 4, colSpan: 1, rowSpan: 2 },
        { text: 'Tổng số', colStart: 5, colSpan: 1, rowSpan: 2 },
      ],
      [
        { text: 'Trực tuyến', colStart: 2, colSpan: 1, rowSpan: 1 },
        { text: 'Trực tiếp, dịch vụ bưu chính', colStart: 3, colSpan: 1, rowSpan: 1 },
      ],
    ])
  })

  it('should not merge equal texts under different parents', () => {
    const rows = buildHeaderRows(cols(['A', 'Tổng số'], ['B', 'Tổng số']))
    expect(rows[1]).toHaveLength(2)
  })

  it('should not merge a text that spans down with one that does not', () => {
    const rows = buildHeaderRows(cols(['A'], ['A', 'x']))
    expect(rows[0]).toEqual([
      { text: 'A', colStart: 0, colSpan: 1, rowSpan: 2 },
      { text: 'A', colStart: 1, colSpan: 1, rowSpan: 1 },
    ])
  })

  it('should merge identical neighbouring paths into one cell', () => {
    expect(buildHeaderRows(cols(['Ghi chú'], ['Ghi chú']))).toEqual([
      [{ text: 'Ghi chú', colStart: 0, colSpan: 2, rowSpan: 1 }],
    ])
  })

  it('should cover every column exactly once at every header row', () => {
    const columns = cols(['a', 'b', 'c'], ['a', 'b'], ['d'], ['a', 'e', 'f'], ['a', 'e', 'g'])
    const rows = buildHeaderRows(columns)
    const covered = rows.map(() => columns.map(() => 0))
    rows.forEach((row, r) =>
      row.forEach((cell) => {
        for (let dr = 0; dr < cell.rowSpan; dr++)
          for (let dc = 0; dc < cell.colSpan; dc++) covered[r + dr]![cell.colStart + dc]!++
      }),
    )
    expect(covered.flat().every((n) => n === 1)).toBe(true)
  })

  it('should give no rows for no columns', () => {
    expect(buildHeaderRows([])).toEqual([])
  })
})
