/**
 * Acceptance: .xlsx against LibreOffice headless.
 * (a) a form whose cached formula results LibreOffice computed is imported as a template; the engine
 *     computes the same value for every formula cell.
 * (b) our export, stripped of its cached results, is recalculated by LibreOffice; every formula cell
 *     comes out equal to the engine's value.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  createWorkbook,
  isFormulaError,
  loadTemplate,
  type ResolvedGridSection,
  type Value,
} from '../../core/index.js'
import type { TemplateDefinition } from '../../schemas/generated/index.js'
import { sampleReport } from '../../runtime/exports/fixtures/sample-report.js'
import { importXlsxTemplate } from '../../runtime/exports/xlsx-import/index.js'
import { HEADER_TOP, exportXlsx } from '../../runtime/exports/xlsx-export.js'
import { layoutGrid } from '../../runtime/exports/sheet-layout.js'
import type { ExportReport } from '../../runtime/exports/types.js'
import { ensureTools, sofficeConvert } from './tools.js'

const LO_TIMEOUT = 300_000

function close(a: Value | undefined, b: Value | undefined): boolean {
  const n = (v: Value | undefined) => (v === undefined || v === '' ? null : v)
  const x = n(a)
  const y = n(b)
  if (isFormulaError(x) || isFormulaError(y))
    return isFormulaError(x) && isFormulaError(y) && x.error === y.error
  // an empty result shows as 0 in a spreadsheet
  const num = (v: Value) => (v === null ? 0 : v)
  if (typeof num(x) === 'number' && typeof num(y) === 'number') {
    const p = num(x) as number
    const q = num(y) as number
    return Math.abs(p - q) <= 1e-9 * Math.max(1, Math.abs(p), Math.abs(q))
  }
  return x === y
}

async function readXlsx(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  return wb
}

/** A form laid out as offices make them, with formulas and no cached values. */
async function handMadeForm(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Biểu 02')
  ws.getCell('A1').value = 'Biểu số 02/TH'
  ws.mergeCells('C1:H1')
  ws.getCell('C1').value = 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH'
  ws.getCell('C2').value = 'Kỳ báo cáo: Quý III năm 2025'
  ws.getCell('I2').value = 'Đơn vị tính: Hồ sơ'
  const head: [string, string][] = [
    ['A3:A4', 'STT'],
    ['B3:B4', 'Đơn vị'],
    ['C3:E3', 'Số hồ sơ tiếp nhận'],
    ['F3:G3', 'Số hồ sơ đã giải quyết'],
    ['H3:H4', 'Tỷ lệ đúng hạn'],
    ['I3:I4', 'Kinh phí (triệu đồng)'],
    ['J3:J4', 'Tỷ trọng tiếp nhận'],
  ]
  for (const [range, text] of head) {
    ws.mergeCells(range)
    ws.getCell(range.split(':')[0] as string).value = text
  }
  Object.entries({
    C4: 'Tổng số',
    D4: 'Trực tuyến',
    E4: 'Trực tiếp',
    F4: 'Tổng số',
    G4: 'Đúng hạn',
  }).forEach(([a, t]) => (ws.getCell(a).value = t))
  'ABCDEFGHIJ'.split('').forEach((c, i) => (ws.getCell(`${c}5`).value = `(${i + 1})`))
  // rows 6..13: I (7-8), II (10-11), Tổng cộng
  const lines: [
    string,
    string,
    number | null,
    number | null,
    number | null,
    number | null,
    number | null,
  ][] = [
    ['I', 'Cấp tỉnh', null, null, null, null, null],
    ['1', 'Sở Tư pháp', 1250, 310, 1419, 1402, 0.1],
    ['2', 'Sở Nội vụ', 840, 95, 880, 865, 0.2],
    ['II', 'Cấp xã', null, null, null, null, null],
    ['1', 'Xã Mỹ An', 45, 230, 263, 260, 1.005],
    ['2', 'Phường Đông Hòa', 0, 0, 0, 0, 2 / 3],
    ['', 'Tổng cộng', null, null, null, null, null],
  ]
  lines.forEach(([code, label, d, e, f, g, i], k) => {
    const r = 6 + k
    ws.getCell(`A${r}`).value = code
    ws.getCell(`B${r}`).value = label
    const total = k === 0 ? [7, 8] : k === 3 ? [10, 11] : k === 6 ? [6, 9] : undefined
    for (const [col, v] of [
      ['D', d],
      ['E', e],
      ['F', f],
      ['G', g],
      ['I', i],
    ] as const) {
      ws.getCell(`${col}${r}`).value =
        total === undefined
          ? v
          : k === 6
            ? { formula: `${col}6+${col}9` }
            : { formula: `SUM(${col}${total[0]}:${col}${total[1]})` }
    }
    ws.getCell(`C${r}`).value = { formula: `D${r}+E${r}` }
    ws.getCell(`H${r}`).value = { formula: `IF(F${r}=0,0,ROUND(G${r}/F${r},4))` }
    ws.getCell(`J${r}`).value = { formula: `IF($C$12=0,0,C${r}/$C$12)` }
    for (const c of 'CDEFG') ws.getCell(`${c}${r}`).numFmt = '#,##0'
    ws.getCell(`H${r}`).numFmt = '0.00%'
    ws.getCell(`J${r}`).numFmt = '0.0%'
    ws.getCell(`I${r}`).numFmt = '#,##0.00'
  })
  ws.getCell('H15').value = 'Đồng Tháp, ngày 18 tháng 9 năm 2025'
  const pl = wb.addWorksheet('Phụ lục')
  pl.getCell('A1').value = 'STT'
  pl.getCell('B1').value = 'Chỉ tiêu'
  pl.getCell('C1').value = 'Giá trị'
  const extra: [string, string, string][] = [
    ['1', 'Hồ sơ tiếp nhận toàn tỉnh', "'Biểu 02'!C12"],
    ['2', 'Bình quân hồ sơ trực tuyến một sở', "AVERAGE('Biểu 02'!D7:D8)"],
    ['3', 'Tiếp nhận nhiều nhất ở một đơn vị cơ sở', "MAX('Biểu 02'!C7:C8,'Biểu 02'!C10:C11)"],
    ['4', 'Kinh phí làm tròn', "ROUND('Biểu 02'!I12,2)+C2*0"],
  ]
  extra.forEach(([code, label, f], k) => {
    pl.getCell(`A${k + 2}`).value = code
    pl.getCell(`B${k + 2}`).value = label
    pl.getCell(`C${k + 2}`).value = { formula: f }
    pl.getCell(`C${k + 2}`).numFmt = '#,##0.00'
  })
  const file = join(dir, 'bieu-02.xlsx')
  await wb.xlsx.writeFile(file)
  return file
}

