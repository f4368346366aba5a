import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDemoCa } from '../../runtime/exports/demo-credentials.js'
import { SAMPLE_SUBMISSION, sampleReport } from '../../runtime/exports/fixtures/sample-report.js'
import { importPacket } from '../../runtime/exports/packet-import.js'
import { exportReportPackage } from '../../runtime/exports/report-files.js'
import { verifySignedPackage } from '../../runtime/exports/signed-package.js'
import { ensureTools } from './tools.js'

describe('signed package of an approved report', () => {
  beforeAll(() => ensureTools('fonts'), 600_000)

  it('bundles xlsx, docx, pdf and the packet, each signed, and verifies offline', async () => {
    const ca = createDemoCa('CA Đồng Tháp')
    const report = sampleReport()
    const { data, diagnostics } = await exportReportPackage(
      report,
      ca.issue('Nguyễn Thị Ánh Hồng'),
      {
        sender: report.unit,
        signer: { name: 'Nguyễn Thị Ánh Hồng', position: 'Phó Giám đốc' },
      },
    )
    expect(diagnostics.map((d) => d.ruleId)).toEqual([
      'xlsx/formula-as-value',
      'xlsx/formula-as-value',
      'xlsx/formula-as-value',
    ])
    const v = await verifySignedPackage(data, { trustedCaPem: [ca.certificatePem] })
    expect(v.problems).toEqual([])
    expect(v.ok && v.trusted).toBe(true)
    const stem = 'BC-MAU-KSTT_000.00.31.H17_2025-Q3'
    expect(v.manifest?.files.map((f) => f.name)).toEqual([
      `${stem}.xlsx`,
      `${stem}.docx`,
      `${stem}.pdf`,
      `${stem}.packet.json`,
    ])
    expect(v.manifest?.about).toEqual({
      template: 'BC-MAU/KSTT',
      version: '1.0',
      unit: '000.00.31.H17',
      period: '2025-Q3',
    })
    const zip = await JSZip.loadAsync(data)
    const packet = importPacket(await zip.file(`${stem}.packet.json`)!.async('uint8array'), {
      trustedCaPem: [ca.certificatePem],
    })
    if (!packet.ok) throw new Error('packet does not read')
    expect(packet.submission).toEqual(SAMPLE_SUBMISSION)
    expect(packet.signatures).toMatchObject([{ ok: true, trusted: true }])
    expect((await zip.file(`${stem}.pdf`)!.async('string')).startsWith('%PDF-')).toBe(true)
  }, 60_000)
})
