import { describe, expect, it } from 'vitest'
import { parseRoute } from './route.js'

describe('parseRoute', () => {
  it('maps hashes to pages, defaulting to the inbox', () => {
    expect(parseRoute('#/report/12')).toEqual({ page: 'report', id: 12 })
    expect(parseRoute('#/report/x')).toEqual({ page: 'inbox' })
    expect(parseRoute('#/designer/7')).toEqual({ page: 'designer', versionId: '7' })
    expect(parseRoute('#/designer')).toEqual({ page: 'designer', versionId: 'new' })
    expect(parseRoute('')).toEqual({ page: 'inbox' })
    expect(parseRoute('#/tracking')).toEqual({ page: 'tracking' })
    expect(parseRoute('#/plugins')).toEqual({ page: 'plugins' })
    expect(parseRoute('#/plugins/extra')).toEqual({ page: 'plugins' })
    expect(parseRoute('#/assignments')).toEqual({ page: 'assignments' })
    expect(parseRoute('#assignments')).toEqual({ page: 'assignments' })
  })

  it("addresses one assignment's tracking board, ignoring an id that is not a number", () => {
    expect(parseRoute('#/tracking/42')).toEqual({ page: 'tracking', assignmentId: 42 })
    expect(parseRoute('#/tracking/42/')).toEqual({ page: 'tracking', assignmentId: 42 })
    expect(parseRoute('#/tracking/abc')).toEqual({ page: 'tracking' })
    expect(parseRoute('#/tracking/4.2')).toEqual({ page: 'tracking' })
  })
})
