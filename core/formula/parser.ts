import { describe, fail, SyntaxFailure, tokenize } from './lexer.js'
import type { Token } from './lexer.js'
import type { Ast, BinaryOp, CellRef, ErrorCode, ParseResult } from './types.js'

/** Binding powers, Excel's precedence: comparisons < & < + - < * / < ^ < % < unary minus. */
export const INFIX_POWER: Readonly<Record<BinaryOp, number>> = {
  '=': 10,
  '<>': 10,
  '<': 10,
  '<=': 10,
  '>': 10,
  '>=': 10,
  '&': 20,
  '+': 30,
  '-': 30,
  '*': 40,
  '/': 40,
  '^': 50,
}
export const PERCENT_POWER = 60
export const PREFIX_POWER = 70

/**
 * Parses canonical formula text (an optional leading `=` is skipped). Never throws: a syntax
 * error comes back as data naming the offending token and its offset.
 *
 * @example
 * parseFormula('=SUM(r1.c3:r5.c3) * 2')
 * // { ok: true, ast: { type: 'binary', op: '*', left: { type: 'call', name: 'SUM', ... }, ... } }
 * parseFormula('=(r1.c3 + 1))')
 * // { ok: false, error: { message: 'unexpected token ")" at 12', token: ')', offset: 12 } }
 */
export function parseFormula(src: string): ParseResult {
  try {
    const lead = /^\s*=?/.exec(src)?.[0].length ?? 0
    const parser = new Parser(tokenize(src, lead))
    if (parser.peek().kind === 'end') fail(`empty formula at ${src.length}`, '', src.length)
    const ast = parser.expression(0)
    const rest = parser.peek()
    if (rest.kind !== 'end') parser.unexpected(rest)
    return { ok: true, ast }
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, error: e.detail }
    throw e
  }
}

