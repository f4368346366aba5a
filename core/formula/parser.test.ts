import { describe, expect, it } from 'vitest'
import { parseFormula } from './parser.js'
import type { Ast } from './types.js'

function ast(src: string): Ast {
  const result = parseFormula(src)
  if (!result.ok) throw new Error(result.error.message)
  return result.ast
}

function error(src: string) {
  const result = parseFormula(src)
  if (result.ok) throw new Error(`${src} parsed`)
  return result.error
}

const num = (value: number): Ast => ({ type: 'number', value })
const ref = (row: string, col: string, section?: string): Ast => ({
  type: 'ref',
  ref: section === undefined ? { row, col } : { section, row, col },
})

describe('parseFormula: literals', () => {
  it('reads numbers, percent, strings, logicals and errors', () => {
    expect(ast('=12')).toEqual(num(12))
    expect(ast('1.5')).toEqual(num(1.5))
    expect(ast('.5')).toEqual(num(0.5))
    expect(ast('1e3')).toEqual(num(1000))
    expect(ast('2.5E-2')).toEqual(num(0.025))
    expect(ast('50%')).toEqual({ type: 'unary', op: '%', arg: num(50) })
    expect(ast('"say ""hi"""')).toEqual({ type: 'string', value: 'say "hi"' })
    expect(ast('""')).toEqual({ type: 'string', value: '' })
    expect(ast('true')).toEqual({ type: 'boolean', value: true })
    expect(ast('FALSE')).toEqual({ type: 'boolean', value: false })
    for (const code of ['#N/A', '#DIV/0!', '#REF!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!']) {
      expect(ast(code)).toEqual({ type: 'error', code })
    }
    expect(ast('#n/a')).toEqual({ type: 'error', code: '#N/A' })
  })
  it('skips whitespace and the leading =', () => {
    expect(ast('  = 1 +\n 2 ')).toEqual({ type: 'binary', op: '+', left: num(1), right: num(2) })
  })
})

describe('parseFormula: references', () => {
  it('reads row.col, section-qualified and cross-template references', () => {
    expect(ast('r1.c3')).toEqual(ref('r1', 'c3'))
    expect(ast('main!r1.c3')).toEqual(ref('r1', 'c3', 'main'))
    expect(ast("'II.06a/VPCP/KSTT'!main!r1.c3")).toEqual({
      type: 'ref',
      ref: { template: 'II.06a/VPCP/KSTT', section: 'main', row: 'r1', col: 'c3' },
    })
    expect(ast("'it''s'!s!a.b")).toMatchObject({ ref: { template: "it's" } })
  })
  it('keeps ids case-sensitive and allows TRUE as an id before a dot', () => {
    expect(ast('Tong.C1')).toEqual(ref('Tong', 'C1'))
    expect(ast('TRUE.x')).toEqual(ref('TRUE', 'x'))
    expect(ast('TRUE!a.b')).toEqual(ref('a', 'b', 'TRUE'))
  })
  it('reads @ placeholders', () => {
    expect(ast('@.c4')).toEqual(ref('@', 'c4'))
    expect(ast('r1.@')).toEqual(ref('r1', '@'))
    expect(ast('main!@.c4')).toEqual(ref('@', 'c4', 'main'))
  })
  it('reads ranges; the second end inherits the section', () => {
    expect(ast('r1.c3:r5.c3')).toEqual({
      type: 'range',
      range: { from: { row: 'r1', col: 'c3' }, to: { row: 'r5', col: 'c3' } },
    })
    const both = {
      from: { section: 'm', row: 'r1', col: 'c3' },
      to: { section: 'm', row: 'r5', col: 'c3' },
    }
    expect(ast('m!r1.c3:r5.c3')).toEqual({ type: 'range', range: both })
    expect(ast('m!r1.c3:m!r5.c3')).toEqual({ type: 'range', range: both })
    expect(ast('@.c1:@.c5')).toMatchObject({ range: { from: { row: '@' }, to: { row: '@' } } })
  })
})

describe('parseFormula: operators', () => {
  it('follows Excel precedence', () => {
    expect(ast('1+2*3')).toEqual({
      type: 'binary',
      op: '+',
      left: num(1),
      right: { type: 'binary', op: '*', left: num(2), right: num(3) },
    })
    // unary minus binds tighter than ^ (=-2^2 is 4 in Excel)
    expect(ast('-2^2')).toEqual({
      type: 'binary',
      op: '^',
      left: { type: 'unary', op: '-', arg: num(2) },
      right: num(2),
    })
    // ^ is left-associative
    expect(ast('2^3^2')).toMatchObject({ op: '^', left: { op: '^' }, right: num(2) })
    expect(ast('1-2-3')).toMatchObject({ op: '-', left: { op: '-' }, right: num(3) })
    expect(ast('"a"&1+2')).toMatchObject({ op: '&', right: { op: '+' } })
    expect(ast('1+2=3&""')).toMatchObject({ op: '=', left: { op: '+' }, right: { op: '&' } })
    expect(ast('a.b%^2')).toMatchObject({ op: '^', left: { type: 'unary', op: '%' } })
    expect(ast('-a.b%')).toMatchObject({ type: 'unary', op: '%', arg: { type: 'unary', op: '-' } })
    expect(ast('(1+2)*3')).toMatchObject({ op: '*', left: { op: '+' } })
  })
  it('reads every comparison', () => {
    for (const op of ['=', '<>', '<', '<=', '>', '>=']) {
      expect(ast(`1${op}2`)).toMatchObject({ type: 'binary', op })
    }
  })
  it('reads nested unary operators', () => {
    expect(ast('--1')).toEqual({
      type: 'unary',
      op: '-',
      arg: { type: 'unary', op: '-', arg: num(1) },
    })
    expect(ast('+-1')).toMatchObject({ op: '+', arg: { op: '-' } })
  })
})

