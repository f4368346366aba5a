import { describe, expect, it } from 'vitest'
import { headerBoxes } from './sheet-layout.js'

describe('headerBoxes', () => {
  it('merges equal neighbours under the same parent and stretches short paths down', () => {
    const paths = [
      ['Số hồ sơ nhận giải quyết', 'Tổng số'],
      ['Số hồ sơ nhận giải quyết', 'Trong đó', 'Trực tuyến'],
      ['Số hồ sơ nhận giải quyết', 'Trong đó', 'Trực tiếp, dịch vụ bưu chính'],
      ['Số hồ sơ nhận giải quyết', 'Từ kỳ trước'],
      ['Số hồ sơ đã giải quyết', 'Tổng số'],
      ['Ghi chú'],
    ]
    expect(headerBoxes(paths, 3, 2)).toEqual([
      { row: 0, col: 2, colSpan: 4, rowSpan: 1, text: 'Số hồ sơ nhận giải quyết' },
      { row: 1, col: 2, colSpan: 1, rowSpan: 2, text: 'Tổng số' },
      { row: 1, col: 3, colSpan: 2, rowSpan: 1, text: 'Trong đó' },
      { row: 2, col: 3, colSpan: 1, rowSpan: 1, text: 'Trực tuyến' },
      { row: 2, col: 4, colSpan: 1, rowSpan: 1, text: 'Trực tiếp, dịch vụ bưu chính' },
      { row: 1, col: 5, colSpan: 1, rowSpan: 2, text: 'Từ kỳ trước' },
      { row: 0, col: 6, colSpan: 1, rowSpan: 1, text: 'Số hồ sơ đã giải quyết' },
      { row: 1, col: 6, colSpan: 1, rowSpan: 2, text: 'Tổng số' },
      { row: 0, col: 7, colSpan: 1, rowSpan: 3, text: 'Ghi chú' },
    ])
  })

  it('does not merge equal texts whose parents differ', () => {
    const boxes = headerBoxes(
      [
        ['A', 'Tổng số'],
        ['B', 'Tổng số'],
      ],
      2,
    )
    expect(boxes.filter((b) => b.text === 'Tổng số').map((b) => b.col)).toEqual([0, 1])
  })
})
