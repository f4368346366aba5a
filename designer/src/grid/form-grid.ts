import type { CellProperties } from 'handsontable/settings'
import type { Scalar } from '../../../core/formula/types.js'
import type { ResolvedCell } from '../../../core/template/types.js'
import type { SheetLayout } from '../form/layout.js'
import { parseInput } from '../form/parse-input.js'
import {
  DEFAULT_LICENSE_KEY,
  Handsontable,
  TextEditor,
  registerEditor,
  registerGridModules,
  textRenderer,
} from './handsontable.js'

export interface CellState {
  severity?: 'error' | 'warning' | 'info'
  message?: string
  /** id of the diagnostic entry in the same shadow root, for aria-describedby. */
  describedBy?: string
}

/** One entry of the grid's right-click menu, for the cell the menu was opened on. */
export interface MenuItem {
  key: string
  name(): string
  disabled(cell: ResolvedCell | undefined): boolean
  run(cell: ResolvedCell): void
}

export interface FormGridOptions {
  container: HTMLElement
  layout: SheetLayout
  licenseKey?: string
  readOnly?: boolean
  /** Current value of a resolved cell, already formatted for display. */
  display(cell: ResolvedCell): string
  /** Raw value for the editor and for copy. */
  raw(cell: ResolvedCell): Scalar
  state(cell: ResolvedCell): CellState | undefined
  /** Keys of the cells with an error now (kept by the caller, so an edit does not scan every cell). */
  errorKeys(): ReadonlySet<string>
  /**
   * Input cells edited by typing, pasting, autofill or undo, values parsed per column type. Called
   * before Handsontable stores and renders the change, so the one render it does afterwards
   * already shows the recomputed formulas; returns every cell key whose value changed.
   */
  onEdit(entries: Array<[ResolvedCell, Scalar]>): readonly string[]
  onSelect?(cell: ResolvedCell | undefined): void
  /** A right-click menu, drawn in `container` (themed, inside the same shadow root as the grid). */
  menu?: { container: HTMLElement; items: readonly MenuItem[] }
}

export interface FormGrid {
  /** Re-reads every value (after a reload); the states of visible cells re-render too. */
  refresh(): void
  /**
   * After an edit in another grid of the sheet: stores the changed cells' values for the editor
   * and copy, and re-renders the visible cells (values and diagnostic states are read at render
   * time, so only the rows on screen cost anything: the grid is virtualised).
   */
  update(keys: readonly string[]): void
  select(gridRow: number, gridCol: number): void
  /** Height of the whole table as laid out (all rows), in px; 0 before the first render. */
  contentHeight(): number
  readonly hot: Handsontable
  destroy(): void
}

const KIND_CLASS: Record<ResolvedCell['kind'], string> = {
  input: 'rb-input',
  formula: 'rb-formula',
  fixed: 'rb-fixed',
  greyed: 'rb-greyed',
}

/** Percent cells edit as `45%` rather than the stored fraction 0.45, as in Excel. */
class SheetEditor extends TextEditor {
  override prepare(
    row: number,
    col: number,
    prop: string | number,
    td: HTMLTableCellElement,
    value: unknown,
    cellProperties: CellProperties,
  ): void {
    const isPercent = (cellProperties as { rbType?: string }).rbType === 'percent'
    const shown =
      isPercent && typeof value === 'number' ? `${Number((value * 100).toPrecision(15))}%` : value
    super.prepare(row, col, prop, td, shown, cellProperties)
  }
}

const SHEET_EDITOR = 'rb-sheet'
let editorRegistered = false

