import type { TemplateDefinition } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import { collectRefs, parseFormula } from '../formula/index.js'
import type { Ast, CellRef, FunctionRegistry } from '../formula/index.js'
import { formulaSites, type FormulaSite } from './formula-sites.js'
import { referenceProblem, showRef } from './check-references.js'
import type { TemplateIndex } from './template-index.js'

const ARITHMETIC = new Set(['+', '-', '*', '/', '^'])
const NOT_NUMERIC = new Set(['text', 'choice'])

/**
 * Parses every formula of a definition and checks what it names: syntax (`core/formula-syntax`),
 * references (`core/unknown-reference`; the parser already keeps a range in one section), functions (`core/unknown-function`,
 * `core/function-arity`) and arithmetic on text columns (`core/type-mismatch`).
 */
export function checkFormulas(
  def: Readonly<TemplateDefinition>,
  index: TemplateIndex,
  functions: FunctionRegistry,
): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const site of formulaSites(def, index)) {
    const error = (ruleId: string, message: string): void => {
      out.push({
        ruleId,
        severity: 'error',
        message: `${site.pointer}: ${message}`,
        place: { pointer: site.pointer },
      })
    }
    const parsed = parseFormula(site.text)
    if (!parsed.ok) {
      error('core/formula-syntax', `${parsed.error.message} in formula "${site.text}"`)
      continue
    }
    const refs = collectRefs(parsed.ast)
    const ends = refs.ranges.flatMap((r) => [r.from, r.to])
    for (const ref of [...refs.cells, ...refs.external, ...ends]) {
      const problem = referenceProblem(ref, site, index)
      if (problem !== undefined)
        error('core/unknown-reference', `${problem} in formula "${site.text}"`)
    }
    for (const name of refs.functions) {
      if (!functions.has(name))
        error('core/unknown-function', `unknown function ${name} in formula "${site.text}"`)
    }
    for (const call of calls(parsed.ast)) {
      const fn = functions.get(call.name)
      if (fn === undefined) continue
      const n = call.args.length
      if (n < fn.minArgs || n > fn.maxArgs) {
        const expected =
          fn.minArgs === fn.maxArgs
            ? `${fn.minArgs}`
            : fn.maxArgs === Infinity
              ? `at least ${fn.minArgs}`
              : `${fn.minArgs} to ${fn.maxArgs}`
        error(
          'core/function-arity',
          `${call.name} takes ${expected} argument(s), got ${n} in formula "${site.text}"`,
        )
      }
    }
    for (const problem of arithmeticOnText(parsed.ast, site, index))
      error('core/type-mismatch', problem)
  }
  return out
}

function calls(ast: Ast): Array<Extract<Ast, { type: 'call' }>> {
  const out: Array<Extract<Ast, { type: 'call' }>> = []
  walk(ast, (node) => {
    if (node.type === 'call') out.push(node)
  })
  return out
}

function walk(ast: Ast, visit: (node: Ast) => void): void {
  visit(ast)
  if (ast.type === 'call') ast.args.forEach((a) => walk(a, visit))
  else if (ast.type === 'unary') walk(ast.arg, visit)
  else if (ast.type === 'binary') {
    walk(ast.left, visit)
    walk(ast.right, visit)
  }
}

function arithmeticOnText(ast: Ast, site: FormulaSite, index: TemplateIndex): string[] {
  const found = new Map<string, string>()
  const check = (operand: Ast, op: string): void => {
    if (operand.type !== 'ref') return
    const type = columnType(operand.ref, site, index)
    if (type !== undefined && NOT_NUMERIC.has(type)) {
      const shown = showRef(operand.ref)
      found.set(
        shown,
        `arithmetic "${op}" on ${shown}, a ${type} column, in formula "${site.text}"`,
      )
    }
  }
  walk(ast, (node) => {
    if (node.type === 'binary' && ARITHMETIC.has(node.op)) {
      check(node.left, node.op)
      check(node.right, node.op)
    } else if (node.type === 'unary') check(node.arg, node.op)
  })
  return [...found.values()]
}

function columnType(ref: CellRef, site: FormulaSite, index: TemplateIndex): string | undefined {
  if (ref.template !== undefined || ref.col === '@') return undefined
  const grid = index.grids.get(ref.section ?? site.section ?? '')
  const c = grid?.cols.get(ref.col)
  return c === undefined ? undefined : grid?.section.columns[c]?.type
}
