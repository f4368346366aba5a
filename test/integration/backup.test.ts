import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrm, migrate } from '../../runtime/db/orm.js'
import { backupDatabase, restoreDatabase } from '../../runtime/services/backup.js'
import { tableRows as fingerprint } from '../helpers/fingerprint.js'
import { as, assign, instanceOf, publishFixture, reportThrough } from '../helpers/flow.js'
import { createEmptyDatabase, startTestApp, type TestApp } from '../helpers/test-app.js'

let t: TestApp
let dir: string
let assignmentId: number
const instances: number[] = []
const clock = new Date('2026-09-14T03:00:00Z') // the receiving window opens on the 14th (end of the cut-off window)

beforeAll(async () => {
  t = await startTestApp({ now: () => clock })
  dir = await mkdtemp(path.join(tmpdir(), 'rb-backup-'))
  // Reports in every state worth keeping: accepted and signed, approved, draft.
  assignmentId = await assign(
    t,
    await publishFixture(t),
    ['DT-P-CAOLANH', 'DT-P-SADEC', 'DT-X-THAPMUOI'],
    '2026-Q3',
    () => clock,
  )
  for (const [unit, login, until] of [
    ['DT-P-CAOLANH', 'caolanh', 'accepted'],
    ['DT-P-SADEC', 'sadec', 'approved'],
    ['DT-X-THAPMUOI', 'thapmuoi', 'draft'],
  ] as const) {
    const id = await instanceOf(t, assignmentId, unit)
    instances.push(id)
    await reportThrough(
      t,
      id,
      login,
      { main: { r1: { c1: 20, c2: 10 }, r2: { c1: 3, c2: 1, c4: 'Ghi chú: số liệu ước tính' } } },
      until,
    )
  }
}, 60_000)
afterAll(async () => {
  await t.close()
  await rm(dir, { recursive: true, force: true })
})

async function migratedEmpty(): Promise<string> {
  const url = await createEmptyDatabase()
  const orm = await createOrm(url, { poolMax: 2 })
  await migrate(orm)
  await orm.close()
  return url
}

describe('backup and restore', { timeout: 30_000 }, () => {
  it('restores every row of every table into a fresh database, and sequences continue', async () => {
    const file = path.join(dir, 'b1.jsonl.gz')
    const { rows } = await backupDatabase(t.url, file)
    expect(rows).toBeGreaterThan(30)
    const target = await migratedEmpty()
    await restoreDatabase(target, file)
    expect(await fingerprint(target)).toEqual(await fingerprint(t.url))
    const orm = await createOrm(target, { poolMax: 2 })
    try {
      const [max] = await orm.em
        .fork()
        .execute<{ id: number }[]>('select max(id) as id from org_unit')
      const [created] = await orm.em
        .fork()
        .execute<{ id: number }[]>(
          `insert into org_unit (code, name, tier, root_id, path, created_at) values ('NEW', 'x', 'xa', 0, '', now()) returning id`,
        )
      expect(created!.id).toBeGreaterThan(max!.id)
    } finally {
      await orm.close()
    }
  })

  it('finds every report intact after a restore: documents, states, signatures, consolidation, audit chain', async () => {
    const file = path.join(dir, 'reports.jsonl.gz')
    await backupDatabase(t.url, file)
    const target = await migratedEmpty()
    await restoreDatabase(target, file)
    const restored = await startTestApp({ now: () => clock }, target)
    try {
      for (const id of instances) {
        const [a, b] = await Promise.all([
          (await as(t, 'tinh.viewer')).get(`/instances/${id}`),
          (await as(restored, 'tinh.viewer')).get(`/instances/${id}`),
        ])
        expect(b.status).toBe(200)
        expect(b.body.revision).toEqual(a.body.revision)
        expect(b.body.status).toBe(a.body.status)
        expect(b.body.history).toEqual(a.body.history)
      }
      const viewer = await as(restored, 'caolanh.viewer')
      const revisionId = (await viewer.get(`/instances/${instances[0]}`)).body.revision.id
      expect((await viewer.get(`/revisions/${revisionId}/signatures/verify`)).body).toMatchObject({
        signed: true,
        valid: true,
      })
      const agg = await (
        await as(restored, 'tinh.aggregator')
      ).get(`/assignments/${assignmentId}/aggregate?period=2026-Q3`)
      expect(agg.body.values.main).toEqual({ r1: { c1: 20, c2: 10 }, r2: { c1: 3, c2: 1 } })
      expect((await (await as(restored, 'tinh.admin')).get('/audit/verify')).body.ok).toBe(true)
    } finally {
      await restored.close()
    }
  })

  it('refuses a target that is not empty, and leaves it unchanged', async () => {
    const file = path.join(dir, 'b2.jsonl.gz')
    await backupDatabase(t.url, file)
    const before = await fingerprint(t.url)
    await expect(restoreDatabase(t.url, file)).rejects.toThrow(/not empty/)
    expect(await fingerprint(t.url)).toEqual(before)
  })
})
