import { createHash } from 'node:crypto'
import type { EntityManager } from '@mikro-orm/postgresql'
import { query, queryOne } from '../db/sql.js'
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
/** One chain for the whole database: appends take this advisory lock until their transaction ends. */
const CHAIN_LOCK = 7_270_001

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

/** What jsonb will give back (Dates become strings, undefined keys vanish): hash exactly that. */
function asJson(value: unknown): unknown {
  return value === undefined || value === null
    ? null
    : (JSON.parse(JSON.stringify(value)) as unknown)
}

export function entryHash(prevHash: string, entry: HashedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex')
}

/**
 * Appends an entry to the hash chain inside the caller's transaction. Call it last in a
 * transaction: the chain lock is held until commit, which serialises appenders.
 */
export async function appendAudit(em: EntityManager, input: AuditInput, at: Date): Promise<string> {
  await query(em, 'select pg_advisory_xact_lock(?)', [CHAIN_LOCK])
  const last = await queryOne<{ hash: string }>(
    em,
    'select hash from audit_log order by id desc limit 1',
  )
  const prevHash = last?.hash ?? GENESIS_HASH
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
  const hash = entryHash(prevHash, fields)
  await query(
    em,
    `insert into audit_log (at, actor_id, tenant_id, action, entity, entity_id, before, after, prev_hash, hash)
     values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)`,
    [
      fields.at,
      fields.actorId,
      fields.tenantId,
      fields.action,
      fields.entity,
      fields.entityId,
      fields.before === null ? null : JSON.stringify(fields.before),
      fields.after === null ? null : JSON.stringify(fields.after),
      prevHash,
      hash,
    ],
  )
  return hash
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
