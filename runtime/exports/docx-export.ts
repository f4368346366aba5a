/**
 * .docx in the ND 30/2020 layout: quốc hiệu and tiêu ngữ top right, agency and số/ký hiệu top left, place and
 * date, "BÁO CÁO" with trích yếu, the content, signature block and nơi nhận. Times New Roman, A4, margins
 * top/bottom 20 mm, left 30 mm, right 15 mm; page numbers centred in the header from page 2.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx'
import {
  LANDSCAPE_FROM_COLUMNS,
  type DocCell,
  type DocTable,
  type ReportDocument,
} from './doc-model.js'
import {
  QUOC_HIEU,
  TEN_LOAI_BAO_CAO,
  TIEU_NGU,
  documentNumberLine,
  placeAndDate,
  upperVi,
} from './nd30.js'

const FONT = 'Times New Roman'
const MM = 56.7 // twips per millimetre
const A4 = { width: Math.round(210 * MM), height: Math.round(297 * MM) }
const MARGIN = {
  top: Math.round(20 * MM),
  bottom: Math.round(20 * MM),
  left: Math.round(30 * MM),
  right: Math.round(15 * MM),
}
const BODY_PT = 14
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
}
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const

interface RunStyle {
  bold?: boolean
  italics?: boolean
  size?: number
}
const run = (text: string, s: RunStyle = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: (s.size ?? BODY_PT) * 2,
    ...(s.bold ? { bold: true } : {}),
    ...(s.italics ? { italics: true } : {}),
  })

function line(
  text: string,
  s: RunStyle & {
    align?: 'left' | 'center' | 'right' | 'justify'
    after?: number
    before?: number
  } = {},
) {
  const alignment = {
    left: AlignmentType.LEFT,
    center: AlignmentType.CENTER,
    right: AlignmentType.RIGHT,
    justify: AlignmentType.JUSTIFIED,
  }[s.align ?? 'center']
  return new Paragraph({
    alignment,
    spacing: { before: s.before ?? 0, after: s.after ?? 0 },
    children: [run(text, s)],
  })
}

/** A rule under a title, about `fraction` of the text block wide (ND 30 asks for short rules under names and titles). */
function rule(cellWidth: number, ruleWidth: number) {
  const side = Math.max(0, Math.round((cellWidth - ruleWidth) / 2))
  return new Paragraph({
    spacing: { before: 0, after: 120, line: 120 },
    indent: { left: side, right: side },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 4 })],
  })
}

// Rough width of a text run in twips, to size rules to the text above them (Times New Roman averages ~0.5 em).
const textWidth = (text: string, pt: number) => Math.round(text.length * pt * 20 * 0.5)

function headerBlock(doc: ReportDocument, contentWidth: number): Table {
  const m = doc.meta
  const leftW = Math.round(contentWidth * 0.38)
  const rightW = contentWidth - leftW
  const left: Paragraph[] = []
  if (m.parentAgency !== undefined) left.push(line(upperVi(m.parentAgency), { size: 13 }))
  left.push(line(upperVi(m.agency), { size: 13, bold: true }))
  left.push(rule(leftW, Math.round(leftW * 0.4)))
  left.push(line(documentNumberLine(m.number), { size: 13 }))
  const right: Paragraph[] = [
    line(QUOC_HIEU, { size: 12, bold: true }),
    line(TIEU_NGU, { size: 14, bold: true }),
    rule(rightW, textWidth(TIEU_NGU, 14)),
    line(placeAndDate(m.place, m.date), { size: 14, italics: true }),
  ]
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({
      children,
      width: { size: width, type: WidthType.DXA },
      borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
    })
  return new Table({
    width: { size: contentWidth, type: WidthType.DXA },
    columnWidths: [leftW, rightW],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, leftW), cell(right, rightW)] })],
  })
}

function titleBlock(doc: ReportDocument, contentWidth: number): Paragraph[] {
  return [
    line(TEN_LOAI_BAO_CAO, { bold: true, before: 360 }),
    line(doc.meta.title, { bold: true }),
    rule(contentWidth, Math.min(contentWidth / 3, textWidth(doc.meta.title, BODY_PT) / 2)),
  ]
}

function bodyParagraph(text: string, s: RunStyle = {}) {
  return text.split('\n').map(
    (t) =>
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: Math.round(10 * MM) },
        spacing: { before: 0, after: 120, line: 300 },
        children: [run(t, s)],
      }),
  )
}

function tableCell(c: DocCell, widths: readonly number[], header: boolean, pt: number): TableCell {
  const span = c.colSpan ?? 1
  const width = widths.slice(c.col, c.col + span).reduce((a, b) => a + b, 0)
  const alignment = {
    left: AlignmentType.LEFT,
    center: AlignmentType.CENTER,
    right: AlignmentType.RIGHT,
  }[c.align ?? 'left']
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(span > 1 ? { columnSpan: span } : {}),
    ...((c.rowSpan ?? 1) > 1 ? { rowSpan: c.rowSpan as number } : {}),
    verticalAlign: header ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
    margins: { left: 60, right: 60, top: 20, bottom: 20 },
    ...(c.shaded ? { shading: { fill: 'D9D9D9' } } : {}),
    children: c.text.split('\n').map(
      (t) =>
        new Paragraph({
          alignment,
          ...(c.indent ? { indent: { left: c.indent * 180 } } : {}),
          children: [
            run(t, {
              size: pt,
              ...(c.bold ? { bold: true } : {}),
              ...(c.italic ? { italics: true } : {}),
            }),
          ],
        }),
    ),
  })
}

