import { describe, expect, it } from 'vitest'
import { loadTemplate } from '../../../core/index.js'
import { numericIndicators } from './indicators.js'

describe('numericIndicators', () => {
  it('lists numeric input and formula cells, not text, fixed or heading cells', () => {
    const r = loadTemplate({
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
            { id: 'ten', header: ['Ghi chú'], type: 'text' },
            { id: 'so', header: ['Số', 'Tổng'], type: 'integer' },
          ],
          rows: [
            { id: 'h', label: 'Phần I', kind: 'heading' },
            { id: 'a', code: '1', label: 'Xã A' },
          ],
        },
      ],
    })
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '))
    expect(numericIndicators(r.template)).toEqual([
      { key: 'main!a.so', label: '1. Xã A — Số / Tổng' },
    ])
  })
})
