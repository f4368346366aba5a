import { beforeAll, describe, expect, it } from 'vitest'
import { sampleReport } from './fixtures/sample-report.js'
import { exportPdf } from './report-files.js'
import { ensureTools } from '../../test/files/tools.js'

describe('.pdf export', () => {
  beforeAll(() => ensureTools('fonts'), 600_000)

  it('is an A4 PDF with an embedded Vietnamese-capable font and a landscape page for the wide table', async () => {
    const pdf = Buffer.from(
      await exportPdf(sampleReport(), { createdAt: new Date('2025-09-18T08:00:00Z') }),
    )
    const text = pdf.toString('latin1')
    expect(text.startsWith('%PDF-')).toBe(true)
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+(LiberationSerif|DejaVuSerif)/)
    expect(text).not.toMatch(/\/BaseFont \/(Helvetica|Times-Roman)/)
    const boxes = [...text.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [
      Math.round(Number(m[1])),
      Math.round(Number(m[2])),
    ])
    expect(boxes).toContainEqual([595, 842])
    expect(boxes).toContainEqual([842, 595])
  })
})
