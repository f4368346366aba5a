import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { catalogProblems } from './validate-catalog.js'

const valid = {
  id: 'cap-hanh-chinh',
  name: 'Cấp hành chính',
  version: '2.0',
  effectiveFrom: '2025-07-01',
  indicators: [
    { code: 'tinh', name: 'Cấp tỉnh' },
    { code: 'xa', name: 'Cấp xã', parent: 'tinh' },
  ],
}

describe('catalogProblems', () => {
  it('should accept a valid catalogue and the shipped ones', () => {
    expect(catalogProblems(valid)).toEqual([])
    for (const file of [
      'admin-tiers/catalogs/cap-hanh-chinh-v2.0.json',
      'kstthc/catalogs/bo-chi-so-766.json',
    ]) {
      const doc: unknown = JSON.parse(
        readFileSync(new URL(`../../plugins/${file}`, import.meta.url), 'utf8'),
      )
      expect(catalogProblems(doc)).toEqual([])
    }
  })

  it('should give schema errors with their JSON pointer', () => {
    expect(catalogProblems({ ...valid, id: 'Cap Hanh Chinh' })).toEqual([
      '/id: must match pattern "^[a-z0-9][a-z0-9-]*$"',
    ])
    expect(catalogProblems({ ...valid, effectiveFrom: '2025-02-30' })).toEqual([
      '/effectiveFrom: must match format "date"',
    ])
    expect(catalogProblems({ ...valid, owner: 'VPCP' })).toEqual([
      '/: must NOT have additional properties "owner"',
    ])
    expect(catalogProblems({ ...valid, indicators: [{ code: '', name: 'x' }] })).toEqual([
      '/indicators/0/code: must NOT have fewer than 1 characters',
    ])
  })

  it('should find repeated codes and unknown parents', () => {
    const indicators = [...valid.indicators, { code: 'xa', name: 'Cấp xã (2)', parent: 'huyen' }]
    expect(catalogProblems({ ...valid, indicators })).toEqual([
      '/indicators/2/code: "xa" repeats /indicators/1/code',
      '/indicators/2/parent: unknown indicator "huyen"',
    ])
  })
})
