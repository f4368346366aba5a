import { describe, expect, it } from 'vitest'
import { buildAdjacency, cyclePath, orderNodes } from './graph.js'

const all = (n: number) => new Uint8Array(n).fill(1)

describe('dependency graph', () => {
  it('stores dependents in CSR form without duplicates', () => {
    const adj = buildAdjacency(4, [0, 2, 0, 1, 0, 2, 3, 1])
    expect(Array.from(adj.start)).toEqual([0, 2, 2, 2, 3])
    expect(Array.from(adj.targets)).toEqual([2, 1, 1])
  })

  it('orders nodes so that every node comes after what it reads', () => {
    // 3 reads 0 and 2; 2 reads 1; 1 reads 0
    const edges = [0, 3, 2, 3, 1, 2, 0, 1]
    const { order, rank, cycles } = orderNodes(4, all(4), buildAdjacency(4, edges))
    expect(cycles).toEqual([])
    expect(Array.from(order)).toEqual([0, 1, 2, 3])
    for (let i = 0; i < edges.length; i += 2)
      expect(rank[edges[i]!]!).toBeLessThan(rank[edges[i + 1]!]!)
  })

  it('leaves non-nodes and cycle members out of the order', () => {
    // 1 <-> 2 is a cycle, 3 reads 2, 4 reads itself, 0 is not a node
    const isNode = Uint8Array.from([0, 1, 1, 1, 1])
    const adj = buildAdjacency(5, [0, 1, 1, 2, 2, 1, 2, 3, 4, 4])
    const { order, rank, cycles } = orderNodes(5, isNode, adj)
    expect(Array.from(order)).toEqual([3])
    expect(rank[0]).toBe(-1)
    expect(rank[1]).toBe(-1)
    expect(cycles).toEqual([[1, 2], [4]])
  })

  it('handles a chain far longer than the call stack would allow recursively', () => {
    const n = 200_000
    const edges: number[] = []
    for (let i = 0; i + 1 < n; i++) edges.push(i, i + 1)
    const { order } = orderNodes(n, all(n), buildAdjacency(n, edges))
    expect(order[0]).toBe(0)
    expect(order[n - 1]).toBe(n - 1)
  })

  it('names a cycle as a closed path in reading order from its lowest slot', () => {
    // edges point from a cell to its readers: 0 reads 2, 2 reads 1, 1 reads 0
    const adj = buildAdjacency(3, [2, 0, 1, 2, 0, 1])
    const { cycles } = orderNodes(3, all(3), adj)
    expect(cyclePath(cycles[0]!, adj)).toEqual([0, 2, 1, 0])
    const self = buildAdjacency(1, [0, 0])
    expect(cyclePath([0], self)).toEqual([0, 0])
  })
})
