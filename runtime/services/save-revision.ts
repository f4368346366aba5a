import type { EntityManager } from '@mikro-orm/postgresql'
import type { Diagnostic, Engine, ResolvedTemplate, SubmissionDocument } from '../../core/index.js'
import { queryBound } from '../db/sql.js'
import { conflict, unprocessable } from '../errors.js'
import { appendAudit } from './audit.js'
import { writeCells, type CellChange } from './cells.js'
import { diagnose, externalFor, type InstanceContext, type RevisionRow } from './instances.js'

/** Diagnostics of core's workbook that refuse a save. */
const REFUSED = new Set(['core/type', 'core/unknown-cell'])

/**
 * Core's workbook judges each value; what can never be stored (a value of the wrong type, a cell
 * that is not an input) refuses the whole save. Constraint failures are kept: a draft may be
 * inconsistent, submitting is what they block.
 */
function refuseUnstorable(
  diagnostics: readonly Diagnostic[],
  changes: readonly CellChange[],
): void {
  const changed = new Set(changes.map((ch) => `${ch.section}!${ch.row}.${ch.col}`))
  const problems = diagnostics.filter(
    (d) =>
      REFUSED.has(d.ruleId) &&
      changed.has(`${d.place.section ?? ''}!${d.place.row ?? ''}.${d.place.col ?? ''}`),
  )
  if (problems.length > 0) {
    const first = problems[0]!
    throw unprocessable(
      'invalid_cells',
      `${problems.length} cell(s) refused; first ${first.place.section}!${first.place.row}.${first.place.col}: ${first.message}`,
      { diagnostics: problems },
    )
  }
}

/**
 * The cells whose value really changes, with their before and after for the audit entry. A
 * value sent again unchanged is neither rewritten nor audited (a client that re-sends the whole
 * form on each save would otherwise log every cell every time).
 */
function realChanges(
  before: SubmissionDocument['values'],
  changes: readonly CellChange[],
): { changed: CellChange[]; before: Record<string, unknown>; after: Record<string, unknown> } {
  const out = {
    changed: [] as CellChange[],
    before: {} as Record<string, unknown>,
    after: {} as Record<string, unknown>,
  }
  for (const ch of changes) {
    const old = before[ch.section]?.[ch.row]?.[ch.col] ?? null
    if (old === ch.value) continue
    const key = `${ch.section}!${ch.row}.${ch.col}`
    out.changed.push(ch)
    out.before[key] = old
    out.after[key] = ch.value
  }
  return out
}

export interface SaveRevisionInput {
  /** The instance, loaded with its row lock in this transaction. */
  ctx: InstanceContext
  /** Its current revision as loaded (a draft); `version` is the one the caller read. */
  rev: RevisionRow
  template: ResolvedTemplate
  /** The whole document to store. */
  doc: SubmissionDocument
  /** The cells the caller sent (null = cleared); the ones that really change are written. */
  changes: readonly CellChange[]
  actorId: number
  at: Date
  /** Audit verb, e.g. `report.save`. */
  action: string
  /** Extra fields for the audit entry's `after` (e.g. where prefilled figures came from). */
  auditAfter?: Record<string, unknown>
  /** The 409's message when the draft changed in between. */
  staleMessage: string
}

export interface SavedRevision {
  version: number
  diagnostics: Diagnostic[]
}

/**
 * Stores a new state of a draft revision, all in the caller's transaction: the server's
 * diagnostics (the unstorable refuse with 422), the document with the optimistic version (409
 * when someone saved in between), the changed cell values, and the audit entry with the
 * before/after of those cells, last (it takes the chain lock until commit).
 */
export async function saveRevision(
  em: EntityManager,
  engine: Engine,
  input: SaveRevisionInput,
): Promise<SavedRevision> {
  const { ctx, rev } = input
  const external = await externalFor(em, engine, ctx, input.template)
  const diagnostics = diagnose(engine, input.template, input.doc, external)
  refuseUnstorable(diagnostics, input.changes)
  const updated = await queryBound<{ version: number }>(
    em,
    `update report_revision set document = ?::jsonb, version = version + 1, updated_at = ?::timestamptz
      where tenant_id = ?::int and id = ?::int and version = ?::int and status = 'draft' returning version`,
    [JSON.stringify(input.doc), input.at.toISOString(), ctx.tenantId, rev.id, rev.version],
  )
  const version = updated[0]?.version
  if (version === undefined) throw conflict('stale_version', input.staleMessage, {})
  const cells = realChanges(rev.document.values, input.changes)
  await writeCells(em, ctx.tenantId, rev.id, cells.changed)
  await appendAudit(
    em,
    {
      actorId: input.actorId,
      tenantId: ctx.tenantId,
      action: input.action,
      entity: 'report_revision',
      entityId: rev.id,
      before: { version: rev.version, cells: cells.before },
      after: { version, cells: cells.after, ...input.auditAfter },
    },
    input.at,
  )
  return { version, diagnostics }
}
