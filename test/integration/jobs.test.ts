import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrm } from '../../runtime/db/orm.js'
import { enqueue, runDueJobs, type JobHandlers } from '../../runtime/services/jobs.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

let t: TestApp
const now = new Date('2026-09-10T03:00:00Z')

beforeAll(async () => {
  t = await startTestApp()
})
afterAll(async () => t.close())

/** A handler that records its runs in a table, so effects and completion commit together. */
const recorder: JobHandlers = {
  record: async (em, payload) => {
    await em.execute('insert into org_tier (code, name, rank) values (?, ?, 99)', [
      String(payload.code),
      'job',
    ])
  },
  boom: async (em) => {
    await em.execute(`insert into org_tier (code, name, rank) values ('half-done', 'x', 1)`)
    throw new Error('boom')
  },
}

describe('PostgreSQL job queue', () => {
  it('a job enqueued by one app instance runs after a restart (new ORM, same database)', async () => {
    await t.orm.em
      .fork()
      .transactional((em) => enqueue(em, 'record', { code: 'after-restart' }, now))
    const restarted = await createOrm(t.url, { poolMax: 2 })
    try {
      expect(await runDueJobs(restarted, recorder, now)).toBe(1)
    } finally {
      await restarted.close()
    }
    expect(await t.sql(`select 1 from org_tier where code = 'after-restart'`)).toHaveLength(1)
    expect(await t.sql(`select status from job where payload->>'code' = 'after-restart'`)).toEqual([
      { status: 'done' },
    ])
  })

  it('does not run a job before its time', async () => {
    await t.orm.em
      .fork()
      .transactional((em) =>
        enqueue(em, 'record', { code: 'later' }, now, { runAt: new Date(now.getTime() + 60_000) }),
      )
    expect(await runDueJobs(t.orm, recorder, now)).toBe(0)
    expect(await runDueJobs(t.orm, recorder, new Date(now.getTime() + 61_000))).toBe(1)
  })

  it('a unique key keeps one pending job', async () => {
    await t.orm.em.fork().transactional(async (em) => {
      await enqueue(em, 'record', { code: 'u1' }, now, { uniqueKey: 'same' })
      await enqueue(em, 'record', { code: 'u2' }, now, { uniqueKey: 'same' })
    })
    expect(await t.sql(`select 1 from job where unique_key = 'same'`)).toHaveLength(1)
    await runDueJobs(t.orm, recorder, now)
  })

  it('a failing job leaves no partial effect, is retried with backoff, and fails after max attempts', async () => {
    await t.orm.em.fork().transactional((em) => enqueue(em, 'boom', {}, now, { maxAttempts: 2 }))
    expect(await runDueJobs(t.orm, recorder, now)).toBe(1)
    let [job] = await t.sql<{ status: string; attempts: number; last_error: string }>(
      `select status, attempts, last_error from job where kind = 'boom'`,
    )
    expect(job).toMatchObject({ status: 'pending', attempts: 1 })
    expect(job!.last_error).toMatch(/boom/)
    expect(await t.sql(`select 1 from org_tier where code = 'half-done'`)).toHaveLength(0)
    expect(await runDueJobs(t.orm, recorder, now)).toBe(0) // backoff
    await runDueJobs(t.orm, recorder, new Date(now.getTime() + 60_000))
    ;[job] = await t.sql<{ status: string; attempts: number; last_error: string }>(
      `select status, attempts, last_error from job where kind = 'boom'`,
    )
    expect(job).toMatchObject({ status: 'failed', attempts: 2 })
  })

  it('two workers in parallel run each job exactly once (FOR UPDATE SKIP LOCKED)', async () => {
    await t.orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < 20; i++) await enqueue(em, 'record', { code: `p${i}` }, now)
    })
    const other = await createOrm(t.url, { poolMax: 2 })
    try {
      const [a, b] = await Promise.all([
        runDueJobs(t.orm, recorder, now),
        runDueJobs(other, recorder, now),
      ])
      expect(a + b).toBe(20)
    } finally {
      await other.close()
    }
    expect(await t.sql(`select 1 from org_tier where code like 'p%' and rank = 99`)).toHaveLength(
      20,
    )
  })
})
