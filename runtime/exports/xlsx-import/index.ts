/**
 * Imports an .xlsx as a template: each worksheet with a data table becomes a grid section (header paths from
 * merged cells, column numbers, row codes/labels/units, column types from number formats, formulas rewritten
 * to stable ids, greyed and locked cells), plus the values found in input cells and the cached results of
 * formula cells. Whatever cannot be mapped is returned as a diagnostic naming its `Sheet!A1` place.
 */
import ExcelJS from 'exceljs'
import {
  collectRefs,
  loadTemplate,
  parseFormula,
  rewriteA1,
  type CellKey,
  type FunctionRegistry,
  type ResolvedTemplate,
  type Value,
} from '../../../core/index.js'
import type {
  Cell,
  Column,
  GridSection,
  NarrativeSection,
  PeriodType,
  Row,
  SubmissionDocument,
  TemplateDefinition,
} from '../../../schemas/generated/index.js'
import { columnLetter } from '../a1.js'
import type { FileDiagnostic } from '../types.js'
import { guessColumnType } from './column-type.js'
import { FOOTER, PREAMBLE, detectTable, type TableShape } from './detect-table.js'
import { displayText, readSheet, type Raw, type SheetCell, type SheetGrid } from './read-sheet.js'
import { outlineSection, readOutline } from './narrative-sheet.js'
import { relativeFormula } from './relative.js'

export interface XlsxImportOptions {
  code?: string
  name?: string
  version?: string
  periodType?: PeriodType
  regimeKind?: TemplateDefinition['regimeKind']
  /** Functions the formulas may call (plugin functions included); core's built-ins by default. */
  functions?: FunctionRegistry
}

export interface XlsxImport {
  template: TemplateDefinition
  /** The template resolved by core's loadTemplate, when it loads without errors. */
  resolved?: ResolvedTemplate
  /** Values found in input cells (a prefill for a first report). */
  values: SubmissionDocument['values']
  /** Results the spreadsheet program cached for formula cells, by cell key. */
  cached: Map<CellKey, Value>
  diagnostics: FileDiagnostic[]
}

interface SheetPlan {
  grid: SheetGrid
  shape: TableShape
  section: string
  rowIds: Map<number, string>
  colIds: Map<number, string>
}

const ROW_SENTINEL = 'x_row'
const COL_SENTINEL = 'x_col'

function slug(name: string, taken: Set<string>): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase()
  let id = /^[a-z_]/.test(ascii) ? ascii.slice(0, 40) : `s_${ascii}`.slice(0, 40)
  if (id === '' || id === 's_') id = 'main'
  let out = id
  for (let i = 2; taken.has(out); i++) out = `${id}_${i}`
  taken.add(out)
  return out
}

function toValue(v: Raw | undefined): Value {
  if (v === undefined || v === null) return null
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') return { error: v.error as never }
  return v
}

const isUpperTitle = (s: string) => {
  const letters = s.replace(/[^\p{L}]/gu, '')
  return letters.length >= 6 && letters === letters.toLocaleUpperCase('vi-VN')
}

type HeadingMeta = Partial<Record<'code' | 'name' | 'unit' | 'legal' | 'period' | 'title', string>>

/** Reads the heading lines above the table: code, title, unit, period kind, legal basis. */
function readHeading(
  plan: SheetPlan,
  meta: HeadingMeta,
  diagnostics: FileDiagnostic[],
  consumed: Set<string>,
) {
  const g = plan.grid
  for (let r = 1; r < plan.shape.headerTop; r++) {
    for (const c of g.filled(r)) {
      const text = g.text(r, c)
      const at = g.where(r, c)
      let m: RegExpExecArray | null
      // a bold line at the left just above the header names the table
      const lastLine = r === plan.shape.headerTop - 1 && c === plan.shape.firstCol
      if (lastLine && g.cell(r, c)?.bold === true && !PREAMBLE.test(text)) meta.title = text
      else if ((m = /^biểu\s+(?:số|mẫu)\s*:?\s*(\S+)/i.exec(text)) !== null)
        meta.code ??= (m[1] as string).replace(/[.,;:]+$/, '')
      else if ((m = /^đơn vị tính\s*:\s*(.+)$/i.exec(text)) !== null) meta.unit ??= m[1] as string
      else if ((m = /^ban hành (?:theo|kèm theo)\s+(.+)$/i.exec(text)) !== null)
        meta.legal ??= m[1] as string
      else if ((m = /^kỳ báo cáo\s*:\s*(.*)$/i.exec(text)) !== null) meta.period ??= m[1] as string
      else if (isUpperTitle(text) && !PREAMBLE.test(text) && meta.name === undefined)
        meta.name = text
      else {
        diagnostics.push(
          diag(
            'info',
            'heading-not-mapped',
            at,
            `"${text}" is report-instance or layout text; the template does not keep it`,
          ),
        )
      }
      consumed.add(at)
    }
  }
}

