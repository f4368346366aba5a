/**
 * Text rules of ND 30/2020/NĐ-CP (Phụ lục I) for the parts of a report that are not user content.
 * See docs: domain-vn.md §5 (reconstructed from knowledge of the decree, not re-read).
 */

export const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'
export const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc'
export const TEN_LOAI_BAO_CAO = 'BÁO CÁO'

function parseIsoDate(iso: string): { y: number; m: number; d: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (m === null) throw new Error(`"${iso}" is not an ISO date (YYYY-MM-DD)`)
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }
}

/**
 * "Đồng Tháp, ngày 05 tháng 02 năm 2025": days below 10 and months 1-2 take a leading zero (ND 30 Phụ lục I).
 * Without a date the day and month are left blank for handwriting, as on printed forms.
 */
export function placeAndDate(place: string, iso?: string): string {
  if (iso === undefined) return `${place}, ngày     tháng     năm     `
  const { y, m, d } = parseIsoDate(iso)
  const day = String(d).padStart(2, '0')
  const month = m < 3 ? String(m).padStart(2, '0') : String(m)
  return `${place}, ngày ${day} tháng ${month} năm ${y}`
}

/** `dd/mm/yyyy`, the usual way dates are printed inside forms ("Từ ngày 15/06/2025 đến ngày 14/09/2025"). */
export function shortDate(iso: string): string {
  const { y, m, d } = parseIsoDate(iso)
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`
}

/** "Số: 12/BC-UBND" (numbers below 10 take a leading zero); blank number space when not yet numbered. */
export function documentNumberLine(number?: string): string {
  if (number === undefined || number === '') return 'Số:        /BC-'
  const m = /^(\d+)(\/.*)$/.exec(number)
  return m !== null && Number(m[1]) < 10
    ? `Số: ${String(Number(m[1])).padStart(2, '0')}${m[2]}`
    : `Số: ${number}`
}

/** Upper-cases Vietnamese text the way agency names are printed (locale-aware for đ/Đ). */
export function upperVi(text: string): string {
  return text.toLocaleUpperCase('vi-VN')
}
