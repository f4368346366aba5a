import { describe, expect, it, vi } from 'vitest'
import { compileFormula } from './compile.js'
import { parseFormula } from './parser.js'
import { createFunctionRegistry, defineFunction } from './registry.js'
import { testGrid } from './test-grid.js'
import type { TestGrid } from './test-grid.js'
import type { Ast, CellRef, CompileEnv, ExternalValues, Value } from './types.js'

function parse(src: string): Ast {
  const result = parseFormula(src)
  if (!result.ok) throw new Error(result.error.message)
  return result.ast
}

function grid(): TestGrid {
  const g = testGrid(['r1', 'r2', 'r3'], ['c1', 'c2', 'c3'])
  // r1: 1 2 3 / r2: 4 "x" null / r3: TRUE #DIV/0! 0.1
  const cells: [string, Value][] = [
    ['r1.c1', 1],
    ['r1.c2', 2],
    ['r1.c3', 3],
    ['r2.c1', 4],
    ['r2.c2', 'x'],
    ['r3.c1', true],
    ['r3.c2', { error: '#DIV/0!' }],
    ['r3.c3', 0.1],
  ]
  for (const [cell, value] of cells) g.set(cell, value)
  return g
}

function run(src: string, g: TestGrid = grid(), env: Partial<CompileEnv> = {}): Value {
  return compileFormula(parse(src), { ...g.env, ...env })(g.values)
}

describe('compileFormula: literals and references', () => {
  it('evaluates literals', () => {
    expect(run('42')).toBe(42)
    expect(run('"a"')).toBe('a')
    expect(run('TRUE')).toBe(true)
    expect(run('#REF!')).toEqual({ error: '#REF!' })
  })
  it('reads cells by slot; an empty cell is null', () => {
    expect(run('r1.c3')).toBe(3)
    expect(run('main!r2.c1')).toBe(4)
    expect(run('r2.c3')).toBeNull()
    expect(run('r1.c1:r1.c1')).toBe(1)
  })
  it('returns #REF! for unknown cells, unbound @ and ranges of other templates', () => {
    expect(run('r9.c1')).toMatchObject({ error: '#REF!', detail: 'r9.c1 is not in the grid' })
    expect(run('other!r1.c1')).toMatchObject({ error: '#REF!' })
    expect(run('@.c1')).toMatchObject({ error: '#REF!', detail: '@.c1 still has an unbound @' })
    expect(run('SUM(@.c1:@.c3)')).toMatchObject({ error: '#REF!' })
    expect(run('SUM(r9.c1:r1.c1)')).toMatchObject({ error: '#REF!' })
    const range: Ast = {
      type: 'range',
      range: {
        from: { template: 'T', section: 's', row: 'a', col: 'b' },
        to: { template: 'T', section: 's', row: 'c', col: 'd' },
      },
    }
    expect(
      compileFormula({ type: 'call', name: 'SUM', args: [range] }, grid().env)([]),
    ).toMatchObject({
      error: '#REF!',
      detail: "'T'!s!a.b: ranges of another template are not supported",
    })
  })
  it('turns a multi-cell range used as one value into #VALUE!', () => {
    expect(run('r1.c1:r1.c2 + 1')).toMatchObject({
      error: '#VALUE!',
      detail: 'r1.c1:r1.c2 is a range where one value is expected',
    })
    expect(run('r1.c1:r9.c2')).toMatchObject({ error: '#REF!' })
  })
  it('re-evaluates against new values without recompiling', () => {
    const g = grid()
    const f = compileFormula(parse('r1.c1 * 2'), g.env)
    expect(f(g.values)).toBe(2)
    g.set('r1.c1', 21)
    expect(f(g.values)).toBe(42)
  })
})

