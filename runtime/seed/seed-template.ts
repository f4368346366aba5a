import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { AD_HOC_PERIOD, periodContaining, type Engine } from '../../core/index.js'
import type { Orm } from '../db/orm.js'
import { query, queryOne } from '../db/sql.js'
import { openInstances, today } from '../services/assignments.js'
import { appendAudit } from '../services/audit.js'
import { resolveDefinition } from '../services/templates.js'
import { DEMO_UNITS } from './demo-data.js'

export interface SeededTemplate {
  code: string
  version: string
  period: string
  assignmentId: number
}

/**
 * Installs the first example template of `schemas/examples/valid` that loads, published, and
 * assigns it from the province to every sub-unit for the current period, so the demo has one open
 * period. Idempotent: does nothing once the tenant has that template.
 */
export async function seedExampleTemplate(
  orm: Orm,
  engine: Engine,
  examplesDir: string,
  now: Date,
): Promise<SeededTemplate | undefined> {
  let files: string[]
  try {
    files = (await readdir(examplesDir)).filter((f) => f.endsWith('.json')).sort()
  } catch {
    return undefined
  }
  for (const file of files) {
    let loaded: ReturnType<typeof resolveDefinition>
    try {
      loaded = resolveDefinition(
        {
          ...(JSON.parse(await readFile(path.join(examplesDir, file), 'utf8')) as object),
          status: 'draft',
        },
        engine,
      )
    } catch {
      continue
    }
    const def = loaded.template.definition
    const period =
      def.periodType === 'none'
        ? AD_HOC_PERIOD
        : periodContaining(today(now), def.periodType, def.cutoff ?? 'nd09')
    if (period === undefined) continue
    return orm.em.fork().transactional(async (em) => {
      const root = await queryOne<{ id: number }>(em, 'select id from org_unit where code = ?', [
        DEMO_UNITS[0]!.code,
      ])
      if (root === undefined) return undefined
      const exists = await queryOne(em, 'select 1 from template where tenant_id = ? and code = ?', [
        root.id,
        def.code,
      ])
      if (exists !== undefined) return undefined
      const designer = await queryOne<{ id: number }>(
        em,
        `select user_id as id from user_role where unit_id = ? and role = 'designer' limit 1`,
        [root.id],
      )
      const t = await queryOne<{ id: number }>(
        em,
        'insert into template (tenant_id, owner_unit_id, code, name, created_at) values (?, ?, ?, ?, ?) returning id',
        [root.id, root.id, def.code, def.name, now],
      )
      const v = await queryOne<{ id: number }>(
        em,
        `insert into template_version (template_id, version, status, definition, lock_version, created_by_id, created_at, updated_at, published_at)
         values (?, ?, 'published', ?::jsonb, 1, ?, ?, ?, ?) returning id`,
        [
          t!.id,
          def.version,
          JSON.stringify({ ...def, status: 'published' }),
          designer?.id ?? null,
          now,
          now,
          now,
        ],
      )
      const a = await queryOne<{ id: number }>(
        em,
        `insert into assignment (tenant_id, template_version_id, unit_id, schedule, active, created_at) values (?, ?, ?, ?::jsonb, true, ?) returning id`,
        [root.id, v!.id, root.id, JSON.stringify({ fromPeriod: period }), now],
      )
      await query(
        em,
        'insert into assignment_target (assignment_id, unit_id) select ?, id from org_unit where parent_id = ? order by id',
        [a!.id, root.id],
      )
      await openInstances(em, a!.id, now)
      await appendAudit(
        em,
        {
          actorId: null,
          tenantId: root.id,
          action: 'seed.template',
          entity: 'template_version',
          entityId: v!.id,
          after: { code: def.code, version: def.version, period },
        },
        now,
      )
      return { code: def.code, version: def.version, period, assignmentId: a!.id }
    })
  }
  return undefined
}
