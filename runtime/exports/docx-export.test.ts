import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { sampleReport } from './fixtures/sample-report.js'
import { QUOC_HIEU, TIEU_NGU } from './nd30.js'
import { exportDocx } from './report-files.js'

async function documentXml(data: Uint8Array): Promise<{ xml: string; zip: JSZip }> {
  const zip = await JSZip.loadAsync(data)
  return { xml: await zip.file('word/document.xml')!.async('string'), zip }
}

describe('.docx in the ND 30/2020 layout', () => {
  it('has the fixed parts of the thể thức and the content, in Times New Roman', async () => {
    const { xml, zip } = await documentXml(await exportDocx(sampleReport()))
    for (const text of [
      QUOC_HIEU,
      TIEU_NGU,
      'SỞ NỘI VỤ',
      'ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP',
      'Số: 07/BC-SNV',
      'Đồng Tháp, ngày 18 tháng 9 năm 2025',
      'BÁO CÁO',
      'KT. GIÁM ĐỐC',
      'Nguyễn Thị Ánh Hồng',
      'Nơi nhận:',
      '- Lưu: VT, VP.',
      'I. Tình hình, kết quả giải quyết thủ tục hành chính',
      '2.770',
      'Đơn vị tính: Hồ sơ',
    ]) {
      expect(xml, text).toContain(text)
    }
    expect(xml.indexOf(QUOC_HIEU)).toBeLessThan(xml.indexOf('BÁO CÁO'))
    expect(xml.indexOf('BÁO CÁO')).toBeLessThan(xml.indexOf('Nơi nhận:'))
    expect(xml).toContain('w:ascii="Times New Roman"')
    // A4, margins top/bottom 20 mm, left 30 mm, right 15 mm (twips); first page without page number
    expect(xml).toMatch(/<w:pgSz w:w="11907" w:h="16840"/)
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/)
    expect(xml).toContain('<w:titlePg/>')
    const headers = Object.keys(zip.files).filter((f) => /^word\/header\d+\.xml$/.test(f))
    const headerXml = await Promise.all(headers.map((h) => zip.file(h)!.async('string')))
    expect(headerXml.some((h) => h.includes('PAGE'))).toBe(true)
  })

  it('puts wide tables on landscape pages', async () => {
    const report = sampleReport()
    const { xml } = await documentXml(await exportDocx(report))
    expect(xml).toMatch(/w:orient="landscape"/) // Biểu 01 has 11 printed columns
  })
})
