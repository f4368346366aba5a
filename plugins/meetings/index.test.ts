import { describe, expect, it } from 'vitest'
import { createEngine, cutoffWindow, deadlineFor } from '../../core/index.js'
import meetings from './index.js'
import { resolveMeetingsVersion } from './version.js'

const engine = createEngine({ plugins: [meetings] })
const hop = (period: string) => engine.templateFor('HOP-NAM', { period })

describe('HOP-NAM regime data', () => {
  it('uses the version in force at the end of the year, so 2025 is already two-tier', () => {
    expect(hop('2024-Y')?.version).toBe('1.0')
    expect(hop('2025-Y')?.version).toBe('1.1')
    expect(engine.templateFor('HOP-NAM', { on: '2025-06-30' })?.version).toBe('1.0')
  })

  it('collects meetings from 15/12 of the year before to 14/12 (ND 09 Điều 12 khoản 4)', () => {
    expect(cutoffWindow('2024-Y', hop('2024-Y')?.definition.cutoff)).toEqual({
      start: '2023-12-15',
      end: '2024-12-14',
    })
  })

  it('has the deadlines of TT 01/2020 Art. 11 per tier', () => {
    const deadlines = hop('2024-Y')?.definition.deadlines
    expect(['xa', 'huyen', 'tinh', 'bo'].map((t) => deadlineFor('2024-Y', deadlines, t))).toEqual([
      '2024-12-17',
      '2024-12-19',
      '2024-12-22',
      '2024-12-22',
    ])
    expect(deadlineFor('2025-Y', hop('2025-Y')?.definition.deadlines, 'huyen')).toBeUndefined()
  })

  it('has no opinion on other templates or without a date', () => {
    const versions = [{ version: '1.0', status: 'published' as const }]
    expect(resolveMeetingsVersion({ code: 'VBDT-NAM', versions, period: '2025-Y' })).toBeUndefined()
    expect(resolveMeetingsVersion({ code: 'HOP-NAM', versions })).toBeUndefined()
  })
})
