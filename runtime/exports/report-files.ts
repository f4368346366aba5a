/** One-call exports of a report instance, and the signed package bundling all of them. */
import type { Signature } from '../../schemas/generated/index.js'
import type { SigningCredential } from './cms.js'
import { renderDocx } from './docx-export.js'
import { exportPacket, signSubmission, type PacketExportOptions } from './packet-export.js'
import { renderPdf } from './pdf-export.js'
import type { PdfFontSet } from './pdf-font.js'
import { buildReportDocument } from './report-text.js'
import type { LayoutOptions } from './sheet-layout.js'
import { createSignedPackage } from './signed-package.js'
import type { ExportReport, FileDiagnostic } from './types.js'
import { exportXlsx } from './xlsx-export.js'

export const MEDIA_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  zip: 'application/zip',
} as const

/** .docx in the ND 30/2020 layout. */
export function exportDocx(report: ExportReport, opts: LayoutOptions = {}): Promise<Uint8Array> {
  return renderDocx(buildReportDocument(report, opts))
}

/** .pdf in the ND 30/2020 layout (needs a TTF font with Vietnamese letters, see pdf-font.ts). */
export function exportPdf(
  report: ExportReport,
  opts: LayoutOptions & { fonts?: Partial<PdfFontSet>; createdAt?: Date } = {},
): Promise<Uint8Array> {
  return renderPdf(buildReportDocument(report, opts), opts)
}

/** A file name stem from the template code, unit and period: `II.06a-VPCP-KSTT_H01_2025-Q3`. */
export function fileStem(report: ExportReport): string {
  return [report.template.code, report.unit.code, report.period.code]
    .map((s) => s.replace(/[^A-Za-z0-9._-]+/g, '-'))
    .join('_')
}

export interface ReportPackageOptions extends PacketExportOptions {
  signer?: Signature['signer']
  createdAt?: Date
}

/**
 * The approved report as a signed .zip: .xlsx, .docx, .pdf and the exchange packet (itself carrying a
 * signature over the submission), each with a detached CMS signature, and a signed manifest.
 */
export async function exportReportPackage(
  report: ExportReport,
  credential: SigningCredential,
  opts: ReportPackageOptions,
): Promise<{ data: Uint8Array; diagnostics: FileDiagnostic[] }> {
  const createdAt = opts.createdAt ?? new Date()
  const stem = fileStem(report)
  const xlsx = await exportXlsx(report, { createdAt })
  const signature = signSubmission(report.submission, credential, opts.signer, createdAt)
  const packet = exportPacket(report, {
    ...opts,
    createdAt,
    signatures: [...(opts.signatures ?? []), signature],
  })
  const files = [
    { name: `${stem}.xlsx`, data: xlsx.data, mediaType: MEDIA_TYPES.xlsx },
    { name: `${stem}.docx`, data: await exportDocx(report), mediaType: MEDIA_TYPES.docx },
    {
      name: `${stem}.pdf`,
      data: await exportPdf(report, { createdAt }),
      mediaType: MEDIA_TYPES.pdf,
    },
    {
      name: `${stem}.packet.json`,
      data: new TextEncoder().encode(JSON.stringify(packet, null, 2) + '\n'),
      mediaType: MEDIA_TYPES.json,
    },
  ]
  const about = {
    template: report.template.code,
    version: report.template.version,
    unit: report.unit.code,
    period: report.period.code,
  }
  return {
    data: await createSignedPackage(files, credential, { createdAt, about }),
    diagnostics: xlsx.diagnostics,
  }
}
