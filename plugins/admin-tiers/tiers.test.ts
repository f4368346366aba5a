import { describe, expect, it } from 'vitest'
import { reportingRoute, tierCatalogAt, tierCodesAt } from './tiers.js'

describe('administrative tiers', () => {
  it('has a district tier until 30/6/2025 and none from 1/7/2025', () => {
    expect(tierCodesAt('2020-12-15').has('huyen')).toBe(true)
    expect(tierCodesAt('2025-06-30').has('huyen')).toBe(true)
    expect(tierCodesAt('2025-07-01').has('huyen')).toBe(false)
    expect(tierCatalogAt('2026-02-15').version).toBe('2.0')
  })

  it('routes communes through the district before the reform and straight to the province after', () => {
    expect(reportingRoute('xa', '2024-12-31')).toEqual(['xa', 'huyen', 'tinh', 'vpcp'])
    expect(reportingRoute('xa', '2025-12-31')).toEqual(['xa', 'tinh', 'vpcp'])
    expect(reportingRoute('so', '2025-12-31')).toEqual(['so', 'tinh', 'vpcp'])
  })

  it('names the catalogue version when a tier does not exist on the date', () => {
    expect(() => reportingRoute('huyen', '2025-07-01')).toThrow(
      /cap-hanh-chinh 2\.0 \(in force on 2025-07-01\): no tier "huyen"/,
    )
  })
})