function periodTypeOf(text: string | undefined): PeriodType | undefined {
  if (text === undefined) return undefined
  const t = text.toLowerCase()
  if (/9 tháng|chín tháng/.test(t)) return 'nine-months'
  if (/6 tháng|sáu tháng/.test(t)) return 'half-year'
  if (/quý/.test(t)) return 'quarter'
  if (/tháng/.test(t)) return 'month'
  if (/năm/.test(t)) return 'year'
  return undefined
}

function diag(
  severity: FileDiagnostic['severity'],
  rule: string,
  at: string,
  message: string,
  cell?: { section: string; row?: string; col?: string },
): FileDiagnostic {
  return {
    ruleId: `xlsx/${rule}`,
    severity,
    message: `${at}: ${message}`,
    place: { ...(cell ?? {}) },
    at,
  }
}

function headerPath(g: SheetGrid, shape: TableShape, c: number): string[] {
  const path: string[] = []
  for (let r = shape.headerTop; r <= shape.headerBottom; r++) {
    const m = g.mergeAt(r, c)
    if (m !== undefined && m.top !== r) continue
    const t = g.text(r, c)
    if (t !== '') path.push(t)
  }
  return path
}

function normalizeNumber(text: string): string | undefined {
  const m = /^\(?\s*([0-9]{1,3}|[A-Za-z])\s*\)?$/.exec(text)
  return m === null ? undefined : `(${m[1]})`
}

function levelOf(
  code: string | undefined,
  indent: number,
  useIndent: boolean,
  romanSeen: boolean,
): number {
  if (useIndent) return Math.min(8, indent)
  if (code === undefined || code === '') return 0
  if (/^[IVXLC]+\.?$/.test(code)) return 0
  const dots = /^\d+(\.\d+)*\.?$/.exec(code)
  if (dots !== null)
    return Math.min(8, code.replace(/\.$/, '').split('.').length - 1 + (romanSeen ? 1 : 0))
  if (/^[a-zđ]\)?\.?$/.test(code)) return romanSeen ? 2 : 1
  if (/^[-+*•]$/.test(code)) return romanSeen ? 3 : 2
  return 0
}

