import type { FormulaFunction, Matrix, Value } from '../types.js'
import { formulaError, isFormulaError, toText } from '../values.js'
import { scalar } from './args.js'
import { roundTo } from './round.js'

const EXCEL_EPOCH = Date.UTC(1899, 11, 30)
const DAY_MS = 86_400_000

/** Splits a format section into literal text and code, honouring "quoted" text and \x escapes. */
function tokens(section: string): { text: string; literal: boolean }[] {
  const out: { text: string; literal: boolean }[] = []
  for (let i = 0; i < section.length; i++) {
    const ch = section[i] as string
    if (ch === '"') {
      const end = section.indexOf('"', i + 1)
      const stop = end < 0 ? section.length : end
      out.push({ text: section.slice(i + 1, stop), literal: true })
      i = stop
    } else if (ch === '\\' && i + 1 < section.length) {
      out.push({ text: section[++i] as string, literal: true })
    } else out.push({ text: ch, literal: false })
  }
  return out
}

function formatDate(serial: number, section: string): string {
  const date = new Date(EXCEL_EPOCH + Math.floor(serial) * DAY_MS)
  const parts: Record<string, string> = {
    yyyy: String(date.getUTCFullYear()),
    yy: String(date.getUTCFullYear() % 100).padStart(2, '0'),
    mm: String(date.getUTCMonth() + 1).padStart(2, '0'),
    m: String(date.getUTCMonth() + 1),
    dd: String(date.getUTCDate()).padStart(2, '0'),
    d: String(date.getUTCDate()),
  }
  const codes = (run: string): string =>
    run.replace(/yyyy|yy|mm|m|dd|d/gi, (code) => parts[code.toLowerCase()] ?? code)
  let out = ''
  let run = ''
  for (const t of tokens(section)) {
    if (t.literal) {
      out += codes(run) + t.text
      run = ''
    } else run += t.text
  }
  return out + codes(run)
}

function formatNumber(value: number, section: string, signed: boolean): string {
  const ts = tokens(section)
  const isCode = (t: { text: string; literal: boolean }): boolean =>
    !t.literal && /[0#?.,]/.test(t.text)
  const first = ts.findIndex(isCode)
  if (first < 0) return ts.map((t) => t.text).join('')
  let last = first
  while (last + 1 < ts.length && isCode(ts[last + 1] as { text: string; literal: boolean })) last++
  const code = ts
    .slice(first, last + 1)
    .map((t) => t.text)
    .join('')
  const literals = [...ts.slice(0, first), ...ts.slice(last + 1)]
  const percent = literals.filter((t) => !t.literal && t.text === '%').length
  const [intCode = '', fracCode = ''] = code.split('.')
  const minInt = (intCode.match(/0/g) ?? []).length
  const maxFrac = (fracCode.match(/[0#?]/g) ?? []).length
  const minFrac = (fracCode.match(/0/g) ?? []).length
  const scaled = Math.abs(value) * 100 ** percent
  const rounded = roundTo(scaled, maxFrac, Math.round)
  let [int = '', frac = ''] = rounded.toFixed(maxFrac).split('.')
  frac = frac.replace(/0+$/, '').padEnd(minFrac, '0')
  if (int === '0' && minInt === 0) int = ''
  int = int.padStart(minInt, '0')
  if (intCode.includes(',')) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const number = frac === '' ? int : `${int}.${frac}`
  const prefix = ts
    .slice(0, first)
    .map((t) => t.text)
    .join('')
  const suffix = ts
    .slice(last + 1)
    .map((t) => t.text)
    .join('')
  const negative = signed && value < 0 && rounded !== 0
  return `${negative ? '-' : ''}${prefix}${number}${suffix}`
}

/**
 * TEXT(value, format) with Excel's en-US format codes: `0`, `#`, `,` thousands, `.` decimals, `%`,
 * "literal" text, `pos;neg;zero` sections, `@`, and dates `d dd m mm yy yyyy` on serial numbers.
 */
export function textFormat(value: Value, format: string): Value {
  if (isFormulaError(value)) return value
  if (format === '' || /^general$/i.test(format)) return toText(value)
  if (typeof value !== 'number')
    return format.includes('@') ? format.replace('@', toText(value)) : toText(value)
  const sections = format.split(';')
  const code = tokens(sections[0] as string)
    .filter((t) => !t.literal)
    .map((t) => t.text)
    .join('')
  if (/[dmy]/i.test(code) && !/[0#]/.test(code)) {
    if (value < 0) return formulaError('#VALUE!', 'TEXT: a negative number is not a date')
    return formatDate(value, sections[0] as string)
  }
  if (value < 0 && sections.length > 1) return formatNumber(value, sections[1] as string, false)
  if (value === 0 && sections.length > 2) return formatNumber(value, sections[2] as string, false)
  return formatNumber(value, sections[0] as string, true)
}

export const textFunctions: FormulaFunction[] = [
  {
    name: 'TEXT',
    minArgs: 2,
    maxArgs: 2,
    description: 'TEXT(value, format): e.g. TEXT(1234.5, "#,##0.00") = "1,234.50"',
    evaluate(args: ReadonlyArray<Value | Matrix>): Value {
      const format = scalar(args[1], 'TEXT')
      if (isFormulaError(format)) return format
      return textFormat(scalar(args[0], 'TEXT'), toText(format))
    },
  },
]
