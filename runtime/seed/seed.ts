import type { Orm } from '../db/orm.js'
import { query, queryOne } from '../db/sql.js'
import { hashPassword, type ScryptCost } from '../auth/password.js'
import { appendAudit } from '../services/audit.js'
import { ensureCa, ensureUnitCredential } from '../services/pki.js'
import { createUnit } from '../services/units.js'
import { DEMO_PASSWORD, DEMO_TIERS, DEMO_UNITS, demoFullName, demoUsername } from './demo-data.js'

export interface DemoLogin {
  username: string
  role: string
  unit: string
}

export interface SeedOptions {
  now: Date
  scryptCost?: ScryptCost
}

export interface SeedResult {
  created: boolean
  logins: DemoLogin[]
  password: string
}

/**
 * Seeds the demo province once (idempotent: a second run finds the root unit and only fills what
 * is missing). One transaction: a failed seed leaves nothing behind.
 */
export async function seedDemo(orm: Orm, opts: SeedOptions): Promise<SeedResult> {
  const logins = DEMO_UNITS.flatMap((u) =>
    u.roles.map((role) => ({ username: demoUsername(u, role), role, unit: u.name })),
  )
  const created = await orm.em.fork().transactional(async (em) => {
    const exists = await queryOne(em, 'select id from org_unit where code = ?', [
      DEMO_UNITS[0]!.code,
    ])
    if (exists !== undefined) return false
    for (const t of DEMO_TIERS) {
      await query(
        em,
        'insert into org_tier (code, name, rank) values (?, ?, ?) on conflict do nothing',
        [t.code, t.name, t.rank],
      )
    }
    // One hash for every demo account: hashing 30 times would only slow the first start.
    const hash = await hashPassword(DEMO_PASSWORD, opts.scryptCost)
    const ids = new Map<string, number>()
    for (const u of DEMO_UNITS) {
      const parentId = u.parent === undefined ? null : ids.get(u.parent)!
      const unit = await createUnit(em, { code: u.code, name: u.name, tier: u.tier, parentId })
      ids.set(u.code, unit.id)
      for (const role of u.roles) {
        const user = await queryOne<{ id: number }>(
          em,
          `insert into app_user (username, full_name, password_hash, unit_id, active, failed_logins, created_at)
           values (?, ?, ?, ?, true, 0, ?) returning id`,
          [demoUsername(u, role), demoFullName(u, role), hash, unit.id, opts.now],
        )
        await query(
          em,
          'insert into user_role (user_id, unit_id, role, created_at) values (?, ?, ?, ?)',
          [user!.id, unit.id, role, opts.now],
        )
      }
      await ensureUnitCredential(em, unit, opts.now)
    }
    await ensureCa(em, opts.now)
    await appendAudit(
      em,
      {
        actorId: null,
        tenantId: ids.get(DEMO_UNITS[0]!.code)!,
        action: 'seed.demo',
        entity: 'org_unit',
        entityId: DEMO_UNITS[0]!.code,
        after: { units: DEMO_UNITS.length, users: logins.length },
      },
      opts.now,
    )
    return true
  })
  return { created, logins, password: DEMO_PASSWORD }
}
