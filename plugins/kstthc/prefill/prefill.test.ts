import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TemplateDefinition } from '../../../core/index.js'
import ii06aV10 from '../templates/ii-06a-v1.0.json' with { type: 'json' }
import ii06aV11 from '../templates/ii-06a-v1.1.json' with { type: 'json' }
import { provenanceProblems, unexplainedOverrides } from '../rules/provenance.js'
import { createFileConnector } from './file-connector.js'
import { prefillII06a } from './prefill-ii06a.js'
import type { OneStopExport } from './types.js'

const fixtures = join(import.meta.dirname, '../fixtures/connector')
const connector = createFileConnector({
  id: 'one-stop-file',
  readText: (p) => readFile(p, 'utf8'),
  pathFor: (r) => join(fixtures, r.unit, `${r.period}.json`),
})
const request = {
  template: { code: 'II.06a/VPCP/KSTT', version: '1.1' },
  unit: 'UBND-TINH-MAU',
  period: '2025-Q3',
}

describe('file connector', () => {
  it('reads the export of a unit and period', async () => {
    const data = await connector.fetch(request)
    expect(connector.kind).toBe('file')
    expect(data.records.map((r) => r.tier)).toEqual(['xa', 'tinh'])
  })

  it('names the file and the field when the export is malformed', async () => {
    const bad = createFileConnector({
      id: 'bad',
      readText: () =>
        Promise.resolve(
          '{"system":"S","unit":"U","period":"P","generatedAt":"T","records":[{"tier":"xa","field":"Hộ tịch","received":{"online":1,"direct":-2,"carriedOver":0}}]}',
        ),
      pathFor: (r) => `drop/${r.unit}.json`,
    })
    await expect(bad.fetch(request)).rejects.toThrow(
      'drop/UBND-TINH-MAU.json.records[0].received.direct: must be a non-negative integer (got -2)',
    )
  })
})

describe('prefillII06a', () => {
  it('fills the list row of each tier with the first lĩnh vực, with provenance', async () => {
    const data = await connector.fetch(request)
    const result = prefillII06a(ii06aV11 as TemplateDefinition, data, connector.id)
    expect(result.dynamicRows).toEqual({ main: [] })
    const xa = result.values['main']?.['xa_lv']
    expect(xa).toMatchObject({
      c2: 'Hộ tịch',
      c4: 9,
      c5: 48,
      c6: 2,
      c8: 22,
      c9: 33,
      c10: 0,
      c12: 4,
      c13: 0,
    })
    expect(xa?.['nguon']).toBe(data.system)
    expect(xa?.['thoi_diem']).toBe(data.generatedAt)
    expect(JSON.parse(String(xa?.['goc']))).toEqual({
      c4: 9,
      c5: 48,
      c6: 2,
      c8: 22,
      c9: 33,
      c10: 0,
      c12: 4,
      c13: 0,
    })
    expect(result.source).toEqual({
      system: data.system,
      connector: 'one-stop-file',
      fetchedAt: data.generatedAt,
    })
    // Untouched prefilled values satisfy the provenance rules.
    expect([...provenanceProblems(result.values), ...unexplainedOverrides(result.values)]).toEqual(
      [],
    )
  })

  it('adds rows after the list row for further lĩnh vực of a tier, in the template order', () => {
    const rec = {
      received: { online: 1, direct: 0, carriedOver: 0 },
      resolved: { early: 1, onTime: 0, late: 0 },
      pending: { onTime: 0, late: 0 },
    }
    const data: OneStopExport = {
      system: 'S',
      unit: 'U',
      period: '2020-Q1',
      generatedAt: '2021-01-01T00:00:00Z',
      records: [
        { tier: 'huyen', field: 'A', ...rec },
        { tier: 'tinh', field: 'B', ...rec },
        { tier: 'huyen', field: 'C', ...rec },
      ],
    }
    const result = prefillII06a(ii06aV10 as TemplateDefinition, data, 'c')
    expect(result.dynamicRows['main']).toEqual(['huyen_lv_1'])
    expect(Object.keys(result.values['main'] ?? {})).toEqual(['huyen_lv', 'tinh_lv', 'huyen_lv_1'])
    expect(result.values['main']?.['huyen_lv_1']?.['c2']).toBe('C')
  })

  it('rejects district figures for the two-tier version, naming the record', () => {
    const rec = {
      received: { online: 1, direct: 0, carriedOver: 0 },
      resolved: { early: 1, onTime: 0, late: 0 },
      pending: { onTime: 0, late: 0 },
    }
    const data: OneStopExport = {
      system: 'S',
      unit: 'U',
      period: '2025-Q3',
      generatedAt: '2025-09-15T00:00:00Z',
      records: [{ tier: 'huyen', field: 'Tư pháp', ...rec }],
    }
    expect(() => prefillII06a(ii06aV11 as TemplateDefinition, data, 'c')).toThrow(
      /records\[0\] \(tier "huyen", lĩnh vực "Tư pháp"\): II\.06a\/VPCP\/KSTT 1\.1 has no rows/,
    )
  })
})
