import { describe, expect, it } from 'vitest'
import { SAMPLE_SUBMISSION, sampleReport } from './fixtures/sample-report.js'
import { buildReportDocument, narrativeItems } from './report-text.js'

describe('printable report content', () => {
  it('fills embedded figures in Vietnamese number format and keeps the outline', () => {
    const items = narrativeItems(sampleReport())
    expect(items.map((i) => `${i.number} ${i.title}`)).toEqual([
      'I. Tình hình, kết quả giải quyết thủ tục hành chính',
      '1. Tồn tại, hạn chế và nguyên nhân',
      'II. Kiến nghị, đề xuất',
    ])
    expect(items[0]?.text).toBe(
      'Trong kỳ tiếp nhận 2.770 hồ sơ, đã giải quyết 2.562 hồ sơ, tỷ lệ đúng hạn 99,2%.\n' +
        SAMPLE_SUBMISSION.narrative!.de_cuong!.ket_qua,
    )
  })

  it('leaves a figure it cannot find visible instead of dropping it', () => {
    const report = sampleReport()
    const de = report.template.sections[0]
    if (de?.kind !== 'narrative') throw new Error('narrative expected')
    const broken = {
      ...report,
      template: {
        ...report.template,
        sections: [
          { ...de, items: [{ ...de.items[0]!, text: 'Số {{so_lieu!khong_co.c3}} hồ sơ' }] },
        ],
      },
    }
    expect(narrativeItems(broken)[0]?.text.startsWith('Số {{so_lieu!khong_co.c3}} hồ sơ')).toBe(
      true,
    )
  })

  it('lays grid sections out as tables without system columns, greyed cells shaded', () => {
    const doc = buildReportDocument(sampleReport())
    const tables = doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []))
    expect(tables.map((t) => [t.title, t.unit, t.widths.length, t.headerRows, t.rows])).toEqual([
      ['Biểu 01. Kết quả giải quyết hồ sơ', 'Hồ sơ', 11, 4, 11],
      ['Phụ lục. Kinh phí thực hiện', 'Triệu đồng', 7, 1, 4], // no column numbers
    ])
    const t = tables[0]!
    expect(
      t.cells.some((c) => c.text === 'Nguồn số liệu' || c.text === 'Hệ thống một cửa điện tử'),
    ).toBe(false)
    const at = (row: number, col: number) => t.cells.find((c) => c.row === row && c.col === col)
    expect(at(0, 2)).toMatchObject({ text: 'Số hồ sơ tiếp nhận', colSpan: 3, bold: true })
    expect(at(4, 2)).toMatchObject({ text: '2.770', align: 'right', bold: true })
    expect(at(4, 8)).toMatchObject({ text: '99,2%' })
    expect(at(4, 10)).toMatchObject({ shaded: true })
    expect(at(6, 1)).toMatchObject({ text: 'Sở Tư pháp', indent: 2, align: 'left' })
    expect(at(6, 9)).toMatchObject({ text: '0,10' })
    // leading STT / label columns are added where the section has none of its own
    const p = tables[1]!
    expect(p.cells.filter((c) => c.row === 0).map((c) => c.text)).toEqual([
      'STT',
      'Chỉ tiêu',
      'Dự toán',
      'Thực hiện',
      'Tỷ lệ thực hiện',
      'Thực hiện kỳ trước',
      'Hồ sơ trực tuyến (Biểu 01)',
    ])
    expect(p.cells.find((c) => c.row === 3 && c.col === 2)?.text).toBe('150,85')
    expect(doc.meta.title).toBe('Tình hình, kết quả giải quyết thủ tục hành chính quý III năm 2025')
  })
})
