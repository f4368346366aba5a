/**
 * Acceptance: the .pdf renders (pdftoppm) and its text extracts (pdftotext) with the Vietnamese intact;
 * the .docx converts to PDF with LibreOffice and carries the same text.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { sampleReport } from '../../runtime/exports/fixtures/sample-report.js'
import { QUOC_HIEU, TIEU_NGU } from '../../runtime/exports/nd30.js'
import { exportDocx, exportPdf } from '../../runtime/exports/report-files.js'
import { ensureTools, pdfPages, pdfToPng, pdfToText, sofficeConvert } from './tools.js'

// Lines as they must come out of the text layer, diacritics and all (NFC).
const EXPECTED = [
  QUOC_HIEU,
  TIEU_NGU,
  'SỞ NỘI VỤ',
  'Số: 07/BC-SNV',
  'Đồng Tháp, ngày 18 tháng 9 năm 2025',
  'BÁO CÁO',
  'Tình hình, kết quả giải quyết thủ tục hành chính quý III năm 2025',
  'I. Tình hình, kết quả giải quyết thủ tục hành chính',
  'Trong kỳ tiếp nhận 2.770 hồ sơ',
  'Đường truyền ở cấp xã chưa ổn định.',
  'Phường Đông Hòa',
  'Ứng dụng công nghệ thông tin',
  'Đơn vị tính: Hồ sơ',
  '99,2%',
  'KT. GIÁM ĐỐC',
  'Nguyễn Thị Ánh Hồng',
  'Nơi nhận:',
]

/** pdftotext keeps words but may break lines and spaces differently: compare with whitespace folded. */
const fold = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ')

describe('pdf and docx rendering', () => {
  beforeAll(() => ensureTools(), 900_000)

  it('(c) the PDF renders to PNG pages and its text layer holds the Vietnamese intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdf-c-'))
    const pdf = join(dir, 'bao-cao.pdf')
    writeFileSync(pdf, await exportPdf(sampleReport()))
    const text = fold(pdfToText(pdf))
    const missing = EXPECTED.filter((s) => !text.includes(fold(s)))
    expect(missing).toEqual([])
    expect(text).not.toMatch(/\uFFFD/)
    const pages = pdfToPng(pdf)
    expect(pages).toHaveLength(pdfPages(pdf))
    expect(pages.length).toBeGreaterThanOrEqual(3) // narrative page, landscape table, appendix + signature
    for (const png of pages) expect(statSync(png).size).toBeGreaterThan(3000) // not blank
  }, 300_000)

  it('(c) the DOCX converts to PDF with LibreOffice and carries the same text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docx-c-'))
    const docx = join(dir, 'bao-cao.docx')
    writeFileSync(docx, await exportDocx(sampleReport()))
    const pdf = sofficeConvert(docx, 'pdf:writer_pdf_Export')
    const text = fold(pdfToText(pdf))
    const missing = EXPECTED.filter((s) => !text.includes(fold(s)))
    expect(missing).toEqual([])
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(2)
    expect(pdfToPng(pdf).length).toBe(pdfPages(pdf))
  }, 300_000)
})
