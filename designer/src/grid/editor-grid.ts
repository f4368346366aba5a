import type { CellProperties } from 'handsontable/settings'
import { DEFAULT_LICENSE_KEY, Handsontable, registerGridModules } from './handsontable.js'

/** What the designer's grid editor shows: text per cell plus a class per cell kind. */
export interface EditorModel {
  colHeaders: string[]
  rowHeaders: string[]
  data: string[][]
  colWidths: number[]
  /** Extra class of a cell (kind, outline level, error). */
  cellClass(row: number, col: number): string
  /** Left padding in px (outline indent of the label column). */
  indent(row: number, col: number): number
}

export interface EditorGridOptions {
  container: HTMLElement
  model: EditorModel
  licenseKey?: string
  /** A cell was typed into or pasted over (text as typed, before any interpretation). */
  onEdit(entries: Array<{ row: number; col: number; text: string }>): void
  onSelect(row: number, col: number): void
  /** Checks the text being typed; an error message is shown next to the cell while typing. */
  check(row: number, col: number, text: string): string | undefined
}

export interface EditorGrid {
  update(model: EditorModel): void
  select(row: number, col: number): void
  destroy(): void
  readonly hot: Handsontable
}

/** The designer's grid editor on Handsontable: every cell editable as text, A1 letters in the headers. */
export function createEditorGrid(opts: EditorGridOptions): EditorGrid {
  registerGridModules()
  let model = opts.model
  const tip = document.createElement('div')
  tip.className = 'rb-formula-tip'
  tip.setAttribute('role', 'alert')
  tip.hidden = true
  opts.container.parentElement?.append(tip)

  const showTip = (row: number, col: number, message: string | undefined): void => {
    if (message === undefined) {
      tip.hidden = true
      tip.textContent = ''
      return
    }
    const td = hot.getCell(row, col)
    const host = opts.container.parentElement
    if (td === null || host === null) return
    const a = td.getBoundingClientRect()
    const b = host.getBoundingClientRect()
    tip.style.left = `${a.left - b.left}px`
    tip.style.top = `${a.bottom - b.top + 2}px`
    tip.textContent = message
    tip.hidden = false
  }

  let detach: (() => void) | undefined
  const hot = new Handsontable(opts.container, {
    licenseKey: opts.licenseKey ?? DEFAULT_LICENSE_KEY,
    themeName: 'ht-theme-main',
    data: model.data,
    colHeaders: model.colHeaders,
    rowHeaders: model.rowHeaders,
    colWidths: model.colWidths,
    rowHeaderWidth: 44,
    height: '100%',
    width: '100%',
    fixedColumnsStart: 2,
    manualColumnResize: true,
    copyPaste: true,
    undo: false,
    wordWrap: false,
    outsideClickDeselects: false,
    autoWrapRow: false,
    maxRows: model.data.length,
    cells(row, col) {
      const meta: Partial<CellProperties> = { className: model.cellClass(row, col) }
      return meta
    },
    afterRenderer(td, row, col) {
      td.dataset.rc = `${row}:${col}`
      const px = model.indent(row, col)
      td.style.paddingLeft = px > 0 ? `${px}px` : ''
    },
    beforeChange(changes) {
      // The editor's own model is replaced after each edit; never let HT write into it.
      const entries: Array<{ row: number; col: number; text: string }> = []
      for (const ch of changes) {
        if (ch === null) continue
        entries.push({
          row: ch[0],
          col: Number(ch[1]),
          text: ch[3] === null || ch[3] === undefined ? '' : String(ch[3]),
        })
      }
      detach?.()
      if (entries.length > 0) queueMicrotask(() => opts.onEdit(entries))
      return false
    },
    afterSelectionEnd(row, col) {
      opts.onSelect(row, col)
    },
    afterBeginEditing(row, col) {
      detach?.()
      const editor = hot.getActiveEditor() as { TEXTAREA?: HTMLTextAreaElement } | undefined
      const area = editor?.TEXTAREA
      if (area === undefined) return
      const onInput = (): void => {
        const msg = opts.check(row, col, area.value)
        area.setAttribute('aria-invalid', msg === undefined ? 'false' : 'true')
        area.classList.toggle('rb-bad-formula', msg !== undefined)
        showTip(row, col, msg)
      }
      area.addEventListener('input', onInput)
      onInput()
      detach = () => {
        area.removeEventListener('input', onInput)
        area.classList.remove('rb-bad-formula')
        showTip(row, col, undefined)
      }
    },
    afterDeselect() {
      detach?.()
    },
    beforeKeyDown(e: KeyboardEvent) {
      if (e.key === 'Escape') detach?.()
    },
  })
  hot.addHook('afterOnCellMouseDown', () => detach?.())
  hot.addHook('afterDestroy', () => tip.remove())

  return {
    hot,
    update(next) {
      detach?.()
      model = next
      hot.updateSettings({
        colHeaders: next.colHeaders,
        rowHeaders: next.rowHeaders,
        colWidths: next.colWidths,
        maxRows: next.data.length,
      })
      hot.updateData(next.data)
    },
    select(row, col) {
      hot.selectCell(row, col)
    },
    destroy() {
      detach?.()
      hot.destroy()
    },
  }
}
