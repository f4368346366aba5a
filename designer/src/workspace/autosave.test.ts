import { describe, expect, it } from 'vitest'
import type { DraftInput } from '../api/types.js'
import { Autosave, valuesPatch, type Snapshot } from './autosave.js'

const snap = (values: Snapshot['values']): Snapshot => ({
  values,
  narrative: {},
  explanations: {},
  dynamicRows: {},
})

describe('valuesPatch', () => {
  it('sends changed cells and clears removed ones with null', () => {
    expect(
      valuesPatch({ m: { r1: { a: 1, b: 2 } } }, { m: { r1: { a: 1, b: 3 }, r2: { a: 4 } } }),
    ).toEqual({ m: { r1: { b: 3 }, r2: { a: 4 } } })
    expect(valuesPatch({ m: { r1: { a: 1 } } }, {})).toEqual({ m: { r1: { a: null } } })
  })
})

describe('Autosave', () => {
  it('saves the difference with the version read, then the next version', async () => {
    const sent: DraftInput[] = []
    let v = 5
    const a = new Autosave({
      version: 5,
      saved: snap({}),
      delayMs: 10_000,
      save: async (input) => (sent.push(input), { version: ++v, diagnostics: [], keys: [] }),
    })
    a.change(snap({ m: { r1: { a: 1 } } }))
    a.change(snap({ m: { r1: { a: 2 } } }))
    await a.flush()
    a.change(snap({ m: { r1: { a: 2 }, r2: { a: 3 } } }))
    await a.flush()
    expect(sent).toEqual([
      { version: 5, values: { m: { r1: { a: 2 } } } },
      { version: 6, values: { m: { r2: { a: 3 } } } },
    ])
    expect(a.currentVersion).toBe(7)
  })

  it('stops on a stale version and reports the conflict', async () => {
    const states: string[] = []
    const a = new Autosave({
      version: 1,
      saved: snap({}),
      delayMs: 10_000,
      save: async () => Promise.reject(Object.assign(new Error('stale'), { status: 409 })),
      onState: (s) => states.push(s),
    })
    a.change(snap({ m: { r1: { a: 1 } } }))
    await a.flush()
    a.change(snap({ m: { r1: { a: 2 } } }))
    await a.flush()
    expect(states).toEqual(['pending', 'saving', 'conflict'])
  })
})
