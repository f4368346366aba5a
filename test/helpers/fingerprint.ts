import { createHash } from 'node:crypto'
import pg from 'pg'

/**
 * Every table's rows as sorted JSON text (migrations table excluded): equal fingerprints mean
 * the database holds exactly the same data.
 */
export async function tableRows(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const tables = await client.query<{ t: string }>(
      `select table_name as t from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations' order by 1`,
    )
    const out: Record<string, string[]> = {}
    for (const { t } of tables.rows) {
      const rows = await client.query<{ j: string }>(
        `select row_to_json(x)::text as j from "${t}" x`,
      )
      out[t] = rows.rows.map((r) => r.j).sort()
    }
    return out
  } finally {
    await client.end()
  }
}

/** One hash per table, for cheap "nothing changed" assertions with a readable diff. */
export async function fingerprint(url: string): Promise<Record<string, string>> {
  const rows = await tableRows(url)
  return Object.fromEntries(
    Object.entries(rows).map(([t, r]) => [
      t,
      `${r.length}:${createHash('sha256').update(r.join('\n')).digest('hex').slice(0, 16)}`,
    ]),
  )
}
