/**
 * The dependency graph over integer slots. Built once per template; the hot path only reads
 * typed arrays (CSR adjacency, ranks), never string maps.
 */

/** Dependents of every slot in compressed sparse row form: `targets[start[s] .. start[s+1])`. */
export interface Adjacency {
  start: Int32Array
  targets: Int32Array
}

/** Builds the CSR adjacency of `edges` (pairs `from -> to`, flattened), dropping duplicates. */
export function buildAdjacency(slotCount: number, edges: ArrayLike<number>): Adjacency {
  const start = new Int32Array(slotCount + 1)
  for (let i = 0; i < edges.length; i += 2) start[edges[i]! + 1]!++
  for (let s = 0; s < slotCount; s++) start[s + 1]! += start[s]!
  const fill = start.slice(0, slotCount)
  const raw = new Int32Array(edges.length / 2)
  for (let i = 0; i < edges.length; i += 2) raw[fill[edges[i]!]!++] = edges[i + 1]!
  // Duplicates (a cell read twice, or by a reference and a range) would only cost time; a marker
  // per target drops them without sorting.
  const out = new Int32Array(raw.length)
  const compact = new Int32Array(slotCount + 1)
  const seenFrom = new Int32Array(slotCount).fill(-1)
  let n = 0
  for (let s = 0; s < slotCount; s++) {
    compact[s] = n
    for (let i = start[s]!; i < start[s + 1]!; i++) {
      const t = raw[i]!
      if (seenFrom[t] === s) continue
      seenFrom[t] = s
      out[n++] = t
    }
  }
  compact[slotCount] = n
  return { start: compact, targets: out.slice(0, n) }
}

export interface Ordering {
  /** Evaluation order of the nodes that are not on a cycle (dependencies first). */
  order: Int32Array
  /** Position of each slot in `order`, or -1 (not a node, or on a cycle). */
  rank: Int32Array
  /** Strongly connected components that form cycles, each as its slots in ascending order. */
  cycles: number[][]
}

/**
 * Orders the formula nodes topologically with Tarjan's algorithm (iterative, so a long chain of
 * formulas cannot overflow the stack). Nodes on a cycle are left out of the order: the sheet
 * gives them `#CYCLE!` as a constant, so what depends on them still evaluates.
 */
export function orderNodes(slotCount: number, isNode: Uint8Array, adj: Adjacency): Ordering {
  const index = new Int32Array(slotCount).fill(-1)
  const low = new Int32Array(slotCount)
  const onStack = new Uint8Array(slotCount)
  const stack: number[] = []
  const callStack: number[] = []
  const edgePos = new Int32Array(slotCount)
  const reversed: number[] = []
  const cycles: number[][] = []
  let counter = 0
  const { start, targets } = adj

  for (let root = 0; root < slotCount; root++) {
    if (isNode[root] === 0 || index[root] !== -1) continue
    callStack.push(root)
    index[root] = low[root] = counter++
    edgePos[root] = start[root]!
    stack.push(root)
    onStack[root] = 1
    while (callStack.length > 0) {
      const v = callStack[callStack.length - 1]!
      if (edgePos[v]! < start[v + 1]!) {
        const w = targets[edgePos[v]!++]!
        if (isNode[w] === 0) continue
        if (index[w] === -1) {
          index[w] = low[w] = counter++
          edgePos[w] = start[w]!
          stack.push(w)
          onStack[w] = 1
          callStack.push(w)
        } else if (onStack[w] === 1 && index[w]! < low[v]!) low[v] = index[w]!
        continue
      }
      callStack.pop()
      const parent = callStack[callStack.length - 1]
      if (parent !== undefined && low[v]! < low[parent]!) low[parent] = low[v]!
      if (low[v] !== index[v]) continue
      const component: number[] = []
      let w: number
      do {
        w = stack.pop()!
        onStack[w] = 0
        component.push(w)
      } while (w !== v)
      if (component.length > 1 || hasEdge(adj, v, v)) cycles.push(component.sort((a, b) => a - b))
      else reversed.push(v)
    }
  }
  // Tarjan emits a component after everything reachable from it; edges point from a cell to the
  // cells that read it, so reversing the emission order puts dependencies first.
  const order = Int32Array.from(reversed.reverse())
  const rank = new Int32Array(slotCount).fill(-1)
  for (let i = 0; i < order.length; i++) rank[order[i]!] = i
  cycles.sort((a, b) => a[0]! - b[0]!)
  return { order, rank, cycles }
}

function hasEdge(adj: Adjacency, from: number, to: number): boolean {
  for (let i = adj.start[from]!; i < adj.start[from + 1]!; i++)
    if (adj.targets[i] === to) return true
  return false
}

/**
 * One closed path through a cycle component, starting and ending at its lowest slot, in reading
 * order: each slot reads the next one (`r1.c3 -> r2.c3 -> r1.c3` when r1.c3 reads r2.c3).
 */
export function cyclePath(component: readonly number[], dependents: Adjacency): number[] {
  const members = new Set(component)
  const first = component[0]!
  // Breadth-first along "is read by" edges from `first` until one leads back to it; the
  // shortest such loop is the clearest one to show.
  const prev = new Map<number, number>()
  const queue = [first]
  let found = -1
  for (let q = 0; q < queue.length && found === -1; q++) {
    const v = queue[q]!
    for (let i = dependents.start[v]!; i < dependents.start[v + 1]!; i++) {
      const w = dependents.targets[i]!
      if (!members.has(w)) continue
      if (w === first) {
        found = v
        break
      }
      if (!prev.has(w)) {
        prev.set(w, v)
        queue.push(w)
      }
    }
  }
  // `first` reads `found`; walking `prev` back, each slot reads the one after it, down to `first`.
  const chain = [found]
  for (let v = found; v !== first;) {
    v = prev.get(v)!
    chain.push(v)
  }
  return [first, ...chain]
}
