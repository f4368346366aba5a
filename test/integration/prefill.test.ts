import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDueJobs } from '../../runtime/services/jobs.js'
import { jobHandlers } from '../../runtime/services/job-handlers.js'
import type { TestClient } from '../helpers/client.js'
import { as, unitIds } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'
import { unitWithUsers, versionId } from './support/units.js'

/**
 * Prefilling Biểu II.06a from the one-stop system through kstthc's prefill hook: the file connector
 * on the fixture export, then an HTTP connector against a small server on 127.0.0.1.
 */
let t: TestApp
let server: Server
let base: string
let dropDir: string
let instance: number
let other: number
let entry: TestClient
const clock = new Date('2025-09-14T03:00:00Z')
const UNIT = 'UBND-TINH-MAU'
const fixtureFile = path.resolve(
  import.meta.dirname,
  '../../plugins/kstthc/fixtures/connector/UBND-TINH-MAU/2025-Q3.json',
)
let exportText: string
const requests: { url: string; auth: string | undefined }[] = []

beforeAll(async () => {
  t = await startTestApp({
    now: () => clock,
    connectors: { kstthc: { kind: 'file', dir: 'plugins/kstthc/fixtures/connector' } },
  })
  exportText = await readFile(fixtureFile, 'utf8')
  dropDir = await mkdtemp(path.join(tmpdir(), 'rb-prefill-'))
  server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', auth: req.headers.authorization })
    const url = req.url ?? ''
    if (url.startsWith('/slow/')) return // never answers: the connector's timeout ends it
    if (url.startsWith('/broken/')) return void res.writeHead(503).end('maintenance')
    if (url.startsWith('/html/'))
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>')
    if (req.headers.authorization !== 'Bearer bi-mat') return void res.writeHead(401).end()
    if (url === `/exports/${UNIT}/2025-Q3`)
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(exportText)
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  t.ctx.config.connectorHosts = ['127.0.0.1']

  const admin = await as(t, 'tinh.admin')
  expect((await admin.post('/plugins', { plugin: 'kstthc' })).status).toBe(201)
  await unitWithUsers(
    t,
    {
      code: UNIT,
      name: 'Sở mẫu (đơn vị thử kết nối một cửa)',
      tier: 'so',
      parent: 'DT',
      login: 'mau',
    },
    ['entry', 'approver'],
  )
  const units = await unitIds(t)
  const aggregator = await as(t, 'tinh.aggregator')
  const ids: number[] = []
  for (const code of ['II.06a/VPCP/KSTT', 'II.07b/VPCP/KSTT']) {
    const res = await aggregator.post('/assignments', {
      templateVersionId: await versionId(t, code, '1.1'),
      unitId: units.DT,
      targetUnitIds: [units[UNIT]],
      schedule: { fromPeriod: '2025-Q3', toPeriod: '2025-Q3' },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    ids.push(res.body.id)
  }
  await runDueJobs(t.orm, jobHandlers, clock)
  const inst = async (assignmentId: number) =>
    (
      await t.sql<{ id: number }>('select id from report_instance where assignment_id = ?', [
        assignmentId,
      ])
    )[0]!.id
  instance = await inst(ids[0]!)
  other = await inst(ids[1]!)
  entry = await as(t, 'mau.entry')
}, 60_000)

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
  await t.close()
  await rm(dropDir, { recursive: true, force: true })
})

async function version(id = instance): Promise<number> {
  return (await entry.get(`/instances/${id}`)).body.revision.version
}

async function prefill(id = instance) {
  return entry.post(`/instances/${id}/prefill`, { version: await version(id) })
}

/** Revision, cells and audit entries: what a refused prefill must leave as it was. */
async function stored() {
  return {
    revision: await t.sql(
      'select version, document from report_revision where instance_id = ? order by revision_no',
      [instance],
    ),
    cells: await t.sql(
      `select v.row, v.col, v.num, v.txt from cell_value v join report_revision r on r.id = v.revision_id
        where r.instance_id = ? order by 1, 2`,
      [instance],
    ),
    audit: await t.sql('select count(*)::int as n from audit_log'),
  }
}