function dataTable(t: DocTable, contentWidth: number): (Paragraph | Table)[] {
  const total = t.widths.reduce((a, b) => a + b, 0)
  const widths = t.widths.map((w) => Math.floor((w / total) * contentWidth))
  const pt = t.widths.length > LANDSCAPE_FROM_COLUMNS ? 11 : 12
  const rows: TableRow[] = []
  for (let r = 0; r < t.rows; r++) {
    const cells = t.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col)
    rows.push(
      new TableRow({
        tableHeader: r < t.headerRows,
        cantSplit: true,
        children: cells.map((c) => tableCell(c, widths, r < t.headerRows, pt)),
      }),
    )
  }
  const out: (Paragraph | Table)[] = []
  if (t.title !== undefined) out.push(line(t.title, { bold: true, before: 120, after: 60 }))
  if (t.unit !== undefined)
    out.push(line(`Đơn vị tính: ${t.unit}`, { italics: true, align: 'right', size: 12, after: 60 }))
  out.push(
    new Table({
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: {
        top: THIN,
        bottom: THIN,
        left: THIN,
        right: THIN,
        insideHorizontal: THIN,
        insideVertical: THIN,
      },
      rows,
    }),
  )
  out.push(line('', { after: 120 }))
  return out
}

function signatureBlock(doc: ReportDocument, contentWidth: number): Table {
  const m = doc.meta
  const leftW = Math.round(contentWidth * 0.5)
  const rightW = contentWidth - leftW
  const left: Paragraph[] = [
    new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })] }),
  ]
  for (const r of m.recipients ?? []) left.push(new Paragraph({ children: [run(r, { size: 11 })] }))
  const right: Paragraph[] = []
  if (m.signer !== undefined) {
    if (m.signer.authority !== undefined)
      right.push(line(upperVi(m.signer.authority), { bold: true }))
    right.push(line(upperVi(m.signer.position), { bold: true }))
    right.push(
      line(m.signer.signedNote ?? '', {
        italics: true,
        before: 240,
        after: m.signer.signedNote ? 240 : 1200,
      }),
    )
    right.push(line(m.signer.name, { bold: true }))
  }
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({
      children,
      width: { size: width, type: WidthType.DXA },
      borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
    })
  return new Table({
    width: { size: contentWidth, type: WidthType.DXA },
    columnWidths: [leftW, rightW],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cell(left, leftW), cell(right, rightW)] })],
  })
}

const spacer = (twips: number) =>
  new Paragraph({ spacing: { before: 0, after: 0, line: twips }, children: [run('', { size: 2 })] })

const pageNumberHeader = () =>
  new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 26 })],
      }),
    ],
  })

/** Renders the document; tables wider than LANDSCAPE_FROM_COLUMNS columns get landscape sections of their own. */
export async function renderDocx(doc: ReportDocument): Promise<Uint8Array> {
  const portraitWidth = A4.width - MARGIN.left - MARGIN.right
  const landscapeWidth = A4.height - MARGIN.left - MARGIN.right
  const sections: ISectionOptions[] = []
  let children: (Paragraph | Table)[] = [
    headerBlock(doc, portraitWidth),
    ...titleBlock(doc, portraitWidth),
  ]
  const page = (landscape: boolean) => ({
    // docx swaps width and height itself for landscape
    size: {
      width: A4.width,
      height: A4.height,
      ...(landscape ? { orientation: PageOrientation.LANDSCAPE } : {}),
    },
    margin: { ...MARGIN, header: Math.round(10 * MM), footer: Math.round(10 * MM) },
  })
  const flush = (landscape: boolean) => {
    if (children.length === 0) return
    const first = sections.length === 0
    sections.push({
      properties: { page: page(landscape), ...(first ? { titlePage: true } : {}) },
      headers: {
        default: pageNumberHeader(),
        ...(first ? { first: new Header({ children: [] }) } : {}),
      },
      children,
    })
    children = []
  }
  for (const b of doc.blocks) {
    if (b.kind === 'heading') {
      children.push(
        ...bodyParagraph(b.text, { bold: true, ...(b.level >= 2 ? { italics: true } : {}) }),
      )
    } else if (b.kind === 'paragraph') {
      children.push(...bodyParagraph(b.text))
    } else if (b.table.widths.length > LANDSCAPE_FROM_COLUMNS) {
      flush(false)
      children = dataTable(b.table, landscapeWidth)
      flush(true)
    } else {
      children.push(...dataTable(b.table, portraitWidth))
    }
  }
  if (children.length === 0) children.push(...bodyParagraph(''))
  children.push(spacer(240), signatureBlock(doc, portraitWidth))
  flush(false)
  const document = new Document({
    creator: doc.meta.agency,
    title: `${TEN_LOAI_BAO_CAO} ${doc.meta.title}`,
    styles: { default: { document: { run: { font: FONT, size: BODY_PT * 2 } } } },
    sections,
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
