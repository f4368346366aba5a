import type { Diagnostic } from '../diagnostics.js'
import { collectRefs, parseFormula } from '../formula/index.js'
import type { FunctionRegistry } from '../formula/types.js'
import type { ResolvedTemplate } from '../template/types.js'
import { buildAdjacency, cyclePath, orderNodes } from './graph.js'
import { layoutGrid, slotOfRef, slotsOfRange } from './layout.js'

/**
 * One diagnostic per circular reference among the template's formulas (ruleId
 * `core/circular-reference`), naming the loop in reading order and pointing at its first cell.
 * Dependencies come from every reference in the formula text, so a loop through the arguments
 * of a function that is unknown here is still found (so `functions` is accepted but not needed).
 *
 * @example
 * checkCycles(template)
 * // [{ ruleId: 'core/circular-reference', severity: 'error',
 * //    message: 'Circular reference: main!r1.c3 -> main!r2.c3 -> main!r1.c3',
 * //    place: { section: 'main', row: 'r1', col: 'c3', pointer: '/sections/0/columns/2/formula' } }]
 */
export function checkCycles(
  template: ResolvedTemplate,
  _functions?: FunctionRegistry,
): Diagnostic[] {
  const layout = layoutGrid(template)
  const isNode = new Uint8Array(layout.cellCount)
  const edges: number[] = []
  layout.cells.forEach((cell, slot) => {
    if (cell.kind !== 'formula' || cell.formula === undefined) return
    isNode[slot] = 1
    const parsed = parseFormula(cell.formula)
    if (!parsed.ok) return
    const refs = collectRefs(parsed.ast)
    for (const ref of refs.cells) {
      const dep = slotOfRef(layout, ref, cell.section)
      if (typeof dep === 'number') edges.push(dep, slot)
    }
    for (const range of refs.ranges) {
      const deps = slotsOfRange(layout, range, cell.section)
      if (Array.isArray(deps))
        for (const line of deps) for (const dep of line) edges.push(dep, slot)
    }
  })
  const dependents = buildAdjacency(layout.cellCount, edges)
  return orderNodes(layout.cellCount, isNode, dependents).cycles.map((component) => {
    const path = cyclePath(component, dependents)
    const first = layout.cells[path[0]!]!
    const keys = path.map((slot) => layout.keys[slot]!)
    return {
      ruleId: 'core/circular-reference',
      severity: 'error',
      message: `Circular reference: ${keys.join(' -> ')}`,
      place: { section: first.section, row: first.row, col: first.col, pointer: first.pointer },
      values: { cycle: keys },
    }
  })
}
