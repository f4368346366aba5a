import type { EntityManager } from '@mikro-orm/postgresql'
import { createEngine, type Engine } from '../../core/index.js'
import { defaultConfig } from '../context.js'
import { openAllDue, openInstances } from './assignments.js'
import { enqueue, type JobHandlers } from './jobs.js'

const HOUR = 60 * 60 * 1000

/** What the jobs need from the running app. */
export interface JobEnv {
  /** The engine of the installed plugins, as of the job's run (their hooks pick template versions). */
  engine(): Engine
  /** Default days a receiving window stays open after the deadline. */
  receivingDaysAfterDeadline: number
}

/** The runtime's background jobs. */
export function createJobHandlers(env: JobEnv): JobHandlers {
  const opts = () => ({ engine: env.engine(), defaultDays: env.receivingDaysAfterDeadline })
  return {
    /** Opens the instances of one new assignment right away. */
    'open-instances': async (em, payload, now) => {
      await openInstances(em, Number(payload.assignmentId), now, opts())
    },
    /** Hourly: opens instances of periods whose cut-off window has started since, and sends window notices. */
    tick: async (em, _payload, now) => {
      await openAllDue(em, now, opts())
      return { repeatAt: new Date(now.getTime() + HOUR) }
    },
  }
}

const noPlugins = createEngine({ plugins: [] })

/** The jobs without plugins and with the default configuration (tests and tools). */
export const jobHandlers: JobHandlers = createJobHandlers({
  engine: () => noPlugins,
  receivingDaysAfterDeadline: defaultConfig.receivingDaysAfterDeadline,
})

/** Makes sure the recurring tick exists (called at start; a no-op when one is pending). */
export async function scheduleTick(em: EntityManager, now: Date): Promise<void> {
  await enqueue(em, 'tick', {}, now, { uniqueKey: 'tick', maxAttempts: 1000 })
}
