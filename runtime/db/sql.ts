import type { EntityManager } from '@mikro-orm/postgresql'
import { CompiledQuery } from 'kysely'

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

/**
 * As `query`, with the parameters bound by pg (`$1`, `$2`, ...) instead of inlined into the text by the
 * ORM, whose quoting of a 50 KB document costs more than running the statement. `?` placeholders
 * (no `??`, and no `?` inside the SQL text itself, e.g. jsonb's `?` operator). Values go as pg
 * serialises them: a JS array becomes a PostgreSQL array (`= any(?)`), not a list for `in (?)`.
 */
export async function queryBound<T extends object = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  let n = 0
  const text = sql.replace(/\?/g, () => `$${++n}`)
  if (n !== params.length)
    throw new Error(`queryBound: ${n} placeholders but ${params.length} parameters in: ${sql}`)
  try {
    // The entity manager's kysely is its transaction's connection when there is one.
    const res = await em.getKysely().executeQuery<T>(CompiledQuery.raw(text, [...params]))
    return res.rows
  } catch (err) {
    // The same exception classes as `query`, so the app maps constraint errors alike.
    throw em.getDriver().convertException(err as Error)
  }
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
