import type { EntityManager } from '@mikro-orm/postgresql'
import { openAllDue, openInstances } from './assignments.js'
import { enqueue, type JobHandlers } from './jobs.js'

const HOUR = 60 * 60 * 1000

/** The runtime's background jobs. */
export const jobHandlers: JobHandlers = {
  /** Opens the instances of one new assignment right away. */
  'open-instances': async (em, payload, now) => {
    await openInstances(em, Number(payload.assignmentId), now)
  },
  /** Hourly: opens instances of periods whose cut-off window has started since. */
  tick: async (em, _payload, now) => {
    await openAllDue(em, now)
    return { repeatAt: new Date(now.getTime() + HOUR) }
  },
}

/** Makes sure the recurring tick exists (called at start; a no-op when one is pending). */
export async function scheduleTick(em: EntityManager, now: Date): Promise<void> {
  await enqueue(em, 'tick', {}, now, { uniqueKey: 'tick', maxAttempts: 1000 })
}
