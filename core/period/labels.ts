import { parsePeriodId } from './period-id.js'

/** Label language: Vietnamese (official wording) or English. */
export type LabelLanguage = 'vi' | 'en'

const ROMAN = ['I', 'II', 'III', 'IV'] as const
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/**
 * The label of a period as printed on a report (`Kỳ báo cáo: ...`), in Vietnamese by default.
 *
 * @example
 * periodLabel('2025-Q3') // 'Quý III năm 2025'
 * periodLabel('2025-H1', 'en') // 'First half of 2025'
 */
export function periodLabel(id: string, lang: LabelLanguage = 'vi'): string {
  const period = parsePeriodId(id)
  if (period.type === 'none') return lang === 'vi' ? 'Không định kỳ' : 'Ad hoc'
  const { type, year, index } = period
  if (lang === 'vi') {
    switch (type) {
      case 'month':
        return `Tháng ${index} năm ${year}`
      case 'quarter':
        return `Quý ${ROMAN[index - 1]} năm ${year}`
      case 'half-year':
        return `6 tháng ${index === 1 ? 'đầu' : 'cuối'} năm ${year}`
      case 'nine-months':
        return `9 tháng năm ${year}`
      case 'year':
        return `Năm ${year}`
    }
  }
  switch (type) {
    case 'month':
      return `${MONTHS_EN[index - 1]} ${year}`
    case 'quarter':
      return `Q${index} ${year}`
    case 'half-year':
      return `${index === 1 ? 'First' : 'Second'} half of ${year}`
    case 'nine-months':
      return `First nine months of ${year}`
    case 'year':
      return `Year ${year}`
  }
}