describe('compileFormula: operators', () => {
  it('normalises sums, differences and cell results to 15 digits, as Excel does', () => {
    expect(run('0.1 + 0.2')).toBe(0.3)
    expect(run('r3.c3 * 3')).toBe(0.3)
    expect(run('1 - 0.9')).toBe(0.1)
    // Products and quotients keep full precision inside the formula, so 1/3*3 is 1 as in Excel.
    expect(run('1 / 3 * 3')).toBe(1)
    expect(run('0.3 / 0.1')).toBe(3)
    expect(run('0.3 / 0.1 = 3')).toBe(true)
    expect(run('2 ^ 10')).toBe(1024)
    expect(run('-2^2')).toBe(4)
    expect(run('2^3^2')).toBe(64)
    expect(run('50%')).toBe(0.5)
    expect(run('r1.c1 + +r1.c2')).toBe(3)
  })
  it('counts empty as 0 and coerces text and logicals', () => {
    expect(run('r2.c3 + 1')).toBe(1)
    expect(run('-r2.c3')).toBe(0)
    expect(run('+r2.c3')).toBe(0)
    expect(run('r3.c1 + 1')).toBe(2)
    expect(run('"3" * "2"')).toBe(6)
    expect(run('"10%" + 0')).toBe(0.1)
    expect(run('-"2"')).toBe(-2)
    expect(run('"50"%')).toBe(0.5)
    expect(run('r2.c2 + 1')).toMatchObject({ error: '#VALUE!', detail: '"x" is not a number' })
    expect(run('1 - r2.c2')).toMatchObject({ error: '#VALUE!' })
    expect(run('-r2.c2')).toMatchObject({ error: '#VALUE!' })
    expect(run('r2.c2%')).toMatchObject({ error: '#VALUE!' })
  })
  it('propagates errors, left first', () => {
    expect(run('r3.c2 + 1')).toEqual({ error: '#DIV/0!' })
    expect(run('#N/A * r3.c2')).toEqual({ error: '#N/A' })
    expect(run('1 / 0')).toEqual({ error: '#DIV/0!' })
    expect(run('1 / r2.c3')).toEqual({ error: '#DIV/0!' })
    expect(run('0 ^ 0')).toMatchObject({ error: '#NUM!' })
    expect(run('0 ^ -1')).toEqual({ error: '#DIV/0!' })
    expect(run('(-8) ^ 0.5')).toEqual({ error: '#NUM!' })
    expect(run('10 ^ 400')).toEqual({ error: '#NUM!' })
    expect(run('1e308 * 10')).toEqual({ error: '#NUM!' })
    expect(run('"a" ^ 2')).toMatchObject({ error: '#VALUE!' })
  })
  it('joins text with &', () => {
    expect(run('"a" & r1.c1 & r2.c3 & r3.c1')).toBe('a1TRUE')
    expect(run('r3.c3 & ""')).toBe('0.1')
    expect(run('"a" & r3.c2')).toEqual({ error: '#DIV/0!' })
    expect(run('#N/A & "a"')).toEqual({ error: '#N/A' })
  })
  it('compares like Excel', () => {
    expect(run('1 = 1')).toBe(true)
    expect(run('r1.c1 <> 1')).toBe(false)
    expect(run('1 < 2')).toBe(true)
    expect(run('2 <= 2')).toBe(true)
    expect(run('"b" > "A"')).toBe(true)
    expect(run('"a" >= "B"')).toBe(false)
    expect(run('"abc" = "ABC"')).toBe(true)
    expect(run('r2.c3 = 0')).toBe(true)
    expect(run('r2.c3 = ""')).toBe(true)
    expect(run('1 < "1"')).toBe(true)
    expect(run('0.1 + 0.2 = 0.3')).toBe(true)
    expect(run('r3.c2 = 1')).toEqual({ error: '#DIV/0!' })
    expect(run('1 = #N/A')).toEqual({ error: '#N/A' })
  })
})

