/* eslint-disable */
/**
 * DO NOT EDIT. Generated from schemas/packet.schema.json by `npm run gen`.
 * Change the JSON Schema and regenerate instead.
 */

/**
 * Exchange packet of one report instance between reporting information systems, after QCVN 125:2021/BTTTT (TT 02/2021/TT-BTTTT). The standard names 13 packets (chế độ báo cáo, biểu mẫu báo cáo, biểu mẫu báo cáo đề cương, số liệu báo cáo, số liệu báo cáo danh sách, gửi đề cương báo cáo, trạng thái báo cáo, danh mục kỳ báo cáo, danh mục chỉ tiêu báo cáo, bộ chỉ số, danh mục nhóm chỉ số, danh mục phân tổ chỉ số, dữ liệu chỉ số) and two groups of rules (packets and ký số); those names are verified. Its field tables, data types and code lists could not be read, so every field name below is [reconstructed]: our own English name with the Vietnamese concept it carries. Check against the official text before connecting to a national system.
 */
export interface ExchangePacket {
  $schema?: string
  /**
   * The technical regulation this packet follows (verified title).
   */
  standard: 'QCVN 125:2021/BTTTT'
  /**
   * [reconstructed] Version of this project's packet layout.
   */
  formatVersion: '1.0'
  header: Header
  report: ReportIdentity
  /**
   * The packets of the report instance, each tagged with its QCVN 125 packet name.
   *
   * @minItems 1
   */
  packets: (ValuesPacket | ListPacket | NarrativePacket | StatusPacket)[]
  /**
   * Ký số: CMS (PKCS#7) detached signatures over the canonical JSON of the submission this packet carries (keys sorted, no whitespace, UTF-8). The signature profile of QCVN 125 is [reconstructed].
   */
  signatures?: Signature[]
}
/**
 * [reconstructed] Envelope: packet id, time created, sender and receiver (đơn vị gửi / đơn vị nhận).
 *
 * This interface was referenced by `ExchangePacket`'s JSON-Schema
 * via the `definition` "Header".
 */
export interface Header {
  packetId: string
  createdAt: string
  sender: Agency
  receiver?: Agency
}
/**
 * [reconstructed] An agency or reporting unit. code = mã định danh điện tử (QĐ 20/2020/QĐ-TTg, e.g. 000.00.00.G01) where known; kept opaque.
 *
 * This interface was referenced by `ExchangePacket`'s JSON-Schema
 * via the `definition` "Agency".
 */
export interface Agency {
  code: string
  name?: string
}
/**
 * [reconstructed] What the packets are about: chế độ báo cáo, biểu mẫu, kỳ báo cáo, đơn vị báo cáo, lần báo cáo (revision).
 *
 * This interface was referenced by `ExchangePacket`'s JSON-Schema
 * via the `definition` "ReportIdentity".
 */
export interface ReportIdentity {
  /**
   * [reconstructed] Chế độ báo cáo (mã, tên), e.g. the article of TT 01/2020/TT-VPCP.
   */
  reportMode?: {
    code: string
    name?: string
  }
  /**
   * [reconstructed] Biểu mẫu báo cáo: official form code, the template version the values were entered on, name.
   */
  form: {
    /**
     * Official form code, e.g. II.06a/VPCP/KSTT.
     */
    code: string
    version: string
    name?: string
  }
  /**
   * [reconstructed] Kỳ báo cáo: code (this project's period id, e.g. 2025-Q3), type, name, cut-off window (cf. a vendor's ActionLevelCode / StartTime / EndTime).
   */
  period: {
    code: string
    /**
     * Reporting frequency. none = ad-hoc (đột xuất / chuyên đề with the requester's window).
     */
    type?: 'month' | 'quarter' | 'half-year' | 'nine-months' | 'year' | 'none'
    name?: string
    /**
     * Calendar date, YYYY-MM-DD.
     */
    startDate?: string
    /**
     * Calendar date, YYYY-MM-DD.
     */
    endDate?: string
  }
  unit: Agency
  /**
   * [reconstructed] Lần báo cáo: 1 = original, 2+ = đính chính.
   */
  revision?: number
  /**
   * [reconstructed] Thể thức of the report document (ND 30/2020): số, ký hiệu, địa danh, ngày, trích yếu.
   */
  document?: {
    /**
     * Số, ký hiệu, e.g. 12/BC-UBND.
     */
    number?: string
    /**
     * Địa danh.
     */
    place?: string
    /**
     * Calendar date, YYYY-MM-DD.
     */
    date?: string
    /**
     * Trích yếu nội dung.
     */
    title?: string
  }
}
/**
 * Gói tin "số liệu báo cáo" (packet 4): the figures of the fixed grid, with the reporter's explanations of warnings.
 *
 * This interface was referenced by `ExchangePacket`'s JSON-Schema
 * via the `definition` "ValuesPacket".
 */