/** Reads the workbook. Never throws for content problems: they come back as diagnostics. */
export async function importXlsxTemplate(
  data: Uint8Array,
  opts: XlsxImportOptions = {},
): Promise<XlsxImport> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer)
  const diagnostics: FileDiagnostic[] = []
  const taken = new Set<string>()
  const plans: SheetPlan[] = []
  const narratives: NarrativeSection[] = []
  for (const ws of wb.worksheets) {
    const grid = readSheet(ws)
    if (ws.state !== 'visible') {
      diagnostics.push(
        diag(
          'info',
          'hidden-sheet',
          grid.where(1, 1),
          'the sheet is hidden; it is imported like the others',
        ),
      )
    }
    const outline = readOutline(grid)
    if (outline !== undefined) {
      narratives.push(outlineSection(slug(ws.name, taken), ws.name, outline))
      for (const it of outline) {
        if (it.text !== '') {
          diagnostics.push(
            diag(
              'info',
              'narrative-text',
              grid.where(it.row, 3),
              'the text is report content; the item becomes one the reporter writes',
            ),
          )
        }
      }
      continue
    }
    const shape = detectTable(grid)
    if (shape === undefined) {
      if (grid.maxRow > 0)
        diagnostics.push(
          diag(
            'warning',
            'no-table',
            grid.where(1, 1),
            'no data table found (a header row followed by rows); the sheet is not imported',
          ),
        )
      continue
    }
    const section = slug(wb.worksheets.length === 1 ? 'main' : ws.name, taken)
    const rowIds = new Map<number, string>()
    for (let r = shape.firstDataRow; r <= shape.lastDataRow; r++)
      rowIds.set(r, `r${r - shape.firstDataRow + 1}`)
    const colIds = new Map<number, string>()
    for (let c = shape.firstCol; c <= shape.lastCol; c++)
      colIds.set(c, `c${c - shape.firstCol + 1}`)
    plans.push({ grid, shape, section, rowIds, colIds })
  }
  const bySheet = new Map(plans.map((p) => [p.grid.name.toLowerCase(), p]))
  const meta: HeadingMeta = {}
  const values: SubmissionDocument['values'] = {}
  const cached = new Map<CellKey, Value>()
  const sections: GridSection[] = []

  const gridOf = (p: SheetPlan) => {
    const rows: string[] = []
    const cols: string[] = []
    for (let r = 1; r <= Math.max(p.grid.maxRow, p.shape.lastDataRow); r++)
      rows.push(p.rowIds.get(r) ?? `${ROW_SENTINEL}${r}`)
    for (let c = 1; c <= Math.max(p.grid.maxCol, p.shape.lastCol); c++)
      cols.push(p.colIds.get(c) ?? `${COL_SENTINEL}${columnLetter(c)}`)
    return { rowIds: rows, colIds: cols }
  }
  const grids = new Map(plans.map((p) => [p, gridOf(p)]))

  /** A1 formula of a cell -> canonical formula of its section, or the reason it cannot be mapped. */
  const rewrite = (
    p: SheetPlan,
    formula: string,
  ): { ok: true; formula: string } | { ok: false; reason: string } => {
    let src = formula
    // references to other sheets: rewrite each with that sheet's grid first
    const qualified =
      /(?:'((?:[^']|'')+)'|([A-Za-z_\u00C0-\u1EF9][\w.\u00C0-\u1EF9]*))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)/g
    let failure: string | undefined
    src = src.replace(/"(?:[^"]|"")*"|[^"]+/g, (chunk) =>
      chunk.startsWith('"')
        ? chunk
        : chunk.replace(
            qualified,
            (whole, quoted: string | undefined, bare: string | undefined, ref: string) => {
              const name = (quoted ?? bare ?? '').replace(/''/g, "'")
              const other = bySheet.get(name.toLowerCase())
              if (other === undefined) {
                failure ??= `${whole} refers to sheet "${name}", which has no imported table`
                return whole
              }
              const r = rewriteA1(ref, {
                ...(grids.get(other) as ReturnType<typeof gridOf>),
                section: other.section,
              })
              if (!r.ok) {
                failure ??= `${whole}: ${r.error.message}`
                return whole
              }
              return r.formula
            },
          ),
    )
    if (failure !== undefined) return { ok: false, reason: failure }
    const r = rewriteA1(src, grids.get(p) as ReturnType<typeof gridOf>)
    if (!r.ok) return { ok: false, reason: r.error.message }
    const parsed = parseFormula(r.formula)
    if (!parsed.ok) return { ok: false, reason: parsed.error.message }
    const refs = collectRefs(parsed.ast)
    const outside = [...refs.cells, ...refs.ranges.flatMap((x) => [x.from, x.to])].find(
      (c) => c.row.startsWith(ROW_SENTINEL) || c.col.startsWith(COL_SENTINEL),
    )
    if (outside !== undefined) {
      const where = outside.row.startsWith(ROW_SENTINEL)
        ? `row ${outside.row.slice(ROW_SENTINEL.length)}`
        : `column ${outside.col.slice(COL_SENTINEL.length)}`
      return {
        ok: false,
        reason: `it refers to ${where}, outside the data area (header, labels or notes)`,
      }
    }
    return { ok: true, formula: r.formula.replace(/^=/, '') }
  }

  for (const p of plans) {
    const { grid: g, shape, section } = p
    const consumed = new Set<string>()
    readHeading(p, meta, diagnostics, consumed)
    const roleCol = (role: string) => [...shape.roles.entries()].find(([, r]) => r === role)?.[0]
    const codeCol = roleCol('code')
    const labelCol = roleCol('label')
    const unitCol = roleCol('unit')
    if (labelCol === undefined)
      diagnostics.push(
        diag(
          'warning',
          'no-label-column',
          g.where(shape.headerBottom, shape.firstCol),
          'no column of row labels found; rows are labelled by their code',
        ),
      )
    const dataCols = [...p.colIds.keys()]
    // STT, label and unit columns stay columns of the form (text, fixed per row), as the official forms print them
    const roleOf = (c: number) => shape.roles.get(c) ?? 'data'
    // columns
    const columns: Column[] = dataCols.map((c) => {
      const id = p.colIds.get(c) as string
      const path = headerPath(g, shape, c)
      const cells: SheetCell[] = []
      for (let r = shape.firstDataRow; r <= shape.lastDataRow; r++) {
        const cell = g.cell(r, c)
        if (cell !== undefined) cells.push(cell)
      }
      const guess: ReturnType<typeof guessColumnType> =
        roleOf(c) === 'data'
          ? guessColumnType(
              cells.map((x) => ({
                ...(x.numFmt !== undefined ? { numFmt: x.numFmt } : {}),
                value: x.formula !== undefined ? (x.result ?? null) : x.value,
              })),
            )
          : { type: 'text' }
      const col: Column = {
        id,
        header: path.length > 0 ? path.slice(0, 5) : [`Cột ${columnLetter(c)}`],
        type: guess?.type ?? 'number',
      }
      if (path.length === 0)
        diagnostics.push(
          diag(
            'warning',
            'no-header',
            g.where(shape.headerTop, c),
            `column ${columnLetter(c)} has no header text; named "${col.header[0]}"`,
            { section, col: id },
          ),
        )
      if (path.length > 5)
        diagnostics.push(
          diag(
            'warning',
            'header-too-deep',
            g.where(shape.headerTop, c),
            `the header has ${path.length} levels; the template keeps 5`,
            { section, col: id },
          ),
        )
      if (guess === undefined)
        diagnostics.push(
          diag(
            'info',
            'type-guessed',
            g.where(shape.firstDataRow, c),
            `nothing shows the type of column ${columnLetter(c)}; it is taken as number`,
            { section, col: id },
          ),
        )
      if (guess?.decimals !== undefined) col.decimals = guess.decimals
      if (shape.numberRow !== undefined) {
        const n = normalizeNumber(g.text(shape.numberRow, c))
        if (n !== undefined) col.number = n
      }
      const validation = cells.find((x) => x.validation !== undefined)?.validation
      if (validation?.type === 'list') {
        const list = /^"(.*)"$/.exec(String(validation.formulae?.[0] ?? ''))
        if (list !== null) {
          col.type = 'choice'
          col.choices = (list[1] as string).split(',')
        } else
          diagnostics.push(
            diag(
              'warning',
              'validation-not-mapped',
              g.where(shape.firstDataRow, c),
              `the list validation "${String(validation.formulae?.[0])}" reads a range; choices are not imported`,
              { section, col: id },
            ),
          )
      } else if (
        validation !== undefined &&
        (validation.type === 'decimal' || validation.type === 'whole')
      ) {
        const [a, b] = (validation.formulae ?? []).map(Number)
        if (validation.operator === 'between' && a !== undefined && b !== undefined) {
          col.min = a
          col.max = b
        } else if (validation.operator === 'greaterThanOrEqual' && a !== undefined) col.min = a
        else if (validation.operator === 'lessThanOrEqual' && a !== undefined) col.max = a
        else
          diagnostics.push(
            diag(
              'warning',
              'validation-not-mapped',
              g.where(shape.firstDataRow, c),
              `the ${validation.type} validation "${validation.operator ?? ''}" is not imported`,
              { section, col: id },
            ),
          )
      }
      return col
    })
    // rows and cells
    const useIndent =
      labelCol !== undefined &&
      [...p.rowIds.keys()].some((r) => (g.cell(r, labelCol)?.indent ?? 0) > 0)
    let romanSeen = false
    const perCell = new Map<string, Map<string, string>>() // col id -> row id -> canonical formula
    const rows: Row[] = []
    for (const [r, rowId] of p.rowIds) {
      const code = codeCol !== undefined ? g.text(r, codeCol) : ''
      if (/^[IVXLC]+\.?$/.test(code)) romanSeen = true
      const label = labelCol !== undefined ? g.text(r, labelCol) : code
      const row: Row = { id: rowId, label }
      if (code !== '') row.code = code
      const unit = unitCol !== undefined ? g.text(r, unitCol) : ''
      if (unit !== '') row.unit = unit
      const level = levelOf(
        code,
        labelCol !== undefined ? (g.cell(r, labelCol)?.indent ?? 0) : 0,
        useIndent,
        romanSeen,
      )
      if (level > 0) row.level = level
      const labelMerge = labelCol !== undefined ? g.mergeAt(r, labelCol) : undefined
      if (
        labelMerge !== undefined &&
        dataCols.length > 0 &&
        labelMerge.right >= (dataCols[dataCols.length - 1] as number)
      )
        row.kind = 'heading'
      const overrides: Record<string, Cell> = {}
      for (const c of dataCols) {
        if (row.kind === 'heading') break
        const colId = p.colIds.get(c) as string
        const column = columns.find((x) => x.id === colId) as Column
        const at = g.where(r, c)
        const place = { section, row: rowId, col: colId }
        const m = g.mergeAt(r, c)
        if (m !== undefined && (m.top !== r || m.left !== c)) {
          diagnostics.push(
            diag(
              'warning',
              'merged-data-cell',
              at,
              'the cell is merged into another one; it is imported as an empty input',
              place,
            ),
          )
          continue
        }
        if (m !== undefined)
          diagnostics.push(
            diag(
              'warning',
              'merged-data-cell',
              at,
              `the merge ${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom} inside the table is not kept`,
              place,
            ),
          )
        const cell = g.cell(r, c)
        if (cell === undefined) continue
        if (roleOf(c) !== 'data' && cell.formula === undefined) {
          const text = g.text(r, c)
          if (text !== '') overrides[colId] = { kind: 'fixed', value: text }
          continue
        }
        if (cell.formula !== undefined) {
          const key = `${section}!${rowId}.${colId}`
          cached.set(key, toValue(cell.result))
          const rw = rewrite(p, cell.formula)
          if (rw.ok) {
            if (!perCell.has(colId)) perCell.set(colId, new Map())
            ;(perCell.get(colId) as Map<string, string>).set(rowId, rw.formula)
          } else {
            diagnostics.push(
              diag(
                'error',
                'formula-not-mapped',
                at,
                `=${cell.formula} cannot be kept: ${rw.reason}; the cell becomes an input holding its cached value`,
                place,
              ),
            )
            const v = toValue(cell.result)
            if (v !== null && typeof v !== 'object')
              ((values[section] ??= {})[rowId] ??= {})[colId] = v
          }
          continue
        }
        const v = toValue(cell.value)
        const numeric =
          column.type === 'number' || column.type === 'integer' || column.type === 'percent'
        if (cell.grey) {
          overrides[colId] =
            v === null
              ? { kind: 'greyed' }
              : { kind: 'fixed', value: v as string | number | boolean }
        } else if (g.protected && cell.locked && v !== null) {
          overrides[colId] = { kind: 'fixed', value: v as string | number | boolean }
        } else if (v !== null && typeof v === 'object') {
          diagnostics.push(
            diag(
              'warning',
              'error-value',
              at,
              `the error value ${displayText(cell.value)} is not imported`,
              place,
            ),
          )
        } else if (numeric && typeof v === 'string') {
          overrides[colId] = { kind: 'fixed', value: v }
          diagnostics.push(
            diag(
              'info',
              'text-in-number-column',
              at,
              `"${v}" in a number column is kept as fixed text`,
              place,
            ),
          )
        } else if (v !== null) {
          ;((values[section] ??= {})[rowId] ??= {})[colId] = v
        }
      }
      if (Object.keys(overrides).length > 0) row.cells = overrides
      rows.push(row)
      for (const c of [codeCol, labelCol, unitCol]) if (c !== undefined) consumed.add(g.where(r, c))
    }
    // formulas: column-wide where every row agrees, row-wide where every numeric cell of a row agrees (a row
    // formula wins over a column formula in core's resolution), else per cell
    const bodyRows = rows.filter((x) => x.kind !== 'heading')
    for (const col of columns) {
      const byRow = perCell.get(col.id)
      if (byRow === undefined || byRow.size !== bodyRows.length || byRow.size < 2) continue
      const rel = new Set(
        [...byRow].map(([rowId, f]) => relativeFormula(f, section, { row: rowId })),
      )
      const only = [...rel][0]
      if (rel.size === 1 && only !== undefined && only.includes('@')) col.formula = `=${only}`
    }
    const isNumeric = (c: Column) =>
      c.type === 'number' || c.type === 'integer' || c.type === 'percent'
    const numeric = columns.filter(isNumeric)
    for (const row of bodyRows) {
      const rel = new Set(
        numeric.map((c) => {
          const f = perCell.get(c.id)?.get(row.id)
          return f === undefined ? undefined : relativeFormula(f, section, { col: c.id })
        }),
      )
      const only = [...rel][0]
      const rowWide =
        numeric.length >= 2 && rel.size === 1 && only !== undefined && only.includes('@')
      if (rowWide) row.formula = `=${only}`
      for (const c of columns) {
        const f = perCell.get(c.id)?.get(row.id)
        if (f === undefined || (rowWide && isNumeric(c))) continue
        const columnWide =
          c.formula !== undefined &&
          relativeFormula(f, section, { row: row.id }) === c.formula.slice(1)
        if (!columnWide)
          row.cells = { ...(row.cells ?? {}), [c.id]: { kind: 'formula', formula: `=${f}` } }
      }
    }
    // what is left on the sheet and was not read
    for (let r = 1; r <= g.maxRow; r++) {
      const inTable = r >= shape.headerTop && r <= shape.lastDataRow
      if (r < shape.headerTop) continue
      for (const c of g.filled(r)) {
        if (inTable && c >= shape.firstCol && c <= shape.lastCol) continue
        const at = g.where(r, c)
        if (consumed.has(at)) continue
        const text = g.text(r, c)
        const rule = FOOTER.test(text) ? 'footer-not-mapped' : 'cell-not-mapped'
        diagnostics.push(
          diag(
            'info',
            rule,
            at,
            `"${text}" lies outside the table and is not part of the template`,
          ),
        )
      }
    }
    const gs: GridSection = {
      kind: 'grid',
      id: section,
      title: meta.title ?? g.name,
      columns,
      rows,
    }
    delete meta.title
    if (meta.unit !== undefined && sections.every((s) => s.unit !== meta.unit)) gs.unit = meta.unit
    sections.push(gs)
    delete meta.unit
  }
  const code =
    (opts.code ?? meta.code ?? wb.worksheets[0]?.name ?? 'IMPORTED').replace(/['!]/g, '-').trim() ||
    'IMPORTED'
  const periodType = opts.periodType ?? periodTypeOf(meta.period) ?? 'none'
  const template: TemplateDefinition = {
    code,
    name: opts.name ?? meta.name ?? code,
    version: opts.version ?? '1.0',
    status: 'draft',
    regimeKind: opts.regimeKind ?? (periodType === 'none' ? 'dot-xuat' : 'dinh-ky'),
    periodType,
    formKind: narratives.length === 0 ? 'numeric' : sections.length === 0 ? 'narrative' : 'linked',
    ...(meta.legal !== undefined ? { legalBasis: [meta.legal] } : {}),
    sections: [...sections, ...narratives] as TemplateDefinition['sections'],
  }
  if (sections.length === 0 && narratives.length === 0) {
    diagnostics.push(diag('error', 'no-table', 'workbook', 'no worksheet holds a data table'))
    return { template, values, cached, diagnostics }
  }
  const loaded = loadTemplate(
    template,
    opts.functions !== undefined ? { functions: opts.functions } : {},
  )
  if (!loaded.ok) {
    for (const d of loaded.diagnostics)
      diagnostics.push({ ...d, ruleId: d.ruleId, at: d.place.pointer ?? 'template' })
    return { template, values, cached, diagnostics }
  }
  return { template, resolved: loaded.template, values, cached, diagnostics }
}
