import { describe, expect, it } from 'vitest'
import { createWorkbook } from '../../core/index.js'
import type { SubmissionDocument } from '../../schemas/generated/index.js'
import { createDemoCa } from './demo-credentials.js'
import { SAMPLE_EXTERNAL, SAMPLE_SUBMISSION, sampleReport } from './fixtures/sample-report.js'
import { exportPacket, signSubmission } from './packet-export.js'
import { importPacket } from './packet-import.js'
import { validatePacket } from './packet-schema.js'

const sender = { code: '000.00.31.H17', name: 'Sở Nội vụ tỉnh Đồng Tháp' }
const recompute = (t: ReturnType<typeof sampleReport>['template']) => (s: SubmissionDocument) =>
  createWorkbook(t, { values: s.values, external: SAMPLE_EXTERNAL }).snapshot()

describe('QCVN 125 exchange packet', () => {
  it('round-trips a report instance exactly, signatures included', () => {
    const ca = createDemoCa()
    const report = sampleReport()
    const signature = signSubmission(report.submission, ca.issue('Nguyễn Thị Ánh Hồng'), {
      name: 'Nguyễn Thị Ánh Hồng',
      position: 'Phó Giám đốc',
    })
    const packet = exportPacket(report, {
      sender,
      reportMode: { code: 'TT01-2020-D10' },
      signatures: [signature],
    })
    expect(validatePacket(packet).ok).toBe(true)
    const text = JSON.stringify(packet)
    const back = importPacket(text, {
      template: report.template,
      recompute: recompute(report.template),
      trustedCaPem: [ca.certificatePem],
    })
    if (!back.ok) throw new Error(JSON.stringify(back.diagnostics))
    expect(back.submission).toEqual(SAMPLE_SUBMISSION)
    expect(back.diagnostics).toEqual([])
    expect(back.signatures).toMatchObject([{ ok: true, trusted: true }])
    expect(back.status).toMatchObject({ type: 'trang-thai-bao-cao', status: 'approved' })
    expect(back.packet.report).toMatchObject({
      form: { code: 'BC-MAU/KSTT', version: '1.0' },
      period: { code: '2025-Q3', name: 'Quý III năm 2025' },
      revision: 1,
    })
    // the receiver also gets the computed figures, flagged
    const values = packet.packets.find((p) => p.type === 'so-lieu-bao-cao')
    expect(
      values?.type === 'so-lieu-bao-cao' &&
        values.values.find((v) => v.row === 'tong' && v.col === 'c3'),
    ).toEqual({
      section: 'so_lieu',
      row: 'tong',
      col: 'c3',
      value: 2770,
      computed: true,
    })
    // an input set to null and an input outside the template's printed columns travel too
    expect(back.submission.values.so_lieu?.xa_b?.c10).toBeNull()
    expect(back.submission.values.so_lieu?.so_nv?.nguon).toBe('Hệ thống một cửa điện tử')
  })

  it('detects a changed figure: the signature fails and the computed totals disagree', () => {
    const ca = createDemoCa()
    const report = sampleReport()
    const packet = exportPacket(report, {
      sender,
      signatures: [signSubmission(report.submission, ca.issue('A'))],
    })
    const values = packet.packets[0]
    if (values?.type !== 'so-lieu-bao-cao') throw new Error('no values packet')
    const entry = values.values.find((v) => v.row === 'so_tp' && v.col === 'c4')!
    entry.value = 1251
    const back = importPacket(packet, {
      template: report.template,
      recompute: recompute(report.template),
    })
    if (!back.ok) throw new Error('schema')
    expect(back.signatures[0]).toMatchObject({ ok: false, reason: /content hash/ })
    expect(back.diagnostics.map((d) => d.ruleId)).toEqual(
      expect.arrayContaining(['packet/signature', 'packet/computed-mismatch']),
    )
    expect(back.diagnostics.find((d) => d.ruleId === 'packet/computed-mismatch')?.message).toMatch(
      /so_lieu!tong.c3/,
    )
  })

  it('names the JSON pointer of schema and template problems', () => {
    const report = sampleReport()
    const packet = exportPacket(report, { sender })
    const bad = structuredClone(packet) as unknown as { header: { packetId: string } }
    bad.header.packetId = 'not-a-uuid'
    const r = importPacket(bad)
    expect(r.ok).toBe(false)
    expect(r.diagnostics[0]).toMatchObject({ ruleId: 'packet/schema', at: '/header/packetId' })
    const values = packet.packets[0]
    if (values?.type !== 'so-lieu-bao-cao') throw new Error('no values packet')
    values.values.push(
      { section: 'so_lieu', row: 'tong', col: 'c4', value: 5 },
      { section: 'so_lieu', row: 'nope', col: 'c4', value: 1 },
    )
    const n = values.values.length
    const back = importPacket(packet, { template: report.template })
    expect(
      back.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.ruleId, d.at]),
    ).toEqual([
      ['packet/duplicate-cell', `/packets/0/values/${n - 2}`],
      ['packet/unknown-cell', `/packets/0/values/${n - 1}`],
    ])
    expect(importPacket('{').diagnostics[0]?.ruleId).toBe('packet/json')
    expect(() =>
      exportPacket({ ...report, submission: { ...report.submission, unit: 'X' } }, { sender }),
    ).toThrow(/"X"/)
  })
})
