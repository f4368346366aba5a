import { bindRelative, formatFormula, parseFormula } from '../formula/index.js'

/**
 * Canonical text of a formula expanded to one cell (`@` bound, no leading `=`). A formula that does
 * not parse is kept as written (without `=`): `loadTemplate` has reported it, and the sheet turns
 * it into an error value if a caller resolves such a definition anyway.
 *
 * @example
 * canonicalFormula('=@.c4 + @.c5', { row: 'r7' }) // 'r7.c4+r7.c5'
 */
export function canonicalFormula(text: string, at: { row?: string; col?: string }): string {
  const parsed = parseFormula(text)
  if (!parsed.ok) return text.replace(/^\s*=/, '').trim()
  return formatFormula(bindRelative(parsed.ast, at))
}
