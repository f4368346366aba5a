import { LitElement, css, html, nothing, unsafeCSS } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Diagnostic } from '../../../core/index.js'
import type {
  Cell,
  Column,
  GridSection,
  Row,
  TemplateDefinition,
} from '../../../schemas/generated/index.js'
import { checkFormula, type A1Context } from '../designer/formula-check.js'
import type { Patch } from '../designer/patch.js'
import * as ops from '../designer/template-ops.js'
import { createEditorGrid, type EditorGrid, type EditorModel } from '../grid/editor-grid.js'
import { DEFAULT_LICENSE_KEY, gridCss } from '../grid/handsontable.js'
import { getLocale, t, type MessageId } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { checkField, fieldStyles, numberField, selectField, textField } from './fields.js'
import './rb-formula-input.js'

const LEAD = 2
const COLUMN_TYPES = ['number', 'integer', 'percent', 'text', 'date', 'choice'] as const
const ROW_KINDS = ['data', 'total', 'heading'] as const
const CELL_KINDS = ['input', 'formula', 'fixed', 'greyed'] as const
const AGGREGATES = ['sum', 'avg', 'min', 'max', 'count', 'none'] as const

/** Excel column letters: 0 -> A, 26 -> AA. */
export function columnLetters(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/**
 * Edits one grid section: rows (STT, label, outline level, kind), columns (header path, type,
 * unit, decimals, column formula) and cell overrides. Formulas may be typed Excel-style in the
 * grid (`=B1/A1`); they are rewritten to stable ids, and a syntax or reference error is shown
 * next to the cell while typing. Emits `definition-change` with `{ definition, group }`.
 */
@customElement('rb-grid-editor')
export class RbGridEditor extends LitElement {
  static override styles = [
    ...gridCss.map((c) => unsafeCSS(c)),
    fieldStyles,
    css`
      :host {
        display: block;
        font-size: 14px;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 320px;
        gap: 0.8rem;
      }
      .grid-wrap {
        position: relative;
        height: 420px;
        border: 1px solid #d0d7de;
      }
      .grid {
        width: 100%;
        height: 100%;
      }
      .panel {
        border: 1px solid #d0d7de;
        border-radius: 6px;
        padding: 0.6rem;
        max-height: 640px;
        overflow: auto;
      }
      .panel h4 {
        margin: 0.6rem 0 0.3rem;
        font-size: 0.95rem;
        border-bottom: 1px solid #eee;
      }
      .hint {
        color: #555;
        font-size: 0.85rem;
      }
      .section-props {
        display: flex;
        gap: 0.8rem;
        flex-wrap: wrap;
        align-items: end;
      }
      .rb-formula-tip {
        position: absolute;
        z-index: 300;
        background: #c62828;
        color: #fff;
        padding: 2px 6px;
        border-radius: 3px;
        font-size: 0.8rem;
        max-width: 360px;
        pointer-events: none;
      }
      .handsontable td.k-formula {
        background: #f1f6ee;
        color: #1f4d1a;
        font-family: ui-monospace, monospace;
        font-size: 12px;
      }
      .handsontable td.k-inherited {
        color: #5b7f57;
        font-style: italic;
      }
      .handsontable td.k-fixed {
        background: #fafbfc;
      }
      .handsontable td.k-greyed {
        background: repeating-linear-gradient(
          135deg,
          #e6e8eb,
          #e6e8eb 4px,
          #f3f4f6 4px,
          #f3f4f6 8px
        );
      }
      .handsontable td.k-total {
        font-weight: 600;
      }
      .handsontable td.k-heading {
        font-style: italic;
        font-weight: 600;
      }
      .handsontable td.k-error {
        box-shadow: inset 0 0 0 2px #c62828;
        background: #fdecea;
      }
      textarea.rb-bad-formula {
        outline: 2px solid #c62828 !important;
        background: #fff7f7 !important;
      }
    `,
  ]

  @property({ attribute: false }) definition?: TemplateDefinition
  @property() sectionId = ''
  @property({ attribute: false }) diagnostics: readonly Diagnostic[] = []
  @property({ attribute: 'license-key' }) licenseKey = DEFAULT_LICENSE_KEY
  @state() private sel: { row: number; col: number } = { row: 0, col: LEAD }

  private readonly locale = new LocaleController(this)
  private grid: EditorGrid | undefined
  private shown: unknown[] = []

  private get section(): GridSection | undefined {
    return this.definition === undefined ? undefined : ops.gridOf(this.definition, this.sectionId)
  }

  private get a1(): A1Context | undefined {
    const s = this.section
    return s === undefined
      ? undefined
      : { rowIds: s.rows.map((r) => r.id), colIds: s.columns.map((c) => c.id) }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.grid?.destroy()
    this.grid = undefined
    this.shown = []
  }

  protected override updated(): void {
    const s = this.section
    if (s === undefined) {
      this.grid?.destroy()
      this.grid = undefined
      return
    }
    // Only a new definition, section, diagnostics or language changes what the grid shows; a
    // selection change must not reload it (reloading re-fires selection hooks: an endless loop).
    const inputs = [this.definition, this.sectionId, this.diagnostics, getLocale()]
    if (this.grid !== undefined && inputs.every((x, i) => x === this.shown[i])) return
    this.shown = inputs
    const model = this.model(s)
    if (this.grid === undefined) {
      const host = this.renderRoot.querySelector<HTMLElement>('.grid')
      if (host === null) return
      this.grid = createEditorGrid({
        container: host,
        model,
        licenseKey: this.licenseKey,
        onEdit: (entries) => this.onGridEdit(entries),
        onSelect: (row, col) => {
          if (row !== this.sel.row || col !== this.sel.col) this.sel = { row, col }
        },
        check: (_row, col, text) => {
          if (col < LEAD || !text.trim().startsWith('=')) return undefined
          const r = checkFormula(text, this.a1)
          return r.ok ? undefined : r.message
        },
      })
    } else {
      this.grid.update(model)
    }
  }

  private emit(definition: TemplateDefinition, group?: string): void {
    this.dispatchEvent(
      new CustomEvent('definition-change', {
        detail: { definition, group },
        bubbles: true,
        composed: true,
      }),
    )
  }

  private model(s: GridSection): EditorModel {
    const errors = new Map<string, string>()
    for (const d of this.diagnostics) {
      if (d.severity !== 'error' || d.place.section !== s.id || d.place.row === undefined) continue
      errors.set(`${d.place.row}.${d.place.col ?? ''}`, d.message)
    }
    const data = s.rows.map((row) => [
      row.code ?? '',
      row.label,
      ...s.columns.map((col) => cellText(row, col)),
    ])
    return {
      colHeaders: [
        t('grid.rowCode'),
        t('grid.rowLabel'),
        ...s.columns.map((c, i) => `${columnLetters(i)} · ${c.header.join(' / ')}`),
      ],
      rowHeaders: s.rows.map((_, i) => String(i + 1)),
      data,
      colWidths: [56, 240, ...s.columns.map((c) => Math.max(110, Math.min(220, c.width ?? 130)))],
      cellClass: (r, c) => {
        const row = s.rows[r]
        if (row === undefined) return ''
        const rowClass =
          row.kind === 'total' ? ' k-total' : row.kind === 'heading' ? ' k-heading' : ''
        if (c < LEAD) return `k-lead${rowClass}${errors.has(`${row.id}.`) ? ' k-error' : ''}`
        const col = s.columns[c - LEAD]
        if (col === undefined) return ''
        const err = errors.has(`${row.id}.${col.id}`) ? ' k-error' : ''
        return `${kindClass(row, col)}${rowClass}${err}`
      },
      indent: (r, c) => (c === 1 ? 6 + (s.rows[r]?.level ?? 0) * 14 : 0),
    }
  }

  private onGridEdit(entries: Array<{ row: number; col: number; text: string }>): void {
    let def = this.definition
    const s = this.section
    if (def === undefined || s === undefined) return
    for (const { row, col, text } of entries) {
      const r = s.rows[row]
      if (r === undefined) continue
      if (col === 0)
        def = ops.updateRow(def, s.id, row, { code: text.trim() === '' ? undefined : text.trim() })
      else if (col === 1) def = ops.updateRow(def, s.id, row, { label: text })
      else {
        const c = s.columns[col - LEAD]
        if (c !== undefined)
          def = ops.setCell(def, s.id, r.id, c.id, cellFromText(text, c, this.a1))
      }
    }
    this.emit(def)
  }

  rowOp(
    op: 'insertAbove' | 'insertBelow' | 'delete' | 'up' | 'down' | 'indent' | 'outdent' | 'append',
    index = this.sel.row,
  ): void {
    const def = this.definition
    const s = this.section
    if (def === undefined || s === undefined) return
    const sid = s.id
    const next = {
      insertAbove: () => ops.insertRow(def, sid, index),
      insertBelow: () => ops.insertRow(def, sid, index + 1),
      append: () => ops.insertRow(def, sid, s.rows.length),
      delete: () => ops.deleteRow(def, sid, index),
      up: () => ops.moveRow(def, sid, index, index - 1),
      down: () => ops.moveRow(def, sid, index, index + 1),
      indent: () => ops.indentRow(def, sid, index, 1),
      outdent: () => ops.indentRow(def, sid, index, -1),
    }[op]()
    const row = {
      insertBelow: index + 1,
      append: s.rows.length,
      up: Math.max(0, index - 1),
      down: Math.min(s.rows.length - 1, index + 1),
    }[op as string]
    if (row !== undefined) this.sel = { ...this.sel, row }
    this.emit(next)
  }

  colOp(
    op: 'insertLeft' | 'insertRight' | 'delete' | 'left' | 'right' | 'append',
    index = this.sel.col - LEAD,
  ): void {
    const def = this.definition
    const s = this.section
    if (def === undefined || s === undefined) return
    const sid = s.id
    const i = Math.max(0, index)
    const next = {
      insertLeft: () => ops.insertColumn(def, sid, i),
      insertRight: () => ops.insertColumn(def, sid, i + 1),
      append: () => ops.insertColumn(def, sid, s.columns.length),
      delete: () => ops.deleteColumn(def, sid, i),
      left: () => ops.moveColumn(def, sid, i, i - 1),
      right: () => ops.moveColumn(def, sid, i, i + 1),
    }[op]()
    const col = {
      insertRight: i + 1,
      append: s.columns.length,
      left: Math.max(0, i - 1),
      right: Math.min(s.columns.length - 1, i + 1),
    }[op as string]
    if (col !== undefined) this.sel = { ...this.sel, col: col + LEAD }
    this.emit(next)
  }

  private setCellKind(rowIndex: number, colIndex: number, kind: Cell['kind'] | undefined): void {
    const def = this.definition
    const s = this.section
    const row = s?.rows[rowIndex]
    const col = s?.columns[colIndex]
    if (def === undefined || s === undefined || row === undefined || col === undefined) return
    const old = row.cells?.[col.id]
    const cell: Cell | undefined =
      kind === undefined
        ? undefined
        : kind === 'formula'
          ? { kind, formula: old?.formula ?? '=0' }
          : kind === 'fixed'
            ? { kind, value: old?.value ?? '' }
            : { kind, ...(old?.required === true ? { required: true } : {}) }
    this.emit(ops.setCell(def, s.id, row.id, col.id, cell))
  }

  override render(): unknown {
    void this.locale
    const s = this.section
    if (s === undefined) return html`<p>${t('sheet.noTemplate')}</p>`
    const b = (action: string, label: MessageId, run: () => void, disabled = false) =>
      html`<button data-action=${action} ?disabled=${disabled} @click=${run}>${t(label)}</button>`
    const r = this.sel.row
    const c = this.sel.col - LEAD
    return html`
      <div class="section-props">
        ${textField(t('designer.sectionTitle'), s.title, (v) => this.patchSection({ title: v === '' ? undefined : v }), { name: 'section-title' })}
        ${textField(t('designer.sectionUnit'), s.unit, (v) => this.patchSection({ unit: v === '' ? undefined : v }), { name: 'section-unit' })}
        ${checkField(t('designer.sumChildren'), s.sumChildren === true, (v) => this.patchSection({ sumChildren: v ? true : undefined }), { name: 'sum-children' })}
      </div>
      <div class="toolbar" role="toolbar" aria-label=${t('grid.rows')}>
        <strong>${t('grid.rows')}:</strong>
        ${b('add-row', 'grid.addRow', () => this.rowOp('append'))}
        ${b('insert-row-above', 'grid.insertRowAbove', () => this.rowOp('insertAbove'))}
        ${b('insert-row-below', 'grid.insertRowBelow', () => this.rowOp('insertBelow'))}
        ${b('row-up', 'grid.moveUp', () => this.rowOp('up'), r <= 0)}
        ${b('row-down', 'grid.moveDown', () => this.rowOp('down'), r >= s.rows.length - 1)}
        ${b('indent', 'grid.indent', () => this.rowOp('indent'))}
        ${b('outdent', 'grid.outdent', () => this.rowOp('outdent'))}
        ${b('delete-row', 'grid.delete', () => this.rowOp('delete'), s.rows.length <= 1)}
        <span class="sep"></span>
        <strong>${t('grid.columns')}:</strong>
        ${b('add-column', 'grid.addColumn', () => this.colOp('append'))}
        ${b('insert-column-left', 'grid.insertColumnLeft', () => this.colOp('insertLeft'), c < 0)}
        ${b('col-left', 'grid.moveLeft', () => this.colOp('left'), c <= 0)}
        ${b('col-right', 'grid.moveRight', () => this.colOp('right'), c < 0 || c >= s.columns.length - 1)}
        ${b('delete-column', 'grid.delete', () => this.colOp('delete'), c < 0 || s.columns.length <= 1)}
      </div>
      <p class="hint">${t('grid.formulaHint')}</p>
      <div class="layout">
        <div class="grid-wrap"><div class="grid ht-theme-main"></div></div>
        <div class="panel">${this.renderPanel(s)}</div>
      </div>
    `
  }

  private patchSection(patch: Patch<GridSection>): void {
    if (this.definition !== undefined)
      this.emit(ops.updateSection<GridSection>(this.definition, this.sectionId, patch))
  }

  private renderPanel(s: GridSection): unknown {
    const rowIndex = this.sel.row
    const colIndex = this.sel.col - LEAD
    const row = s.rows[rowIndex]
    const col = s.columns[colIndex]
    if (row === undefined) return html`<p class="hint">${t('grid.selectHint')}</p>`
    const def = this.definition!
    const upRow = (patch: Patch<Row>, group?: string): void =>
      this.emit(ops.updateRow(def, s.id, rowIndex, patch), group)
    const upCol = (patch: Patch<Column>): void =>
      this.emit(ops.updateColumn(def, s.id, colIndex, patch))
    const opt = <T extends string>(values: readonly T[], prefix: string) =>
      values.map((v) => [v, t(`${prefix}.${v}` as MessageId)] as const)
    const cell = col === undefined ? undefined : row.cells?.[col.id]
    return html`
      <h4>${t('grid.rowHeading', { n: rowIndex + 1 })}</h4>
      <div data-panel="row">
        ${textField(t('grid.rowId'), row.id, (v) => v.trim() !== '' && upRow({ id: v.trim() }), { name: 'row-id' })}
        ${textField(t('grid.rowLabel'), row.label, (v) => upRow({ label: v }), { name: 'row-label' })}
        ${textField(t('grid.rowCode'), row.code, (v) => upRow({ code: v === '' ? undefined : v }), { name: 'row-code' })}
        ${selectField(t('grid.rowKind'), row.kind ?? 'data', opt(ROW_KINDS, 'rowKind'), (v) => upRow({ kind: v === 'data' ? undefined : v }), { name: 'row-kind' })}
        ${numberField(t('grid.rowLevel'), row.level ?? 0, (v) => upRow({ level: v === undefined ? undefined : Math.max(0, Math.round(v)) }), { name: 'row-level' })}
        ${textField(t('grid.rowUnit'), row.unit, (v) => upRow({ unit: v === '' ? undefined : v }), { name: 'row-unit' })}
        ${textField(t('grid.rowIndicator'), row.indicator, (v) => upRow({ indicator: v === '' ? undefined : v }), { name: 'row-indicator' })}
        <rb-formula-input
          data-field="row-formula"
          .label=${t('grid.rowFormula')}
          .value=${row.formula ?? ''}
          .grid=${this.a1}
          @formula-change=${(e: CustomEvent<{ formula?: string }>) => upRow({ formula: e.detail.formula })}
        ></rb-formula-input>
        ${checkField(t('grid.rowDynamic'), row.dynamic !== undefined, (v) => upRow({ dynamic: v ? {} : undefined }), { name: 'row-dynamic' })}
      </div>
      ${
        col === undefined
          ? nothing
          : html`
              <h4>${t('grid.columnHeading', { letter: columnLetters(colIndex) })}</h4>
              <div data-panel="column">
                ${textField(t('grid.colId'), col.id, (v) => v.trim() !== '' && upCol({ id: v.trim() }), { name: 'col-id' })}
                ${textField(t('grid.colHeader'), col.header.join(' / '), (v) => upCol({ header: ops.parseHeaderPath(v) }), { name: 'col-header' })}
                ${textField(t('grid.colNumber'), col.number, (v) => upCol({ number: v === '' ? undefined : v }), { name: 'col-number' })}
                ${selectField(t('grid.colType'), col.type, opt(COLUMN_TYPES, 'type'), (v) => upCol({ type: v ?? 'number' }), { name: 'col-type' })}
                ${textField(t('grid.colUnit'), col.unit, (v) => upCol({ unit: v === '' ? undefined : v }), { name: 'col-unit' })}
                ${numberField(t('grid.colDecimals'), col.decimals, (v) => upCol({ decimals: v === undefined ? undefined : Math.max(0, Math.round(v)) }), { name: 'col-decimals' })}
                <rb-formula-input
                  data-field="col-formula"
                  .label=${t('grid.colFormula')}
                  .value=${col.formula ?? ''}
                  .grid=${this.a1}
                  placeholder="=@.c1+@.c2"
                  @formula-change=${(e: CustomEvent<{ formula?: string }>) => upCol({ formula: e.detail.formula })}
                ></rb-formula-input>
                ${selectField(t('grid.colAggregate'), col.aggregate, [['', t('grid.cellDefault')], ...AGGREGATES.map((a) => [a, a] as const)], (v) => upCol({ aggregate: v }), { name: 'col-aggregate' })}
                ${numberField(t('grid.colMin'), col.min, (v) => upCol({ min: v }), { name: 'col-min' })}
                ${numberField(t('grid.colMax'), col.max, (v) => upCol({ max: v }), { name: 'col-max' })}
              </div>
              <h4>${t('grid.cell', { cell: `${row.id}.${col.id}` })}</h4>
              <div data-panel="cell">
                ${selectField(t('grid.cellKind'), cell?.kind, [['', t('grid.cellDefault')], ...opt(CELL_KINDS, 'kind')], (v) => this.setCellKind(rowIndex, colIndex, v), { name: 'cell-kind' })}
                ${
                  cell?.kind === 'formula'
                    ? html`<rb-formula-input
                        data-field="cell-formula"
                        .label=${t('grid.cellFormula')}
                        .value=${cell.formula ?? ''}
                        .grid=${this.a1}
                        @formula-change=${(e: CustomEvent<{ formula?: string }>) =>
                          this.emit(
                            ops.setCell(def, s.id, row.id, col.id, {
                              ...cell,
                              formula: e.detail.formula ?? '=0',
                            }),
                          )}
                      ></rb-formula-input>`
                    : nothing
                }
                ${
                  cell?.kind === 'fixed'
                    ? textField(
                        t('grid.cellValue'),
                        cell.value === null || cell.value === undefined ? '' : String(cell.value),
                        (v) =>
                          this.emit(ops.setCell(def, s.id, row.id, col.id, { ...cell, value: v })),
                        { name: 'cell-value' },
                      )
                    : nothing
                }
                ${
                  cell === undefined || cell.kind === 'input'
                    ? checkField(
                        t('grid.cellRequired'),
                        cell?.required === true,
                        (v) =>
                          this.emit(
                            ops.setCell(
                              def,
                              s.id,
                              row.id,
                              col.id,
                              v ? { kind: 'input', required: true } : undefined,
                            ),
                          ),
                        { name: 'cell-required' },
                      )
                    : nothing
                }
              </div>
            `
      }
    `
  }
}

/** What a designer sees in a data cell of the editor grid. */
function cellText(row: Row, col: Column): string {
  const cell = row.cells?.[col.id]
  if (cell !== undefined) {
    if (cell.kind === 'formula') return withEq(cell.formula ?? '')
    if (cell.kind === 'fixed')
      return cell.value === null || cell.value === undefined ? '' : String(cell.value)
    return ''
  }
  if (row.kind === 'heading') return ''
  if (row.formula !== undefined) return withEq(row.formula)
  if (row.kind === 'total') return 'Σ'
  if (col.formula !== undefined) return withEq(col.formula)
  return ''
}

function kindClass(row: Row, col: Column): string {
  const cell = row.cells?.[col.id]
  if (cell !== undefined) return `k-${cell.kind}`
  if (row.kind === 'heading') return 'k-greyed'
  if (row.formula !== undefined || row.kind === 'total' || col.formula !== undefined)
    return 'k-formula k-inherited'
  return 'k-input'
}

function withEq(f: string): string {
  return f.startsWith('=') ? f : `=${f}`
}

/** Text typed into a data cell of the editor: `=…` a formula, empty = follow row/column, else a fixed value. */
export function cellFromText(
  text: string,
  col: Column,
  grid: A1Context | undefined,
): Cell | undefined {
  const s = text.trim()
  if (s === '' || s === 'Σ') return undefined
  if (s.startsWith('=')) {
    const r = checkFormula(s, grid)
    return { kind: 'formula', formula: r.ok ? r.formula : s }
  }
  const numeric = col.type === 'number' || col.type === 'integer' || col.type === 'percent'
  const n = Number(s.replace(',', '.'))
  return { kind: 'fixed', value: numeric && Number.isFinite(n) ? n : s }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-grid-editor': RbGridEditor
  }
}
