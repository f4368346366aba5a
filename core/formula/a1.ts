import { formatFormula } from './format.js'
import { parseFormula } from './parser.js'
import type { FormulaSyntaxError } from './types.js'

/** The data area an A1 formula is written against. */
export interface A1Grid {
  /** Row ids of the data area: A1 row 1 is `rowIds[0]`. */
  rowIds: readonly string[]
  /** Column ids of the data area: column A is `colIds[0]`. */
  colIds: readonly string[]
  /** When given, every rewritten reference is qualified with this section. */
  section?: string
}

export type RewriteResult = { ok: true; formula: string } | { ok: false; error: FormulaSyntaxError }

const A1 = /^\$?([A-Za-z]{1,3})\$?([0-9]+)$/
const WORD = /[$A-Za-z_][$A-Za-z0-9_]*/y
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y
const QUOTED = /'(?:[^']|'')*'/y
const STRING = /"(?:[^"]|"")*"?/y

interface Replacement {
  /** Start and end in the rewritten text. */
  outStart: number
  outEnd: number
  srcStart: number
  srcEnd: number
}

class A1Failure extends Error {
  constructor(readonly detail: FormulaSyntaxError) {
    super(detail.message)
  }
}

function sticky(re: RegExp, src: string, i: number): string | undefined {
  re.lastIndex = i
  return re.exec(src)?.[0]
}

function columnNumber(letters: string): number {
  let n = 0
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n
}

/**
 * Rewrites a formula typed in Excel A1 style (`=D5+E5`, `=SUM($D$5:D9)`) into canonical text with
 * stable ids: A1 row 1 is the first data row, column A the first column. References to other
 * sheets (`Sheet!A1`) are not supported. The result is canonical (as `formatFormula` prints it).
 *
 * @example
 * rewriteA1('=SUM(A1:A2)*B$1', { rowIds: ['r1', 'r2'], colIds: ['c1', 'c2'] })
 * // { ok: true, formula: 'SUM(r1.c1:r2.c1)*r1.c2' }
 * rewriteA1('=D12', { rowIds: ['r1'], colIds: ['c1', 'c2', 'c3', 'c4'] })
 * // { ok: false, error: { message: 'D12 is outside the grid (1 rows)', token: 'D12', offset: 1 } }
 */
export function rewriteA1(src: string, grid: A1Grid): RewriteResult {
  const replacements: Replacement[] = []
  let out = ''
  try {
    let i = 0
    while (i < src.length) {
      const ch = src[i] as string
      let text: string | undefined
      if (ch === '"') text = sticky(STRING, src, i)
      else if (ch === "'") {
        text = sticky(QUOTED, src, i)
        if (text !== undefined) checkSheetRef(src, i, text)
      } else if (/[0-9.]/.test(ch)) text = sticky(NUMBER, src, i)
      else if (/[$A-Za-z_]/.test(ch)) {
        const word = sticky(WORD, src, i) as string
        checkSheetRef(src, i, word)
        const converted = isA1Ref(src, i, word) ? convert(word, i, grid) : undefined
        if (converted !== undefined) {
          replacements.push({
            outStart: out.length,
            outEnd: out.length + converted.length,
            srcStart: i,
            srcEnd: i + word.length,
          })
          out += converted
          i += word.length
          continue
        }
        text = word
      }
      text ??= ch
      out += text
      i += text.length
    }
  } catch (e) {
    if (e instanceof A1Failure) return { ok: false, error: e.detail }
    throw e
  }
  const parsed = parseFormula(out)
  if (parsed.ok) return { ok: true, formula: formatFormula(parsed.ast) }
  const { offset } = parsed.error
  const srcOffset = sourceOffset(offset, replacements)
  const message = parsed.error.message.replace(` at ${offset}`, ` at ${srcOffset}`)
  return { ok: false, error: { ...parsed.error, message, offset: srcOffset } }
}

/** A word is an A1 reference unless it is part of `row.col`, a section, or a function name. */
function isA1Ref(src: string, i: number, word: string): boolean {
  if (!A1.test(word)) return false
  const before = src[i - 1] ?? ''
  const after = src[i + word.length] ?? ''
  return (
    !'.!@'.includes(before === '' ? ' ' : before) && !'(.!'.includes(after === '' ? ' ' : after)
  )
}

/** `Sheet!A1` or `'My sheet'!A1`: the canonical `section!row.col` is fine, an A1 address is not. */
function checkSheetRef(src: string, i: number, name: string): void {
  const bang = i + name.length
  if (src[bang] !== '!') return
  const target = sticky(WORD, src, bang + 1)
  const after = src[bang + 1 + (target?.length ?? 0)] ?? ''
  // `main!r1.c3` is canonical (a `.` follows); `Sheet!A1` is an address on another sheet.
  if (target === undefined || !A1.test(target) || after === '.' || after === '(') return
  const token = src.slice(i, bang + 1 + target.length)
  throw new A1Failure({
    message: `${token} at ${i}: references to other sheets (Sheet!A1) are not supported; use section!row.col`,
    token,
    offset: i,
  })
}

function convert(word: string, offset: number, grid: A1Grid): string {
  const [, letters, digits] = A1.exec(word) as RegExpExecArray
  const row = Number(digits)
  const col = columnNumber(letters as string)
  const rowId = grid.rowIds[row - 1]
  const colId = grid.colIds[col - 1]
  if (rowId === undefined || row < 1) {
    throw new A1Failure({
      message: `${word} is outside the grid (${grid.rowIds.length} rows)`,
      token: word,
      offset,
    })
  }
  if (colId === undefined) {
    throw new A1Failure({
      message: `${word} is outside the grid (${grid.colIds.length} columns)`,
      token: word,
      offset,
    })
  }
  return `${grid.section === undefined ? '' : `${grid.section}!`}${rowId}.${colId}`
}

function sourceOffset(outOffset: number, replacements: readonly Replacement[]): number {
  let delta = 0
  for (const r of replacements) {
    if (outOffset < r.outStart) break
    if (outOffset < r.outEnd) return r.srcStart
    delta = r.srcEnd - r.outEnd
  }
  return outOffset + delta
}
