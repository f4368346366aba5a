/**
 * The formula language: parse canonical text to an Ast, print it back, list its references, bind
 * `@` placeholders, rewrite Excel A1 input, and compile an Ast once into a closure over a slot array.
 * Errors are values; nothing here throws on bad formulas.
 */
export type {
  Ast,
  BinaryOp,
  CellRef,
  CompileEnv,
  Compiled,
  ErrorCode,
  ExternalKind,
  ExternalValues,
  FormulaError,
  FormulaFunction,
  FormulaSyntaxError,
  FunctionRegistry,
  Matrix,
  ParseResult,
  RangeRef,
  Scalar,
  UnaryOp,
  Value,
} from './types.js'
export { parseFormula } from './parser.js'
export { formatFormula, formatRef } from './format.js'
export type { CollectedRefs } from './refs.js'
export { bindRelative, collectRefs } from './refs.js'
export type { A1Grid, RewriteResult } from './a1.js'
export { rewriteA1 } from './a1.js'
export { createFunctionRegistry, defineFunction } from './registry.js'
export { compileFormula } from './compile.js'
export { isFormulaError, normalizeNumber } from './values.js'
