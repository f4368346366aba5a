import type { Value } from '../formula/index.js'
import type { ResolvedConstraint } from '../template/types.js'

/**
 * How a value reads inside a message: empty cells say so, errors show their code.
 *
 * @example
 * [null, 0.3, { error: '#DIV/0!' }].map(formatMessageValue) // ['trống', '0.3', '#DIV/0!']
 */
export function formatMessageValue(v: Value | undefined): string {
  if (v === null || v === undefined) return 'trống'
  if (typeof v === 'object') return v.error
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  return String(v)
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