describe('xlsx and LibreOffice', () => {
  beforeAll(() => ensureTools(), 900_000)

  it(
    '(a) imports a form whose formula results LibreOffice cached, and computes the same values',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'xlsx-a-'))
      const source = await handMadeForm(dir)
      const computed = sofficeConvert(source, 'xlsx:Calc MS Excel 2007 XML')
      const imported = await importXlsxTemplate(readFileSync(computed))
      expect(imported.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      expect(imported.resolved).toBeDefined()
      const t = imported.resolved!
      // LibreOffice cached a result for every formula: 10 rows x 3 formula columns + 3 totals x 5 + 4 on the second sheet
      expect(imported.cached.size).toBe(7 * 3 + 3 * 5 + 4)
      for (const v of imported.cached.values()) expect(v).not.toBeNull()
      const book = createWorkbook(t, { values: imported.values })
      const mismatches = [...imported.cached]
        .filter(([key, v]) => !close(book.get(key), v))
        .map(
          ([key, v]) =>
            `${key}: engine ${JSON.stringify(book.get(key))}, LibreOffice ${JSON.stringify(v)}`,
        )
      expect(mismatches).toEqual([])
      // spot checks of the structure read from the sheet
      const main = t.sections[0] as ResolvedGridSection
      expect(main.columns.map((c) => c.header.join(' / '))).toContain(
        'Số hồ sơ tiếp nhận / Trực tuyến',
      )
      expect(main.unit).toBe('Hồ sơ')
      expect(imported.template.periodType).toBe('quarter')
      expect(book.get('bieu_02!r7.c9')).toBeCloseTo(1.305 + 2 / 3, 12)
    },
    LO_TIMEOUT,
  )

  it(
    '(b) exports live formulas that LibreOffice recomputes to the engine values',
    async () => {
      const ii06a = JSON.parse(
        readFileSync(
          join(import.meta.dirname, '../../plugins/kstthc/templates/ii-06a-v1.0.json'),
          'utf8',
        ),
      ) as TemplateDefinition
      const loaded = loadTemplate(ii06a)
      if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '))
      const values: Record<string, Record<string, number>> = {}
      for (const [i, row] of loaded.template.sections[0]!.kind === 'grid'
        ? (loaded.template.sections[0] as ResolvedGridSection).rows.entries()
        : []) {
        if (row.kind === 'data')
          values[row.id] = {
            c4: 100 + i,
            c5: 7 * i,
            c6: 3,
            c8: 40 + i,
            c9: 50,
            c10: i,
            c12: 11,
            c13: i % 2,
          }
      }
      const base = sampleReport()
      const reports: ExportReport[] = [
        base,
        {
          ...base,
          template: loaded.template,
          submission: {
            template: { code: ii06a.code, version: ii06a.version },
            unit: 'H01',
            period: '2025-Q3',
            values: { main: values },
          },
          values: createWorkbook(loaded.template, { values: { main: values } }).snapshot(),
        },
      ]
      for (const report of reports) {
        const dir = mkdtempSync(join(tmpdir(), 'xlsx-b-'))
        const exported = await exportXlsx(report)
        // strip the cached results so that whatever LibreOffice shows it computed itself
        const wb = new ExcelJS.Workbook()
        await wb.xlsx.load(Buffer.from(exported.data) as unknown as ExcelJS.Buffer)
        let formulas = 0
        wb.eachSheet((ws) =>
          ws.eachRow((row) =>
            row.eachCell((cell) => {
              if (cell.formula !== undefined && cell.formula !== '') {
                cell.value = { formula: cell.formula }
                formulas++
              }
            }),
          ),
        )
        const stripped = join(dir, 'bao-cao.xlsx')
        await wb.xlsx.writeFile(stripped)
        const recomputed = await readXlsx(sofficeConvert(stripped, 'xlsx:Calc MS Excel 2007 XML'))
        let compared = 0
        const problems: string[] = []
        const grids = report.template.sections.filter(
          (s): s is ResolvedGridSection => s.kind === 'grid',
        )
        grids.forEach((section, si) => {
          const ws = recomputed.worksheets[si] as ExcelJS.Worksheet
          const layout = layoutGrid(section)
          const first = HEADER_TOP + layout.headerDepth + (layout.numbers !== undefined ? 1 : 0)
          for (const [ri, row] of section.rows.entries()) {
            for (const col of layout.columns) {
              const cell = ws.getCell(first + ri, (layout.colPos.get(col.id) as number) + 1)
              if (cell.formula === undefined || cell.formula === '') continue
              const key = `${section.id}!${row.id}.${col.id}`
              const lo = cell.result as Value
              compared++
              if (
                !close(
                  report.values.get(key),
                  typeof lo === 'object' && lo !== null && 'error' in lo
                    ? { error: String((lo as { error: string }).error) as never }
                    : lo,
                )
              ) {
                problems.push(
                  `${ws.name}!${cell.address} ${key} =${cell.formula}: engine ${JSON.stringify(report.values.get(key))}, LibreOffice ${JSON.stringify(lo)}`,
                )
              }
            }
          }
        })
        expect(problems).toEqual([])
        expect(compared).toBe(formulas)
        expect(compared).toBeGreaterThan(20)
      }
    },
    LO_TIMEOUT,
  )
})
