/// <reference lib="dom" />
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, assign, instanceOf, publishFixture } from '../helpers/flow.js'
import type { TestApp } from '../helpers/test-app.js'
import { screenshot, type Session } from './helpers/browser.js'
import { sessionTtlFor, startWebApp, type WebApp } from './helpers/web-app.js'

/**
 * The file controls of the web app in headless Chromium against the runtime: the report page's
 * download link gives the report as .xlsx, its CSV import fills the draft, and the templates page
 * imports an .xlsx form as a draft listing what it did not map.
 */
let t: TestApp
let web: WebApp
let base: string
let s: Session
let instanceId: number

const clock = new Date('2026-09-15T03:00:00Z')

beforeAll(async () => {
  web = await startWebApp({ now: () => clock, sessionTtlMs: sessionTtlFor(clock) })
  ;({ t, base, s } = web)
  const versionId = await publishFixture(t)
  const assignmentId = await assign(t, versionId, ['DT-P-CAOLANH'], '2026-Q3', () => clock)
  instanceId = await instanceOf(t, assignmentId, 'DT-P-CAOLANH')
  const entry = await as(t, 'caolanh.entry')
  const cur = await entry.get(`/instances/${instanceId}`)
  const saved = await entry.put(`/instances/${instanceId}/draft`, {
    version: cur.body.revision.version,
    values: { main: { r1: { c1: 10, c2: 8 }, r2: { c1: 4, c2: 4 } } },
  })
  expect(saved.status).toBe(200)
}, 900_000)

afterAll(() => web?.close())

const snapOnFailure = (name: string) => web.snapOnFailure(name)
const signIn = (username: string) => web.signIn(username)

describe('file controls of the web app', { timeout: 120_000 }, () => {
  it('the report page downloads the report as .xlsx and imports a CSV into the draft', async () => {
    snapOnFailure('exports-report')
    const page = s.page
    await signIn('caolanh.entry')
    await page.goto(`${base}/#/report/${instanceId}`)
    const group = page.getByRole('group', { name: 'Tải xuống' })
    await group.waitFor()
    expect(await group.getByRole('link').allInnerTexts()).toEqual([
      'Excel (.xlsx)',
      'Word (.docx)',
      'PDF (.pdf)',
      'CSV (.csv)',
      'Gói dữ liệu trao đổi (.json)',
    ])
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      group.getByRole('link', { name: 'Excel (.xlsx)' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('TN.01-DT-KSTT_DT-P-CAOLANH_2026-Q3.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ExcelJS.Buffer)
    const values: unknown[] = []
    wb.worksheets[0]!.eachRow((row) => values.push(...(row.values as unknown[])))
    expect(values).toContain('Lĩnh vực đất đai')
    expect(values).toContain(10)
    expect(
      values.some(
        (v) => typeof v === 'object' && v !== null && (v as { result?: unknown }).result === 80,
      ),
    ).toBe(true)

    const csv = [
      'template,version,unit,period,section,row,col,value',
      'TN.01/DT/KSTT,1.0,DT-P-CAOLANH,2026-Q3,main,r2,c1,9',
    ].join('\r\n')
    await page.locator('rb-report-page input[data-action="import-csv"]').setInputFiles({
      name: 'bao-cao.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    })
    await expect
      .poll(() => page.locator('rb-report-page p[role="status"]').allInnerTexts())
      .toContain('Đã nhập 1 ô từ tệp CSV')
    const after = await (await as(t, 'caolanh.entry')).get(`/instances/${instanceId}`)
    expect(after.body.revision.document.values.main.r2).toEqual({ c1: 9, c2: 4 })

    await page.locator('rb-report-page input[data-action="import-csv"]').setInputFiles({
      name: 'sai.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${csv.replace(',9', ',chín')}`),
    })
    const alert = page.locator('rb-report-page p.error[role="alert"]')
    await alert.waitFor()
    expect(await alert.innerText()).toContain('line 2, column 8 (value)')
    await screenshot(page, 'exports-report')
  })

  it('the templates page imports an .xlsx form as a draft and lists what it did not map', async () => {
    snapOnFailure('exports-templates')
    const page = s.page
    await signIn('tinh.designer')
    await page.goto(`${base}/#/templates`)
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Biểu 07')
    ws.getCell('A1').value = 'Biểu số 07/E2E'
    ws.getCell('B2').value = 'TÌNH HÌNH TIẾP NHẬN HỒ SƠ'
    ws.addRow([])
    ws.getRow(4).values = ['STT', 'Lĩnh vực', 'Tiếp nhận']
    ws.getRow(5).values = ['1', 'Đất đai', 3]
    ws.getRow(6).values = ['2', 'Hộ tịch', 5]
    ws.getCell('B8').value = 'Người lập biểu'
    const buffer = Buffer.from(await wb.xlsx.writeBuffer())
    await page.getByLabel('Nhập từ Excel (.xlsx)').setInputFiles({
      name: 'bieu-07.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    })
    const result = page.locator('rb-templates-page [data-import-result]')
    await result.waitFor()
    expect(await result.getByRole('status').innerText()).toContain('Đã tạo bản nháp 07/E2E')
    expect(await result.innerText()).toContain('Người lập biểu')
    await expect
      .poll(() => page.locator('rb-templates-page table.list').innerText())
      .toContain('07/E2E')
    await screenshot(page, 'exports-templates')
  })
})
