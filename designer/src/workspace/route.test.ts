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
})
