import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import {
  createWorkbook,
  isFormulaError,
  type ResolvedGridSection,
  type Value,
} from '../../../core/index.js'
import { sampleReport } from '../fixtures/sample-report.js'
import { layoutGrid } from '../sheet-layout.js'
import { exportXlsx } from '../xlsx-export.js'
import { importXlsxTemplate } from './index.js'

const same = (a: Value | undefined, b: Value | undefined) => {
  const x = a === undefined || (typeof a === 'string' && a === '') ? null : a
  const y = b === undefined || (typeof b === 'string' && b === '') ? null : b
  if (typeof x === 'number' && typeof y === 'number')
    return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x))
  if (isFormulaError(x) && isFormulaError(y)) return x.error === y.error
  return x === y
}

describe('importXlsxTemplate', () => {
  it('reads an exported report back as a template that computes the same values', async () => {
    const report = sampleReport()
    const { data } = await exportXlsx(report)
    const imported = await importXlsxTemplate(data)
    expect(imported.diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
    expect(imported.resolved).toBeDefined()
    const t = imported.template
    expect(t).toMatchObject({
      code: 'BC-MAU/KSTT',
      periodType: 'quarter',
      formKind: 'linked',
      legalBasis: ['Thông tư số 01/2020/TT-VPCP ngày 21/10/2020'],
    })
    expect(t.sections.map((s) => [s.kind, s.title])).toEqual([
      ['grid', 'Biểu 01. Kết quả giải quyết hồ sơ'],
      ['grid', 'Phụ lục. Kinh phí thực hiện'],
      ['narrative', 'Thuyết minh'],
    ])
    const narrative = t.sections[2]
    expect(
      narrative?.kind === 'narrative' && narrative.items.map((i) => [i.title, i.level]),
    ).toEqual([
      ['Tình hình, kết quả giải quyết thủ tục hành chính', 0],
      ['Tồn tại, hạn chế và nguyên nhân', 1],
      ['Kiến nghị, đề xuất', 0],
    ])
    const book = createWorkbook(imported.resolved!, { values: imported.values })
    const grids = t.sections.filter((s) => s.kind === 'grid')
    report.template.sections
      .filter((s): s is ResolvedGridSection => s.kind === 'grid')
      .forEach((orig, si) => {
        const gs = grids[si]!
        const layout = layoutGrid(orig)
        const lead = layout.leading.length
        // headers and column numbers as printed (system columns left out, leading STT / label columns added)
        expect(gs.columns.slice(lead).map((c) => [c.header, c.number, c.type, c.decimals])).toEqual(
          layout.columns.map((c) => [c.header, c.number, c.type, c.decimals]),
        )
        expect(gs.rows.map((r) => [r.label, r.code, r.level ?? 0])).toEqual(
          orig.rows.map((r) => [r.label, r.code, r.level]),
        )
        for (const [ri, row] of orig.rows.entries()) {
          for (const [ci, col] of layout.columns.entries()) {
            const key = `${orig.id}!${row.id}.${col.id}`
            const mine = `${gs.id}!r${ri + 1}.c${lead + ci + 1}`
            const cell = orig.cells[ri * orig.columns.length + orig.colIndex.get(col.id)!]!
            const expected = cell.kind === 'fixed' ? (cell.value ?? null) : report.values.get(key)
            if (!same(book.get(mine), expected))
              throw new Error(
                `${mine} (${key}): ${JSON.stringify(book.get(mine))} != ${JSON.stringify(expected)}`,
              )
            if (cell.kind === 'formula' && imported.cached.has(mine))
              expect(same(imported.cached.get(mine), expected)).toBe(true)
          }
        }
      })
    // column-wide formulas come back as such
    expect(grids[0]!.columns.find((c) => c.id === 'c9')?.formula).toBe('=IF(@.c6=0, 0, @.c7/@.c6)')
  })

  it('reports every cell it cannot map, naming the place', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Biểu 1')
    ws.getCell('A1').value = 'Biểu số 05/TH'
    ws.getCell('C1').value = 'SỐ LIỆU CÁN BỘ ĐƯỢC ĐÀO TẠO'
    ws.getCell('E2').value = 'Đơn vị tính: Người'
    ws.mergeCells('A3:A4')
    ws.getCell('A3').value = 'TT'
    ws.mergeCells('B3:B4')
    ws.getCell('B3').value = 'Nội dung'
    ws.mergeCells('C3:D3')
    ws.getCell('C3').value = 'Số người'
    ws.getCell('C4').value = 'Nam'
    ws.getCell('D4').value = 'Nữ'
    ws.mergeCells('E3:E4')
    ws.getCell('E3').value = 'Tỷ lệ nữ'
    ws.mergeCells('F3:F4')
    ws.getCell('F3').value = 'Xếp loại'
    const rows: [string, string, unknown, unknown, unknown][] = [
      ['1', 'Chuyên viên', 12, 30, { formula: 'D5/(C5+D5)' }],
      ['2', 'Chuyên viên chính', 'x', 8, { formula: 'D6/(D6+C6)' }],
      ['3', 'Lãnh đạo', 4, 2, { formula: 'C3*2' }],
      [
        '',
        'Cộng',
        { formula: 'SUM(C5:C7)' },
        { formula: 'SUM(D5:D7)' },
        { formula: "'Nguồn dữ liệu'!B2" },
      ],
    ]
    rows.forEach((r, i) => {
      const n = 5 + i
      ws.getRow(n).values = [
        r[0],
        r[1],
        r[2] as ExcelJS.CellValue,
        r[3] as ExcelJS.CellValue,
        r[4] as ExcelJS.CellValue,
      ]
      ws.getCell(`E${n}`).numFmt = '0.0%'
      ws.getCell(`F${n}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: ['"Tốt,Khá,Đạt"'],
      }
    })
    ws.getCell('F8').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFBFBFBF' } }
    ws.mergeCells('C9:D9') // inside nothing: below the table after a blank row
    ws.getCell('A10').value = 'Người lập biểu'
    wb.addWorksheet('Nguồn dữ liệu').getCell('A1').value = 'ghi chú rời'
    const buf = new Uint8Array(await wb.xlsx.writeBuffer())

    const r = await importXlsxTemplate(buf)
    const byRule = (rule: string) => r.diagnostics.filter((d) => d.ruleId === rule).map((d) => d.at)
    expect(byRule('xlsx/formula-not-mapped')).toEqual(["'Biểu 1'!E7", "'Biểu 1'!E8"])
    expect(r.diagnostics.find((d) => d.at === "'Biểu 1'!E7")?.message).toMatch(
      /=C3\*2 .*row 3, outside the data area/,
    )
    expect(r.diagnostics.find((d) => d.at === "'Biểu 1'!E8")?.message).toMatch(
      /sheet "Nguồn dữ liệu", which has no imported table/,
    )
    expect(byRule('xlsx/text-in-number-column')).toEqual(["'Biểu 1'!C6"])
    expect(byRule('xlsx/footer-not-mapped')).toEqual(["'Biểu 1'!A10"])
    expect(byRule('xlsx/no-table')).toEqual(["'Nguồn dữ liệu'!A1"])
    const s = r.template.sections[0]
    if (s?.kind !== 'grid') throw new Error('no grid')
    expect(r.template).toMatchObject({ code: '05/TH', name: 'SỐ LIỆU CÁN BỘ ĐƯỢC ĐÀO TẠO' })
    expect(s.unit).toBe('Người')
    expect(s.columns.map((c) => [c.id, c.header.join('/'), c.type])).toEqual([
      ['c1', 'TT', 'text'],
      ['c2', 'Nội dung', 'text'],
      ['c3', 'Số người/Nam', 'number'],
      ['c4', 'Số người/Nữ', 'number'],
      ['c5', 'Tỷ lệ nữ', 'percent'],
      ['c6', 'Xếp loại', 'choice'],
    ])
    expect(s.columns[4]?.decimals).toBe(1)
    expect(s.columns[5]?.choices).toEqual(['Tốt', 'Khá', 'Đạt'])
    expect(s.rows[1]?.cells?.c3).toEqual({ kind: 'fixed', value: 'x' })
    expect(s.rows[3]?.cells?.c6).toEqual({ kind: 'greyed' })
    // the Cộng row is not row-wide: its percent cell could not be mapped
    expect(s.rows[3]?.formula).toBeUndefined()
    expect(s.rows[3]?.cells?.c3).toEqual({ kind: 'formula', formula: '=SUM(r1.c3:r3.c3)' })
    expect(s.rows[0]?.cells?.c5).toEqual({ kind: 'formula', formula: '=r1.c4/(r1.c3+r1.c4)' })
    expect(s.id).toBe('bieu_1')
    expect(r.values.bieu_1?.r3).toEqual({ c3: 4, c4: 2 })
  })
})
