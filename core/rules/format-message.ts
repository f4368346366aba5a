import type { Value } from '../formula/index.js'
import type { ResolvedConstraint } from '../template/types.js'

// Every fraction digit the number has (String(v) shows the same digits), so a message never rounds
// away the difference it reports. Node 22 and Chromium give the same output for vi-VN.
const VI_NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 20 })

/**
 * A number as Vietnamese text reads it: decimal comma, a dot between thousands.
 *
 * @example
 * formatNumberVi(1234567.5) // '1.234.567,5'
 */
export function formatNumberVi(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  return VI_NUMBER.format(n === 0 ? 0 : n) // no "-0"
}

/**
 * How a value reads inside a (Vietnamese) message: empty cells say so, numbers with a decimal
 * comma, errors show their code.
 *
 * @example
 * [null, 5.4, 1234, { error: '#DIV/0!' }].map(formatMessageValue) // ['trống', '5,4', '1.234', '#DIV/0!']
 */
export function formatMessageValue(v: Value | undefined): string {
  if (v === null || v === undefined) return 'trống'
  if (typeof v === 'object') return v.error
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (typeof v === 'number') return formatNumberVi(v)
  return v
}

/**
 * Fills a constraint's message with the operands' current values: `{left}` becomes the value of
 * operand `left`, `{values}` lists every operand as `formula = value`. Unknown placeholders stay.
 *
 * @example
 * formatConstraintMessage(
 *   { message: 'Tổng số (main!r1.c3 = {parent}) phải bằng (main!r2.c3+main!r3.c3 = {children})',
 *     operands: { parent: 'main!r1.c3', children: 'main!r2.c3+main!r3.c3' } },
 *   { parent: 10, children: 9 },
 * ) // 'Tổng số (main!r1.c3 = 10) phải bằng (main!r2.c3+main!r3.c3 = 9)'
 */
export function formatConstraintMessage(
  c: Pick<ResolvedConstraint, 'message' | 'operands'>,
  values: Readonly<Record<string, Value>>,
): string {
  const has = (name: string): boolean => Object.prototype.hasOwnProperty.call(c.operands, name)
  return c.message.replace(/\{([^{}]+)\}/g, (all, name: string) => {
    if (name === 'values' && !has('values')) {
      return Object.entries(c.operands)
        .map(([n, formula]) => `${formula} = ${formatMessageValue(values[n])}`)
        .join('; ')
    }
    if (!has(name)) return all
    return Object.prototype.hasOwnProperty.call(values, name)
      ? formatMessageValue(values[name])
      : (c.operands[name] as string)
  })
}
