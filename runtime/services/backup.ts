import { createReadStream, createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { createGunzip, createGzip } from 'node:zlib'
import pg from 'pg'

/**
 * Logical backup without pg_dump: the embedded PostgreSQL ships no pg_dump, and a system
 * pg_dump older than the server refuses to dump it. The file is gzipped JSON lines:
 * a header, then per table a `{"table":…}` line followed by one `row_to_json` line per row.
 * Values are never parsed in JavaScript (numeric, timestamps and jsonb keep their exact text):
 * restore feeds the same JSON back through `json_populate_recordset`.
 */
export const BACKUP_FORMAT = 'report-builder-backup/1'
const MIGRATIONS_TABLE = 'mikro_orm_migrations'

interface Header {
  format: string
  createdAt: string
  migrations: string[]
  tables: string[]
}

/** Tables of the public schema, parents before children (foreign keys). */
async function tablesInDependencyOrder(client: pg.ClientBase): Promise<string[]> {
  const tables = (
    await client.query<{ t: string }>(
      `select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    )
  ).rows.map((r) => r.t)
  const deps = (
    await client.query<{ child: string; parent: string }>(
      `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
         from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = 'public'`,
    )
  ).rows
  const order: string[] = []
  const seen = new Set<string>()
  const visit = (t: string, stack: Set<string>) => {
    if (seen.has(t) || stack.has(t)) return
    stack.add(t)
    for (const d of deps) {
      const parent = d.parent.replace(/"/g, '')
      if (d.child.replace(/"/g, '') === t && parent !== t) visit(parent, stack)
    }
    seen.add(t)
    order.push(t)
  }
  for (const t of tables) visit(t, new Set())
  return order
}

async function primaryKeyColumns(client: pg.ClientBase, table: string): Promise<string[]> {
  const rows = await client.query<{ col: string }>(
    `select a.attname as col from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = $1::regclass and i.indisprimary order by array_position(i.indkey, a.attnum)`,
    [`public."${table}"`],
  )
  return rows.rows.map((r) => r.col)
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`

async function write(out: NodeJS.WritableStream, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain')
}

/** Writes a consistent snapshot (one REPEATABLE READ transaction) of every table to `file`. */
export async function backupDatabase(
  url: string,
  file: string,
): Promise<{ tables: number; rows: number }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const gzip = createGzip()
  const sink = createWriteStream(file)
  gzip.pipe(sink)
  let rows = 0
  try {
    await client.query('begin isolation level repeatable read read only')
    const tables = (await tablesInDependencyOrder(client)).filter((t) => t !== MIGRATIONS_TABLE)
    const migrations = (
      await client.query<{ name: string }>(`select name from ${MIGRATIONS_TABLE} order by id`)
    ).rows.map((r) => r.name)
    const header: Header = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      migrations,
      tables,
    }
    await write(gzip, JSON.stringify(header))
    for (const table of tables) {
      await write(gzip, JSON.stringify({ table }))
      const pk = await primaryKeyColumns(client, table)
      const orderBy = pk.length > 0 ? ` order by ${pk.map(ident).join(', ')}` : ''
      await client.query(
        `declare dump cursor for select row_to_json(t)::text as j from ${ident(table)} t${orderBy}`,
      )
      for (;;) {
        const batch = await client.query<{ j: string }>('fetch 2000 from dump')
        if (batch.rows.length === 0) break
        for (const r of batch.rows) await write(gzip, r.j)
        rows += batch.rows.length
      }
      await client.query('close dump')
    }
    await client.query('commit')
    gzip.end()
    await once(sink, 'finish')
    return { tables: tables.length, rows }
  } catch (err) {
    gzip.destroy()
    sink.destroy()
    throw err
  } finally {
    await client.end()
  }
}

/**
 * Restores a backup into a migrated, empty database in one transaction: either every row is
 * back (and sequences continue after the highest id) or nothing is.
 */
export async function restoreDatabase(
  url: string,
  file: string,
): Promise<{ tables: number; rows: number }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  let rows = 0
  try {
    await client.query('begin')
    // Created only now: lines emitted while nobody iterates (e.g. during an await) would be lost.
    const lines = createInterface({
      input: createReadStream(file).pipe(createGunzip()),
      crlfDelay: Infinity,
    })
    let header: Header | undefined
    let table: string | undefined
    let batch: string[] = []
    const flush = async () => {
      if (table === undefined || batch.length === 0) return
      await client.query(
        `insert into ${ident(table)} select * from json_populate_recordset(null::${ident(table)}, $1::json)`,
        [`[${batch.join(',')}]`],
      )
      rows += batch.length
      batch = []
    }
    for await (const line of lines) {
      if (line === '') continue
      if (header === undefined) {
        header = JSON.parse(line) as Header
        if (header.format !== BACKUP_FORMAT)
          throw new Error(`Not a backup file of this product (format ${String(header.format)})`)
        const have = (
          await client.query<{ name: string }>(`select name from ${MIGRATIONS_TABLE} order by id`)
        ).rows.map((r) => r.name)
        if (have.join() !== header.migrations.join()) {
          throw new Error(
            `Schema mismatch: the backup was made at migrations [${header.migrations.join(', ')}], the target has [${have.join(', ')}]`,
          )
        }
        for (const t of header.tables) {
          const n = await client.query(`select 1 from ${ident(t)} limit 1`)
          if (n.rowCount !== 0) throw new Error(`Target database is not empty: table ${t} has rows`)
        }
        continue
      }
      if (line.startsWith('{"table":')) {
        await flush()
        table = (JSON.parse(line) as { table: string }).table
        continue
      }
      batch.push(line)
      if (batch.length >= 1000) await flush()
    }
    await flush()
    if (header === undefined) throw new Error('Empty backup file')
    // Sequences: continue after the restored ids.
    const seqs = await client.query<{ tbl: string; col: string; seq: string }>(
      `select c.table_name as tbl, c.column_name as col, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) as seq
         from information_schema.columns c where c.table_schema = 'public' and c.column_default like 'nextval(%'`,
    )
    for (const s of seqs.rows) {
      await client.query(
        `select setval($1, coalesce((select max(${ident(s.col)}) from ${ident(s.tbl)}), 0) + 1, false)`,
        [s.seq],
      )
    }
    await client.query('commit')
    return { tables: header.tables.length, rows }
  } catch (err) {
    await client.query('rollback').catch(() => undefined)
    throw err
  } finally {
    await client.end()
  }
}
