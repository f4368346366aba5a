import { LitElement, html, nothing, unsafeCSS, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import {
  checkNarratives,
  createWorkbook,
  diagnosticKey,
  type CellKey,
  type Diagnostic,
  type DynamicRows,
  type ExternalValues,
  type FunctionRegistry,
  type ResolvedCell,
  type ResolvedGridSection,
  type ResolvedTemplate,
  type Scalar,
  type SubmissionDocument,
  type Workbook,
} from '../../../core/index.js'
import { cellPlace } from '../form/cell-place.js'
import { formatValue } from '../form/format.js'
import { buildLayout, type SheetLayout } from '../form/layout.js'
import { groupOf, nextRowId, type RowGroup } from '../form/row-groups.js'
import { createFormGrid, type CellState, type FormGrid, type MenuItem } from '../grid/form-grid.js'
import { DEFAULT_LICENSE_KEY, gridCss } from '../grid/handsontable.js'
import { getLocale, localeTag, t } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { sheetStyles } from './sheet-styles.js'
import './rb-narrative-section.js'

type Values = SubmissionDocument['values']
type Narrative = NonNullable<SubmissionDocument['narrative']>

/** What the sheet hands to autosave: the parts of a submission a reporter edits. */
export interface ValuesChangedDetail {
  values: Values
  dynamicRows: DynamicRows
  narrative: Narrative
  explanations: Record<string, string>
  /** Cell keys whose value changed (inputs and recomputed formulas); empty for narrative edits. */
  changed: CellKey[]
  diagnostics: Diagnostic[]
}

export interface ConflictInfo {
  version?: number | string
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const
const MAX_GRID_HEIGHT = 600

/**
 * The form a reporter fills, and the designer's live preview (the preview *is* the form).
 * Grid sections render on a virtualised Handsontable; the core Workbook recomputes formulas and
 * constraints incrementally as cells are typed or pasted. Events (bubbling, composed):
 * `values-changed` (ValuesChangedDetail) after every edit, `reload-requested` from the conflict
 * banner.
 */
@customElement('rb-form-sheet')
export class RbFormSheet extends LitElement {
  static override styles = [...gridCss.map((c) => unsafeCSS(c)), sheetStyles]

  /** The resolved template (from core `loadTemplate`). */
  @property({ attribute: false }) template?: ResolvedTemplate
  /** Formula functions of the plugins the template uses. */
  @property({ attribute: false }) functions?: FunctionRegistry
  @property({ attribute: false }) external?: ExternalValues
  /** Initial input values; setting a new object reloads the sheet. */
  @property({ attribute: false }) values?: Values
  @property({ attribute: false }) dynamicRows: DynamicRows = {}
  @property({ attribute: false }) narrative: Narrative = {}
  @property({ attribute: false }) explanations: Record<string, string> = {}
  @property({ type: Boolean, reflect: true }) readonly = false
  @property({ attribute: 'license-key' }) licenseKey = DEFAULT_LICENSE_KEY
  /** Set when the server answered 409 (stale version): shows the conflict banner. */
  @property({ attribute: false }) conflict: ConflictInfo | undefined

  @state() private diagnostics: Diagnostic[] = []
  @state() private problems: Diagnostic[] = []
  @state() private revision = 0
  @state() private selected: ResolvedCell | undefined

  private readonly locale = new LocaleController(this)
  private workbook: Workbook | undefined
  private resolved: ResolvedTemplate | undefined
  private layouts = new Map<string, SheetLayout>()
  private grids = new Map<string, FormGrid>()
  private cellDiagnostics = new Map<CellKey, { d: Diagnostic; index: number }>()
  private errorKeys = new Set<CellKey>()
  private heights = new Map<string, number>()
  private gridsStale = false
  private builtLocale = getLocale()
  /** Values the sheet itself emitted: a host echoing them back must not reload the sheet. */
  private ownValues: Values | undefined
  // What the reporter wrote since the host last gave a document, and that document's content.
  private typedNarrative: Narrative | undefined
  private typedExplanations: Record<string, string> | undefined
  private hostNarrative = '{}'
  private hostExplanations = '{}'
  /** The added-row lists the workbook was built with, as a key (see rowsKey). */
  private builtRows = rowsKey({})

  /** The reporter's current input in submission form. */
  get submission(): Omit<ValuesChangedDetail, 'changed' | 'diagnostics'> {
    return {
      values: this.workbook?.inputValues() ?? {},
      dynamicRows: this.dynamicRows,
      narrative: this.narrative,
      explanations: this.explanations,
    }
  }

  /** Current diagnostics (constraints and input checks). */
  get currentDiagnostics(): readonly Diagnostic[] {
    return this.diagnostics
  }

  /** The live workbook, for hosts that need values (e.g. the designer's constraint preview). */
  get liveWorkbook(): Workbook | undefined {
    return this.workbook
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The sheet changes `dynamicRows` itself and emits its values: when a host echoes either back,
    // nothing is reloaded. A new document from the host (values) starts from its values; a new
    // template keeps what was typed so far.
    const newValues = changed.has('values') && this.values !== this.ownValues
    const newRows = changed.has('dynamicRows') && rowsKey(this.dynamicRows) !== this.builtRows
    const reload =
      changed.has('template') ||
      changed.has('functions') ||
      changed.has('external') ||
      newRows ||
      newValues
    this.adoptHostTexts(changed, newValues)
    if (reload) this.rebuild(newValues || newRows ? undefined : this.workbook?.inputValues())
    else if (changed.has('narrative') || changed.has('readonly')) this.refreshDiagnostics()
    if (changed.has('readonly')) this.gridsStale = true
    if (this.builtLocale !== getLocale()) {
      this.builtLocale = getLocale()
      this.gridsStale = true
      this.layouts = this.makeLayouts()
    }
  }

  protected override updated(): void {
    if (this.gridsStale) {
      this.gridsStale = false
      this.mountGrids()
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    for (const g of this.grids.values()) g.destroy()
    this.grids.clear()
    this.gridsStale = true
  }

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.hasUpdated && this.grids.size === 0) this.requestUpdate()
  }

  /** Selects a cell in its grid and scrolls it into view. */
  focusCell(section: string, row: string, col?: string): void {
    const layout = this.layouts.get(section)
    const grid = this.grids.get(section)
    const r = layout?.section.rowIndex.get(row)
    if (layout === undefined || grid === undefined || r === undefined) return
    const c = col === undefined ? 0 : (layout.section.colIndex.get(col) ?? 0)
    grid.select(layout.gridRowOf(r), layout.gridColOf(c))
  }

  private rebuild(keep: Values | undefined): void {
    this.problems = []
    this.heights = new Map()
    this.workbook = undefined
    this.resolved = undefined
    this.gridsStale = true
    const base = this.template
    if (base === undefined) {
      this.layouts = new Map()
      this.diagnostics = []
      return
    }
    const values = keep ?? this.values
    this.builtRows = rowsKey(this.dynamicRows)
    // Core expands the reporter's added rows (and reports bad lists among the diagnostics), the
    // same way the server validates and aggregates them.
    try {
      this.workbook = createWorkbook(base, {
        dynamicRows: this.dynamicRows,
        ...(this.functions === undefined ? {} : { functions: this.functions }),
        ...(this.external === undefined ? {} : { external: this.external }),
        ...(values === undefined ? {} : { values }),
      })
    } catch (e) {
      // A template core cannot evaluate is shown as such, never as an empty sheet.
      this.problems = [
        {
          ruleId: 'designer/workbook',
          severity: 'error',
          message: (e as Error).message,
          place: {},
        },
      ]
      this.layouts = new Map()
      this.diagnostics = []
      return
    }
    this.resolved = this.workbook.template
    this.layouts = this.makeLayouts()
    this.refreshDiagnostics()
  }

  /**
   * Hosts pass `doc.narrative ?? {}`: a fresh but equal object on each of their renders. Only a new
   * document (new values) or different content replaces what the reporter wrote; an equal one
   * would otherwise wipe the typing on screen and, with the next autosave, on the server.
   */
  private adoptHostTexts(changed: PropertyValues<this>, newDocument: boolean): void {
    if (changed.has('narrative') && this.narrative !== this.typedNarrative) {
      const key = JSON.stringify(this.narrative)
      if (!newDocument && key === this.hostNarrative && this.typedNarrative !== undefined)
        this.narrative = this.typedNarrative
      else {
        this.hostNarrative = key
        this.typedNarrative = undefined
      }
    }
    if (changed.has('explanations') && this.explanations !== this.typedExplanations) {
      const key = JSON.stringify(this.explanations)
      if (!newDocument && key === this.hostExplanations && this.typedExplanations !== undefined)
        this.explanations = this.typedExplanations
      else {
        this.hostExplanations = key
        this.typedExplanations = undefined
      }
    }
  }

  private makeLayouts(): Map<string, SheetLayout> {
    const labels = { code: t('sheet.code'), label: t('sheet.label'), unit: t('sheet.unit') }
    const out = new Map<string, SheetLayout>()
    for (const s of this.resolved?.sections ?? [])
      if (s.kind === 'grid') out.set(s.id, buildLayout(s, labels))
    return out
  }

  private refreshDiagnostics(): void {
    // Required and length-limited narrative items are checked as the reporter types, like cells;
    // a read-only view (consolidation, review) asks nobody to write.
    const narrative =
      this.readonly || this.resolved === undefined
        ? []
        : checkNarratives(this.resolved, this.narrative)
    const all = [...(this.workbook?.diagnostics() ?? []), ...narrative].sort(
      (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
    )
    this.diagnostics = all
    this.cellDiagnostics = new Map()
    all.forEach((d, index) => {
      const { section, row, col } = d.place
      if (section === undefined || row === undefined || col === undefined) return
      const key = `${section}!${row}.${col}`
      if (!this.cellDiagnostics.has(key)) this.cellDiagnostics.set(key, { d, index })
    })
    this.errorKeys = new Set(
      [...this.cellDiagnostics].filter(([, v]) => v.d.severity === 'error').map(([k]) => k),
    )
  }

  private mountGrids(): void {
    for (const g of this.grids.values()) g.destroy()
    this.grids.clear()
    const wb = this.workbook
    if (wb === undefined) return
    for (const [id, layout] of this.layouts) {
      const host = this.renderRoot.querySelector<HTMLElement>(`[data-grid="${CSS.escape(id)}"]`)
      if (host === null) continue
      host.replaceChildren()
      const container = document.createElement('div')
      container.className = 'ht-theme-main rb-grid'
      host.append(container)
      // The right-click menu lives next to the grid host, which clips its content.
      host.parentElement?.querySelector(':scope > .rb-menu')?.remove()
      const menu = document.createElement('div')
      menu.className = 'ht-theme-main rb-menu'
      host.after(menu)
      const grid = this.createGrid(container, layout, wb, menu)
      this.grids.set(id, grid)
      // Fit the host to the laid-out table (header heights depend on wrapped text), up to a cap
      // beyond which the grid scrolls inside (virtualised).
      requestAnimationFrame(() => {
        const h = grid.contentHeight()
        if (h <= 0 || this.grids.get(id) !== grid) return
        const fit = Math.min(MAX_GRID_HEIGHT, h + 4)
        this.heights.set(id, fit)
        host.style.height = `${fit}px`
        grid.hot.refreshDimensions()
      })
    }
  }

  private createGrid(
    container: HTMLElement,
    layout: SheetLayout,
    wb: Workbook,
    menu: HTMLElement,
  ): FormGrid {
    const tag = localeTag()
    const section = layout.section.id
    const dynamic = layout.section.rows.some((r) => r.dynamic !== undefined)
    const items: MenuItem[] = [
      {
        key: 'rb_add_row',
        name: () => t('sheet.addRow'),
        disabled: (cell) =>
          cell === undefined || this.dynamicGroup(section, cell.row)?.canAdd !== true,
        run: (cell) => this.addRow(section, cell.row),
      },
      {
        key: 'rb_remove_row',
        name: () => t('sheet.removeRow'),
        disabled: (cell) =>
          cell === undefined || this.dynamicGroup(section, cell.row)?.canRemove !== true,
        run: (cell) => this.removeRow(section, cell.row),
      },
    ]
    return createFormGrid({
      ...(dynamic ? { menu: { container: menu, items } } : {}),
      container,
      layout,
      licenseKey: this.licenseKey,
      readOnly: this.readonly,
      display: (cell) => formatValue(wb.get(cell.key), cell.type, cell.decimals, tag),
      raw: (cell) => {
        const v = wb.get(cell.key)
        return v !== null && typeof v === 'object' ? v.error : v
      },
      state: (cell) => this.cellState(cell),
      errorKeys: () => this.errorKeys,
      onEdit: (entries) => this.onEdit(entries),
      onSelect: (cell) => (this.selected = cell),
    })
  }

  private cellState(cell: ResolvedCell): CellState | undefined {
    const hit = this.cellDiagnostics.get(cell.key)
    if (hit === undefined) return undefined
    return { severity: hit.d.severity, message: hit.d.message, describedBy: `diag-${hit.index}` }
  }

  /** Called by the grid before it renders the edit: recompute, re-check, update the other grids. */
  private onEdit(entries: Array<[ResolvedCell, Scalar]>): CellKey[] {
    const wb = this.workbook
    if (wb === undefined || entries.length === 0) return []
    const changed = wb.setMany(entries.map(([cell, v]) => [cell.key, v] as [CellKey, Scalar]))
    this.refreshDiagnostics()
    const source = entries[0]![0].section
    for (const [id, g] of this.grids) if (id !== source) g.update(changed)
    this.revision++
    this.emitChanged(changed)
    return changed
  }

  private emitChanged(changed: CellKey[]): void {
    const values = this.workbook?.inputValues() ?? {}
    this.ownValues = values
    const detail: ValuesChangedDetail = {
      values,
      dynamicRows: this.dynamicRows,
      narrative: this.narrative,
      explanations: this.explanations,
      changed,
      diagnostics: this.diagnostics,
    }
    this.dispatchEvent(new CustomEvent('values-changed', { detail, bubbles: true, composed: true }))
  }

  private dynamicGroup(sectionId: string, rowId: string): RowGroup | undefined {
    const section = this.resolved?.sectionIndex.get(sectionId)
    return section?.kind === 'grid' ? groupOf(section, rowId) : undefined
  }

  /** Adds a row like the selected one to its dynamic group (after it when it is itself added). */
  addRow(sectionId: string, rowId: string): void {
    const group = this.dynamicGroup(sectionId, rowId)
    if (group === undefined || !group.canAdd) return
    const ids = [...(this.dynamicRows[sectionId] ?? [])]
    const id = nextRowId(group.model.id, ids)
    const at = ids.indexOf(rowId)
    ids.splice(at >= 0 ? at + 1 : lastIndexOfGroup(ids, group.added) + 1, 0, id)
    this.setDynamicRows({ ...this.dynamicRows, [sectionId]: ids })
  }

  /** Removes an added row (never the template's own row, never below the group's minimum). */
  removeRow(sectionId: string, rowId: string): void {
    const group = this.dynamicGroup(sectionId, rowId)
    if (group === undefined || !group.canRemove) return
    this.selected = undefined
    this.setDynamicRows({
      ...this.dynamicRows,
      [sectionId]: (this.dynamicRows[sectionId] ?? []).filter((id) => id !== rowId),
    })
  }

  private setDynamicRows(next: DynamicRows): void {
    const keep = this.workbook?.inputValues() ?? {}
    this.dynamicRows = next
    this.rebuild(keep)
    this.emitChanged([])
  }

  private onNarrative(e: CustomEvent<{ section: string; item: string; text: string }>): void {
    const { section, item, text } = e.detail
    e.stopPropagation()
    this.typedNarrative = {
      ...this.narrative,
      [section]: { ...(this.narrative[section] ?? {}), [item]: text },
    }
    this.narrative = this.typedNarrative
    this.refreshDiagnostics()
    this.emitChanged([])
  }

  private onExplanation(d: Diagnostic, text: string): void {
    this.typedExplanations = { ...this.explanations, [diagnosticKey(d)]: text }
    this.explanations = this.typedExplanations
    this.emitChanged([])
  }

  private figure = (section: string, row: string, col: string): string | undefined => {
    const s = this.resolved?.sectionIndex.get(section)
    if (s?.kind !== 'grid' || this.workbook === undefined) return undefined
    const r = s.rowIndex.get(row)
    const c = s.colIndex.get(col)
    if (r === undefined || c === undefined) return undefined
    const cell = s.cells[r * s.columns.length + c]
    if (cell === undefined) return undefined
    return formatValue(this.workbook.get(cell.key), cell.type, cell.decimals, localeTag())
  }

  override render(): unknown {
    void this.locale
    if (this.template === undefined) return html`<p class="empty">${t('sheet.noTemplate')}</p>`
    if (this.problems.length > 0) {
      return html`<div class="problems" role="alert">
        <p>${t('sheet.templateErrors')}</p>
        <ul>
          ${this.problems.map((d) => html`<li>${d.message}</li>`)}
        </ul>
      </div>`
    }
    const firstGrid = this.resolved?.sections.find((s) => s.kind === 'grid')?.id ?? ''
    return html`
      ${this.renderConflict()}
      ${repeat(
        this.resolved?.sections ?? [],
        (s) => `${s.kind}:${s.id}`,
        (s) =>
          s.kind === 'grid'
            ? this.renderGridSection(s)
            : html`<rb-narrative-section
                .section=${s}
                .texts=${this.narrative[s.id] ?? {}}
                .figure=${this.figure}
                .gridSection=${firstGrid}
                .revision=${this.revision}
                ?readonly=${this.readonly}
                @narrative-input=${this.onNarrative}
              ></rb-narrative-section>`,
      )}
      ${this.renderStatus()} ${this.renderDiagnostics()}
    `
  }

  private renderConflict(): unknown {
    if (this.conflict === undefined) return nothing
    const v = this.conflict.version
    return html`<div class="conflict" role="alert">
      <span
        >${v === undefined ? t('sheet.conflictGeneric') : t('sheet.conflict', { version: v })}</span
      >
      <button
        @click=${() => this.dispatchEvent(new CustomEvent('reload-requested', { bubbles: true, composed: true }))}
      >
        ${t('common.reload')}
      </button>
    </div>`
  }

  private renderGridSection(s: ResolvedGridSection): unknown {
    const layout = this.layouts.get(s.id)
    // An estimate until the grid has been laid out and measured (mountGrids).
    const height =
      this.heights.get(s.id) ??
      Math.min(MAX_GRID_HEIGHT, (layout?.headerCount ?? 1) * 48 + s.rows.length * 29 + 26)
    const title = s.title ?? s.id
    return html`<section class="grid-section" aria-label=${t('sheet.gridLabel', { title })}>
      ${s.title !== undefined ? html`<h3>${s.title}</h3>` : nothing}
      ${s.unit !== undefined ? html`<div class="unit">${t('sheet.unitOfSection', { unit: s.unit })}</div>` : nothing}
      ${this.renderRowTools(s)}
      <div class="grid-host" data-grid=${s.id} style="height:${height}px"></div>
    </section>`
  }

  /** Buttons for the rows reporters may add (Handsontable's context menu cannot be clicked inside a shadow root). */
  private renderRowTools(s: ResolvedGridSection): unknown {
    const def = this.template?.definition.sections.find((x) => x.id === s.id)
    if (this.readonly || def?.kind !== 'grid' || !def.rows.some((r) => r.dynamic !== undefined))
      return nothing
    const sel = this.selected?.section === s.id ? this.selected : undefined
    const group = sel === undefined ? undefined : this.dynamicGroup(s.id, sel.row)
    return html`<div class="row-tools" role="toolbar" aria-label=${t('sheet.dynamicRows')}>
      <button
        data-action="add-row"
        ?disabled=${group?.canAdd !== true}
        @click=${() => sel !== undefined && this.addRow(s.id, sel.row)}
      >
        ${t('sheet.addRow')}
      </button>
      <button
        data-action="remove-row"
        ?disabled=${group?.canRemove !== true}
        @click=${() => sel !== undefined && this.removeRow(s.id, sel.row)}
      >
        ${t('sheet.removeRow')}
      </button>
      <span class="hint">${t('sheet.dynamicHint')}</span>
    </div>`
  }

  private renderStatus(): unknown {
    const c = this.selected
    const kind = c === undefined ? '' : t(`sheet.kind.${c.kind}`)
    return html`<div class="status" aria-live="polite">
      ${
        c === undefined
          ? nothing
          : html`${t('sheet.selected', { cell: this.placeOf(c.section, c.row, c.col), kind })}${
              c.formula !== undefined ? html` <code>=${c.formula}</code>` : nothing
            }`
      }
      <span class="legend" aria-label=${t('sheet.legend')}>
        <span class="sw rb-input"></span>${t('sheet.kind.input')}
        <span class="sw rb-formula"></span>${t('sheet.kind.formula')}
        <span class="sw rb-greyed"></span>${t('sheet.kind.greyed')}
      </span>
    </div>`
  }

  /** The cell in the form's words; the ids stay in the title for designers and support. */
  private placeOf(section: string, row: string, col?: string): string {
    const s = this.resolved?.sectionIndex.get(section)
    return s?.kind === 'grid' ? cellPlace(s, row, col) : `${row}.${col ?? ''}`
  }

  private renderGoto(section: string, row: string, col: string | undefined): unknown {
    const place = this.placeOf(section, row, col)
    return html`<button
      class="goto"
      title=${`${row}${col !== undefined ? `.${col}` : ''}`}
      aria-label="${t('sheet.goToCell')} ${place}"
      @click=${() => this.focusCell(section, row, col)}
    >
      ${place}
    </button>`
  }

  /** A reviewer reads the reporter's explanation of a warning where the reporter wrote it. */
  private renderExplained(d: Diagnostic): unknown {
    const text = d.severity === 'warning' ? this.explanations[diagnosticKey(d)]?.trim() : undefined
    if (text === undefined || text === '') return nothing
    return html`<span class="explained">${t('sheet.explanation')}: ${text}</span>`
  }

  private renderDiagnostics(): unknown {
    const count = (sev: Diagnostic['severity']): number =>
      this.diagnostics.filter((d) => d.severity === sev).length
    return html`<section class="diagnostics" aria-labelledby="diag-title">
      <h3 id="diag-title">${t('sheet.diagnostics')}</h3>
      <p class="summary" role="status" aria-live="polite">
        ${
          this.diagnostics.length === 0
            ? t('sheet.noProblems')
            : t('sheet.summary', {
                errors: count('error'),
                warnings: count('warning'),
                infos: count('info'),
              })
        }
      </p>
      <ul>
        ${this.diagnostics.map(
          (d, i) =>
            html`<li id="diag-${i}" class="diag ${d.severity}" data-rule=${d.ruleId}>
              <span class="sev">${t(`sheet.severity.${d.severity}`)}</span>
              <span class="msg">${d.message}</span>
              ${
                d.place.section !== undefined && d.place.row !== undefined
                  ? this.renderGoto(d.place.section, d.place.row, d.place.col)
                  : nothing
              }
              ${
                d.severity === 'warning' && !this.readonly
                  ? html`<input
                      class="explain"
                      aria-label=${t('sheet.explanation')}
                      placeholder=${t('sheet.explanationPlaceholder')}
                      .value=${this.explanations[diagnosticKey(d)] ?? ''}
                      @change=${(e: Event) => this.onExplanation(d, (e.target as HTMLInputElement).value)}
                    />`
                  : this.renderExplained(d)
              }
            </li>`,
        )}
      </ul>
    </section>`
  }
}

/**
 * Hosts pass `dynamicRows` as a fresh object on every render (`doc.dynamicRows ?? {}`): only a
 * change of the lists themselves may reload the sheet, or a re-render would drop what was typed.
 */
function rowsKey(rows: DynamicRows): string {
  return JSON.stringify(
    Object.entries(rows)
      .filter(([, ids]) => ids.length > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  )
}

function lastIndexOfGroup(ids: readonly string[], group: readonly string[]): number {
  let last = -1
  ids.forEach((id, i) => {
    if (group.includes(id)) last = i
  })
  return last
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-form-sheet': RbFormSheet
  }
}
