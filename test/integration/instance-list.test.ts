import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDueJobs } from '../../runtime/services/jobs.js'
import { jobHandlers } from '../../runtime/services/job-handlers.js'
import { as, publishFixture, unitIds } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * GET /instances pages through every readable report: `total` counts them all, `limit` and
 * `offset` pick a page, and access is decided before paging so pages never come back short.
 */
let t: TestApp
const clock = new Date('2026-09-10T03:00:00Z')
const UNITS = ['DT-P-CAOLANH', 'DT-P-SADEC', 'DT-X-THAPMUOI', 'DT-SNV', 'DT-STP']
const QUARTERS = 14 // 2023-Q1 .. 2026-Q2

interface Row {
  id: number
  period: string
  unitCode: string
  deadline: string | null
}
interface Page {
  instances: Row[]
  total: number
  limit: number
  offset: number
}

beforeAll(async () => {
  t = await startTestApp({ now: () => clock })
  const versionId = await publishFixture(t)
  const units = await unitIds(t)
  const aggregator = await as(t, 'tinh.aggregator')
  const res = await aggregator.post('/assignments', {
    templateVersionId: versionId,
    unitId: units.DT,
    targetUnitIds: UNITS.map((code) => units[code]),
    schedule: { fromPeriod: '2023-Q1', toPeriod: '2026-Q2' },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  await runDueJobs(t.orm, jobHandlers, clock)
}, 60_000)
afterAll(async () => t.close())

describe('GET /instances', () => {
  it('gives 50 a page by default and counts every readable report in total', async () => {
    const aggregator = await as(t, 'tinh.aggregator')
    const res = await aggregator.get('/instances')
    expect(res.status).toBe(200)
    const page = res.body as Page
    expect(page.total).toBe(UNITS.length * QUARTERS)
    expect(page.instances).toHaveLength(50)
    expect({ limit: page.limit, offset: page.offset }).toEqual({ limit: 50, offset: 0 })
  })

  it('pages through all of them without gaps or repeats, newest periods first', async () => {
    const aggregator = await as(t, 'tinh.aggregator')
    const seen: Row[] = []
    const sizes: number[] = []
    for (let offset = 0; ; offset += 30) {
      const page = (await aggregator.get(`/instances?limit=30&offset=${offset}`)).body as Page
      if (page.instances.length === 0) break
      sizes.push(page.instances.length)
      seen.push(...page.instances)
    }
    expect(sizes).toEqual([30, 30, 10])
    expect(new Set(seen.map((r) => r.id)).size).toBe(70)
    const periods = seen.map((r) => r.period)
    expect(periods).toEqual([...periods].sort().reverse())
    expect(periods[0]).toBe('2026-Q2')
    const all = (await aggregator.get('/instances?limit=500')).body as Page
    expect(all.instances.map((r) => r.id)).toEqual(seen.map((r) => r.id))
  })

  it('counts only what the caller may read, with the filters applied before paging', async () => {
    const entry = await as(t, 'caolanh.entry')
    const own = (await entry.get('/instances?limit=5')).body as Page
    expect(own.total).toBe(QUARTERS)
    expect(own.instances).toHaveLength(5)
    expect(new Set(own.instances.map((r) => r.unitCode))).toEqual(new Set(['DT-P-CAOLANH']))
    const aggregator = await as(t, 'tinh.aggregator')
    const quarter = (await aggregator.get('/instances?period=2026-Q2&limit=2&offset=4'))
      .body as Page
    expect(quarter.total).toBe(UNITS.length)
    expect(quarter.instances).toHaveLength(1)
  })

  it('lists the same deadline as the report itself', async () => {
    const entry = await as(t, 'caolanh.entry')
    const [first] = ((await entry.get('/instances?limit=1')).body as Page).instances
    const detail = await entry.get(`/instances/${first!.id}`)
    expect(first!.deadline).toBe(detail.body.deadline)
    expect(first!.deadline).not.toBeNull()
  })

  it('refuses a limit or offset out of range, naming the parameter', async () => {
    const entry = await as(t, 'caolanh.entry')
    for (const [q, name] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['offset=-1', 'offset'],
      ['assignmentId=x', 'assignmentId'],
    ]) {
      const res = await entry.get(`/instances?${q}`)
      expect(res.status, q).toBe(400)
      expect(res.body.error.message).toContain(`'${name}'`)
    }
  })

  it('shows limit and offset in the OpenAPI description', async () => {
    const entry = await as(t, 'caolanh.entry')
    const doc = await entry.get('/openapi.json')
    const params = (doc.body.paths['/instances'].get.parameters as { name: string }[]).map(
      (p) => p.name,
    )
    expect(params).toEqual(expect.arrayContaining(['limit', 'offset']))
  })
})
