/**
 * .pdf in the same ND 30/2020 layout as the .docx (see docx-export.ts), drawn with pdfkit. Fonts are TTF files
 * with Vietnamese coverage found by `resolvePdfFonts` (pdfkit's built-in fonts cannot print Vietnamese).
 */
import PDFDocument from 'pdfkit'
import { LANDSCAPE_FROM_COLUMNS, type DocTable, type ReportDocument } from './doc-model.js'
import {
  QUOC_HIEU,
  TEN_LOAI_BAO_CAO,
  TIEU_NGU,
  documentNumberLine,
  placeAndDate,
  upperVi,
} from './nd30.js'
import { resolvePdfFonts, type PdfFontSet } from './pdf-font.js'

const MM = 72 / 25.4
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM }
const BODY_PT = 14
type Pdf = PDFKit.PDFDocument
type FontName = 'R' | 'B' | 'I' | 'BI'
type Align = 'left' | 'center' | 'right' | 'justify'

const fontOf = (bold?: boolean, italic?: boolean): FontName =>
  bold ? (italic ? 'BI' : 'B') : italic ? 'I' : 'R'

function contentWidth(pdf: Pdf): number {
  return pdf.page.width - MARGINS.left - MARGINS.right
}

function bottom(pdf: Pdf): number {
  return pdf.page.height - MARGINS.bottom
}

/** Writes centred (or aligned) text in a box and returns the y below it. */
function textAt(
  pdf: Pdf,
  text: string,
  x: number,
  y: number,
  width: number,
  font: FontName,
  size: number,
  align: Align = 'center',
): number {
  pdf.font(font).fontSize(size).text(text, x, y, { width, align })
  return pdf.y
}

function ruleAt(pdf: Pdf, centreX: number, y: number, width: number): void {
  pdf
    .save()
    .lineWidth(0.6)
    .moveTo(centreX - width / 2, y)
    .lineTo(centreX + width / 2, y)
    .stroke()
    .restore()
}

function headerBlock(pdf: Pdf, doc: ReportDocument): void {
  const m = doc.meta
  const cw = contentWidth(pdf)
  const leftW = cw * 0.38
  const rightW = cw - leftW
  const lx = MARGINS.left
  const rx = MARGINS.left + leftW
  let ly = MARGINS.top
  if (m.parentAgency !== undefined)
    ly = textAt(pdf, upperVi(m.parentAgency), lx, ly, leftW, 'R', 13)
  ly = textAt(pdf, upperVi(m.agency), lx, ly, leftW, 'B', 13)
  ruleAt(pdf, lx + leftW / 2, ly + 2, leftW * 0.4)
  ly = textAt(pdf, documentNumberLine(m.number), lx, ly + 8, leftW, 'R', 13)
  let ry = textAt(pdf, QUOC_HIEU, rx, MARGINS.top, rightW, 'B', 12)
  ry = textAt(pdf, TIEU_NGU, rx, ry, rightW, 'B', 14)
  ruleAt(pdf, rx + rightW / 2, ry + 2, pdf.font('B').fontSize(14).widthOfString(TIEU_NGU))
  ry = textAt(pdf, placeAndDate(m.place, m.date), rx, ry + 8, rightW, 'I', 14)
  let y = Math.max(ly, ry) + 18
  y = textAt(pdf, TEN_LOAI_BAO_CAO, MARGINS.left, y, cw, 'B', BODY_PT)
  y = textAt(pdf, m.title, MARGINS.left, y, cw, 'B', BODY_PT)
  ruleAt(pdf, MARGINS.left + cw / 2, y + 2, Math.min(cw / 3, pdf.widthOfString(m.title) / 2))
  pdf.x = MARGINS.left
  pdf.y = y + 14
}

function paragraph(pdf: Pdf, text: string, font: FontName): void {
  pdf.font(font).fontSize(BODY_PT)
  for (const line of text.split('\n')) {
    pdf.text(line, MARGINS.left, pdf.y, {
      width: contentWidth(pdf),
      align: 'justify',
      indent: 10 * MM,
      lineGap: 2,
      paragraphGap: 6,
    })
  }
}

function addPage(pdf: Pdf, landscape: boolean): void {
  pdf.addPage({ size: 'A4', layout: landscape ? 'landscape' : 'portrait', margins: MARGINS })
}

