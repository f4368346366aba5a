import type { Context } from 'hono'
import type { EntityManager } from '@mikro-orm/postgresql'
import type { Engine } from '../../core/index.js'
import type { AppEnv, Auth } from '../context.js'
import { badRequest } from '../errors.js'
import { appendAudit, type AuditInput } from '../services/audit.js'
import { getUnit } from '../services/units.js'

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

/** The caller's tenant: the root of their home unit, the key every tenant's query carries. */
export async function tenantOf(c: Context<AppEnv>, auth: Auth): Promise<number> {
  return (await getUnit(em(c), auth.user.unitId)).rootId
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

/** `page` (from 1) and `pageSize` (1..max) query parameters; 400 names the bad one. */
export function pageParams(
  c: Context<AppEnv>,
  defaultSize = 50,
  maxSize = 200,
): { page: number; pageSize: number; offset: number } {
  const read = (name: string, fallback: number, max: number): number => {
    const v = c.req.query(name)
    if (v === undefined || v === '') return fallback
    const n = Number(v)
    if (!Number.isSafeInteger(n) || n < 1 || n > max)
      throw badRequest(`Query parameter '${name}' must be an integer from 1 to ${max}, got '${v}'`)
    return n
  }
  const page = read('page', 1, 1_000_000)
  const pageSize = read('pageSize', defaultSize, maxSize)
  return { page, pageSize, offset: (page - 1) * pageSize }
}

export const PAGE_QUERY = [
  { name: 'page', type: 'integer', description: 'Page number, from 1' },
  { name: 'pageSize', type: 'integer', description: 'Items per page' },
] as const
