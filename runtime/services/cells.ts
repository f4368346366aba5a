import type { EntityManager } from '@mikro-orm/postgresql'
import type { SubmissionDocument } from '../../core/index.js'
import { query } from '../db/sql.js'

type Values = SubmissionDocument['values']
type Scalar = number | string | boolean | null

export interface CellChange {
  section: string
  row: string
  col: string
  value: Scalar
}

/** Every cell of a values tree, including nulls (a null means "cleared"). */
export function flattenValues(values: Values): CellChange[] {
  const out: CellChange[] = []
  for (const [section, rows] of Object.entries(values)) {
    for (const [row, cols] of Object.entries(rows)) {
      for (const [col, value] of Object.entries(cols)) out.push({ section, row, col, value })
    }
  }
  return out
}

/** Applies a partial values tree onto the stored one: a null removes the cell. */
export function mergeValues(base: Values, patch: Values): Values {
  const out: Values = structuredClone(base)
  for (const c of flattenValues(patch)) {
    const rows = (out[c.section] ??= {})
    const cols = (rows[c.row] ??= {})
    if (c.value === null) {
      delete cols[c.col]
      if (Object.keys(cols).length === 0) delete rows[c.row]
      if (Object.keys(rows).length === 0) delete out[c.section]
    } else {
      cols[c.col] = c.value
    }
  }
  return out
}

/** Numbers go to `num` (numeric, exact in SUM), everything else to `txt`. */
function columns(value: Scalar): [string | null, string | null] {
  if (typeof value === 'number') return [String(value), null]
  if (typeof value === 'boolean') return [null, value ? 'TRUE' : 'FALSE']
  return [null, value]
}

/**
 * Writes the changed cells of a revision (upsert, delete for nulls). The rows travel as one JSON
 * parameter expanded server-side (json_to_recordset), so a 1,000-cell save is two statements.
 * (The ORM's `?` binding would expand a JS array into a list, so arrays are not passed directly.)
 */
export async function writeCells(
  em: EntityManager,
  tenantId: number,
  revisionId: number,
  changes: readonly CellChange[],
): Promise<void> {
  const set = changes.filter((c) => c.value !== null)
  const cleared = changes.filter((c) => c.value === null)
  if (set.length > 0) {
    const rows = set.map((c) => {
      const [n, t] = columns(c.value)
      return { s: c.section, r: c.row, c: c.col, n, t }
    })
    await query(
      em,
      `insert into cell_value (tenant_id, revision_id, section, row, col, num, txt)
       select ?, ?, u.s, u.r, u.c, u.n, u.t from json_to_recordset(?::json) as u(s text, r text, c text, n numeric, t text)
       on conflict (tenant_id, revision_id, section, row, col) do update set num = excluded.num, txt = excluded.txt`,
      [tenantId, revisionId, JSON.stringify(rows)],
    )
  }
  if (cleared.length > 0) {
    await query(
      em,
      `delete from cell_value v using json_to_recordset(?::json) as u(s text, r text, c text)
        where v.tenant_id = ? and v.revision_id = ? and v.section = u.s and v.row = u.r and v.col = u.c`,
      [
        JSON.stringify(cleared.map((c) => ({ s: c.section, r: c.row, c: c.col }))),
        tenantId,
        revisionId,
      ],
    )
  }
}

/** Copies every cell of one revision to a new one (a correction starts from the accepted values). */
export async function copyCells(
  em: EntityManager,
  tenantId: number,
  fromRevision: number,
  toRevision: number,
): Promise<void> {
  await query(
    em,
    `insert into cell_value (tenant_id, revision_id, section, row, col, num, txt)
     select tenant_id, ?, section, row, col, num, txt from cell_value where tenant_id = ? and revision_id = ?`,
    [toRevision, tenantId, fromRevision],
  )
}