export interface ValuesPacket {
  type: 'so-lieu-bao-cao'
  values: ValueEntry[]
  /**
   * [reconstructed] Giải trình: explanation per diagnostic key.
   */
  explanations?: {
    key: string
    text: string
  }[]
}
/**
 * [reconstructed] One figure: the cell (section, row, column ids of the form), the printed row code and indicator where set, the value.
 *
 * This interface was referenced by `ExchangePacket`'s JSON-Schema
 * via the `definition` "ValueEntry".
 */
export interface ValueEntry {
  /**
   * Stable identifier of a row, column, section, rule or narrative field. Never a position.
   */
  section: string
  /**
   * Stable identifier of a row, column, section, rule or narrative field. Never a position.
   */
  row: string
  /**
   * Stable identifier of a row, column, section, rule or narrative field. Never a position.
   */
  col: string
  /**
   * STT as printed.
   */
  rowCode?: string
  /**
   * Mã chỉ tiêu from the indicator catalogue.
   */
  indicator?: string
  /**
   * A value entered or computed in a cell. null = empty.
   */
  value: number | string | boolean | null
  /**
   * true for formula cells: sent for the receiver's convenience, recomputed and checked on import, never taken as input.
   */
  computed?: boolean
}
/**
 * Gói tin "số liệu báo cáo danh sách" (packet 5): rows the reporter added to list sections, in order; their figures are in the số liệu packet.
 *
 * This interface was referenced by `ExchangePacket`'s JSON-Schema
 * via the `definition` "ListPacket".
 */
export interface ListPacket {
  type: 'so-lieu-bao-cao-danh-sach'
  lists: {
    /**
     * Stable identifier of a row, column, section, rule or narrative field. Never a position.
     */
    section: string
    /**
     * Items: Stable identifier of a row, column, section, rule or narrative field. Never a position.
     */
    rows: string[]
  }[]
}
/**
 * Gói tin "gửi đề cương báo cáo" (packet 6): the narrative texts by outline item.
 *
 * This interface was referenced by `ExchangePacket`'s JSON-Schema
 * via the `definition` "NarrativePacket".
 */
export interface NarrativePacket {
  type: 'gui-de-cuong-bao-cao'
  items: {
    /**
     * Stable identifier of a row, column, section, rule or narrative field. Never a position.
     */
    section: string
    /**
     * Stable identifier of a row, column, section, rule or narrative field. Never a position.
     */
    item: string
    /**
     * Outline label as printed, e.g. I., 1., a).
     */
    number?: string
    title?: string
    text: string
  }[]
}
/**
 * Gói tin "trạng thái báo cáo" (packet 7). Status codes are [reconstructed] from this project's workflow.
 *
 * This interface was referenced by `ExchangePacket`'s JSON-Schema
 * via the `definition` "StatusPacket".
 */
export interface StatusPacket {
  type: 'trang-thai-bao-cao'
  status: 'draft' | 'submitted' | 'approved' | 'sent' | 'accepted' | 'returned' | 'rejected'
  at?: string
  reason?: string
}
/**
 * [reconstructed] Chữ ký số of a signer over the submission carried by this packet.
 *
 * This interface was referenced by `ExchangePacket`'s JSON-Schema
 * via the `definition` "Signature".
 */
export interface Signature {
  /**
   * cms-detached: CMS SignedData, DER, base64, without the content.
   */
  format: 'cms-detached'
  signer?: {
    name?: string
    /**
     * Chức vụ.
     */
    position?: string
    unitCode?: string
  }
  signedAt?: string
  /**
   * Hex SHA-256 of the signed bytes (canonical JSON of the submission).
   */
  contentSha256: string
  cms: string
  certificatePem: string
}
