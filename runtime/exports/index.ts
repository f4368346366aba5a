/**
 * Files and interoperability of report instances: .xlsx (export with live formulas, import as a template),
 * .docx and .pdf in the ND 30/2020 layout, .csv of cell values (export and import), the QCVN 125 exchange
 * packet (export and import), CMS signatures and signed packages. Pure functions over bytes and strings:
 * routes and storage live elsewhere in runtime/.
 */
export type { DocumentMeta, ExportReport, FileDiagnostic, Party, PeriodInfo } from './types.js'
export { canonicalJson } from './canonical-json.js'
export {
  signDetached,
  verifyDetached,
  type CmsSignerInfo,
  type CmsVerification,
  type SigningCredential,
} from './cms.js'
export { createDemoCa, type DemoCa } from './demo-credentials.js'
export { exportXlsx, type XlsxExport, type XlsxExportOptions } from './xlsx-export.js'
export { importXlsxTemplate, type XlsxImport, type XlsxImportOptions } from './xlsx-import/index.js'
export { exportCsv, CSV_COLUMNS } from './csv-export.js'
export { importCsv, type CsvImport } from './csv-import.js'
export {
  exportPacket,
  signSubmission,
  submissionBytes,
  type PacketExportOptions,
} from './packet-export.js'
export {
  importPacket,
  type PacketImport,
  type PacketImportOptions,
  type PacketSignatureCheck,
} from './packet-import.js'
export { validatePacket } from './packet-schema.js'
export {
  createSignedPackage,
  verifySignedPackage,
  type PackageFile,
  type PackageManifest,
  type PackageVerification,
} from './signed-package.js'
export { resolvePdfFonts, type PdfFontSet } from './pdf-font.js'
export { checkUnzippedSize, type ZipCheck } from './zip-limit.js'
export { buildReportDocument, narrativeItems, displayValue } from './report-text.js'
export type { ReportDocument, DocBlock, DocTable, DocCell } from './doc-model.js'
export { renderDocx } from './docx-export.js'
export { renderPdf } from './pdf-export.js'
export {
  exportDocx,
  exportPdf,
  exportReportPackage,
  fileStem,
  MEDIA_TYPES,
  type ReportPackageOptions,
} from './report-files.js'
