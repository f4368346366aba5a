/**
 * The printable content of a report instance: values formatted as Vietnamese readers expect (1.234,5),
 * narrative items with their embedded figures, and the `ReportDocument` that the .docx and .pdf writers draw.
 */
import {
  cellKey,
  formatCellValue,
  renderNarrativeText,
  type ResolvedCell,
  type ResolvedGridSection,
  type Value,
} from '../../core/index.js'
import type { DocCell, DocTable, ReportDocument } from './doc-model.js'
import { cellAlign, layoutGrid, type LayoutOptions } from './sheet-layout.js'
import type { DocumentMeta, ExportReport } from './types.js'

export const DISPLAY_LOCALE = 'vi-VN'

function cellAt(section: ResolvedGridSection, row: string, col: string): ResolvedCell | undefined {
  const r = section.rowIndex.get(row)
  const c = section.colIndex.get(col)
  return r === undefined || c === undefined
    ? undefined
    : section.cells[r * section.columns.length + c]
}

/** A cell value as printed, e.g. `1.234,5` or `45,7%`, using the column's type and decimals. */
export function displayValue(
  section: ResolvedGridSection,
  cell: ResolvedCell,
  value: Value | undefined,
): string {
  const col = section.columns[section.colIndex.get(cell.col) ?? -1]
  const decimals = cell.decimals ?? col?.decimals
  return formatCellValue(
    value ?? null,
    { type: cell.type, ...(decimals !== undefined ? { decimals } : {}) },
    { locale: DISPLAY_LOCALE },
  )
}

/** The value of an embedded figure `{{main!r1.c3}}` (unqualified refs read the first grid section). */
function figure(report: ExportReport, ref: string): string {
  const m =
    /^(?:([A-Za-z_][A-Za-z0-9_]*)!)?([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref)
  if (m === null) return `{{${ref}}}`
  const sectionId = m[1] ?? report.template.sections.find((s) => s.kind === 'grid')?.id ?? ''
  const section = report.template.sectionIndex.get(sectionId)
  if (section?.kind !== 'grid') return `{{${ref}}}`
  const cell = cellAt(section, m[2] as string, m[3] as string)
  if (cell === undefined) return `{{${ref}}}`
  return displayValue(section, cell, report.values.get(cellKey(sectionId, cell.row, cell.col)))
}

export interface NarrativeLine {
  section: string
  item: string
  number: string
  level: number
  title: string
  /** Fixed text with figures filled in, then the reporter's text; '' for a heading-only item. */
  text: string
}

export function narrativeItems(report: ExportReport): NarrativeLine[] {
  const out: NarrativeLine[] = []
  for (const s of report.template.sections) {
    if (s.kind !== 'narrative') continue
    for (const item of s.items) {
      const parts = [item.text, report.submission.narrative?.[s.id]?.[item.id]]
        .filter((t): t is string => t !== undefined && t.trim() !== '')
        .map((t) => renderNarrativeText(t, (ref) => figure(report, ref)))
      out.push({
        section: s.id,
        item: item.id,
        number: item.number,
        level: item.level,
        title: item.title,
        text: parts.join('\n'),
      })
    }
  }
  return out
}

/** The printed table of a grid section (header, column numbers, rows; system columns left out). */
export function gridTable(
  report: ExportReport,
  section: ResolvedGridSection,
  opts: LayoutOptions & { title?: string } = {},
): DocTable {
  const layout = layoutGrid(section, opts)
  const cells: DocCell[] = layout.header.map((b) => ({ ...b, bold: true, align: 'center' }))
  let row = layout.headerDepth
  if (layout.numbers !== undefined) {
    layout.numbers.forEach((text, col) =>
      cells.push({ row, col, text, italic: true, align: 'center' }),
    )
    row++
  }
  const headerRows = row
  for (const r of layout.rows) {
    const strong = r.kind !== 'data'
    layout.leading.forEach((l, col) => {
      const text =
        l.kind === 'code' ? (r.code ?? '') : l.kind === 'label' ? r.label : (r.unit ?? '')
      cells.push({
        row,
        col,
        text,
        bold: strong,
        align: l.kind === 'label' ? 'left' : 'center',
        ...(l.kind === 'label' && r.level > 0 ? { indent: r.level } : {}),
      })
    })
    for (const col of layout.columns) {
      const cell = cellAt(section, r.id, col.id)
      if (cell === undefined) continue
      const value = cell.kind === 'fixed' ? (cell.value ?? null) : report.values.get(cell.key)
      const labelLike = cell.kind === 'fixed' && cell.value === r.label
      cells.push({
        row,
        col: layout.colPos.get(col.id) as number,
        text: displayValue(section, cell, value),
        bold: strong,
        align: cellAlign(col, labelLike),
        ...(labelLike && r.level > 0 ? { indent: r.level } : {}),
        ...(cell.kind === 'greyed' ? { shaded: true } : {}),
      })
    }
    row++
  }
  return {
    ...(opts.title !== undefined
      ? { title: opts.title }
      : section.title !== undefined
        ? { title: section.title }
        : {}),
    ...(section.unit !== undefined ? { unit: section.unit } : {}),
    widths: layout.widths,
    headerRows,
    rows: row,
    cells,
  }
}

/** Defaults for the thể thức when the caller gives none: the unit as agency, the form name as trích yếu. */
export function documentMeta(report: ExportReport): DocumentMeta {
  return (
    report.document ?? {
      agency: report.unit.name ?? report.unit.code,
      place: '……',
      title: report.template.definition.name,
    }
  )
}

/** Narrative items as headings and paragraphs, grid sections as tables, in the template's order. */
export function buildReportDocument(
  report: ExportReport,
  opts: LayoutOptions = {},
): ReportDocument {
  const blocks: ReportDocument['blocks'] = []
  const narrative = narrativeItems(report)
  const grids = report.template.sections.filter((s) => s.kind === 'grid').length
  for (const s of report.template.sections) {
    if (s.kind === 'narrative') {
      for (const line of narrative.filter((n) => n.section === s.id)) {
        blocks.push({
          kind: 'heading',
          level: line.level,
          text: `${line.number} ${line.title}`.trim(),
        })
        if (line.text !== '') blocks.push({ kind: 'paragraph', text: line.text })
      }
    } else {
      const title = s.title ?? (grids === 1 ? `Biểu số ${report.template.code}` : undefined)
      blocks.push({
        kind: 'table',
        table: gridTable(report, s, { ...opts, ...(title !== undefined ? { title } : {}) }),
      })
    }
  }
  return { meta: documentMeta(report), blocks }
}
