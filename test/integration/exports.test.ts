/* eslint-disable @typescript-eslint/no-explicit-any -- API responses are inspected loosely */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createWorkbook,
  loadTemplate,
  type CellKey,
  type ResolvedTemplate,
} from '../../core/index.js'
import { parseCsv } from '../../runtime/exports/csv-format.js'
import { validatePacket } from '../../runtime/exports/packet-schema.js'
import { verifySignedPackage } from '../../runtime/exports/signed-package.js'
import { caCertificatePem } from '../../runtime/services/pki.js'
import { ensureTools, pdfToText, sofficeConvert } from '../files/tools.js'
import type { TestClient } from '../helpers/client.js'
import { acceptedQ2ThenQ3, as, publishFixture } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * The file routes on real PostgreSQL: a commune fills the fixture report (with a row added to its
 * list row), downloads it in every format, imports a CSV (a bad line changes nothing), the leader
 * approves, and the signed package verifies; designers import an .xlsx form as a template draft;
 * exchange packets are checked on arrival.
 */
let t: TestApp
// Q2 is reported and accepted in its receiving window, then the clock moves to Q3's.
let clock = new Date('2026-06-14T03:00:00Z')
let instance: number
const users: Record<string, TestClient> = {}
const u = (name: string) => users[name]!

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A request with the client's session and CSRF token, returning the raw response (files are bytes). */
async function raw(
  client: TestClient,
  method: string,
  path: string,
  body?: BodyInit,
  contentType?: string,
): Promise<Response> {
  const headers: Record<string, string> = {
    cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  }
  const csrf = client.cookies.get('rb_csrf')
  if (method !== 'GET' && csrf !== undefined) headers['x-csrf-token'] = csrf
  if (contentType !== undefined) headers['content-type'] = contentType
  return client.app.request(`/api/v1${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  })
}

async function bytesOf(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer())
}

async function download(user: string, path: string, type: string): Promise<Uint8Array> {
  const res = await raw(u(user), 'GET', path)
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  expect(res.headers.get('content-type')).toBe(type)
  expect(res.headers.get('content-disposition')).toMatch(
    /^attachment; filename="TN\.01-DT-KSTT_DT-P-CAOLANH_2026-Q3\.[a-z.]+"; filename\*=UTF-8''TN\.01-DT-KSTT_DT-P-CAOLANH_2026-Q3\./,
  )
  return bytesOf(res)
}

async function draft(): Promise<any> {
  const res = await u('caolanh.entry').get(`/instances/${instance}`)
  expect(res.status).toBe(200)
  return res.body.revision
}

beforeAll(async () => {
  ensureTools('fonts')
  // sessions opened in June must last into September's clock
  t = await startTestApp({ now: () => clock, sessionTtlMs: 200 * 24 * 3600 * 1000 })
  for (const name of [
    'caolanh.entry',
    'caolanh.approver',
    'caolanh.viewer',
    'sadec.entry',
    'tinh.designer',
    'tinh.aggregator',
  ])
    users[name] = await as(t, name)
  const versionId = await publishFixture(t, (doc) => {
    const section = (doc.sections as any[])[0]
    section.rows.push({ id: 'r3', code: '3', label: 'Lĩnh vực khác', dynamic: { maxRows: 5 } })
    section.columns.push({
      id: 'c5',
      header: ['Tiếp nhận kỳ trước'],
      type: 'integer',
      formula: '=PREV_PERIOD(@.c1)',
    })
  })
  instance = await acceptedQ2ThenQ3(
    t,
    versionId,
    { main: { r1: { c1: 6, c2: 6 } } },
    clock,
    () => (clock = new Date('2026-09-14T03:00:00Z')),
  )
  const cur = await draft()
  const saved = await u('caolanh.entry').put(`/instances/${instance}/draft`, {
    version: cur.version,
    values: {
      main: {
        r1: { c1: 10, c2: 8, c4: 'Đúng hạn, có ghi chú "đặc biệt"' },
        r2: { c1: 4, c2: 4 },
        r3: { c1: 2, c2: 1 },
        r3_1: { c1: 7, c2: 7, c4: 'Lĩnh vực thêm' },
      },
    },
    dynamicRows: { main: ['r3_1'] },
  })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
}, 600_000)
afterAll(async () => t?.close())

describe('downloads of a filled report', { timeout: 60_000 }, () => {
  it('xlsx holds the values, the added row and live formulas', async () => {
    const data = await download('caolanh.entry', `/instances/${instance}/export.xlsx`, XLSX)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer)
    const ws = wb.worksheets[0]!
    const rows: { label: string; values: unknown[] }[] = []
    ws.eachRow((row) => {
      const cells = (row.values as unknown[]).slice(1)
      const label = cells.find((v) => typeof v === 'string' && v.startsWith('Lĩnh vực'))
      if (label !== undefined) rows.push({ label: label as string, values: cells })
    })
    expect(rows.map((r) => r.label)).toEqual([
      'Lĩnh vực đất đai',
      'Lĩnh vực hộ tịch',
      'Lĩnh vực khác',
      'Lĩnh vực khác',
    ])
    expect(rows[0]!.values).toContain(10)
    // PREV_PERIOD comes from the accepted Q2 report; Excel cannot compute it, so it is a value
    expect(rows[0]!.values).toContain(6)
    const res = await raw(u('caolanh.entry'), 'GET', `/instances/${instance}/export.xlsx`)
    expect(res.headers.get('x-export-diagnostic-count')).toBe('4')
    expect(decodeURIComponent(res.headers.get('x-export-diagnostics')!)).toContain('PREV_PERIOD')
    expect(rows[3]!.values).toContain(7)
    const formulas = rows[0]!.values.filter(
      (v): v is { formula: string; result: unknown } =>
        typeof v === 'object' && v !== null && 'formula' in v,
    )
    expect(formulas).toHaveLength(1)
    expect(formulas[0]!.formula).toMatch(/^IF\(/)
    expect(formulas[0]!.result).toBe(80)
    const added = rows[3]!.values.find((v) => typeof v === 'object' && v !== null && 'formula' in v)
    expect((added as unknown as { result: unknown }).result).toBe(100)
  })

  it('docx is a Word document with the Vietnamese title and the rows', async () => {
    const data = await download(
      'caolanh.entry',
      `/instances/${instance}/export.docx`,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    const zip = await JSZip.loadAsync(data)
    const xml = await zip.file('word/document.xml')!.async('string')
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(text).toContain('TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH')
    expect(text).toContain('quý III năm 2026')
    expect(text).toContain('Lĩnh vực hộ tịch')
  })

  it('pdf renders Vietnamese text', async () => {
    const data = await download(
      'caolanh.viewer',
      `/instances/${instance}/export.pdf`,
      'application/pdf',
    )
    expect(Buffer.from(data.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    const file = join(mkdtempSync(join(tmpdir(), 'export-pdf-')), 'report.pdf')
    writeFileSync(file, data)
    const text = pdfToText(file)
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(text).toContain('Lĩnh vực đất đai')
    expect(text).toContain('Phường Cao Lãnh'.toLocaleUpperCase('vi-VN'))
  })

  it('csv has one line per cell with the values, the formula results and the added row', async () => {
    const data = await download(
      'caolanh.entry',
      `/instances/${instance}/export.csv`,
      'text/csv; charset=utf-8',
    )
    const records = parseCsv(new TextDecoder().decode(data))
    const header = records[0]!.fields
    const at = (name: string) => header.indexOf(name)
    const value = (row: string, col: string) =>
      records.find((r) => r.fields[at('row')] === row && r.fields[at('col')] === col)?.fields[
        at('value')
      ]
    expect(records).toHaveLength(1 + 4 * 5)
    expect(value('r1', 'c1')).toBe('10')
    expect(value('r1', 'c3')).toBe('80')
    expect(value('r1', 'c4')).toBe('Đúng hạn, có ghi chú "đặc biệt"')
    expect(value('r3_1', 'c1')).toBe('7')
    expect(value('r1', 'c5')).toBe('6')
    expect(value('r2', 'c5')).toBe('')
    expect(records[1]!.fields[at('unit')]).toBe('DT-P-CAOLANH')
  })

  it('json is a valid exchange packet that checks out on POST /exchange/packets', async () => {
    const data = await download(
      'caolanh.entry',
      `/instances/${instance}/export.json`,
      'application/json',
    )
    const packet = JSON.parse(new TextDecoder().decode(data))
    expect(validatePacket(packet).ok).toBe(true)
    expect(packet.report.unit.code).toBe('DT-P-CAOLANH')
    const checked = await u('tinh.aggregator').post('/exchange/packets', packet)
    expect(checked.status, JSON.stringify(checked.body)).toBe(200)
    expect(checked.body.valid).toBe(true)
    expect(checked.body.diagnostics).toEqual([])
    expect(checked.body.submission.values.main.r3_1).toEqual({ c1: 7, c2: 7, c4: 'Lĩnh vực thêm' })
    expect(checked.body.submission.dynamicRows).toEqual({ main: ['r3_1'] })
    expect(checked.body.match).toMatchObject({
      instanceId: instance,
      revision: 1,
      sameContent: true,
    })
  })

  it('refuses a packet with schema errors naming the JSON pointer, and a tampered figure', async () => {
    const bad = await u('tinh.aggregator').post('/exchange/packets', {
      standard: 'QCVN 125:2021/BTTTT',
      packets: [],
    })
    expect(bad.status).toBe(422)
    expect(bad.body.error.code).toBe('invalid_packet')
    expect(bad.body.error.details.diagnostics.length).toBeGreaterThan(0)
    expect(bad.body.error.details.diagnostics[0].at).toMatch(/^\/|^$/)
    const packet = JSON.parse(
      new TextDecoder().decode(
        await download('caolanh.entry', `/instances/${instance}/export.json`, 'application/json'),
      ),
    )
    const entry = packet.packets[0].values.find((v: any) => v.row === 'r1' && v.col === 'c3')
    entry.value = 99
    const res = await u('tinh.aggregator').post('/exchange/packets', packet)
    expect(res.status).toBe(200)
    expect(res.body.diagnostics.map((d: any) => d.ruleId)).toEqual(['packet/computed-mismatch'])
    const malformed = await u('tinh.aggregator').post('/exchange/packets', '{"standard":')
    expect(malformed.status).toBe(400)
  })

  it('another unit cannot download, and an unknown revision is a 404', async () => {
    const res = await raw(u('sadec.entry'), 'GET', `/instances/${instance}/export.xlsx`)
    expect(res.status).toBe(403)
    expect((await res.json()).error.message).toContain('DT-P-CAOLANH')
    const missing = await raw(
      u('caolanh.entry'),
      'GET',
      `/instances/${instance}/export.csv?revision=9`,
    )
    expect(missing.status).toBe(404)
    expect((await missing.json()).error.message).toContain('Revision 9')
  })

  it('lists the file routes in the OpenAPI document', async () => {
    const res = await u('caolanh.entry').get('/openapi.json')
    const paths = Object.keys(res.body.paths)
    for (const p of [
      '/instances/{id}/export.xlsx',
      '/instances/{id}/export.docx',
      '/instances/{id}/export.pdf',
      '/instances/{id}/export.csv',
      '/instances/{id}/export.json',
      '/instances/{id}/package.zip',
      '/instances/{id}/import.csv',
      '/templates/import-xlsx',
      '/exchange/packets',
    ])
      expect(paths).toContain(p)
  })

  it('declares the media types of downloads and uploads in the OpenAPI document', async () => {
    const { paths } = (await u('caolanh.entry').get('/openapi.json')).body
    const binary = { type: 'string', format: 'binary' }
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    const download = paths['/instances/{id}/export.xlsx'].get.responses['200']
    expect(Object.keys(download.content)).toEqual([xlsx])
    expect(download.content[xlsx].schema).toEqual(binary)
    expect(download.headers['Content-Disposition']).toBeDefined()
    expect(
      paths['/instances/{id}/package.zip'].get.responses['200'].content['application/zip'],
    ).toEqual({ schema: binary })
    const upload = paths['/templates/import-xlsx'].post.requestBody
    expect(upload.required).toBe(true)
    expect(upload.content[xlsx].schema).toEqual(binary)
    expect(upload.content['multipart/form-data'].schema.properties.file).toEqual(binary)
    expect(Object.keys(paths['/instances/{id}/import.csv'].post.requestBody.content)).toEqual([
      'text/csv',
      'multipart/form-data',
    ])
    // JSON routes keep their JSON schemas.
    expect(paths['/instances/{id}/draft'].put.requestBody.content['application/json']).toBeDefined()
    expect(paths['/instances/{id}'].get.responses['200'].content['application/json']).toBeDefined()
  })
})

describe('CSV import into the draft', { timeout: 60_000 }, () => {
  async function exported(): Promise<string> {
    return new TextDecoder().decode(
      await download(
        'caolanh.entry',
        `/instances/${instance}/export.csv`,
        'text/csv; charset=utf-8',
      ),
    )
  }
  const setValue = (csv: string, row: string, col: string, value: string) =>
    csv
      .split('\r\n')
      .map((line) => {
        const f = line.split(',')
        return f[5] === row && f[6] === col ? [...f.slice(0, 12), value].join(',') : line
      })
      .join('\r\n')

  it('a bad line refuses the whole file, naming line and column, and the draft is unchanged', async () => {
    const before = await draft()
    let csv = await exported()
    csv = setValue(csv, 'r2', 'c1', '9')
    csv = setValue(csv, 'r2', 'c2', 'ba')
    const badLine = csv.split('\r\n').findIndex((l) => l.includes(',r2,c2,')) + 1
    const res = await raw(
      u('caolanh.entry'),
      'POST',
      `/instances/${instance}/import.csv?version=${before.version}`,
      csv,
      'text/csv',
    )
    const body = await res.json()
    expect(res.status).toBe(422)
    expect(body.error.code).toBe('invalid_csv')
    expect(body.error.message).toContain(`line ${badLine}, column 13 (value)`)
    expect(body.error.message).toContain('"ba" is not a number')
    const after = await draft()
    expect(after.version).toBe(before.version)
    expect(after.document.values).toEqual(before.document.values)
  })

  it('a stale version is a 409 and another unit a 403', async () => {
    const cur = await draft()
    const csv = await exported()
    const stale = await raw(
      u('caolanh.entry'),
      'POST',
      `/instances/${instance}/import.csv?version=${cur.version - 1}`,
      csv,
      'text/csv',
    )
    expect(stale.status).toBe(409)
    const other = await raw(
      u('sadec.entry'),
      'POST',
      `/instances/${instance}/import.csv?version=${cur.version}`,
      csv,
      'text/csv',
    )
    expect(other.status).toBe(403)
    expect((await draft()).version).toBe(cur.version)
  })

  it('a good file (multipart) prefills the inputs and adds list rows', async () => {
    const cur = await draft()
    let csv = setValue(await exported(), 'r2', 'c1', '9')
    // a second added row, and a formula value that must not be taken as input
    csv = setValue(csv, 'r1', 'c3', '12345')
    const header = 'TN.01/DT/KSTT,1.0,DT-P-CAOLANH,2026-Q3,main'
    csv += `${header},r3_2,c1,,,,,input,5\r\n${header},r3_2,c3,,,,,formula,77\r\n`
    const form = new FormData()
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'bao-cao.csv')
    const res = await raw(
      u('caolanh.entry'),
      'POST',
      `/instances/${instance}/import.csv?version=${cur.version}`,
      form,
    )
    const body = await res.json()
    expect(res.status, JSON.stringify(body)).toBe(200)
    expect(body.version).toBe(cur.version + 1)
    expect(body.dynamicRows).toEqual({ main: ['r3_1', 'r3_2'] })
    const after = await draft()
    expect(after.document.values.main.r2).toEqual({ c1: 9, c2: 4 })
    expect(after.document.values.main.r1.c3).toBeUndefined()
    expect(after.document.values.main.r3_2).toEqual({ c1: 5 })
    const audit = await t.sql<{ action: string }>(
      `select action from audit_log where action = 'report.import-csv'`,
    )
    expect(audit).toHaveLength(1)
  })
})

describe('CSV import and row lists', { timeout: 60_000 }, () => {
  it("a file that adds rows past the list row's maxRows is refused and changes nothing", async () => {
    const before = await draft()
    expect(before.document.dynamicRows).toEqual({ main: ['r3_1', 'r3_2'] })
    const header = 'template,version,unit,period,section,row,col,value'
    const lines = ['r3_3', 'r3_4', 'r3_5'].map(
      (r) => `TN.01/DT/KSTT,1.0,DT-P-CAOLANH,2026-Q3,main,${r},c1,1`,
    )
    const res = await raw(
      u('caolanh.entry'),
      'POST',
      `/instances/${instance}/import.csv?version=${before.version}`,
      [header, ...lines].join('\n'),
      'text/csv',
    )
    const body = await res.json()
    expect(res.status).toBe(422)
    expect(body.error.message).toContain('at most 5 are allowed (maxRows)')
    expect(body.error.details.diagnostics[0].ruleId).toBe('core/dynamic-row')
    const after = await draft()
    expect(after.version).toBe(before.version)
    expect(after.document).toEqual(before.document)
  })
})

describe('signed package', { timeout: 120_000 }, () => {
  it('is refused for a draft, naming the state', async () => {
    const res = await raw(u('caolanh.entry'), 'GET', `/instances/${instance}/package.zip`)
    expect(res.status).toBe(409)
    expect((await res.json()).error.message).toContain('is draft')
  })

  it('after approval holds every file, signed, and verifies against the installation CA', async () => {
    expect((await u('caolanh.entry').post(`/instances/${instance}/submit`)).status).toBe(200)
    const approved = await u('caolanh.approver').post(`/instances/${instance}/approve`)
    expect(approved.status, JSON.stringify(approved.body)).toBe(200)
    const data = await download(
      'caolanh.viewer',
      `/instances/${instance}/package.zip`,
      'application/zip',
    )
    const ca = await caCertificatePem(t.orm.em.fork())
    const v = await verifySignedPackage(data, { trustedCaPem: [ca!] })
    expect(v.problems).toEqual([])
    expect(v.ok && v.trusted).toBe(true)
    const stem = 'TN.01-DT-KSTT_DT-P-CAOLANH_2026-Q3'
    expect(v.manifest?.files.map((f) => f.name)).toEqual([
      `${stem}.xlsx`,
      `${stem}.docx`,
      `${stem}.pdf`,
      `${stem}.packet.json`,
    ])
    // the packet inside carries the leader's signature from approval, which verifies on arrival
    const zip = await JSZip.loadAsync(data)
    const packet = JSON.parse(await zip.file(`${stem}.packet.json`)!.async('string'))
    const checked = await u('tinh.aggregator').post('/exchange/packets', packet)
    expect(checked.status).toBe(200)
    expect(checked.body.valid).toBe(true)
    expect(checked.body.signatures.length).toBe(2)
    expect(checked.body.signatures.every((s: any) => s.ok && s.trusted)).toBe(true)
    expect(checked.body.trusted).toBe(true)
    expect(checked.body.match).toMatchObject({ status: 'approved', sameContent: true })
  })

  it('a changed figure breaks the packet signatures', async () => {
    const packet = JSON.parse(
      new TextDecoder().decode(
        await download('caolanh.entry', `/instances/${instance}/export.json`, 'application/json'),
      ),
    )
    expect(packet.signatures).toHaveLength(1)
    packet.packets[0].values.find((v: any) => v.row === 'r1' && v.col === 'c1').value = 11
    const res = await u('tinh.aggregator').post('/exchange/packets', packet)
    expect(res.status).toBe(200)
    expect(res.body.valid).toBe(false)
    expect(res.body.signatures[0].ok).toBe(false)
    expect(res.body.match.sameContent).toBe(false)
  })
})

describe('importing an .xlsx form as a template', { timeout: 60_000 }, () => {
  async function form(): Promise<Uint8Array<ArrayBuffer>> {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Biểu 05')
    ws.getCell('A1').value = 'Biểu số 05/XLSX'
    ws.getCell('B2').value = 'TÌNH HÌNH TIẾP NHẬN HỒ SƠ TRỰC TUYẾN'
    ws.getCell('D3').value = 'Đơn vị tính: Hồ sơ'
    ws.getCell('A4').value = 'STT'
    ws.getCell('B4').value = 'Lĩnh vực'
    ws.getCell('C4').value = 'Tiếp nhận'
    ws.getCell('D4').value = 'Đã giải quyết'
    ws.getCell('E4').value = 'Tỷ lệ'
    const data: [string, string, number, number][] = [
      ['1', 'Đất đai', 10, 8],
      ['2', 'Hộ tịch', 4, 4],
    ]
    data.forEach(([code, label, a, b], i) => {
      const r = 5 + i
      ws.getCell(`A${r}`).value = code
      ws.getCell(`B${r}`).value = label
      ws.getCell(`C${r}`).value = a
      ws.getCell(`D${r}`).value = b
      ws.getCell(`E${r}`).value = { formula: `IF(C${r}=0,0,D${r}/C${r})`, result: b / a }
      ws.getCell(`E${r}`).numFmt = '0.0%'
    })
    ws.getCell('B9').value = 'Người lập biểu'
    return new Uint8Array(await wb.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>
  }

  it('creates a draft version and lists what it did not map', async () => {
    const res = await raw(u('tinh.designer'), 'POST', '/templates/import-xlsx', await form(), XLSX)
    const body = await res.json()
    expect(res.status, JSON.stringify(body)).toBe(201)
    expect(body.status).toBe('draft')
    expect(body.code).toBe('05/XLSX')
    const grid = body.definition.sections[0]
    expect(grid.rows.map((r: any) => r.label)).toEqual(['Đất đai', 'Hộ tịch'])
    expect(grid.columns.find((c: any) => c.header.includes('Tỷ lệ')).formula).toMatch(/^=IF\(/)
    expect(body.values.main).toMatchObject({ r1: { c3: 10, c4: 8 } })
    const unmapped = body.diagnostics.find((d: any) => d.at.endsWith('B9'))
    expect(unmapped.message).toContain('Người lập biểu')
    const stored = await u('tinh.designer').get(`/template-versions/${body.id}`)
    expect(stored.status).toBe(200)
    expect(stored.body.definition.sections[0].rows).toHaveLength(2)
    const again = await raw(
      u('tinh.designer'),
      'POST',
      '/templates/import-xlsx',
      await form(),
      XLSX,
    )
    expect(again.status).toBe(409)
    expect((await again.json()).error.message).toContain("'05/XLSX' already exists")
  })

  it(
    'a form LibreOffice computed imports with formulas that give the values it cached',
    { timeout: 300_000 },
    async () => {
      ensureTools()
      const dir = mkdtempSync(join(tmpdir(), 'import-lo-'))
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(Buffer.from(await form()) as unknown as ExcelJS.Buffer)
      const ws = wb.worksheets[0]!
      // no cached results: LibreOffice computes them
      for (const r of [5, 6]) ws.getCell(`E${r}`).value = { formula: `IF(C${r}=0,0,D${r}/C${r})` }
      ws.getCell('C7').value = { formula: 'SUM(C5:C6)' }
      ws.getCell('D7').value = { formula: 'SUM(D5:D6)' }
      ws.getCell('B7').value = 'Tổng cộng'
      const source = join(dir, 'bieu-06.xlsx')
      await wb.xlsx.writeFile(source)
      const computed = readFileSync(sofficeConvert(source, 'xlsx:Calc MS Excel 2007 XML'))
      const res = await raw(
        u('tinh.designer'),
        'POST',
        '/templates/import-xlsx?code=06/LO',
        new Uint8Array(computed) as Uint8Array<ArrayBuffer>,
        XLSX,
      )
      const body = await res.json()
      expect(res.status, JSON.stringify(body)).toBe(201)
      const cached = Object.entries(body.cached as Record<string, unknown>)
      expect(cached.map(([k]) => k).sort()).toEqual([
        'main!r1.c5',
        'main!r2.c5',
        'main!r3.c3',
        'main!r3.c4',
      ])
      const loaded = loadTemplate(body.definition)
      expect(loaded.ok).toBe(true)
      const book = createWorkbook((loaded as { template: ResolvedTemplate }).template, {
        values: body.values,
      })
      for (const [key, v] of cached)
        expect(book.get(key as CellKey), key).toBeCloseTo(v as number, 9)
      expect(cached.map(([, v]) => v)).toContain(14)
    },
  )

  it('takes a multipart upload with another code', async () => {
    const fd = new FormData()
    fd.append('file', new Blob([Buffer.from(await form())], { type: XLSX }), 'bieu-05.xlsx')
    const res = await raw(u('tinh.designer'), 'POST', '/templates/import-xlsx?code=05B/XLSX', fd)
    const body = await res.json()
    expect(res.status, JSON.stringify(body)).toBe(201)
    expect(body.code).toBe('05B/XLSX')
  })

  it('refuses a file that is not an xlsx, and a caller who is not a designer', async () => {
    const res = await raw(
      u('tinh.designer'),
      'POST',
      '/templates/import-xlsx',
      'STT,Lĩnh vực\n1,Đất đai\n',
      'text/csv',
    )
    expect(res.status).toBe(400)
    expect((await res.json()).error.message).toContain('not an .xlsx workbook')
    const broken: Uint8Array<ArrayBuffer> = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5])
    const res2 = await raw(u('tinh.designer'), 'POST', '/templates/import-xlsx', broken, XLSX)
    expect(res2.status).toBe(400)
    expect((await res2.json()).error.message).toContain('not a readable .xlsx')
    const entry = await raw(
      u('caolanh.entry'),
      'POST',
      '/templates/import-xlsx',
      await form(),
      XLSX,
    )
    expect(entry.status).toBe(403)
  })
})