class Parser {
  private pos = 0
  constructor(private readonly tokens: Token[]) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)] as Token
  }

  private next(): Token {
    const token = this.peek()
    if (token.kind !== 'end') this.pos++
    return token
  }

  private isOp(text: string, ahead = 0): boolean {
    const t = this.peek(ahead)
    return t.kind === 'op' && t.text === text
  }

  private expect(text: string): Token {
    const token = this.next()
    if (token.kind !== 'op' || token.text !== text) {
      fail(
        `expected "${text}" but found ${describe(token)} at ${token.offset}`,
        token.text,
        token.offset,
      )
    }
    return token
  }

  unexpected(token: Token): never {
    return fail(`unexpected ${describe(token)} at ${token.offset}`, token.text, token.offset)
  }

  expression(minPower: number): Ast {
    let left = this.prefix()
    for (;;) {
      const token = this.peek()
      if (token.kind !== 'op') return left
      if (token.text === '%') {
        if (PERCENT_POWER <= minPower) return left
        this.next()
        left = { type: 'unary', op: '%', arg: left }
        continue
      }
      const power = INFIX_POWER[token.text as BinaryOp] as number | undefined
      if (power === undefined || power <= minPower) return left
      this.next()
      // Left-associative, Excel's rule even for ^ (2^3^2 = 64).
      left = { type: 'binary', op: token.text as BinaryOp, left, right: this.expression(power) }
    }
  }

  private prefix(): Ast {
    const token = this.next()
    switch (token.kind) {
      case 'number':
        return { type: 'number', value: token.value as number }
      case 'string':
        return { type: 'string', value: token.value as string }
      case 'error':
        return { type: 'error', code: token.value as ErrorCode }
      case 'quoted':
        return this.rangeAfter(this.templateRef(token))
      case 'ident':
        return this.identifier(token)
      case 'op':
        if (token.text === '(') {
          const inner = this.expression(0)
          this.expect(')')
          return inner
        }
        if (token.text === '-' || token.text === '+') {
          return { type: 'unary', op: token.text, arg: this.expression(PREFIX_POWER) }
        }
        if (token.text === '@') return this.rangeAfter(this.cellTail('@', token, undefined))
        return this.unexpected(token)
      default:
        return this.unexpected(token)
    }
  }

  /** After a name: a call, a dotted call (`STDEV.S(`), a reference, TRUE/FALSE, or an error. */
  private identifier(token: Token): Ast {
    if (this.isOp('(')) return this.call(token.text, token)
    if (this.isOp('!')) {
      this.next()
      return this.rangeAfter(this.cellRef(token.text))
    }
    if (this.isOp('.')) {
      // Dotted function names (F.DIST.RT) share the `a.b` shape with references; `(` decides.
      let ahead = 0
      while (this.isOp('.', ahead) && this.peek(ahead + 1).kind === 'ident') ahead += 2
      if (ahead >= 2 && this.isOp('(', ahead)) {
        const parts = [token.text]
        for (let k = 0; k < ahead; k += 2) parts.push(this.peek(k + 1).text)
        this.pos += ahead
        return this.call(parts.join('.'), token)
      }
      return this.rangeAfter(this.cellTail(token.text, token, undefined))
    }
    const upper = token.text.toUpperCase()
    if (upper === 'TRUE' || upper === 'FALSE') return { type: 'boolean', value: upper === 'TRUE' }
    return fail(
      `unknown name ${JSON.stringify(token.text)} at ${token.offset}: expected a function call, TRUE, FALSE or a row.col reference`,
      token.text,
      token.offset,
    )
  }

  private call(name: string, token: Token): Ast {
    this.expect('(')
    const args: Ast[] = []
    if (this.isOp(')')) {
      this.next()
      return { type: 'call', name: name.toUpperCase(), args }
    }
    for (;;) {
      args.push(this.expression(0))
      const sep = this.next()
      if (sep.kind === 'op' && sep.text === ')') break
      if (sep.kind !== 'op' || sep.text !== ',') {
        fail(
          `expected "," or ")" in the call of ${name.toUpperCase()} (opened at ${token.offset}) but found ${describe(sep)} at ${sep.offset}`,
          sep.text,
          sep.offset,
        )
      }
    }
    return { type: 'call', name: name.toUpperCase(), args }
  }

  /** `'code'!section!row.col` */
  private templateRef(quoted: Token): CellRef {
    const template = quoted.value as string
    if (template === '') fail(`empty template code at ${quoted.offset}`, quoted.text, quoted.offset)
    this.expect('!')
    const section = this.next()
    if (section.kind !== 'ident' || !this.isOp('!')) {
      fail(
        `a reference to another template needs a section ('code'!section!row.col) at ${section.offset}`,
        section.text,
        section.offset,
      )
    }
    this.next()
    const ref = this.cellRef(section.text)
    return { template, ...ref }
  }

  /** `row.col` after an optional `section!` that the caller consumed. */
  private cellRef(section: string | undefined): CellRef {
    const row = this.next()
    const name =
      row.kind === 'ident' ? row.text : row.kind === 'op' && row.text === '@' ? '@' : undefined
    if (name === undefined) {
      return fail(
        `expected a row id or @ but found ${describe(row)} at ${row.offset}`,
        row.text,
        row.offset,
      )
    }
    return this.cellTail(name, row, section)
  }

  /** `.col` after the row of a reference. */
  private cellTail(row: string, rowToken: Token, section: string | undefined): CellRef {
    const dot = this.next()
    if (dot.kind !== 'op' || dot.text !== '.') {
      fail(
        `expected "." after row ${JSON.stringify(row)} (a reference is row.col) but found ${describe(dot)} at ${dot.offset}`,
        dot.text,
        dot.offset,
      )
    }
    const col = this.next()
    if (col.kind === 'ident') return withSection({ row, col: col.text }, section)
    if (col.kind === 'op' && col.text === '@') return withSection({ row, col: '@' }, section)
    return fail(
      `expected a column id or @ after ${JSON.stringify(row + '.')} (at ${rowToken.offset}) but found ${describe(col)} at ${col.offset}`,
      col.text,
      col.offset,
    )
  }

  /** A reference, or a range when `:` follows. The second end may omit the section. */
  private rangeAfter(from: CellRef): Ast {
    if (!this.isOp(':')) return { type: 'ref', ref: from }
    const colon = this.next()
    if (from.template !== undefined) {
      fail(`a range cannot refer to another template (at ${colon.offset})`, ':', colon.offset)
    }
    const first = this.peek()
    let section: string | undefined
    if (first.kind === 'ident' && this.isOp('!', 1)) {
      this.pos += 2
      section = first.text
      if (section !== from.section) {
        fail(
          `both ends of a range must be in one section: ${JSON.stringify(section)} at ${first.offset} differs from ${from.section === undefined ? 'the unqualified first end' : JSON.stringify(from.section)}`,
          first.text,
          first.offset,
        )
      }
    }
    const to = this.cellRef(from.section)
    return { type: 'range', range: { from, to } }
  }
}

function withSection(ref: { row: string; col: string }, section: string | undefined): CellRef {
  return section === undefined ? ref : { section, ...ref }
}
