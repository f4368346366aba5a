/**
 * Shared pieces of the benchmark suites: timing with warm-up and medians, and the row format that
 * `run.ts` turns into docs/BENCHMARKS.md.
 */
import { performance } from 'node:perf_hooks'

/** One line of the results table. Times in milliseconds. */
export interface BenchRow {
  /** P1, P2, ... as in DESIGN.md §5; a suffix marks extra rows (P1b). */
  id: string
  workload: string
  ours: number
  /** What the anchor is, e.g. `HyperFormula 3.5.0 buildFromArray`. */
  anchorName?: string
  anchor?: number
  /** Goal as text, e.g. `<= 0.5x`. */
  goal: string
  /** Computed pass/fail; undefined for information-only rows. */
  pass?: boolean
  /** Unit of ours/anchor when not ms (e.g. `req/s`). */
  unit?: string
  note?: string
}

/** A file `bench/p*.ts` default-exports one suite; `run.ts` finds and runs them all. */
export interface BenchSuite {
  name: string
  run(): Promise<BenchRow[]> | BenchRow[]
}

export interface Timing {
  median: number
  min: number
  samples: number[]
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; returns the median in ms. */
export function measure(fn: () => void, opts: { warmup: number; runs: number }): Timing {
  for (let i = 0; i < opts.warmup; i++) fn()
  const samples: number[] = []
  for (let i = 0; i < opts.runs; i++) {
    const t0 = performance.now()
    fn()
    samples.push(performance.now() - t0)
  }
  return summarize(samples)
}

/** Like `measure`, with an untimed `setup` before each call (e.g. building a fresh input). */
export function measureWithSetup<T>(
  setup: () => T,
  fn: (input: T) => void,
  opts: { warmup: number; runs: number },
): Timing {
  for (let i = 0; i < opts.warmup; i++) fn(setup())
  const samples: number[] = []
  for (let i = 0; i < opts.runs; i++) {
    const input = setup()
    const t0 = performance.now()
    fn(input)
    samples.push(performance.now() - t0)
  }
  return summarize(samples)
}

function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { median, min: sorted[0]!, samples }
}

/** A timed task with an optional untimed setup before each run. */
export interface Task<T = unknown> {
  setup?: () => T
  run: (input: T) => void
}

/**
 * Times two tasks in alternation (A B B A ...), so both see the same machine: on a shared
 * machine the load changes from second to second, and the ratio is what the goals are about.
 * No forced full GC between runs: V8 then flushes the bytecode of cold functions, which made
 * HyperFormula's builds 3-4x slower in a trial.
 */
export function measurePair<A, B>(
  ours: Task<A>,
  anchor: Task<B>,
  opts: { warmup: number; runs: number },
): { ours: Timing; anchor: Timing } {
  const once = <T>(task: Task<T>): number => {
    const input = task.setup === undefined ? (undefined as T) : task.setup()
    const t0 = performance.now()
    task.run(input)
    return performance.now() - t0
  }
  for (let i = 0; i < opts.warmup; i++) {
    once(ours)
    once(anchor)
  }
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < opts.runs; i++) {
    if (i % 2 === 0) {
      a.push(once(ours))
      b.push(once(anchor))
    } else {
      b.push(once(anchor))
      a.push(once(ours))
    }
  }
  return { ours: summarize(a), anchor: summarize(b) }
}
