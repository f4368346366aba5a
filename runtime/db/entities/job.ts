import { defineEntity, p } from '@mikro-orm/core'

/**
 * Background jobs live in PostgreSQL so they survive restarts and any app server can run them:
 * a worker claims a due job with `FOR UPDATE SKIP LOCKED` and runs it in the same transaction,
 * so a crash mid-job rolls back and leaves the job pending for the next worker.
 */
export const Job = defineEntity({
  name: 'Job',
  tableName: 'job',
  properties: {
    id: p.integer().primary(),
    kind: p.string().length(50),
    payload: p.json<Record<string, unknown>>(),
    status: p.string().length(10).check(`status in ('pending', 'done', 'failed')`),
    runAt: p.datetime(),
    attempts: p.integer().default(0),
    maxAttempts: p.integer().default(5),
    lastError: p.text().nullable(),
    /** Enqueueing the same key twice while one is pending is a no-op. */
    uniqueKey: p.string().length(200).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    finishedAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ['status', 'runAt'] }],
  uniques: [{ properties: ['uniqueKey'], where: `status = 'pending'` }],
})
