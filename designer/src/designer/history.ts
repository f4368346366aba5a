/**
 * Undo/redo over immutable snapshots. Edits with the same `group` within `mergeMs` merge into one
 * step, so typing a label letter by letter undoes as one change.
 */
export class History<T> {
  private past: T[] = []
  private future: T[] = []
  private lastGroup: string | undefined
  private lastAt = 0

  constructor(
    private present: T,
    private readonly limit = 200,
    private readonly mergeMs = 1000,
  ) {}

  get current(): T {
    return this.present
  }

  get canUndo(): boolean {
    return this.past.length > 0
  }

  get canRedo(): boolean {
    return this.future.length > 0
  }

  push(next: T, group?: string, now: number = Date.now()): void {
    if (next === this.present) return
    const merge =
      group !== undefined && group === this.lastGroup && now - this.lastAt < this.mergeMs
    if (!merge) {
      this.past.push(this.present)
      if (this.past.length > this.limit) this.past.shift()
    }
    this.present = next
    this.future = []
    this.lastGroup = group
    this.lastAt = now
  }

  /** Replaces everything (import, load from server): no undo back into another template. */
  reset(value: T): void {
    this.present = value
    this.past = []
    this.future = []
    this.lastGroup = undefined
  }

  undo(): T {
    const prev = this.past.pop()
    if (prev !== undefined) {
      this.future.push(this.present)
      this.present = prev
    }
    this.lastGroup = undefined
    return this.present
  }

  redo(): T {
    const next = this.future.pop()
    if (next !== undefined) {
      this.past.push(this.present)
      this.present = next
    }
    this.lastGroup = undefined
    return this.present
  }
}
