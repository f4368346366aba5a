import { describe, expect, it } from 'vitest'
import {
  OVERRIDE_RULE,
  PROVENANCE_RULE,
  provenanceProblems,
  unexplainedOverrides,
} from './provenance.js'
import type { SubmissionDocument } from '../../../core/index.js'

const checkProvenance = (values: SubmissionDocument['values'], section?: string) => [
  ...provenanceProblems(values, section),
  ...unexplainedOverrides(values, section),
]

const fetched = { c4: 9, c5: 48, c6: 2 }
const prefilled = (over: Record<string, unknown> = {}) => ({
  main: {
    xa_lv_1: {
      c2: 'Hộ tịch',
      ...fetched,
      nguon: 'Hệ thống một cửa (mẫu)',
      thoi_diem: '2025-09-15T07:30:00+07:00',
      goc: JSON.stringify(fetched),
      ...over,
    },
  },
})

describe('checkProvenance', () => {
  it('accepts rows typed by hand and prefilled rows left as fetched', () => {
    expect(checkProvenance({ main: { tinh_lv_1: { c2: 'Đất đai', c4: 1 } } })).toEqual([])
    expect(checkProvenance(prefilled())).toEqual([])
  })

  it('reports every changed figure of a row without an explanation, with both values', () => {
    const d = checkProvenance(prefilled({ c5: 47, c6: null }))
    expect(d.map((x) => [x.ruleId, x.place.col, x.values])).toEqual([
      [OVERRIDE_RULE, 'c5', { original: 48, current: 47 }],
      [OVERRIDE_RULE, 'c6', { original: 2, current: null }],
    ])
    expect(d[0]?.place).toEqual({ section: 'main', row: 'xa_lv_1', col: 'c5' })
    expect(d[0]?.message).toContain('48 → 47')
    expect(d[1]?.message).toContain('2 → trống')
    expect(checkProvenance(prefilled({ c5: 1234.5 }))[0]?.message).toContain('48 → 1.234,5')
  })

  it('accepts changed figures once the row explains them', () => {
    expect(checkProvenance(prefilled({ c5: 47, giai_trinh: 'Ghi trùng 01 hồ sơ' }))).toEqual([])
    expect(checkProvenance(prefilled({ c5: 47, giai_trinh: '   ' }))).toHaveLength(1)
  })

  it('requires a source and an ISO 8601 fetch time next to fetched figures', () => {
    const cols = (v: Record<string, unknown>) =>
      checkProvenance(prefilled(v)).map((x) => [x.ruleId, x.place.col])
    expect(cols({ nguon: '' })).toEqual([[PROVENANCE_RULE, 'nguon']])
    expect(cols({ thoi_diem: '15/09/2025' })).toEqual([[PROVENANCE_RULE, 'thoi_diem']])
    expect(cols({ thoi_diem: '2025-09-15T07:30:00Z' })).toEqual([])
  })

  it('rejects unreadable originals and a source without originals', () => {
    const cols = (v: Record<string, unknown>) =>
      checkProvenance(prefilled(v)).map((x) => [x.ruleId, x.place.col])
    expect(cols({ goc: '{c4: 9' })).toEqual([[PROVENANCE_RULE, 'goc']])
    expect(cols({ goc: '[9, 48]' })).toEqual([[PROVENANCE_RULE, 'goc']])
    expect(cols({ goc: '{"c4":"9"}' })).toEqual([[PROVENANCE_RULE, 'goc']])
    expect(cols({ goc: '' })).toEqual([[PROVENANCE_RULE, 'goc']])
  })

  it('looks only at the given section', () => {
    expect(checkProvenance(prefilled({ c5: 1 }), 'other')).toEqual([])
  })
})
