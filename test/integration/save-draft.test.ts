import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestClient } from '../helpers/client.js'
import { as, assign, instanceOf, publishFixture } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * Saving a draft (runtime/services/save-revision.ts): the stored cell values always mirror the
 * document, and the audit entry records the before/after of exactly the cells that changed.
 */
let t: TestApp
const clock = new Date('2026-09-10T03:00:00Z')
let entry: TestClient
let instance: number

beforeAll(async () => {
  t = await startTestApp({ now: () => clock })
  const versionId = await publishFixture(t)
  const assignmentId = await assign(t, versionId, ['DT-P-CAOLANH'], '2026-Q3', () => clock)
  instance = await instanceOf(t, assignmentId, 'DT-P-CAOLANH')
  entry = await as(t, 'caolanh.entry')
}, 60_000)
afterAll(async () => t.close())

async function save(values: Record<string, unknown>) {
  const read = await entry.get(`/instances/${instance}`)
  const res = await entry.put(`/instances/${instance}/draft`, {
    version: read.body.revision.version,
    values,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body as { version: number }
}

/** The cell_value rows of the draft as `row.col` -> number, and the document's values alike. */
async function storedCells() {
  const rows = await t.sql<{ row: string; col: string; num: string | null; txt: string | null }>(
    `select v.row, v.col, v.num, v.txt from cell_value v join report_revision r on r.id = v.revision_id
      where r.instance_id = ? order by 1, 2`,
    [instance],
  )
  const cells: Record<string, number | string | null> = {}
  for (const r of rows) cells[`${r.row}.${r.col}`] = r.num === null ? r.txt : Number(r.num)
  const doc = (await entry.get(`/instances/${instance}`)).body.revision.document.values.main
  const fromDoc: Record<string, unknown> = {}
  for (const [row, cols] of Object.entries(doc as Record<string, Record<string, unknown>>))
    for (const [col, v] of Object.entries(cols)) fromDoc[`${row}.${col}`] = v
  return { cells, fromDoc }
}

async function lastSave() {
  const [row] = await t.sql<{ before: { cells: object }; after: { cells: object } }>(
    `select before, after from audit_log where action = 'report.save' order by id desc limit 1`,
  )
  return { before: row!.before.cells, after: row!.after.cells }
}

describe('saving a draft', () => {
  it('stores the cells sent and audits each with before and after', async () => {
    await save({ main: { r1: { c1: 10, c2: 4 }, r2: { c1: 7 } } })
    const { cells, fromDoc } = await storedCells()
    expect(cells).toEqual({ 'r1.c1': 10, 'r1.c2': 4, 'r2.c1': 7 })
    expect(cells).toEqual(fromDoc)
    expect(await lastSave()).toEqual({
      before: { 'main!r1.c1': null, 'main!r1.c2': null, 'main!r2.c1': null },
      after: { 'main!r1.c1': 10, 'main!r1.c2': 4, 'main!r2.c1': 7 },
    })
  })

  it('re-sent unchanged values are neither rewritten nor audited', async () => {
    const auditBefore = await t.sql('select count(*)::int as n from audit_log')
    await save({ main: { r1: { c1: 10, c2: 5 }, r2: { c1: 7 } } })
    const { cells, fromDoc } = await storedCells()
    expect(cells).toEqual({ 'r1.c1': 10, 'r1.c2': 5, 'r2.c1': 7 })
    expect(cells).toEqual(fromDoc)
    expect(await lastSave()).toEqual({
      before: { 'main!r1.c2': 4 },
      after: { 'main!r1.c2': 5 },
    })
    // One entry for the save, even with nothing else changed.
    expect(await t.sql('select count(*)::int as n from audit_log')).toEqual([
      { n: (auditBefore[0] as { n: number }).n + 1 },
    ])
  })

  it('a null clears the cell from both the document and the stored values', async () => {
    await save({ main: { r2: { c1: null } } })
    const { cells, fromDoc } = await storedCells()
    expect(cells).toEqual({ 'r1.c1': 10, 'r1.c2': 5 })
    expect(cells).toEqual(fromDoc)
    expect(await lastSave()).toEqual({
      before: { 'main!r2.c1': 7 },
      after: { 'main!r2.c1': null },
    })
  })

  it('an audit chain that verifies after the saves', async () => {
    const admin = await as(t, 'tinh.admin')
    const v = await admin.get('/audit/verify')
    expect(v.body.ok).toBe(true)
  })
})
