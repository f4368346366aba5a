/**
 * P3 of DESIGN.md §5: saving a 1,000-cell draft through the real server (PUT
 * /api/v1/instances/:id/draft), 32 concurrent clients, against a plain INSERT of the same JSON
 * through `pg` by 32 concurrent connections to the same database, in the same run.
 */
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { benchDefinition, benchValues, cellValue, COLS, ROWS } from './helpers/bench-template.js'
import { combine, percentile, runClosedLoop, type LoadResult } from './helpers/measure-async.js'
import { publishTemplate } from './helpers/publish.js'
import { startRuntimeServer, type RuntimeServer } from './helpers/runtime-server.js'
import { login, type Session } from './helpers/session.js'
import type { BenchRow, BenchSuite } from './harness.js'

const CLIENTS = 32
/** Interleaved rounds (ours, anchor, anchor, ours, ...), so both sides see the same machine. */
const ROUNDS = 4
const OURS_MS = 4000
const ANCHOR_MS = 2500
const WARMUP_MS = 1500
/** A bound on requests per client and phase, whatever the machine. */
const MAX_PER_CLIENT = 1000
/** Bodies cycle through a few value sets, so every save really changes its 1,000 cells. */
const VARIANTS = 7
const INSTANCE_WAIT_MS = 30_000
const REPORTING_UNIT = 'DT-SNV'
const ENTRY_USER = 'snv.entry'

/** 32 monthly periods, long past, so each client gets its own report instance. */
function periods(): { from: string; to: string } {
  const month = (n: number): string =>
    `${2020 + Math.floor(n / 12)}-M${String((n % 12) + 1).padStart(2, '0')}`
  return { from: month(0), to: month(CLIENTS - 1) }
}

/** Publishes the template, assigns it to one unit for 32 periods, waits for the server's job to open the instances. */
async function openInstances(server: RuntimeServer, db: pg.Client): Promise<number[]> {
  const units = await db.query<{ id: number; code: string }>(
    'select id, code from org_unit where code in ($1, $2)',
    ['DT', REPORTING_UNIT],
  )
  const id = (code: string): number => units.rows.find((u) => u.code === code)!.id
  const designer = await login(server.baseUrl, 'tinh.designer')
  const versionId = await publishTemplate(designer, benchDefinition('BENCH-P3'))
  const aggregator = await login(server.baseUrl, 'tinh.aggregator')
  const { from, to } = periods()
  const assignment = await aggregator.json<{ id: number }>(
    'POST',
    '/assignments',
    {
      templateVersionId: versionId,
      unitId: id('DT'),
      targetUnitIds: [id(REPORTING_UNIT)],
      schedule: { fromPeriod: from, toPeriod: to },
    },
    201,
  )
  const until = Date.now() + INSTANCE_WAIT_MS
  for (;;) {
    const rows = await db.query<{ id: number }>(
      'select id from report_instance where assignment_id = $1 order by period',
      [assignment.id],
    )
    if (rows.rows.length >= CLIENTS) return rows.rows.slice(0, CLIENTS).map((r) => r.id)
    if (Date.now() > until)
      throw new Error(
        `P3: the server opened ${rows.rows.length} of ${CLIENTS} instances in ${INSTANCE_WAIT_MS} ms\n${server.logTail()}`,
      )
    await new Promise((r) => setTimeout(r, 250))
  }
}

interface EntryClient {
  session: Session
  instance: number
  version: number
  sent: number
}

function body(version: number, valuesJson: string): string {
  return `{"version":${version},"values":${valuesJson}}`
}

