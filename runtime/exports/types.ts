/**
 * What the exporters take: one report instance (template, inputs, every computed value) plus the
 * administrative facts that the printed forms and the exchange packet show.
 */
import type { CellKey, Diagnostic, ResolvedTemplate, Value } from '../../core/index.js'
import type { PeriodType, StatusPacket, SubmissionDocument } from '../../schemas/generated/index.js'

export interface Party {
  /** Unit code (mã định danh where known). */
  code: string
  name?: string
}

export interface PeriodInfo {
  /** Period id, e.g. 2025-Q3. */
  code: string
  type?: PeriodType
  /** As printed, e.g. "Quý III năm 2025". */
  label?: string
  /** Cut-off window, ISO dates. */
  startDate?: string
  endDate?: string
}

/** The thể thức of an administrative document (ND 30/2020): the parts around the user content. */
export interface DocumentMeta {
  /** Tên cơ quan chủ quản, printed above the agency, not bold, e.g. "UBND TỈNH ĐỒNG THÁP". */
  parentAgency?: string
  /** Tên cơ quan ban hành, printed bold, e.g. "SỞ NỘI VỤ". */
  agency: string
  /** Số, ký hiệu, e.g. "12/BC-SNV". */
  number?: string
  /** Địa danh, e.g. "Đồng Tháp". */
  place: string
  /** Ngày ban hành, ISO. */
  date?: string
  /** Trích yếu nội dung, printed under "BÁO CÁO". */
  title: string
  signer?: {
    /** "TM.", "KT.", "TL.", "TUQ.", "Q." line, e.g. "KT. GIÁM ĐỐC". */
    authority?: string
    /** Chức vụ, e.g. "PHÓ GIÁM ĐỐC". */
    position: string
    name: string
    /** Shown instead of the handwritten signature space when signed digitally, e.g. "(Đã ký số)". */
    signedNote?: string
  }
  /** Nơi nhận, one line each ("- Như trên;", "- Lưu: VT, VP."). */
  recipients?: string[]
}

export interface ExportReport {
  /** The template the values were entered on (use the workbook's template, which includes added rows). */
  template: ResolvedTemplate
  submission: SubmissionDocument
  /** Every cell value, inputs and formulas (`workbook.snapshot()`). */
  values: ReadonlyMap<CellKey, Value>
  unit: Party
  receiver?: Party
  period: PeriodInfo
  document?: DocumentMeta
  status?: StatusPacket['status']
}

/**
 * Something an exporter or importer could not carry over exactly; never silently dropped. A core diagnostic
 * (ruleId `xlsx/...`, `csv/...`, `packet/...`; place = the template cell when known) plus where in the file.
 */
export interface FileDiagnostic extends Diagnostic {
  /** `'Sheet 1'!D7` for spreadsheets, `line 4, column 3` for CSV, a JSON pointer for packets. */
  at: string
}
