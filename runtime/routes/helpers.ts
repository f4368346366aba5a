import type { Context } from 'hono'
import type { EntityManager } from '@mikro-orm/postgresql'
import type { Engine } from '../../core/index.js'
import type { AppEnv, Auth } from '../context.js'
import { appendAudit, type AuditInput } from '../services/audit.js'

export function em(c: Context<AppEnv>): EntityManager {
  return c.get('em')
}

/** The core engine of the installed plugins, as of this request. */
export function engine(c: Context<AppEnv>): Engine {
  return c.get('ctx').engine.get()
}

export function now(c: Context<AppEnv>): Date {
  return c.get('ctx').config.now()
}

/** Records the caller's change in the audit chain (last step of the request transaction). */
export async function audit(
  c: Context<AppEnv>,
  auth: Auth | null,
  input: Omit<AuditInput, 'actorId'>,
): Promise<void> {
  await appendAudit(c.get('em'), { ...input, actorId: auth?.user.id ?? null }, now(c))
}

/** Query parameter as a positive integer, or undefined when absent. */
export function optionalInt(c: Context<AppEnv>, name: string): number | undefined {
  const v = c.req.query(name)
  if (v === undefined || v === '') return undefined
  const n = Number(v)
  return Number.isSafeInteger(n) && n > 0 ? n : undefined
}
