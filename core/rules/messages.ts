import type { Constraint } from '../../schemas/generated/index.js'

/**
 * Default messages, in Vietnamese because reporters read them. `{name}` is replaced by the
 * operand's current value, `{values}` by every operand as `formula = value`.
 * English: compare "(L = {left}) must be <op> (R = {right})"; assert "Condition not met: E ({values})";
 * required-if "Enter T when C ({values})"; both-or-neither "Fill in all of A and B or leave them all
 * empty ({values})"; not-both "A and B must not both be filled in ({values})";
 * sum-children "Total (P = {parent}) must equal (C = {children})".
 */
export const OPERATOR_TEXT: Record<NonNullable<Constraint['operator']>, string> = {
  '=': 'bằng',
  '<>': 'khác',
  '<': 'nhỏ hơn',
  '<=': 'nhỏ hơn hoặc bằng',
  '>': 'lớn hơn',
  '>=': 'lớn hơn hoặc bằng',
}

const list = (items: readonly string[]): string => items.join(', ')
const withValues = (text: string, hasOperands: boolean): string =>
  hasOperands ? `${text} ({values})` : text

export function compareMessage(
  left: string,
  op: NonNullable<Constraint['operator']>,
  right: string,
  tolerance: string | undefined,
): string {
  const base = `(${left} = {left}) phải ${OPERATOR_TEXT[op]} (${right} = {right})`
  return tolerance === undefined ? base : `${base}, sai số cho phép ${tolerance}`
}

export function assertMessage(expression: string, hasOperands: boolean): string {
  return withValues(`Điều kiện không thỏa mãn: ${expression}`, hasOperands)
}

export function requiredIfMessage(
  targets: readonly string[],
  condition: string | undefined,
  hasOperands: boolean,
): string {
  return condition === undefined
    ? `Phải nhập ${list(targets)}`
    : withValues(`Phải nhập ${list(targets)} khi ${condition}`, hasOperands)
}

export function bothOrNeitherMessage(cells: readonly string[]): string {
  return `Phải nhập đủ ${list(cells)} hoặc để trống tất cả ({values})`
}

export function notBothMessage(cells: readonly string[]): string {
  return `Không được nhập đồng thời ${list(cells)} ({values})`
}

export function sumChildrenMessage(parent: string, children: string): string {
  return `Tổng số (${parent} = {parent}) phải bằng (${children} = {children})`
}
