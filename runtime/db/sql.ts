import type { EntityManager } from '@mikro-orm/postgresql'

/**
 * Raw SQL through the request's entity manager, so it runs inside the request transaction.
 * Placeholders are `?`. Set-based work (cells, aggregation, jobs, audit) uses this; entity CRUD uses the ORM.
 */
export async function query<T extends object = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return em.execute<T[]>(sql, params)
}

export async function queryOne<T extends object = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T | undefined> {
  const rows = await query<T>(em, sql, params)
  return rows[0]
}

/** Runs a statement and returns the number of rows it touched. */
export async function run(em: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const res = await em.execute<{ affectedRows: number }>(sql, params, 'run')
  return res.affectedRows
}

/** Timestamps come back from raw queries as PostgreSQL text; this makes them ISO strings. */
export function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return new Date(value instanceof Date ? value : String(value)).toISOString()
}
