import { describe, expect, it } from 'vitest'
import { documentNumberLine, placeAndDate, shortDate, upperVi } from './nd30.js'

describe('ND 30/2020 text rules', () => {
  it('pads days below 10 and months 1 and 2 only', () => {
    expect(placeAndDate('Đồng Tháp', '2025-02-05')).toBe('Đồng Tháp, ngày 05 tháng 02 năm 2025')
    expect(placeAndDate('Hà Nội', '2025-03-09')).toBe('Hà Nội, ngày 09 tháng 3 năm 2025')
    expect(placeAndDate('Hà Nội', '2025-12-25')).toBe('Hà Nội, ngày 25 tháng 12 năm 2025')
    expect(placeAndDate('Hà Nội')).toMatch(/^Hà Nội, ngày +tháng +năm/)
    expect(() => placeAndDate('Hà Nội', '5/2/2025')).toThrow(/"5\/2\/2025"/)
  })

  it('formats numbers, short dates and capitals', () => {
    expect(documentNumberLine('7/BC-UBND')).toBe('Số: 07/BC-UBND')
    expect(documentNumberLine('112/BC-UBND')).toBe('Số: 112/BC-UBND')
    expect(documentNumberLine()).toMatch(/^Số: +\/BC-$/)
    expect(shortDate('2025-06-15')).toBe('15/06/2025')
    expect(upperVi('ủy ban nhân dân tỉnh Đồng Tháp')).toBe('ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP')
  })
})
