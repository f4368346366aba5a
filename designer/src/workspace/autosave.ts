import type { SubmissionDocument } from '../../../core/index.js'
import type { DraftInput, DraftSaved } from '../api/types.js'

type Values = SubmissionDocument['values']
type Scalar = string | number | boolean | null

/**
 * The partial tree the draft route takes: changed and new cells with their value, removed cells
 * as null (null clears a cell on the server).
 */
export function valuesPatch(prev: Values, next: Values): Values {
  const out: Values = {}
  const put = (s: string, r: string, c: string, v: Scalar): void => {
    ;((out[s] ??= {})[r] ??= {})[c] = v
  }
  for (const [s, rows] of Object.entries(next))
    for (const [r, cols] of Object.entries(rows))
      for (const [c, v] of Object.entries(cols)) if (prev[s]?.[r]?.[c] !== v) put(s, r, c, v)
  for (const [s, rows] of Object.entries(prev))
    for (const [r, cols] of Object.entries(rows))
      for (const c of Object.keys(cols)) if (next[s]?.[r]?.[c] === undefined) put(s, r, c, null)
  return out
}

export interface Snapshot {
  values: Values
  narrative: NonNullable<SubmissionDocument['narrative']>
  explanations: Record<string, string>
  dynamicRows: Record<string, string[]>
}

export interface AutosaveOptions {
  version: number
  saved: Snapshot
  save(input: DraftInput): Promise<DraftSaved>
  delayMs?: number
  onState?(
    state: 'idle' | 'pending' | 'saving' | 'saved' | 'conflict' | 'error',
    detail?: unknown,
  ): void
}

/**
 * Saves a draft shortly after the reporter stops typing: one request at a time, each sending only
 * what changed since the last successful save with the version it was read at. A stale version
 * (HTTP 409) stops saving and reports `conflict`, so nothing is silently overwritten.
 */
export class Autosave {
  private version: number
  private saved: Snapshot
  private latest: Snapshot | undefined
  private timer: ReturnType<typeof setTimeout> | undefined
  private running: Promise<void> | undefined
  private stopped = false

  constructor(private readonly opts: AutosaveOptions) {
    this.version = opts.version
    this.saved = opts.saved
  }

  get currentVersion(): number {
    return this.version
  }

  /** Records the newest state; a save follows after the delay. */
  change(next: Snapshot): void {
    if (this.stopped) return
    this.latest = next
    this.opts.onState?.('pending')
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), this.opts.delayMs ?? 800)
  }

  /** Saves now (e.g. before submitting); resolves when nothing is left to save. */
  async flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    while (this.running !== undefined) await this.running
    const next = this.latest
    if (next === undefined || this.stopped) return
    this.latest = undefined
    this.running = this.send(next).finally(() => (this.running = undefined))
    await this.running
    if (this.latest !== undefined) await this.flush()
  }

  stop(): void {
    this.stopped = true
    if (this.timer !== undefined) clearTimeout(this.timer)
  }

  private async send(next: Snapshot): Promise<void> {
    const input: DraftInput = {
      version: this.version,
      values: valuesPatch(this.saved.values, next.values),
    }
    if (JSON.stringify(next.narrative) !== JSON.stringify(this.saved.narrative))
      input.narrative = next.narrative
    if (JSON.stringify(next.explanations) !== JSON.stringify(this.saved.explanations))
      input.explanations = next.explanations
    if (JSON.stringify(next.dynamicRows) !== JSON.stringify(this.saved.dynamicRows))
      input.dynamicRows = next.dynamicRows
    this.opts.onState?.('saving')
    try {
      const r = await this.opts.save(input)
      this.version = r.version
      this.saved = next
      this.opts.onState?.('saved', r)
    } catch (e) {
      if ((e as { status?: number }).status === 409) {
        this.stopped = true
        this.opts.onState?.('conflict', e)
      } else {
        // Keep the unsaved state for the next attempt.
        this.latest ??= next
        this.opts.onState?.('error', e)
      }
    }
  }
}