describe('parseFormula: calls', () => {
  it('upper-cases names and reads arguments', () => {
    expect(ast('sum(r1.c1:r2.c1, 3)')).toMatchObject({
      type: 'call',
      name: 'SUM',
      args: [{ type: 'range' }, num(3)],
    })
    expect(ast('NA()')).toEqual({ type: 'call', name: 'NA', args: [] })
    expect(ast('IF(a.b>0,1,IF(a.b<0,-1,0))')).toMatchObject({
      name: 'IF',
      args: [{}, {}, { name: 'IF' }],
    })
  })
  it('reads dotted function names', () => {
    expect(ast('stdev.s(a.b:c.d)')).toMatchObject({ type: 'call', name: 'STDEV.S' })
    expect(ast('F.DIST.RT(1, 2, 3)')).toMatchObject({ type: 'call', name: 'F.DIST.RT' })
  })
  it('reads TRUE() as a call', () => {
    expect(ast('TRUE()')).toEqual({ type: 'call', name: 'TRUE', args: [] })
  })
})

describe('parseFormula: errors name the token and offset', () => {
  it('reports unexpected tokens', () => {
    expect(error('=(r1.c3 + 1))')).toEqual({
      message: 'unexpected token ")" at 12',
      token: ')',
      offset: 12,
    })
    expect(error('1 2')).toEqual({ message: 'unexpected token "2" at 2', token: '2', offset: 2 })
    expect(error('1+')).toEqual({ message: 'unexpected end of formula at 2', token: '', offset: 2 })
    expect(error('*1').message).toBe('unexpected token "*" at 0')
  })
  it('reports an empty formula', () => {
    expect(error('=')).toMatchObject({ message: 'empty formula at 1', offset: 1 })
    expect(error('')).toMatchObject({ message: 'empty formula at 0' })
  })
  it('rejects bare names', () => {
    expect(error('=1 + foo')).toEqual({
      message:
        'unknown name "foo" at 5: expected a function call, TRUE, FALSE or a row.col reference',
      token: 'foo',
      offset: 5,
    })
  })
  it('rejects bad characters, strings and error literals', () => {
    expect(error('1 $ 2')).toMatchObject({
      token: '$',
      offset: 2,
      message: 'unexpected character "$" at 2',
    })
    expect(error('SUM(1;2)').message).toContain('arguments are separated by ","')
    expect(error('"abc')).toMatchObject({
      message: 'unterminated string starting at 0',
      token: '"abc',
    })
    expect(error("'abc!x.y")).toMatchObject({
      message: 'unterminated quoted template code starting at 0',
    })
    expect(error('#FOO! + 1')).toMatchObject({
      message: 'unknown error literal "#FOO!" at 0',
      token: '#FOO!',
    })
  })
  it('rejects malformed references', () => {
    expect(error('r1.')).toMatchObject({ offset: 3, token: '' })
    expect(error('r1.2')).toMatchObject({
      token: 'r1',
      message: expect.stringContaining('unknown name "r1"'),
    })
    expect(error('main!3')).toMatchObject({
      message: 'expected a row id or @ but found token "3" at 5',
    })
    expect(error('main!r1')).toMatchObject({
      message: expect.stringContaining('expected "." after row "r1"'),
    })
    expect(error('@ + 1')).toMatchObject({ token: '+' })
    expect(error('a.b.c')).toMatchObject({ token: '.', offset: 3 })
    expect(error("'T'!r1.c1").message).toContain("needs a section ('code'!section!row.col)")
    expect(error("''!s!r1.c1").message).toBe('empty template code at 0')
    expect(error("'T'.x")).toMatchObject({ message: 'expected "!" but found token "." at 3' })
  })
  it('rejects ranges across sections or templates', () => {
    expect(error('a!r1.c1:b!r2.c1').message).toContain(
      'both ends of a range must be in one section',
    )
    expect(error('r1.c1:b!r2.c1').message).toContain('the unqualified first end')
    expect(error("'T'!s!r1.c1:r2.c1").message).toContain('a range cannot refer to another template')
    expect(error('r1.c1:2')).toMatchObject({ token: '2' })
  })
  it('reports a broken argument list', () => {
    expect(error('SUM(1 2)')).toEqual({
      message: 'expected "," or ")" in the call of SUM (opened at 0) but found token "2" at 6',
      token: '2',
      offset: 6,
    })
    expect(error('SUM(1,')).toMatchObject({ message: 'unexpected end of formula at 6' })
    expect(error('(1')).toMatchObject({ message: 'expected ")" but found end of formula at 2' })
  })
})