describe('compileFormula: special forms', () => {
  it('IF evaluates only the branch taken', () => {
    expect(run('IF(r1.c1 > 0, "pos", 1/0)')).toBe('pos')
    expect(run('IF(r2.c3, 1/0, "empty is false")')).toBe('empty is false')
    expect(run('IF(FALSE, 1)')).toBe(false)
    expect(run('IF(r3.c2, 1, 2)')).toEqual({ error: '#DIV/0!' })
    expect(run('IF("maybe", 1, 2)')).toMatchObject({ error: '#VALUE!' })
    expect(run('IF(r1.c1=0, 0, r1.c2/r1.c1)')).toBe(2)
  })
  it('IFERROR and IFNA catch errors', () => {
    expect(run('IFERROR(r3.c2, 0)')).toBe(0)
    expect(run('IFERROR(1/0, "x")')).toBe('x')
    expect(run('IFERROR(r1.c1, 0)')).toBe(1)
    expect(run('IFERROR(NOPE(), 7)')).toBe(7)
    expect(run('IFNA(MATCH(9, r1.c1:r1.c3, 0), -1)')).toBe(-1)
    expect(run('IFNA(r3.c2, -1)')).toEqual({ error: '#DIV/0!' })
    expect(run('IFNA(5, -1)')).toBe(5)
  })
  it('IFS picks the first true condition', () => {
    expect(run('IFS(r1.c1 > 5, "big", r1.c1 > 0, "small")')).toBe('small')
    expect(run('IFS(FALSE, 1)')).toMatchObject({ error: '#N/A' })
    expect(run('IFS(r3.c2, 1)')).toEqual({ error: '#DIV/0!' })
    expect(run('IFS(TRUE, 1, FALSE)')).toMatchObject({
      error: '#VALUE!',
      detail: 'IFS expects condition, value pairs',
    })
  })
  it('CHOOSE evaluates only the chosen value', () => {
    expect(run('CHOOSE(2, 1/0, "b", 1/0)')).toBe('b')
    expect(run('CHOOSE(2.9, "a", "b")')).toBe('b')
    expect(run('CHOOSE(3, "a", "b")')).toMatchObject({ error: '#VALUE!' })
    expect(run('CHOOSE(r3.c2, "a")')).toEqual({ error: '#DIV/0!' })
  })
  it('AND and OR accept ranges', () => {
    expect(run('AND(r1.c1:r1.c3)')).toBe(true)
    expect(run('OR(r2.c3 > 0, FALSE)')).toBe(false)
    expect(run('AND(r3.c1:r3.c3)')).toEqual({ error: '#DIV/0!' })
  })
  it('checks the number of arguments', () => {
    expect(run('IF(TRUE)')).toMatchObject({
      error: '#VALUE!',
      detail: 'IF expects 2 to 3 arguments, got 1',
    })
    expect(run('IFERROR(1)')).toMatchObject({ detail: 'IFERROR expects 2 arguments, got 1' })
    expect(run('AND()')).toMatchObject({ detail: 'AND expects at least 1 argument, got 0' })
    expect(run('ROUND()')).toMatchObject({ detail: 'ROUND expects 1 to 2 arguments, got 0' })
    expect(run('ISNA(1, 2)')).toMatchObject({ detail: 'ISNA expects 1 argument, got 2' })
  })
})

