import type { TemplateDefinition } from '../../schemas/generated/index.js'
import { formatFormula } from '../formula/index.js'
import type { ResolvedConstraint, ResolvedGridSection, ResolvedRow } from '../template/types.js'
import { bin, ref, sum } from './ast.js'
import { sumChildrenMessage } from './messages.js'

/** Percentages do not add up, so only counts and amounts get a sum-of-children rule. */
const SUMMABLE = new Set(['number', 'integer'])

/** Rows that add up to a parent: its children, looking through heading rows to their children. */
function addends(grid: ResolvedGridSection, row: ResolvedRow): string[] {
  return row.children.flatMap((id) => {
    const child = grid.rows[grid.rowIndex.get(id) as number] as ResolvedRow
    return child.kind === 'heading' ? addends(grid, child) : [id]
  })
}

/**
 * Generated rules of sections with `sumChildren`: a parent row's value equals the sum of its
 * outline children, per numeric column, where the reporter enters the parent (an input cell;
 * a formula parent is computed and needs no check). Rule id `core/sum-children`.
 */
export function sumChildrenRules(
  def: Readonly<TemplateDefinition>,
  grid: ResolvedGridSection,
  s: number,
): Array<Omit<ResolvedConstraint, 'id'> & { idHint: string }> {
  if (def.sections[s]?.kind !== 'grid' || def.sections[s].sumChildren !== true) return []
  const out: Array<Omit<ResolvedConstraint, 'id'> & { idHint: string }> = []
  for (const row of grid.rows) {
    const children = addends(grid, row)
    if (children.length === 0) continue
    grid.columns.forEach((column, c) => {
      const cell = grid.cells[row.index * grid.columns.length + c]
      if (!SUMMABLE.has(column.type) || cell?.kind !== 'input') return
      const parent = formatFormula(ref({ section: grid.id, row: row.id, col: column.id }))
      const total = sum(children.map((id) => ref({ section: grid.id, row: id, col: column.id })))
      const childrenText = formatFormula(total)
      out.push({
        idHint: `sum_children_${grid.id}_${row.id}_${column.id}`,
        ruleId: 'core/sum-children',
        severity: 'error',
        kind: 'sum-children',
        check: formatFormula(
          bin('=', ref({ section: grid.id, row: row.id, col: column.id }), total),
        ),
        operands: { parent, children: childrenText },
        message: sumChildrenMessage(parent, childrenText),
        place: { section: grid.id, row: row.id, col: column.id },
        pointer: `/sections/${s}/rows/${row.index}`,
      })
    })
  }
  return out
}
