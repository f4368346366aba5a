import type { EntityManager } from '@mikro-orm/postgresql'
import type { SubmissionDocument } from '../../core/index.js'
import { query, queryBound } from '../db/sql.js'

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

/**
 * A document with values from outside (a connector, a CSV file) laid over it; their rows added to
 * lists join the ones already there, so a reporter's own rows are kept.
 */
export function withAddedValues(
  doc: SubmissionDocument,
  values: Values,
  addedRows: SubmissionDocument['dynamicRows'] = {},
): SubmissionDocument {
  const dynamicRows = { ...(doc.dynamicRows ?? {}) }
  for (const [section, ids] of Object.entries(addedRows))
    dynamicRows[section] = [...new Set([...(dynamicRows[section] ?? []), ...ids])]
  return {
    ...doc,
    values: mergeValues(doc.values, values),
    ...(Object.keys(dynamicRows).length === 0 ? {} : { dynamicRows }),
  }
}

/**
 * The changes as one values tree, the compact form the SQL below expands (about a fifth of the
 * text of one JSON object per row). A number must be finite: JSON has no NaN or Infinity.
 */
function changeTree(changes: readonly CellChange[]): Values {
  const tree: Values = {}
  for (const c of changes) {
    if (typeof c.value === 'number' && !Number.isFinite(c.value))
      throw new Error(`Cell ${c.section}!${c.row}.${c.col}: ${c.value} is not a storable number`)
    const rows = (tree[c.section] ??= {})
    ;(rows[c.row] ??= {})[c.col] = c.value
  }
  return tree
}

/** The cells of a values tree parameter, as rows (section, row, col, value). */
const CELLS_OF = 'jsonb_each(?::jsonb) s, jsonb_each(s.value) r, jsonb_each(r.value) c'

/**
 * Writes the changed cells of a revision (upsert, delete for nulls). The cells travel as one
 * values-tree parameter bound by pg and expanded server-side, so a 1,000-cell save is one
 * statement. Numbers go to `num` (numeric, exact in SUM), strings to `txt`, booleans to `txt`
 * as TRUE / FALSE.
 */
export async function writeCells(
  em: EntityManager,
  tenantId: number,
  revisionId: number,
  changes: readonly CellChange[],
): Promise<void> {
  if (changes.length === 0) return
  const tree = JSON.stringify(changeTree(changes))
  if (changes.some((c) => c.value !== null)) {
    // Update what exists, insert the rest: cheaper than INSERT ... ON CONFLICT for 1,000 rows, and
    // with the table's free space (fillfactor) the updates stay on their page, touching no index.
    // The instance's row lock keeps two saves of one revision from racing on the inserts.
    await queryBound(
      em,
      `with u as (
         select s.key as s, r.key as r, c.key as c,
                case when jsonb_typeof(c.value) = 'number' then c.value::numeric end as n,
                case jsonb_typeof(c.value) when 'string' then c.value #>> '{}' when 'boolean' then upper(c.value::text) end as t
           from ${CELLS_OF}
          where jsonb_typeof(c.value) <> 'null'),
       updated as (
         update cell_value v set num = u.n, txt = u.t from u
          where v.tenant_id = ?::int and v.revision_id = ?::int and v.section = u.s and v.row = u.r and v.col = u.c
         returning v.section, v.row, v.col)
       insert into cell_value (tenant_id, revision_id, section, row, col, num, txt)
       select ?::int, ?::int, u.s, u.r, u.c, u.n, u.t from u
        where not exists (select 1 from updated d where d.section = u.s and d.row = u.r and d.col = u.c)`,
      [tree, tenantId, revisionId, tenantId, revisionId],
    )
  }
  if (changes.some((c) => c.value === null)) {
    await queryBound(
      em,
      `delete from cell_value v using ${CELLS_OF}
        where jsonb_typeof(c.value) = 'null' and v.tenant_id = ?::int and v.revision_id = ?::int
          and v.section = s.key and v.row = r.key and v.col = c.key`,
      [tree, tenantId, revisionId],
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
