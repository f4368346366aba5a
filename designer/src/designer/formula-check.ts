import { parseFormula, rewriteA1 } from '../../../core/index.js'

export interface A1Context {
  rowIds: readonly string[]
  colIds: readonly string[]
  section?: string
}

export type FormulaCheck =
  { ok: true; formula: string } | { ok: false; message: string; token: string; offset: number }

/**
 * A formula as a designer typed it (Excel A1 or stable ids, with or without `=`) -> canonical text
 * with stable ids, keeping the leading `=` when it was typed. Errors name the token and offset.
 */
export function checkFormula(text: string, grid: A1Context | undefined): FormulaCheck {
  const src = text.trim()
  const eq = src.startsWith('=')
  if (grid !== undefined) {
    const r = rewriteA1(src, grid)
    if (!r.ok) return { ok: false, ...r.error }
    return { ok: true, formula: `${eq ? '=' : ''}${r.formula}` }
  }
  const p = parseFormula(src)
  if (!p.ok) return { ok: false, ...p.error }
  return { ok: true, formula: src }
}
