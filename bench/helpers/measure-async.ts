/**
 * Async counterparts of bench/harness.ts: timing of awaited work (HTTP, SQL) and of concurrent
 * client loops, with the percentiles the runtime goals are stated in.
 */
import { performance } from 'node:perf_hooks'

/** The q-quantile (0..1) of samples, nearest rank. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]!
}

export const median = (samples: readonly number[]): number => percentile(samples, 0.5)

/**
 * Times two async tasks in alternation (A B B A ...), as `measurePair` does for sync ones, so
 * both see the same machine load. Returns every timed sample in ms.
 */
export async function measurePairAsync(
  ours: () => Promise<unknown>,
  anchor: () => Promise<unknown>,
  opts: { warmup: number; runs: number },
): Promise<{ ours: number[]; anchor: number[] }> {
  const once = async (task: () => Promise<unknown>): Promise<number> => {
    const t0 = performance.now()
    await task()
    return performance.now() - t0
  }
  for (let i = 0; i < opts.warmup; i++) {
    await once(ours)
    await once(anchor)
  }
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < opts.runs; i++) {
    if (i % 2 === 0) {
      a.push(await once(ours))
      b.push(await once(anchor))
    } else {
      b.push(await once(anchor))
      a.push(await once(ours))
    }
  }
  return { ours: a, anchor: b }
}

export interface LoadResult {
  /** Requests completed. */
  count: number
  /** From the start until the last client finished, ms. */
  elapsedMs: number
  /** Latency of each request, ms. */
  latencies: number[]
}

/**
 * Runs one loop per client, all at once: each sends its next request when the previous one
 * answered, until `durationMs` has passed or it sent `maxPerClient`. A client's `send` does
 * the untimed preparation itself and returns the latency it measured.
 */
export async function runClosedLoop(
  clients: readonly (() => Promise<number>)[],
  opts: { durationMs: number; maxPerClient: number },
): Promise<LoadResult> {
  const latencies: number[] = []
  const t0 = performance.now()
  const deadline = t0 + opts.durationMs
  await Promise.all(
    clients.map(async (send) => {
      for (let n = 0; n < opts.maxPerClient && performance.now() < deadline; n++) {
        latencies.push(await send())
      }
    }),
  )
  return { count: latencies.length, elapsedMs: performance.now() - t0, latencies }
}

/** Sums the phases of one side of an interleaved load test. */
export function combine(phases: readonly LoadResult[]): LoadResult & { perSecond: number } {
  const count = phases.reduce((n, p) => n + p.count, 0)
  const elapsedMs = phases.reduce((n, p) => n + p.elapsedMs, 0)
  return {
    count,
    elapsedMs,
    latencies: phases.flatMap((p) => p.latencies),
    perSecond: (count * 1000) / elapsedMs,
  }
}
