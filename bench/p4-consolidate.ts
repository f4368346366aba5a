/**
 * P4 of DESIGN.md §5: consolidating 2,000 accepted unit submissions x 1,000 input cells through
 * the real server (GET /api/v1/assignments/:id/aggregate), against one hand-written SQL GROUP BY
 * over the same stored cell values in the same database, in the same run.
 */
import { availableParallelism } from 'node:os'
import pg from 'pg'
import {
  benchDefinition,
  cellValue,
  CELL_VALUE_SQL,
  COLS,
  ROWS,
  SECTION,
} from './helpers/bench-template.js'
import { measurePairAsync, median } from './helpers/measure-async.js'
import { publishTemplate } from './helpers/publish.js'
import { startRuntimeServer } from './helpers/runtime-server.js'
import { login } from './helpers/session.js'
import type { BenchRow, BenchSuite } from './harness.js'

const UNITS = 2000
const CODE = 'BENCH-P4'
const PERIOD = '2026-M06'
const UNIT_PREFIX = 'BENCH-U'
const OPTS = { warmup: 1, runs: 5 }
/** Connections writing the seed at once (one per core, up to 4). */
const SEED_CONNECTIONS = Math.max(1, Math.min(4, availableParallelism()))

interface Seeded {
  tenantId: number
  assignmentId: number
}

/** Unit ordinals (0-based, from the unit code) of the instances of an assignment. */
const ORDINALS = `select i.id as instance_id, o.code, substr(o.code, length($1) + 1)::int as u
   from report_instance i join org_unit o on o.id = i.unit_id where i.assignment_id = $2`

/**
 * Writes what 2,000 accepted reports leave behind, with set-based SQL into the runtime's tables:
 * the units under the province, an assignment of the published template with its targets, one
 * instance per unit (one transaction); then, split by unit over `pool` connections at once, an
 * accepted revision 1 per instance holding the submission document, and its 1,000 cell_value
 * rows. Unit `u` (0-based) reports cellValue(u, i, j) in row i, column j.
 */
async function seed(db: pg.Client, pool: readonly pg.Client[], versionId: number): Promise<Seeded> {
  const dt = await db.query<{ id: number; rootId: number; path: string }>(
    `select id, root_id as "rootId", path from org_unit where code = 'DT'`,
  )
  const { id: dtId, rootId: tenantId, path: dtPath } = dt.rows[0]!
  let assignmentId: number
  await db.query('begin')
  try {
    await db.query(
      `insert into org_unit (code, name, tier, parent_id, root_id, path, created_at)
       select $1 || lpad(u::text, 4, '0'), 'Đơn vị đo hiệu năng ' || (u + 1), 'xa', $2, $3, '', now()
         from generate_series(0, $4 - 1) u`,
      [UNIT_PREFIX, dtId, tenantId, UNITS],
    )
    await db.query(`update org_unit set path = $1 || id || '/' where code like $2`, [
      dtPath,
      `${UNIT_PREFIX}%`,
    ])
    const a = await db.query<{ id: number }>(
      `insert into assignment (tenant_id, template_version_id, unit_id, schedule, active, created_at)
       values ($1, $2, $3, $4, true, now()) returning id`,
      [tenantId, versionId, dtId, JSON.stringify({ fromPeriod: PERIOD, toPeriod: PERIOD })],
    )
    assignmentId = a.rows[0]!.id
    await db.query(
      `insert into assignment_target (assignment_id, unit_id) select $1, id from org_unit where code like $2`,
      [assignmentId, `${UNIT_PREFIX}%`],
    )
    await db.query(
      `insert into report_instance (tenant_id, assignment_id, unit_id, period, deadline, status, current_revision, created_at, updated_at)
       select $1, $2, id, $3, null, 'accepted', 1, now(), now() from org_unit where code like $4`,
      [tenantId, assignmentId, PERIOD, `${UNIT_PREFIX}%`],
    )
    await db.query('commit')
  } catch (err) {
    await db.query('rollback')
    throw err
  }
  // Revisions and cells are most of the work (2,000,000 rows into a five-column primary key):
  // each connection takes a share of the units.
  await Promise.all(
    pool.map(async (client, k) => {
      const share = `x.u % ${pool.length} = ${k}`
      await client.query(
        `insert into report_revision (tenant_id, instance_id, revision_no, status, document, version, created_at, updated_at,
                                      submitted_at, approved_at, sent_at, accepted_at)
         select $3, x.instance_id, 1, 'accepted',
                jsonb_build_object('template', jsonb_build_object('code', $4::text, 'version', '1.0'), 'unit', x.code,
                  'period', $5::text, 'revision', 1, 'values', jsonb_build_object($6::text,
                    (select jsonb_object_agg('r' || i, (select jsonb_object_agg('c' || j, ${CELL_VALUE_SQL})
                                                          from generate_series(1, ${COLS}) j))
                       from generate_series(1, ${ROWS}) i))),
                3, now(), now(), now(), now(), now(), now()
           from (${ORDINALS}) x where ${share}`,
        [UNIT_PREFIX, assignmentId, tenantId, CODE, PERIOD, SECTION],
      )
      await client.query(
        `insert into cell_value (tenant_id, revision_id, section, row, col, num, txt)
         select $3, r.id, $4, 'r' || i, 'c' || j, ${CELL_VALUE_SQL}, null
           from (${ORDINALS}) x join report_revision r on r.instance_id = x.instance_id
          cross join generate_series(1, ${ROWS}) i cross join generate_series(1, ${COLS}) j
          where ${share}`,
        [UNIT_PREFIX, assignmentId, tenantId, SECTION],
      )
    }),
  )
  return { tenantId, assignmentId }
}

