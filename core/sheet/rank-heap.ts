/**
 * A min-heap of graph nodes keyed by their topological rank, without duplicates. Popping in rank
 * order evaluates every node after the nodes it reads; nodes without a rank (cycles) are ignored.
 */
export class RankHeap {
  private readonly items: Int32Array
  private readonly queued: Uint8Array
  size = 0

  constructor(
    private readonly rank: Int32Array,
    capacity: number,
  ) {
    this.items = new Int32Array(capacity)
    this.queued = new Uint8Array(capacity)
  }

  push(slot: number): void {
    const rank = this.rank
    const r = rank[slot]!
    if (r < 0 || this.queued[slot] === 1) return
    this.queued[slot] = 1
    const items = this.items
    let i = this.size++
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = items[parent]!
      if (rank[p]! <= r) break
      items[i] = p
      i = parent
    }
    items[i] = slot
  }

  /** Removes and returns the node of lowest rank; call only when `size > 0`. */
  pop(): number {
    const items = this.items
    const rank = this.rank
    const top = items[0]!
    this.queued[top] = 0
    const last = items[--this.size]!
    const n = this.size
    if (n > 0) {
      const r = rank[last]!
      let i = 0
      for (;;) {
        let child = 2 * i + 1
        if (child >= n) break
        if (child + 1 < n && rank[items[child + 1]!]! < rank[items[child]!]!) child++
        if (rank[items[child]!]! >= r) break
        items[i] = items[child]!
        i = child
      }
      items[i] = last
    }
    return top
  }
}
