// hot-formula-parser ships no types. Only what core/formula uses is declared here.
declare module 'hot-formula-parser' {
  /** Names of the functions the package implements (through @handsontable/formulajs). */
  export const SUPPORTED_FORMULAS: readonly string[]

  export class Parser {
    /** The generated grammar parser; `yy` holds the callbacks its actions use. */
    parser: {
      yy: {
        /** Calls a function or operator by name; throws Error('NAME') and the like. */
        evaluateByOperator(name: string, params: unknown[]): unknown
        callFunction(name: string, params: unknown[]): unknown
      }
    }
    parse(expression: string): { result: unknown; error: string | null }
    setFunction(name: string, fn: (params: unknown[]) => unknown): this
    getFunction(name: string): ((params: unknown[]) => unknown) | undefined
  }
}
