import { describe, expect, it } from 'vitest'
import type { SubmissionDocument } from '../../core/index.js'
import { withAddedValues } from './cells.js'

const draft: SubmissionDocument = {
  template: { code: 'TN.01/DT', version: '1.0' },
  revision: 1,
  values: { s1: { r1: { c1: 4, c2: 'giữ' } } },
  dynamicRows: { s2: ['own-1'] },
}

describe('withAddedValues', () => {
  it('lays the values over the draft and keeps the reporter’s own list rows first', () => {
    const doc = withAddedValues(
      draft,
      { s1: { r1: { c1: 7, c2: null } }, s2: { 'x-1': { c1: 1 } } },
      {
        s2: ['x-1', 'own-1'],
        s3: ['y-1'],
      },
    )
    expect(doc.values).toEqual({ s1: { r1: { c1: 7 } }, s2: { 'x-1': { c1: 1 } } })
    expect(doc.dynamicRows).toEqual({ s2: ['own-1', 'x-1'], s3: ['y-1'] })
    expect(doc.template).toEqual({ code: 'TN.01/DT', version: '1.0' })
    // The stored draft is not touched: a refused import must leave it as it was.
    expect(draft.values).toEqual({ s1: { r1: { c1: 4, c2: 'giữ' } } })
    expect(draft.dynamicRows).toEqual({ s2: ['own-1'] })
  })

  it('adds no dynamicRows key to a document that has no lists', () => {
    const { dynamicRows: _d, ...plain } = draft
    const doc = withAddedValues(plain, { s1: { r1: { c1: 1 } } }, undefined)
    expect('dynamicRows' in doc).toBe(false)
    expect(doc.values.s1?.r1).toEqual({ c1: 1, c2: 'giữ' })
  })
})
