/**
 * A small grid for tests of compiled formulas: one section, row-major slots. Not part of the
 * public API; the sheet engine supplies the real CompileEnv.
 */
import { createFunctionRegistry } from './registry.js'
import type {
  CellRef,
  CompileEnv,
  ExternalValues,
  FunctionRegistry,
  RangeRef,
  Value,
} from './types.js'
import { formulaError } from './values.js'

export interface TestGrid {
  env: CompileEnv
  values: Value[]
  slot(row: string, col: string): number
  set(cell: string, value: Value): void
}

export function testGrid(
  rows: readonly string[],
  cols: readonly string[],
  options: { section?: string; functions?: FunctionRegistry; external?: ExternalValues } = {},
): TestGrid {
  const section = options.section ?? 'main'
  const values: Value[] = new Array<Value>(rows.length * cols.length).fill(null)
  const index = (ref: CellRef): [number, number] | undefined => {
    if (ref.section !== undefined && ref.section !== section) return undefined
    const r = rows.indexOf(ref.row)
    const c = cols.indexOf(ref.col)
    return r < 0 || c < 0 ? undefined : [r, c]
  }
  const missing = (what: string) => formulaError('#REF!', `${what} is not in the grid`)
  const env: CompileEnv = {
    section,
    functions: options.functions ?? createFunctionRegistry(),
    slotOf: (ref) => {
      const at = index(ref)
      return at === undefined ? missing(`${ref.row}.${ref.col}`) : at[0] * cols.length + at[1]
    },
    slotsOf: (range: RangeRef) => {
      const a = index(range.from)
      const b = index(range.to)
      if (a === undefined || b === undefined) return missing('range end')
      const out: number[][] = []
      for (let r = Math.min(a[0], b[0]); r <= Math.max(a[0], b[0]); r++) {
        const row: number[] = []
        for (let c = Math.min(a[1], b[1]); c <= Math.max(a[1], b[1]); c++)
          row.push(r * cols.length + c)
        out.push(row)
      }
      return out
    },
    ...(options.external === undefined ? {} : { external: options.external }),
  }
  const slot = (row: string, col: string): number => {
    const s = env.slotOf({ row, col })
    if (typeof s !== 'number') throw new Error(`${row}.${col} is not in the test grid`)
    return s
  }
  return {
    env,
    values,
    slot,
    set(cell, value) {
      const [row = '', col = ''] = cell.split('.')
      values[slot(row, col)] = value
    },
  }
}