describe('compileFormula: functions', () => {
  it('SUM walks slots, skipping text, logicals and empty cells in references', () => {
    expect(run('SUM(r1.c1:r1.c3)')).toBe(6)
    expect(run('SUM(r1.c1:r2.c3)')).toBe(10)
    expect(run('SUM(r2.c2, r2.c3, r3.c1)')).toBe(0)
    expect(run('SUM()')).toBe(0)
    expect(run('SUM(r3.c3, r3.c3, r3.c3)')).toBe(0.3)
    expect(run('SUM(r1.c1:r3.c3)')).toEqual({ error: '#DIV/0!' })
  })
  it('SUM coerces direct arguments and keeps argument order for errors', () => {
    expect(run('SUM(1, "2", TRUE, r1.c1:r1.c2, r1.c3 * 2)')).toBe(13)
    expect(run('SUM(r2.c3 + 0, r1.c1)')).toBe(1)
    expect(run('SUM("x", r1.c1)')).toMatchObject({ error: '#VALUE!' })
    expect(run('SUM(1/0, r3.c2)')).toEqual({ error: '#DIV/0!' })
    expect(run('SUM(#N/A, r3.c2)')).toEqual({ error: '#N/A' })
    expect(run('SUM(r1.c1, r3.c2, 1)')).toEqual({ error: '#DIV/0!' })
    expect(run('SUM(r9.c9, 1)')).toMatchObject({ error: '#REF!' })
    expect(run('SUM(1, r9.c9:r1.c1)')).toMatchObject({ error: '#REF!' })
    expect(run('SUM(@.c1, 1)')).toMatchObject({ error: '#REF!' })
  })
  it('passes ranges as matrices to other functions', () => {
    expect(run('AVERAGE(r1.c1:r1.c3)')).toBe(2)
    expect(run('COUNTIF(r1.c1:r2.c3, ">1")')).toBe(3)
    expect(run('VLOOKUP(4, r1.c1:r2.c3, 2, FALSE)')).toBe('x')
    expect(run('INDEX(r1.c1:r2.c3, 2, 3)')).toBeNull()
    expect(run('MAX(r1.c1:r1.c3, 10)')).toBe(10)
    expect(run('ROUND(r3.c3 * 3, 0)')).toBe(0)
  })
  it('calls plugin functions and normalises their results', () => {
    const functions = createFunctionRegistry([
      defineFunction({
        name: 'THIRD',
        minArgs: 0,
        maxArgs: 0,
        evaluate: () => 1 / 3 + 1 / 3 + 1 / 3 + 0.1 + 0.2,
      }),
      defineFunction({
        name: 'BOOM',
        minArgs: 0,
        maxArgs: 0,
        evaluate: () => {
          throw new Error('kaput')
        },
      }),
      defineFunction({
        name: 'BOOM_NA',
        minArgs: 0,
        maxArgs: 0,
        evaluate: () => {
          throw new Error('#N/A')
        },
      }),
      defineFunction({
        name: 'NOTHING',
        minArgs: 0,
        maxArgs: 0,
        evaluate: () => undefined as unknown as Value,
      }),
      defineFunction({
        name: 'LIST',
        minArgs: 0,
        maxArgs: 0,
        evaluate: () => [1, 2] as unknown as Value,
      }),
      defineFunction({ name: 'TXT', minArgs: 0, maxArgs: 0, evaluate: () => 't' }),
      defineFunction({
        name: 'ERR',
        minArgs: 0,
        maxArgs: 0,
        evaluate: () => ({ error: '#NULL!' }),
      }),
    ])
    const g = grid()
    expect(run('THIRD()', g, { functions })).toBe(1.3)
    expect(run('BOOM()', g, { functions })).toEqual({ error: '#VALUE!', detail: 'BOOM: kaput' })
    expect(run('BOOM_NA()', g, { functions })).toEqual({ error: '#N/A', detail: 'BOOM_NA' })
    expect(run('NOTHING()', g, { functions })).toBeNull()
    expect(run('LIST()', g, { functions })).toMatchObject({
      error: '#VALUE!',
      detail: 'LIST returned something that is not a value',
    })
    expect(run('TXT()', g, { functions })).toBe('t')
    expect(run('ERR()', g, { functions })).toEqual({ error: '#NULL!' })
  })
  it('compiles an unknown function to #NAME?', () => {
    expect(run('FOO(1)')).toEqual({ error: '#NAME?', detail: 'unknown function FOO' })
    expect(run('foo(1) + 1')).toEqual({ error: '#NAME?', detail: 'unknown function FOO' })
  })
  it('never throws, even when the environment does', () => {
    const g = grid()
    const env: CompileEnv = {
      ...g.env,
      slotOf: () => {
        throw new Error('bad env')
      },
    }
    const f = compileFormula(parse('r1.c1 + 1'), env)
    expect(f(g.values)).toEqual({
      error: '#VALUE!',
      detail: 'the formula could not be compiled: bad env',
    })
    const g2 = grid()
    expect(
      compileFormula(parse('r1.c1'), {
        ...g2.env,
        slotOf: () => {
          throw 'plain'
        },
      })([]),
    ).toMatchObject({ detail: 'the formula could not be compiled: plain' })
  })
  it('reads holes in the values array as empty', () => {
    const g = grid()
    expect(compileFormula(parse('r1.c1 & "|"'), g.env)([])).toBe('|')
    expect(compileFormula(parse('SUM(r1.c1:r1.c3)'), g.env)([])).toBe(0)
    expect(compileFormula(parse('COUNTA(r1.c1:r1.c3)'), g.env)([])).toBe(0)
  })
})