const suite: BenchSuite = {
  name: 'P3 save a 1,000-cell draft over HTTP',
  async run(): Promise<BenchRow[]> {
    // Other work on the machine takes CPU from all three; the note says how busy it was.
    const loadBefore = os.loadavg()[0]!.toFixed(1)
    const server = await startRuntimeServer()
    const db = new pg.Client({ connectionString: server.dbUrl })
    const anchors: pg.Client[] = []
    try {
      await db.connect()
      const instances = await openInstances(server, db)
      const variants = Array.from({ length: VARIANTS }, (_, v) => JSON.stringify(benchValues(v)))
      const clients: EntryClient[] = []
      for (const instance of instances)
        clients.push({
          session: await login(server.baseUrl, ENTRY_USER),
          instance,
          version: 1,
          sent: 0,
        })

      const save = async (c: EntryClient): Promise<number> => {
        const text = body(c.version, variants[c.sent++ % VARIANTS]!)
        const t0 = performance.now()
        const res = await c.session.send('PUT', `/instances/${c.instance}/draft`, text)
        const answer = await res.text()
        const latency = performance.now() - t0
        if (res.status !== 200)
          throw new Error(
            `P3: save of instance ${c.instance} answered ${res.status}: ${answer.slice(0, 500)}\n${server.logTail()}`,
          )
        c.version = (JSON.parse(answer) as { version: number }).version
        return latency
      }

      await db.query('create table bench_p3_plain (id bigserial primary key, body jsonb not null)')
      for (let i = 0; i < CLIENTS; i++) {
        const client = new pg.Client({ connectionString: server.dbUrl })
        await client.connect()
        anchors.push(client)
      }
      let anchorSent = 0
      const insert = async (client: pg.Client): Promise<number> => {
        const text = body(anchorSent, variants[anchorSent++ % VARIANTS]!)
        const t0 = performance.now()
        await client.query('insert into bench_p3_plain (body) values ($1)', [text])
        return performance.now() - t0
      }

      const oursLoop = clients.map((c) => () => save(c))
      const anchorLoop = anchors.map((c) => () => insert(c))
      const limits = (durationMs: number) => ({ durationMs, maxPerClient: MAX_PER_CLIENT })
      await runClosedLoop(oursLoop, limits(WARMUP_MS))
      await runClosedLoop(anchorLoop, limits(WARMUP_MS))
      const ours: LoadResult[] = []
      const anchor: LoadResult[] = []
      for (let r = 0; r < ROUNDS; r++) {
        if (r % 2 === 0) {
          ours.push(await runClosedLoop(oursLoop, limits(OURS_MS)))
          anchor.push(await runClosedLoop(anchorLoop, limits(ANCHOR_MS)))
        } else {
          anchor.push(await runClosedLoop(anchorLoop, limits(ANCHOR_MS)))
          ours.push(await runClosedLoop(oursLoop, limits(OURS_MS)))
        }
      }

      // The saves must really have stored the cells: 1,000 on the first instance, with the values
      // of the last body its client sent.
      const first = clients[0]!
      const stored = await db.query<{ n: number; r1c1: number | null }>(
        `select count(*)::int as n, max(v.num) filter (where v.row = 'r1' and v.col = 'c1')::float8 as r1c1
           from cell_value v join report_revision r on r.id = v.revision_id
          where r.instance_id = $1 and v.num is not null`,
        [first.instance],
      )
      const expected = cellValue((first.sent - 1) % VARIANTS, 1, 1)
      const got = stored.rows[0]
      if (got?.n !== ROWS * COLS || got.r1c1 !== expected)
        throw new Error(
          `P3: instance ${first.instance} stores ${got?.n} cells and r1.c1 = ${got?.r1c1}; expected ${ROWS * COLS} and ${expected}`,
        )

      const o = combine(ours)
      const a = combine(anchor)
      const oP99 = percentile(o.latencies, 0.99)
      const aP99 = percentile(a.latencies, 0.99)
      const oP50 = percentile(o.latencies, 0.5)
      const bytes = body(1, variants[0]!).length
      const setting =
        `${CLIENTS} concurrent clients, each on its own report instance and session (user ${ENTRY_USER}), each sending ` +
        `its next request when the previous answered; ${ROUNDS} interleaved rounds of ${OURS_MS / 1000} s (ours) and ` +
        `${ANCHOR_MS / 1000} s (anchor) after ${WARMUP_MS / 1000} s warm-up each. runtime/server.ts runs as a child ` +
        'process on 127.0.0.1; the load generator, the server and PostgreSQL 18 (embedded, fsync off as in the ' +
        `tests) share the machine; load average ${loadBefore} when the suite started.`
      return [
        {
          id: 'P3',
          workload: `save draft (PUT /instances/:id/draft), ${ROWS * COLS} cells, ${CLIENTS} concurrent clients`,
          ours: o.perSecond,
          anchorName: 'plain INSERT of the same JSON through pg',
          anchor: a.perSecond,
          unit: 'req/s',
          goal: '>= 0.3x',
          pass: o.perSecond / a.perSecond >= 0.3,
          note:
            `ours = ${o.count} saves of a ${(bytes / 1024).toFixed(0)} KB body {version, values} holding all ` +
            `${ROWS * COLS} input cells: session + CSRF check, body schema, instance row lock, workflow check, ` +
            'merge into the stored document, validation by the core workbook (100 row totals, 100 ratios, the total ' +
            'row, 100 constraints; no plugin is installed, so no plugin rule or hook runs), document update with the ' +
            `optimistic version, the ${ROWS * COLS} changed cell_value rows updated in place, an audit entry with the before/after of the ${ROWS * COLS} changed cells, commit (which links the entry into the hash chain). Anchor = ${a.count} single-row INSERTs of the same ` +
            `JSON text into a jsonb column (table with a bigserial key) by ${CLIENTS} pg connections. ${setting}`,
        },
        {
          id: 'P3b',
          workload: `save draft p99 latency, ${CLIENTS} concurrent clients`,
          ours: oP99,
          anchorName: 'plain INSERT p99',
          anchor: aP99,
          goal: '< 100 ms',
          pass: oP99 < 100,
          note:
            `p99 over the ${o.count} timed saves of P3, from sending the request to reading the whole answer ` +
            `(median ${oP50.toFixed(1)} ms); the anchor's p99 is for scale only. With ${CLIENTS} clients in a closed ` +
            `loop the mean latency is ${CLIENTS} / throughput, so p99 < 100 ms needs more than ${Math.round((CLIENTS * 1000) / 100)} saves/s.`,
        },
      ]
    } finally {
      await Promise.allSettled([db.end(), ...anchors.map((c) => c.end())])
      await server.stop()
    }
  },
}

export default suite