describe('prefill from a file connector', { timeout: 30_000 }, () => {
  it('writes the fetched figures with their source, fetch time and originals, in one audited save', async () => {
    const before = await version()
    const res = await prefill()
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const data = JSON.parse(exportText) as { system: string; generatedAt: string }
    expect(res.body.source).toEqual({
      plugin: 'kstthc',
      connector: 'kstthc-file',
      kind: 'file',
      system: data.system,
      producedAt: data.generatedAt,
      fetchedAt: clock.toISOString(),
    })
    expect(res.body.version).toBe(before + 1)
    const doc = (await entry.get(`/instances/${instance}`)).body
    const xa = doc.revision.document.values.main.xa_lv
    expect(xa).toMatchObject({ c2: 'Hộ tịch', c4: 9, c5: 48, c6: 2, nguon: data.system })
    expect(xa.thoi_diem).toBe(data.generatedAt)
    expect(JSON.parse(xa.goc)).toMatchObject({ c4: 9, c5: 48, c6: 2, c8: 22 })
    expect(doc.revision.document.values.main.tinh_lv).toMatchObject({ c2: 'Đất đai', c4: 41 })
    // The provenance rules are satisfied by figures left as fetched; the balance holds.
    expect(doc.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([])
    const [cell] = await t.sql<{ num: string }>(
      `select v.num from cell_value v join report_revision r on r.id = v.revision_id
        where r.instance_id = ? and v.row = 'xa_lv' and v.col = 'c4'`,
      [instance],
    )
    expect(Number(cell!.num)).toBe(9)
    const [entryRow] = await t.sql<{ after: { source: { plugin: string }; cells: object } }>(
      `select after from audit_log where action = 'report.prefill' order by id desc limit 1`,
    )
    expect(entryRow!.after.source.plugin).toBe('kstthc')
    expect(entryRow!.after.cells).toMatchObject({ 'main!xa_lv.c4': 9 })
  })

  it('lets the reporter override a fetched figure only with an explanation, which a new fetch keeps', async () => {
    const changed = await entry.put(`/instances/${instance}/draft`, {
      version: await version(),
      values: { main: { xa_lv: { c5: 47, c9: 32 } } },
    })
    expect(changed.status).toBe(200)
    const unexplained = changed.body.diagnostics.filter(
      (d: { ruleId: string }) => d.ruleId === 'kstthc/override-explanation',
    )
    expect(unexplained.map((d: { place: { col: string } }) => d.place.col)).toEqual(['c5', 'c9'])
    const blocked = await entry.post(`/instances/${instance}/submit`)
    expect(blocked.status).toBe(422)
    expect(JSON.stringify(blocked.body.error.details)).toContain('kstthc/override-explanation')

    const explanation = 'Một hồ sơ trực tiếp bị ghi trùng trên hệ thống một cửa'
    const explained = await entry.put(`/instances/${instance}/draft`, {
      version: await version(),
      values: { main: { xa_lv: { giai_trinh: explanation } } },
    })
    expect(
      explained.body.diagnostics.filter((d: { ruleId: string }) => d.ruleId.startsWith('kstthc/')),
    ).toEqual([])

    const again = await prefill()
    expect(again.status, JSON.stringify(again.body)).toBe(200)
    const xa = (await entry.get(`/instances/${instance}`)).body.revision.document.values.main.xa_lv
    expect(xa).toMatchObject({ c5: 47, c9: 32, c4: 9, giai_trinh: explanation })
    expect(JSON.parse(xa.goc)).toMatchObject({ c5: 48, c9: 33 })
  })

  it('refuses a stale version without fetching into the draft', async () => {
    const before = await stored()
    const stale = await entry.post(`/instances/${instance}/prefill`, {
      version: (await version()) - 1,
    })
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('stale_version')
    expect(await stored()).toEqual(before)
  })

  it('says clearly when the source has nothing, is not JSON, or is for another unit; nothing is written', async () => {
    const before = await stored()
    t.ctx.config.connectors = { kstthc: { kind: 'file', dir: dropDir } }
    try {
      const missing = await prefill()
      expect(missing.status).toBe(422)
      expect(missing.body.error).toMatchObject({
        code: 'no_source_data',
        message: `connector kstthc-file (file): no export for unit "${UNIT}", period "2025-Q3" (expected ${UNIT}/2025-Q3.json)`,
      })
      await mkdir(path.join(dropDir, UNIT))
      const file = path.join(dropDir, UNIT, '2025-Q3.json')
      await writeFile(file, '{"system": "S", ')
      const garbled = await prefill()
      expect(garbled.status).toBe(502)
      expect(garbled.body.error.code).toBe('connector_failed')
      expect(garbled.body.error.message).toMatch(/UBND-TINH-MAU\/2025-Q3\.json is not JSON/)
      await writeFile(file, exportText.replace(`"unit": "${UNIT}"`, '"unit": "H02"'))
      const wrongUnit = await prefill()
      expect(wrongUnit.status).toBe(422)
      expect(wrongUnit.body.error.code).toBe('prefill_failed')
      expect(wrongUnit.body.error.message).toBe(
        `hook prefill of plugin kstthc failed: connector kstthc-file: export is for unit "H02", period "2025-Q3"; the report is for unit "${UNIT}", period "2025-Q3"`,
      )
    } finally {
      t.ctx.config.connectors = {
        kstthc: { kind: 'file', dir: 'plugins/kstthc/fixtures/connector' },
      }
    }
    expect(await stored()).toEqual(before)
  })

  it('a template no plugin prefills is a 422 naming the plugins asked', async () => {
    const res = await prefill(other)
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({
      code: 'prefill_unavailable',
      message: 'No installed plugin prefills II.07b/VPCP/KSTT (asked: kstthc)',
    })
  })
})

describe('prefill from an HTTP connector', { timeout: 30_000 }, () => {
  const setConnector = async (connector: unknown) => {
    const res = await (await as(t, 'tinh.admin')).put('/plugins/kstthc/connector', { connector })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }

  it('an admin sets the tenant’s connector; its secret headers are never shown back', async () => {
    const admin = await as(t, 'tinh.admin')
    expect((await admin.get('/plugins/kstthc/connector')).body).toMatchObject({
      source: 'deployment',
      connector: { kind: 'file' },
      variable: 'RB_CONNECTOR_KSTTHC',
    })
    const body = await setConnector({
      kind: 'http',
      url: `${base}/exports/{unit}/{period}`,
      timeoutMs: 5000,
      headers: { authorization: 'Bearer bi-mat' },
    })
    expect(body).toMatchObject({
      source: 'tenant',
      connector: { kind: 'http', headers: { authorization: '***' } },
    })
    const refused = await admin.put('/plugins/kstthc/connector', {
      connector: { kind: 'file', dir: '/etc' },
    })
    expect(refused.status).toBe(400)
    // Only the hosts the server lists (RB_CONNECTOR_HOSTS): an admin cannot aim the server elsewhere.
    const elsewhere = await admin.put('/plugins/kstthc/connector', {
      connector: { kind: 'http', url: 'http://169.254.169.254/latest/meta-data' },
    })
    expect(elsewhere.status).toBe(400)
    expect(elsewhere.body.error.message).toBe(
      'Invalid connector: host 169.254.169.254 is not allowed: RB_CONNECTOR_HOSTS lists 127.0.0.1',
    )
    const [audited] = await t.sql<{ after: { headers: Record<string, string> } }>(
      `select after from audit_log where action = 'plugin.connector' order by id desc limit 1`,
    )
    expect(audited!.after.headers).toEqual({ authorization: '***' })
  })

  it('fetches the export over HTTP with the configured headers', async () => {
    requests.length = 0
    const res = await prefill()
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.source).toMatchObject({ connector: 'kstthc-http', kind: 'http' })
    expect(requests).toEqual([{ url: `/exports/${UNIT}/2025-Q3`, auth: 'Bearer bi-mat' }])
  })

  it('names the URL and the cause when the system is slow, down, unreachable or answers HTML', async () => {
    const before = await stored()
    await setConnector({ kind: 'http', url: `${base}/slow/{unit}/{period}`, timeoutMs: 300 })
    let res = await prefill()
    expect(res.status).toBe(504)
    expect(res.body.error).toMatchObject({
      code: 'connector_timeout',
      message: `connector kstthc-http (http): ${base}/slow/${UNIT}/2025-Q3 did not answer within 300 ms`,
    })
    await setConnector({ kind: 'http', url: `${base}/broken/{unit}/{period}` })
    res = await prefill()
    expect(res.status).toBe(502)
    expect(res.body.error.message).toBe(
      `connector kstthc-http (http): ${base}/broken/${UNIT}/2025-Q3 answered HTTP 503 Service Unavailable`,
    )
    await setConnector({ kind: 'http', url: `${base}/html/{unit}/{period}` })
    res = await prefill()
    expect(res.status).toBe(502)
    expect(res.body.error.message).toMatch(/answered something that is not JSON \(text\/html\)/)
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((r) => closed.close(r))
    await setConnector({ kind: 'http', url: `http://127.0.0.1:${port}/x?unit={unit}` })
    res = await prefill()
    expect(res.status).toBe(502)
    expect(res.body.error.message).toBe(
      `connector kstthc-http (http): http://127.0.0.1:${port}/x cannot be reached: ECONNREFUSED`,
    )
    // Refused prefills leave the draft, its cells and the audit chain as they were (connector
    // settings are audited in their own requests).
    expect({ ...(await stored()), audit: null }).toEqual({ ...before, audit: null })
    // A stored connector whose host was struck off the list since is refused before any fetch.
    await setConnector({ kind: 'http', url: `${base}/exports/{unit}/{period}` })
    const listed = t.ctx.config.connectorHosts
    t.ctx.config.connectorHosts = []
    requests.length = 0
    res = await prefill()
    t.ctx.config.connectorHosts = listed
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({
      code: 'connector_not_allowed',
      message: `connector of plugin kstthc: host ${new URL(base).host} is not allowed: this server lets no tenant set HTTP connectors (RB_CONNECTOR_HOSTS is empty); an admin must set another one (PUT /plugins/kstthc/connector)`,
    })
    expect(requests).toEqual([])
    const after = await stored()
    expect({ ...after, audit: null }).toEqual({ ...before, audit: null })
    await setConnector(null)
    expect((await (await as(t, 'tinh.admin')).get('/plugins/kstthc/connector')).body.source).toBe(
      'deployment',
    )
  })
})