describe('compileFormula: external values', () => {
  function external(): ExternalValues & { calls: unknown[][] } {
    const calls: unknown[][] = []
    return {
      calls,
      get(kind, ref: CellRef, arg) {
        calls.push(arg === undefined ? [kind, ref] : [kind, ref, arg])
        if (ref.row === 'boom') throw new Error('offline')
        return kind === 'child-unit' ? `${String(arg)}:${ref.row}` : 0.1 + 0.2
      },
    }
  }
  it('asks ExternalValues for period functions, with the section filled in', () => {
    const ext = external()
    const g = testGrid(['r1', 'r2'], ['c1'], { external: ext })
    g.set('r1.c1', 'HN')
    expect(run('PREV_PERIOD(r1.c1)', g)).toBe(0.3)
    expect(run('SAME_PERIOD_LAST_YEAR(s!r2.c2) + YEAR_TO_DATE(r2.c1)', g)).toBe(0.6)
    expect(run('CHILD_VALUE(r1.c1, r5.c5)', g)).toBe('HN:r5')
    expect(ext.calls).toEqual([
      ['prev-period', { section: 'main', row: 'r1', col: 'c1' }],
      ['same-period-last-year', { section: 's', row: 'r2', col: 'c2' }],
      ['year-to-date', { section: 'main', row: 'r2', col: 'c1' }],
      ['child-unit', { section: 'main', row: 'r5', col: 'c5' }, 'HN'],
    ])
  })
  it('asks for cross-template references', () => {
    const ext = external()
    const g = testGrid(['r1'], ['c1'], { external: ext })
    expect(run("'II.06a/VPCP/KSTT'!main!r1.c3 * 10", g)).toBe(3)
    expect(ext.calls).toEqual([
      ['other-template', { template: 'II.06a/VPCP/KSTT', section: 'main', row: 'r1', col: 'c3' }],
    ])
  })
  it('returns #N/A without an external source, naming the reference', () => {
    expect(run('PREV_PERIOD(r1.c1)')).toEqual({
      error: '#N/A',
      detail: 'no external source for prev-period main!r1.c1',
    })
    expect(run("'T'!s!a.b")).toEqual({
      error: '#N/A',
      detail: "no external source for other-template 'T'!s!a.b",
    })
  })
  it('reports bad arguments and failures as values', () => {
    const ext = external()
    const g = testGrid(['r1'], ['c1'], { external: ext })
    g.set('r1.c1', { error: '#REF!' })
    expect(run('PREV_PERIOD(1)', g)).toMatchObject({
      error: '#VALUE!',
      detail: 'PREV_PERIOD needs a cell reference as argument 1',
    })
    expect(run('PREV_PERIOD(a.b:c.d)', g)).toMatchObject({ error: '#VALUE!' })
    expect(run('PREV_PERIOD()', g)).toMatchObject({
      detail: 'PREV_PERIOD expects 1 argument, got 0',
    })
    expect(run('CHILD_VALUE(r1.c1, a.b)', g)).toEqual({ error: '#REF!' })
    expect(run('PREV_PERIOD(boom.x)', g)).toMatchObject({
      error: '#N/A',
      detail: 'prev-period main!boom.x: offline',
    })
    expect(run('PREV_PERIOD(@.x)', g)).toMatchObject({ error: '#REF!' })
    expect(ext.calls).toHaveLength(1)
  })
  it('turns a missing external value into empty', () => {
    const get = vi.fn(() => undefined as unknown as Value)
    const g = testGrid(['r1'], ['c1'], { external: { get } })
    expect(run('PREV_PERIOD(r1.c1)', g)).toBeNull()
  })
  it('adds the current value to the earlier periods for YEAR_TO_DATE of the own template', () => {
    const g = testGrid(['r1'], ['c1'], { external: { get: () => 30 } })
    expect(run('YEAR_TO_DATE(r1.c1)', g)).toBe(30)
    g.set('r1.c1', 12)
    expect(run('YEAR_TO_DATE(r1.c1)', g)).toBe(42)
    g.set('r1.c1', 'mười')
    expect(run('YEAR_TO_DATE(r1.c1)', g)).toMatchObject({
      error: '#VALUE!',
      detail: 'main!r1.c1 holds "mười", not a number',
    })
    const failing = testGrid(['r1'], ['c1'], { external: { get: () => ({ error: '#REF!' }) } })
    failing.set('r1.c1', 12)
    expect(run('YEAR_TO_DATE(r1.c1)', failing)).toEqual({ error: '#REF!' })
    expect(run('YEAR_TO_DATE(r9.c1)', g)).toMatchObject({ error: '#REF!' })
  })
})
