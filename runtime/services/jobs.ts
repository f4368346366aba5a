import type { EntityManager } from '@mikro-orm/postgresql'
import type { Orm } from '../db/orm.js'
import { query, queryOne } from '../db/sql.js'

/** A job handler; returning `repeatAt` schedules the same job again (recurring jobs). */
export type JobHandler = (
  em: EntityManager,
  payload: Record<string, unknown>,
  now: Date,
) => Promise<void | { repeatAt: Date }>
export type JobHandlers = Readonly<Record<string, JobHandler>>

export interface EnqueueOptions {
  runAt?: Date
  /** While a job with this key is pending, enqueueing another is a no-op. */
  uniqueKey?: string
  maxAttempts?: number
}

/** Adds a job in the caller's transaction: it becomes visible only if the caller commits. */
export async function enqueue(
  em: EntityManager,
  kind: string,
  payload: Record<string, unknown>,
  now: Date,
  opts: EnqueueOptions = {},
): Promise<void> {
  await query(
    em,
    `insert into job (kind, payload, status, run_at, attempts, max_attempts, unique_key, created_at)
     values (?, ?::jsonb, 'pending', ?, 0, ?, ?, ?)
     on conflict (unique_key) where status = 'pending' do nothing`,
    [
      kind,
      JSON.stringify(payload),
      opts.runAt ?? now,
      opts.maxAttempts ?? 5,
      opts.uniqueKey ?? null,
      now,
    ],
  )
}

interface JobRow {
  id: number
  kind: string
  payload: Record<string, unknown>
  attempts: number
  max_attempts: number
  unique_key: string | null
}

/**
 * Claims one due job and runs it in a single transaction with its completion mark. Returns
 * false when nothing is due. A failing job is retried with backoff, then marked failed.
 */
export async function runOneJob(orm: Orm, handlers: JobHandlers, now: Date): Promise<boolean> {
  let claimed: JobRow | undefined
  try {
    return await orm.em.fork().transactional(async (em) => {
      claimed = await queryOne<JobRow>(
        em,
        `select id, kind, payload, attempts, max_attempts, unique_key from job
          where status = 'pending' and run_at <= ? order by run_at, id limit 1 for update skip locked`,
        [now],
      )
      if (claimed === undefined) return false
      const handler = handlers[claimed.kind]
      if (handler === undefined) throw new Error(`No handler for job kind '${claimed.kind}'`)
      const result = await handler(em, claimed.payload, now)
      await query(
        em,
        `update job set status = 'done', attempts = attempts + 1, finished_at = ? where id = ?`,
        [now, claimed.id],
      )
      if (result !== undefined) {
        await enqueue(em, claimed.kind, claimed.payload, now, {
          runAt: result.repeatAt,
          ...(claimed.unique_key === null ? {} : { uniqueKey: claimed.unique_key }),
          maxAttempts: claimed.max_attempts,
        })
      }
      return true
    })
  } catch (err) {
    if (claimed === undefined) throw err
    const job = claimed
    const attempts = job.attempts + 1
    const failed = attempts >= job.max_attempts
    const retryAt = new Date(now.getTime() + 2 ** attempts * 1000)
    await orm.em
      .fork()
      .execute(
        `update job set attempts = ?, last_error = ?, status = ?, run_at = ?, finished_at = ? where id = ?`,
        [
          attempts,
          String((err as Error).stack ?? err).slice(0, 4000),
          failed ? 'failed' : 'pending',
          retryAt,
          failed ? now : null,
          job.id,
        ],
      )
    return true
  }
}

/** Runs every due job (tests and the CLI call this; the worker calls it on a timer). */
export async function runDueJobs(
  orm: Orm,
  handlers: JobHandlers,
  now: Date,
  limit = 1000,
): Promise<number> {
  let n = 0
  while (n < limit && (await runOneJob(orm, handlers, now))) n++
  return n
}

export interface Worker {
  stop(): Promise<void>
}

/** Polls the job table; several app servers may run workers side by side (SKIP LOCKED). */
export function startWorker(
  orm: Orm,
  handlers: JobHandlers,
  clock: () => Date,
  intervalMs = 2000,
): Worker {
  let running: Promise<unknown> = Promise.resolve()
  let stopped = false
  const timer = setInterval(() => {
    running = running
      .then(() => (stopped ? 0 : runDueJobs(orm, handlers, clock(), 100)))
      .catch((err: unknown) => console.error('job worker:', err))
  }, intervalMs)
  return {
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
