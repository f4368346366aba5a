import { createHash } from 'node:crypto'
import type { EntityManager } from '@mikro-orm/postgresql'
import { query, queryBound } from '../db/sql.js'
import { canonicalJson } from '../exports/canonical-json.js'

export interface AuditInput {
  actorId: number | null
  tenantId: number | null
  /** Verb, e.g. `report.submit`, `user.create`. */
  action: string
  entity: string
  entityId: string | number
  before?: unknown
  after?: unknown
}

export const GENESIS_HASH = '0'.repeat(64)

interface HashedFields {
  at: string
  actorId: number | null
  tenantId: number | null
  action: string
  entity: string
  entityId: string
  before: unknown
  after: unknown
}

/** True when `value` is already what jsonb gives back: JSON scalars, dense arrays, plain objects. */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlainJson(value[i])) return false
    return true
  }
  if (typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value) as unknown
  if (proto !== Object.prototype && proto !== null) return false
  for (const v of Object.values(value)) if (!isPlainJson(v)) return false
  return true
}

/**
 * What jsonb will give back (Dates become strings, undefined keys vanish): hash exactly that.
 * A save's 1,000 cells are plain JSON already, so the JSON round trip is skipped for them.
 */
function asJson(value: unknown): unknown {
  if (value === undefined || value === null) return null
  return isPlainJson(value) ? value : (JSON.parse(JSON.stringify(value)) as unknown)
}

export function entryHash(prevHash: string, entry: HashedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex')
}

/**
 * Appends an entry to the hash chain when the caller's transaction commits (nothing if it rolls
 * back). The entry goes in canonical form to audit_pending; its deferred trigger (entities/audit.ts)
 * links it at commit under the chain lock, hashing as `entryHash` does, so the lock never waits
 * on this process.
 */
export async function appendAudit(em: EntityManager, input: AuditInput, at: Date): Promise<void> {
  const fields: HashedFields = {
    at: at.toISOString(),
    actorId: input.actorId,
    tenantId: input.tenantId,
    action: input.action,
    entity: input.entity,
    entityId: String(input.entityId),
    before: asJson(input.before),
    after: asJson(input.after),
  }
  await queryBound(em, 'insert into audit_pending (canonical) values (?)', [canonicalJson(fields)])
}

export interface AuditVerification {
  ok: boolean
  entries: number
  /** First entry whose hash or link does not match, with the reason. */
  brokenAt?: { id: number; reason: string }
  lastHash: string
}

interface AuditRow {
  id: number
  at: string
  actor_id: number | null
  tenant_id: number | null
  action: string
  entity: string
  entity_id: string
  before: unknown
  after: unknown
  prev_hash: string
  hash: string
}

/** Recomputes the whole chain in id order, a page at a time. */
export async function verifyAuditChain(em: EntityManager): Promise<AuditVerification> {
  let prev = GENESIS_HASH
  let lastId = 0
  let entries = 0
  for (;;) {
    const rows = await query<AuditRow>(
      em,
      `select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor_id, tenant_id,
              action, entity, entity_id, before, after, prev_hash, hash
         from audit_log where id > ? order by id limit 1000`,
      [lastId],
    )
    if (rows.length === 0) break
    for (const r of rows) {
      entries++
      if (r.prev_hash !== prev) {
        return {
          ok: false,
          entries,
          brokenAt: { id: r.id, reason: 'prev_hash does not match the previous entry' },
          lastHash: prev,
        }
      }
      const expected = entryHash(prev, {
        at: r.at,
        actorId: r.actor_id,
        tenantId: r.tenant_id,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: r.before,
        after: r.after,
      })
      if (expected !== r.hash) {
        return {
          ok: false,
          entries,
          brokenAt: { id: r.id, reason: 'content does not match its hash' },
          lastHash: prev,
        }
      }
      prev = r.hash
      lastId = r.id
    }
  }
  return { ok: true, entries, lastHash: prev }
}