/** The anchor: the least SQL that consolidates the same submissions (sum, the default rule). */
const ANCHOR_SQL = `select v.section, v.row, v.col, sum(v.num) as total
  from cell_value v
  join report_revision r on r.tenant_id = v.tenant_id and r.id = v.revision_id
  join report_instance i on i.tenant_id = r.tenant_id and i.id = r.instance_id
 where i.tenant_id = $1 and i.assignment_id = $2 and i.period = $3 and r.status = 'accepted'
 group by v.section, v.row, v.col`

interface Consolidated {
  included: unknown[]
  values: Record<string, Record<string, Record<string, number>>>
  cells: Record<string, unknown>
}

const suite: BenchSuite = {
  name: 'P4 consolidate 2,000 submissions over HTTP',
  async run(): Promise<BenchRow[]> {
    const server = await startRuntimeServer()
    const db = new pg.Client({ connectionString: server.dbUrl })
    const pool = Array.from(
      { length: SEED_CONNECTIONS },
      () => new pg.Client({ connectionString: server.dbUrl }),
    )
    try {
      await Promise.all([db, ...pool].map((c) => c.connect()))
      const designer = await login(server.baseUrl, 'tinh.designer')
      const versionId = await publishTemplate(designer, benchDefinition(CODE))
      const { tenantId, assignmentId } = await seed(db, pool, versionId)
      // Both sides then read a table with fresh statistics and a visibility map.
      await db.query('vacuum analyze org_unit, report_instance, report_revision, cell_value')

      const aggregator = await login(server.baseUrl, 'tinh.aggregator')
      const path = `/assignments/${assignmentId}/aggregate?period=${PERIOD}`
      let lastOurs: Consolidated | undefined
      let lastAnchor: { section: string; row: string; col: string; total: string }[] = []
      const ours = async (): Promise<void> => {
        lastOurs = await aggregator.json<Consolidated>('GET', path)
      }
      const anchor = async (): Promise<void> => {
        lastAnchor = (await db.query(ANCHOR_SQL, [tenantId, assignmentId, PERIOD])).rows
      }
      const times = await measurePairAsync(ours, anchor, OPTS)

      // Both must have consolidated the same 2,000 submissions to the same totals.
      let expected = 0
      for (let u = 0; u < UNITS; u++) expected += cellValue(u, 5, 3)
      const oursValue = lastOurs?.values[SECTION]?.r5?.c3
      const anchorRow = lastAnchor.find((r) => r.row === 'r5' && r.col === 'c3')
      if (
        lastOurs?.included.length !== UNITS ||
        oursValue === undefined ||
        Math.abs(oursValue - expected) > 1e-6 ||
        anchorRow === undefined ||
        Math.abs(Number(anchorRow.total) - expected) > 1e-6 ||
        lastAnchor.length !== ROWS * COLS
      ) {
        throw new Error(
          `P4: consolidations disagree: expected r5.c3 = ${expected} over ${UNITS} units; server ${oursValue} ` +
            `over ${lastOurs?.included.length} units, SQL ${anchorRow?.total} in ${lastAnchor.length} rows`,
        )
      }
      const o = median(times.ours)
      const a = median(times.anchor)
      return [
        {
          id: 'P4',
          workload: `consolidate ${UNITS.toLocaleString('en')} accepted submissions x ${ROWS * COLS} cells (GET /assignments/:id/aggregate)`,
          ours: o,
          anchorName: 'one SQL GROUP BY sum over the same cell_value rows',
          anchor: a,
          goal: '<= 1.5x',
          pass: o / a <= 1.5,
          note:
            `median of ${OPTS.runs} runs each after ${OPTS.warmup} warm-up, alternating. ours = the request as the ` +
            "aggregating unit (session, assignment and role), the latest accepted revision per unit, the runtime's GROUP BY " +
            `over ${(UNITS * ROWS * COLS).toLocaleString('en')} cell_value rows (sum, avg, min, max, count per cell), each ` +
            "column's rule, core recomputing the row totals, ratios and total row, and the JSON answer read in full. " +
            'Anchor = one hand-written query through pg: join instance -> accepted revision -> cell_value, sum(num) ' +
            `group by section, row, col, rows fetched. The ${UNITS.toLocaleString('en')} units, instances, accepted ` +
            "revisions (document + cells) are written by set-based SQL into the runtime's tables, then VACUUM ANALYZE. " +
            'No plugin is installed, so no aggregate hook reads the documents. runtime/server.ts runs as a child ' +
            'process on 127.0.0.1 against embedded PostgreSQL 18 (fsync off).',
        },
      ]
    } finally {
      await Promise.allSettled([db, ...pool].map((c) => c.end()))
      await server.stop()
    }
  },
}

export default suite
