import type { CellKey, ResolvedTemplate } from '../../../core/index.js'

export interface Indicator {
  key: CellKey
  label: string
}

/** Numeric cells a dashboard can chart: every numeric column of every non-heading row, labelled "row — column". */
export function numericIndicators(t: ResolvedTemplate): Indicator[] {
  const out: Indicator[] = []
  for (const s of t.sections) {
    if (s.kind !== 'grid') continue
    s.rows.forEach((row, r) => {
      if (row.kind === 'heading') return
      s.columns.forEach((col, c) => {
        const cell = s.cells[r * s.columns.length + c]
        if (cell === undefined || cell.kind === 'greyed' || cell.kind === 'fixed') return
        if (col.type !== 'number' && col.type !== 'integer' && col.type !== 'percent') return
        out.push({
          key: cell.key,
          label: `${row.code !== undefined ? `${row.code}. ` : ''}${row.label} — ${col.header.join(' / ')}`,
        })
      })
    })
  }
  return out
}