function drawTable(pdf: Pdf, t: DocTable): void {
  const cw = contentWidth(pdf)
  const total = t.widths.reduce((a, b) => a + b, 0)
  const widths = t.widths.map((w) => (w / total) * cw)
  const xs = widths.reduce<number[]>(
    (acc, w, i) => [...acc, (acc[i] as number) + w],
    [MARGINS.left],
  )
  const pt = t.widths.length > LANDSCAPE_FROM_COLUMNS ? 10 : 11
  const pad = 3
  const spanWidth = (col: number, span: number) => (xs[col + span] as number) - (xs[col] as number)
  const heights = Array.from({ length: t.rows }, () => pt * 1.25 + 2 * pad)
  const needed = (c: DocTable['cells'][number]) => {
    pdf.font(fontOf(c.bold, c.italic)).fontSize(pt)
    return (
      pdf.heightOfString(c.text === '' ? ' ' : c.text, {
        width: spanWidth(c.col, c.colSpan ?? 1) - 2 * pad - (c.indent ?? 0) * 8,
      }) +
      2 * pad
    )
  }
  for (const c of [...t.cells].sort((a, b) => (a.rowSpan ?? 1) - (b.rowSpan ?? 1))) {
    const span = c.rowSpan ?? 1
    const have = heights.slice(c.row, c.row + span).reduce((a, b) => a + b, 0)
    const need = needed(c)
    const last = c.row + span - 1
    if (need > have) heights[last] = (heights[last] as number) + need - have
  }
  const rowTop = (from: number, y: number, r: number) =>
    y + heights.slice(from, r).reduce((a, b) => a + b, 0)
  const drawRows = (from: number, to: number, y: number) => {
    for (const c of t.cells) {
      if (c.row < from || c.row >= to) continue
      const x = xs[c.col] as number
      const w = spanWidth(c.col, c.colSpan ?? 1)
      const top = rowTop(from, y, c.row)
      const h = heights.slice(c.row, c.row + (c.rowSpan ?? 1)).reduce((a, b) => a + b, 0)
      if (c.shaded) pdf.save().rect(x, top, w, h).fill('#D9D9D9').restore()
      pdf.save().lineWidth(0.5).rect(x, top, w, h).stroke().restore()
      const inner = w - 2 * pad - (c.indent ?? 0) * 8
      pdf.font(fontOf(c.bold, c.italic)).fontSize(pt)
      const th = pdf.heightOfString(c.text === '' ? ' ' : c.text, { width: inner })
      const ty = c.row < t.headerRows ? top + (h - th) / 2 : top + pad
      pdf.fillColor('black').text(c.text, x + pad + (c.indent ?? 0) * 8, ty, {
        width: inner,
        align: c.align ?? 'left',
        lineBreak: true,
      })
    }
    return rowTop(from, y, to)
  }
  const headerHeight = heights.slice(0, t.headerRows).reduce((a, b) => a + b, 0)
  let y = pdf.y
  if (t.title !== undefined) y = textAt(pdf, t.title, MARGINS.left, y + 4, cw, 'B', BODY_PT - 1)
  if (t.unit !== undefined)
    y = textAt(pdf, `Đơn vị tính: ${t.unit}`, MARGINS.left, y + 2, cw, 'I', 12, 'right')
  if (y + headerHeight + (heights[t.headerRows] ?? 0) > bottom(pdf)) {
    addPage(pdf, pdf.page.width > pdf.page.height)
    y = MARGINS.top
  }
  y = drawRows(0, t.headerRows, y + 2)
  for (let r = t.headerRows; r < t.rows; r++) {
    if (y + (heights[r] as number) > bottom(pdf)) {
      addPage(pdf, pdf.page.width > pdf.page.height)
      y = drawRows(0, t.headerRows, MARGINS.top)
    }
    y = drawRows(r, r + 1, y)
  }
  pdf.x = MARGINS.left
  pdf.y = y + 10
}

function signatureBlock(pdf: Pdf, doc: ReportDocument): void {
  const m = doc.meta
  const cw = contentWidth(pdf)
  const half = cw / 2
  const recipients = m.recipients ?? []
  const need = Math.max(40 + recipients.length * 14, 130)
  if (pdf.y + need > bottom(pdf)) addPage(pdf, false)
  const y0 = pdf.y + 8
  let ly = textAt(pdf, 'Nơi nhận:', MARGINS.left, y0, half, 'BI', 12, 'left')
  for (const r of recipients) ly = textAt(pdf, r, MARGINS.left, ly, half, 'R', 11, 'left')
  let ry = y0
  const rx = MARGINS.left + half
  if (m.signer !== undefined) {
    if (m.signer.authority !== undefined)
      ry = textAt(pdf, upperVi(m.signer.authority), rx, ry, half, 'B', BODY_PT)
    ry = textAt(pdf, upperVi(m.signer.position), rx, ry, half, 'B', BODY_PT)
    ry =
      m.signer.signedNote !== undefined
        ? textAt(pdf, m.signer.signedNote, rx, ry + 14, half, 'I', BODY_PT) + 14
        : ry + 64
    ry = textAt(pdf, m.signer.name, rx, ry, half, 'B', BODY_PT)
  }
  pdf.y = Math.max(ly, ry)
}

function numberPages(pdf: Pdf): void {
  const range = pdf.bufferedPageRange()
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    pdf.switchToPage(i)
    pdf
      .font('R')
      .fontSize(13)
      .text(String(i + 1), 0, MARGINS.top / 2 - 4, {
        width: pdf.page.width,
        align: 'center',
        lineBreak: false,
      })
  }
}

/** Renders the document to PDF bytes; throws (with install advice) when no Vietnamese-capable font is found. */
export async function renderPdf(
  doc: ReportDocument,
  opts: { fonts?: Partial<PdfFontSet>; createdAt?: Date } = {},
): Promise<Uint8Array> {
  const fonts = resolvePdfFonts(opts.fonts)
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    info: {
      Title: `${TEN_LOAI_BAO_CAO} ${doc.meta.title}`,
      Author: doc.meta.agency,
      CreationDate: opts.createdAt ?? new Date(),
    },
    lang: 'vi-VN',
  })
  const chunks: Buffer[] = []
  pdf.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve())
    pdf.on('error', reject)
  })
  pdf.registerFont('R', fonts.regular)
  pdf.registerFont('B', fonts.bold)
  pdf.registerFont('I', fonts.italic)
  pdf.registerFont('BI', fonts.boldItalic)
  headerBlock(pdf, doc)
  let landscape = false
  for (const b of doc.blocks) {
    const wide = b.kind === 'table' && b.table.widths.length > LANDSCAPE_FROM_COLUMNS
    if (wide !== landscape) {
      addPage(pdf, wide)
      landscape = wide
    }
    if (b.kind === 'heading') paragraph(pdf, b.text, b.level >= 2 ? 'BI' : 'B')
    else if (b.kind === 'paragraph') paragraph(pdf, b.text, 'R')
    else drawTable(pdf, b.table)
  }
  if (landscape) addPage(pdf, false)
  signatureBlock(pdf, doc)
  numberPages(pdf)
  pdf.end()
  await done
  return new Uint8Array(Buffer.concat(chunks))
}
