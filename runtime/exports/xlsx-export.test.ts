import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { sampleReport } from './fixtures/sample-report.js'
import { exportXlsx, numberFormat, sheetName } from './xlsx-export.js'

async function load(data: Uint8Array) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer)
  return wb
}

describe('exportXlsx', () => {
  it('writes one sheet per grid section plus the narrative, in the printed form layout', async () => {
    const report = sampleReport()
    const { data } = await exportXlsx(report)
    const wb = await load(data)
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Biểu 01. Kết quả giải quyết hồ',
      'Phụ lục. Kinh phí thực hiện',
      'Thuyết minh',
    ]) // 31 characters at most
    const ws = wb.worksheets[0] as ExcelJS.Worksheet
    expect(ws.getCell('A1').value).toBe('Biểu số BC-MAU/KSTT')
    expect(String(ws.getCell('A4').value)).toBe('Biểu 01. Kết quả giải quyết hồ sơ')
    // header: 3 rows (5-7), numbers on row 8, rows from 9; the template's own STT / label columns, no system column
    expect(ws.getCell('A5').value).toBe('STT')
    expect(ws.getCell('C5').value).toBe('Số hồ sơ tiếp nhận')
    expect(ws.getCell('D6').value).toBe('Trong đó')
    expect(ws.getCell('E7').value).toBe('Trực tiếp, bưu chính')
    expect(ws.model.merges).toEqual(
      expect.arrayContaining(['A5:A7', 'C5:E5', 'C6:C7', 'D6:E6', 'F5:H5', 'I5:I7']),
    )
    expect(ws.getCell('K8').value).toBe('(11)')
    expect(ws.getCell('L5').value).toBeNull()
    expect(ws.getCell('B9').value).toBe('Tổng cộng')
    expect(ws.getCell('B11').alignment.indent).toBe(2)
  })

  it('writes live A1 formulas with the engine values cached and column number formats', async () => {
    const report = sampleReport()
    const { data, diagnostics } = await exportXlsx(report)
    const ws = (await load(data)).worksheets[0] as ExcelJS.Worksheet
    // tong (row 9) is a total row: SUM of its outline children (rows 10 and 13)
    const c9 = ws.getCell('C9')
    expect(c9.formula).toBe('D9+E9')
    expect(c9.result).toBe(report.values.get('so_lieu!tong.c3'))
    expect(ws.getCell('D9').formula).toMatch(/^SUM\(D10,\s*D13\)$|^SUM\(D10,D13\)$/)
    expect(ws.getCell('I11').formula).toBe('IF(F11=0,0,G11/F11)')
    expect(ws.getCell('I11').numFmt).toBe('0.0%')
    expect(ws.getCell('D11').numFmt).toBe('#,##0')
    expect(ws.getCell('J10').numFmt).toBe('#,##0.00')
    expect(ws.getCell('J10').result).toBe(0.3)
    expect(ws.getCell('K9').fill).toMatchObject({ pattern: 'solid' })
    expect(ws.getCell('K11').value).toBe('Đủ hồ sơ "gốc", đã số hóa')
    // the period function is written as its value with a note, and reported
    const pl = (await load(data)).worksheets[1] as ExcelJS.Worksheet
    expect(pl.getCell('F6').value).toBe(45.25)
    expect(String(pl.getCell('F6').note)).toContain('PREV_PERIOD(ho_tro.k2)')
    expect(pl.getCell('G6').formula).toBe("'Biểu 01. Kết quả giải quyết hồ'!D9")
    expect(diagnostics.map((d) => d.at)).toEqual([
      "'Phụ lục. Kinh phí thực hiện'!F6",
      "'Phụ lục. Kinh phí thực hiện'!F7",
      "'Phụ lục. Kinh phí thực hiện'!F8",
    ])
    expect(diagnostics[0]).toMatchObject({
      ruleId: 'xlsx/formula-as-value',
      place: { section: 'kinh_phi', row: 'ho_tro', col: 'k4' },
    })
  })

  it('names sheets within Excel rules and formats by type', () => {
    const taken = new Set<string>()
    expect(sheetName('II.06a/VPCP/KSTT', taken)).toBe('II.06a-VPCP-KSTT')
    expect(sheetName('II.06a/VPCP/KSTT', taken)).toBe('II.06a-VPCP-KSTT 2')
    expect(sheetName('x'.repeat(40), taken)).toHaveLength(31)
    expect(numberFormat('percent', 2)).toBe('0.00%')
    expect(numberFormat('number')).toBe('General')
    expect(numberFormat('date')).toBe('dd/mm/yyyy')
  })
})