export function createFormGrid(opts: FormGridOptions): FormGrid {
  registerGridModules()
  if (!editorRegistered) {
    registerEditor(SHEET_EDITOR, SheetEditor)
    editorRegistered = true
  }
  const { layout } = opts
  const data = buildData(opts)
  const widths = columnWidths(layout)

  const renderer = (
    instance: Handsontable.Core,
    td: HTMLTableCellElement,
    row: number,
    col: number,
    prop: string | number,
    value: unknown,
    cp: CellProperties,
  ): void => {
    textRenderer(instance, td, row, col, prop, value, cp)
    td.removeAttribute('aria-describedby')
    td.removeAttribute('title')
    delete td.dataset.cell
    delete td.dataset.hint
    td.style.paddingLeft = ''
    if (row < layout.headerCount) return
    const lead = layout.leadAt(col)
    const r = layout.rowAt(row)
    if (lead !== undefined) {
      if (lead === 'label' && r !== undefined) td.style.paddingLeft = `${6 + r.level * 14}px`
      return
    }
    const cell = layout.cellAt(row, col)
    if (cell === undefined) return
    td.dataset.cell = cell.key
    td.textContent = opts.display(cell)
    const hint = td.textContent === '' ? layout.hintAt(row, col) : undefined
    if (hint !== undefined) td.dataset.hint = hint
    const st = opts.state(cell)
    if (st?.severity !== undefined) {
      td.classList.add(`rb-${st.severity}`)
      if (st.message !== undefined) td.title = st.message
      if (st.describedBy !== undefined) td.setAttribute('aria-describedby', st.describedBy)
    }
  }

  const hot = new Handsontable(opts.container, {
    licenseKey: opts.licenseKey ?? DEFAULT_LICENSE_KEY,
    themeName: 'ht-theme-main',
    data,
    colWidths: widths,
    rowHeaders: false,
    colHeaders: false,
    fixedRowsTop: layout.headerCount,
    fixedColumnsStart: layout.frozenCols,
    // Wrapped header texts make rows of different heights, and the frozen overlays must use the
    // same heights as the scrolling table or they drift out of line: AutoRowSize measures them.
    // Only the first rows are measured before the grid shows (all of a 1,000-row form would take
    // about a second); the rest, one line each, are measured in the background.
    autoRowSize: { syncLimit: layout.headerCount + 30 },
    mergeCells: layout.merges,
    height: '100%',
    width: '100%',
    maxRows: layout.rowCount,
    maxCols: layout.colCount,
    minSpareRows: 0,
    autoWrapRow: false,
    autoWrapCol: false,
    enterMoves: { row: 1, col: 0 },
    tabMoves: { row: 0, col: 1 },
    renderAllRows: false,
    manualColumnResize: true,
    copyPaste: true,
    fillHandle: opts.readOnly === true ? false : { autoInsertRow: false },
    undo: true,
    wordWrap: false,
    editor: SHEET_EDITOR,
    renderer,
    cells(row, col) {
      const meta: Partial<CellProperties> & { rbType?: string } = {}
      if (row < layout.headerCount) {
        meta.readOnly = true
        meta.className = 'rb-header'
        return meta
      }
      const lead = layout.leadAt(col)
      if (lead !== undefined) {
        const r = layout.rowAt(row)
        meta.readOnly = true
        meta.className = `rb-lead rb-lead-${lead} rb-row-${r?.kind ?? 'data'}`
        return meta
      }
      const cell = layout.cellAt(row, col)
      if (cell === undefined) return meta
      const r = layout.rowAt(row)
      const numeric = cell.type === 'number' || cell.type === 'integer' || cell.type === 'percent'
      meta.readOnly = opts.readOnly === true || cell.kind !== 'input'
      meta.className = `${KIND_CLASS[cell.kind]} rb-row-${r?.kind ?? 'data'}${numeric ? ' htRight' : ''}`
      meta.rbType = cell.type
      return meta
    },
    beforeChange(changes, source) {
      const entries: Array<[ResolvedCell, Scalar]> = []
      if (source === 'loadData') return
      for (let i = 0; i < changes.length; i++) {
        const ch = changes[i]
        if (ch === null || ch === undefined) continue
        const cell = layout.cellAt(ch[0], Number(ch[1]))
        if (cell === undefined || cell.kind !== 'input' || opts.readOnly === true) {
          changes[i] = null
          continue
        }
        ch[3] = parseInput(ch[3], cell.type)
        entries.push([cell, ch[3] as Scalar])
      }
      if (entries.length > 0) store(opts.onEdit(entries))
    },
    afterSelectionEnd(row, col) {
      opts.onSelect?.(layout.cellAt(row, col))
    },
    ...(opts.menu === undefined || opts.readOnly === true
      ? {}
      : { contextMenu: contextMenu(opts.menu) }),
  })

  function selectedCell(): ResolvedCell | undefined {
    const [row, col] = hot.getSelectedLast() ?? []
    return row === undefined || col === undefined ? undefined : layout.cellAt(row, col)
  }

  function contextMenu(menu: NonNullable<FormGridOptions['menu']>): object {
    // The menu closes on any mousedown on the document whose target is not inside it, and in a
    // shadow root every target reads as the host: stop the menu's own clicks at its container.
    menu.container.addEventListener('mousedown', (e) => e.stopPropagation())
    menu.container.addEventListener('touchstart', (e) => e.stopPropagation())
    return {
      uiContainer: menu.container,
      items: Object.fromEntries(
        menu.items.map((item) => [
          item.key,
          {
            name: () => item.name(),
            disabled: () => item.disabled(selectedCell()),
            callback: () => {
              const cell = selectedCell()
              if (cell !== undefined) item.run(cell)
            },
          },
        ]),
      ),
    }
  }

  function refresh(): void {
    const fresh = buildData(opts)
    // Mutate the bound array in place: loadData would reset selection, undo history and scroll.
    for (let r = 0; r < fresh.length; r++) data[r] = fresh[r]!
    syncValidity()
    hot.render()
  }

  /**
   * Handsontable owns aria-invalid (its base renderer sets it from the `valid` meta on every
   * render), so error cells get `valid: false`; only the cells whose state changed are touched.
   */
  let invalid = new Set<string>()
  const syncValidity = (): void => {
    const next = new Set(opts.errorKeys())
    for (const key of new Set([...invalid, ...next])) {
      const bad = next.has(key)
      if (bad === invalid.has(key)) continue
      const at = cellByKey.get(key)
      if (at !== undefined) hot.setCellMeta(at.gr, at.gc, 'valid', !bad)
    }
    invalid = next
  }
  const cellByKey = new Map<string, { gr: number; gc: number; cell: ResolvedCell }>()
  for (let gr = layout.headerCount; gr < layout.rowCount; gr++) {
    for (let gc = layout.lead.length; gc < layout.colCount; gc++) {
      const cell = layout.cellAt(gr, gc)
      if (cell !== undefined) cellByKey.set(cell.key, { gr, gc, cell })
    }
  }

  /** New values of changed cells for the editor and copy, and the cells' error states. */
  function store(keys: readonly string[]): void {
    for (const key of keys) {
      const at = cellByKey.get(key)
      if (at !== undefined) data[at.gr]![at.gc] = opts.raw(at.cell)
    }
    syncValidity()
  }

  syncValidity()
  hot.render()

  return {
    hot,
    refresh,
    update(keys) {
      store(keys)
      hot.render()
    },
    select(gridRow, gridCol) {
      hot.selectCell(gridRow, gridCol)
    },
    contentHeight() {
      return hot.rootElement.querySelector<HTMLElement>('.ht_master .wtHider')?.offsetHeight ?? 0
    },
    destroy() {
      hot.destroy()
    },
  }

  function buildData(o: FormGridOptions): Scalar[][] {
    const rows: Scalar[][] = []
    for (let gr = 0; gr < layout.rowCount; gr++) {
      const line: Scalar[] = []
      const r = layout.rowAt(gr)
      for (let gc = 0; gc < layout.colCount; gc++) {
        if (r === undefined) {
          line.push(layout.headers[gr]?.[gc] ?? '')
          continue
        }
        const lead = layout.leadAt(gc)
        if (lead !== undefined) {
          line.push(lead === 'code' ? (r.code ?? '') : lead === 'label' ? r.label : (r.unit ?? ''))
          continue
        }
        const cell = layout.cellAt(gr, gc)
        line.push(cell === undefined ? null : o.raw(cell))
      }
      rows.push(line)
    }
    return rows
  }
}

function columnWidths(layout: SheetLayout): number[] {
  const lead = layout.lead.map((l) => (l === 'code' ? 56 : l === 'label' ? 300 : 90))
  const cols = layout.section.columns.map(
    (c) => c.width ?? (c.type === 'text' ? 200 : c.type === 'date' ? 120 : 120),
  )
  return [...lead, ...cols]
}
