import type { ErrorCode, FormulaSyntaxError } from './types.js'
import { ERROR_CODES } from './values.js'

export type TokenKind = 'number' | 'string' | 'ident' | 'error' | 'quoted' | 'op' | 'end'

export interface Token {
  kind: TokenKind
  /** Source text of the token. For 'op' this is the operator itself. */
  text: string
  offset: number
  /** Decoded value: the number, the unescaped string or quoted code, the error code. */
  value?: number | string
}

/** Thrown inside the lexer and parser only; `parseFormula` turns it into a result. */
export class SyntaxFailure extends Error {
  constructor(readonly detail: FormulaSyntaxError) {
    super(detail.message)
  }
}

export function fail(message: string, token: string, offset: number): never {
  throw new SyntaxFailure({ message, token, offset })
}

/** Quotes a token for a message: `")"`, or "end of formula". */
export function describe(token: Token): string {
  return token.kind === 'end' ? 'end of formula' : `token ${JSON.stringify(token.text)}`
}

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y
const TWO_CHAR_OPS = new Set(['<=', '>=', '<>'])
const ONE_CHAR_OPS = new Set('+-*/^&%=<>(),:!.@')
// Longest first, so `#N/A` does not shadow a longer code and `#NAME?` wins over `#NA`.
const ERRORS_LONGEST_FIRST = [...ERROR_CODES].sort((a, b) => b.length - a.length)

/** Splits formula source into tokens, starting at `start`; the last token has kind 'end'. */
export function tokenize(src: string, start: number): Token[] {
  const tokens: Token[] = []
  let i = start
  while (i < src.length) {
    const ch = src[i] as string
    if (/\s/.test(ch)) {
      i++
      continue
    }
    const token = readToken(src, i, ch)
    tokens.push(token)
    i += token.text.length
  }
  tokens.push({ kind: 'end', text: '', offset: src.length })
  return tokens
}

function readToken(src: string, i: number, ch: string): Token {
  if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
    const text = match(NUMBER, src, i) as string
    return { kind: 'number', text, offset: i, value: Number(text) }
  }
  if (/[A-Za-z_]/.test(ch))
    return { kind: 'ident', text: match(IDENT, src, i) as string, offset: i }
  if (ch === '"') return readQuoted(src, i, '"', 'string')
  if (ch === "'") return readQuoted(src, i, "'", 'quoted')
  if (ch === '#') return readError(src, i)
  const two = src.slice(i, i + 2)
  if (TWO_CHAR_OPS.has(two)) return { kind: 'op', text: two, offset: i }
  if (ONE_CHAR_OPS.has(ch)) return { kind: 'op', text: ch, offset: i }
  const hint = ch === ';' ? ' (arguments are separated by ",")' : ''
  return fail(`unexpected character ${JSON.stringify(ch)} at ${i}${hint}`, ch, i)
}

function match(re: RegExp, src: string, i: number): string | undefined {
  re.lastIndex = i
  return re.exec(src)?.[0]
}

/** `"a""b"` -> `a"b`; the same doubling escapes a quote in `'quoted''code'`. */
function readQuoted(src: string, i: number, quote: string, kind: 'string' | 'quoted'): Token {
  let j = i + 1
  let value = ''
  for (;;) {
    const k = src.indexOf(quote, j)
    if (k < 0) {
      const what = kind === 'string' ? 'string' : 'quoted template code'
      return fail(`unterminated ${what} starting at ${i}`, src.slice(i), i)
    }
    value += src.slice(j, k)
    if (src[k + 1] === quote) {
      value += quote
      j = k + 2
      continue
    }
    return { kind, text: src.slice(i, k + 1), offset: i, value }
  }
}

function readError(src: string, i: number): Token {
  const upper = src.slice(i, i + 8).toUpperCase()
  const code: ErrorCode | undefined = ERRORS_LONGEST_FIRST.find((c) => upper.startsWith(c))
  if (code === undefined) {
    const text = /^#[^\s(),:;+\-*/^&=<>]*/.exec(src.slice(i))?.[0] ?? '#'
    return fail(`unknown error literal ${JSON.stringify(text)} at ${i}`, text, i)
  }
  return { kind: 'error', text: src.slice(i, i + code.length), offset: i, value: code }
}
