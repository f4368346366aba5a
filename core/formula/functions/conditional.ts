import type { FormulaFunction, Matrix, Value } from '../types.js'
import { DIV0, formulaError, isFormulaError, normalizeNumber } from '../values.js'
import { matrixArg, scalar } from './args.js'
import { matchesCriterion, parseCriterion } from './criteria.js'

/**
 * Cells (row-major) of every range whose cells meet all (range, criterion) pairs, or the error to
 * return. All ranges must have the shape of the first.
 */
function matching(
  name: string,
  pairs: ReadonlyArray<readonly [Value | Matrix, Value | Matrix]>,
  shapeOf: Matrix,
): boolean[] | Value {
  const height = shapeOf.length
  const width = shapeOf[0]?.length ?? 0
  let selected: boolean[] = new Array<boolean>(height * width).fill(true)
  for (const [rangeArg, criterionArg] of pairs) {
    const range = matrixArg(rangeArg)
    if (range.length !== height || (range[0]?.length ?? 0) !== width) {
      return formulaError('#VALUE!', `${name}: every range must be ${height}x${width}`)
    }
    const c = scalar(criterionArg, name)
    if (isFormulaError(c)) return c
    const criterion = parseCriterion(c)
    selected = selected.map(
      (s, i) => s && matchesCriterion(range[Math.floor(i / width)]?.[i % width] ?? null, criterion),
    )
  }
  return selected
}

function pairsOf(
  args: ReadonlyArray<Value | Matrix>,
  from: number,
): [Value | Matrix, Value | Matrix][] {
  const pairs: [Value | Matrix, Value | Matrix][] = []
  for (let i = from; i + 1 < args.length; i += 2)
    pairs.push([args[i] as Value | Matrix, args[i + 1] as Value | Matrix])
  return pairs
}

/** Sum and count of the numbers of `values` where `selected`; an error in a selected cell wins. */
function total(values: Matrix, selected: boolean[]): { sum: number; count: number } | Value {
  const flat = values.flat()
  let sum = 0
  let count = 0
  for (let i = 0; i < selected.length; i++) {
    if (!selected[i]) continue
    const v = flat[i] ?? null
    if (isFormulaError(v)) return v
    if (typeof v === 'number') {
      sum += v
      count++
    }
  }
  return { sum, count }
}

type Kind = 'sum' | 'average'

function aggregateIf(name: string, kind: Kind, args: ReadonlyArray<Value | Matrix>): Value {
  const range = matrixArg(args[0] as Value | Matrix)
  const values = args.length > 2 ? matrixArg(args[2] as Value | Matrix) : range
  if (values.length !== range.length || (values[0]?.length ?? 0) !== (range[0]?.length ?? 0)) {
    return formulaError('#VALUE!', `${name}: the ${kind} range must have the shape of the range`)
  }
  const selected = matching(name, [[range, args[1] as Value | Matrix]], range)
  return finish(kind, Array.isArray(selected) ? total(values, selected) : selected)
}

function aggregateIfs(name: string, kind: Kind, args: ReadonlyArray<Value | Matrix>): Value {
  if (args.length % 2 === 0)
    return formulaError('#VALUE!', `${name} expects a range then range, criterion pairs`)
  const values = matrixArg(args[0] as Value | Matrix)
  const selected = matching(name, pairsOf(args, 1), values)
  return finish(kind, Array.isArray(selected) ? total(values, selected) : selected)
}

function finish(kind: Kind, t: { sum: number; count: number } | Value): Value {
  if (t === null || typeof t !== 'object' || isFormulaError(t)) return t
  if (kind === 'sum') return normalizeNumber(t.sum)
  return t.count === 0 ? DIV0 : normalizeNumber(t.sum / t.count)
}

function countIfs(name: string, args: ReadonlyArray<Value | Matrix>): Value {
  if (args.length % 2 === 1)
    return formulaError('#VALUE!', `${name} expects range, criterion pairs`)
  const selected = matching(name, pairsOf(args, 0), matrixArg(args[0] as Value | Matrix))
  return Array.isArray(selected) ? selected.filter(Boolean).length : selected
}

/**
 * COUNTIF/SUMIF/AVERAGEIF and their *IFS forms. formulajs's versions are not Excel's: its SUMIF
 * ignores the sum range, its SUMIFS tests the criteria against the sum range, and its COUNTIF has
 * no wildcards, no case-insensitive text and no test for blanks.
 */
export const conditionalFunctions: FormulaFunction[] = [
  {
    name: 'COUNTIF',
    minArgs: 2,
    maxArgs: 2,
    description: 'COUNTIF(range, criterion): e.g. COUNTIF(r1.c1:r9.c1, ">0")',
    evaluate: (args) => countIfs('COUNTIF', args),
  },
  {
    name: 'COUNTIFS',
    minArgs: 2,
    maxArgs: Infinity,
    description: 'COUNTIFS(range1, criterion1, [range2, criterion2], ...)',
    evaluate: (args) => countIfs('COUNTIFS', args),
  },
  {
    name: 'SUMIF',
    minArgs: 2,
    maxArgs: 3,
    description: 'SUMIF(range, criterion, [sum range])',
    evaluate: (args) => aggregateIf('SUMIF', 'sum', args),
  },
  {
    name: 'SUMIFS',
    minArgs: 3,
    maxArgs: Infinity,
    description: 'SUMIFS(sum range, range1, criterion1, [range2, criterion2], ...)',
    evaluate: (args) => aggregateIfs('SUMIFS', 'sum', args),
  },
  {
    name: 'AVERAGEIF',
    minArgs: 2,
    maxArgs: 3,
    description: 'AVERAGEIF(range, criterion, [average range])',
    evaluate: (args) => aggregateIf('AVERAGEIF', 'average', args),
  },
  {
    name: 'AVERAGEIFS',
    minArgs: 3,
    maxArgs: Infinity,
    description: 'AVERAGEIFS(average range, range1, criterion1, [range2, criterion2], ...)',
    evaluate: (args) => aggregateIfs('AVERAGEIFS', 'average', args),
  },
]
