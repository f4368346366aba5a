import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestClient } from '../helpers/client.js'
import { as, assign, instanceOf, publishFixture } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * The server re-checks narrative items like cells: a required "Đánh giá, nhận xét" left empty
 * blocks a submit even when a client skipped the browser's live check.
 */
let t: TestApp
const clock = new Date('2026-09-10T03:00:00Z')
let entry: TestClient
let instance: number

beforeAll(async () => {
  t = await startTestApp({ now: () => clock })
  const versionId = await publishFixture(t, (doc) => {
    doc.formKind = 'linked'
    ;(doc.sections as unknown[]).push({
      kind: 'narrative',
      id: 'thuyet_minh',
      title: 'Thuyết minh',
      items: [
        { id: 'danh_gia', title: 'Đánh giá, nhận xét', input: true, required: true, minLength: 10 },
      ],
    })
  })
  const assignmentId = await assign(t, versionId, ['DT-P-CAOLANH'], '2026-Q3', () => clock)
  instance = await instanceOf(t, assignmentId, 'DT-P-CAOLANH')
  entry = await as(t, 'caolanh.entry')
}, 60_000)
afterAll(async () => t.close())

async function save(narrative: Record<string, Record<string, string>>): Promise<void> {
  const read = await entry.get(`/instances/${instance}`)
  const res = await entry.put(`/instances/${instance}/draft`, {
    version: read.body.revision.version,
    values: { main: { r1: { c1: 10, c2: 4 }, r2: { c1: 3, c2: 3 } } },
    narrative,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
}

describe('submitting a report with a required narrative item', () => {
  it('is refused with 422 naming the empty item', async () => {
    await save({})
    const res = await entry.post(`/instances/${instance}/submit`)
    expect(res.status, JSON.stringify(res.body)).toBe(422)
    expect(res.body.error.code).toBe('blocking_errors')
    expect(res.body.error.details.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: 'core/narrative-required',
        message: 'Mục I. Đánh giá, nhận xét: bắt buộc phải nhập nội dung',
        place: {
          section: 'thuyet_minh',
          item: 'danh_gia',
          pointer: '/narrative/thuyet_minh/danh_gia',
        },
      }),
    ])
    expect((await entry.get(`/instances/${instance}`)).body.status).toBe('draft')
  })

  it('is refused while the text is shorter than the item allows', async () => {
    await save({ thuyet_minh: { danh_gia: 'Tốt' } })
    const res = await entry.post(`/instances/${instance}/submit`)
    expect(res.status).toBe(422)
    expect(res.body.error.details.diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual([
      'core/narrative-min-length',
    ])
  })

  it('succeeds once the item is filled', async () => {
    await save({ thuyet_minh: { danh_gia: 'Đơn vị giải quyết đúng hạn phần lớn hồ sơ.' } })
    const res = await entry.post(`/instances/${instance}/submit`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.status).toBe('submitted')
  })
})
