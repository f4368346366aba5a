import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { loadTemplate, type Diagnostic, type ResolvedTemplate } from '../../../core/index.js'
import type { TemplateDefinition } from '../../../schemas/generated/index.js'
import { History } from '../designer/history.js'
import { addSection, newTemplate, removeSection } from '../designer/template-ops.js'
import { bundledFunctions } from '../engine.js'
import { DEFAULT_LICENSE_KEY } from '../grid/handsontable.js'
import { t } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { fieldStyles } from './fields.js'
import type { ValuesChangedDetail } from './rb-form-sheet.js'
import './rb-constraint-editor.js'
import './rb-form-sheet.js'
import './rb-grid-editor.js'
import './rb-json-view.js'
import './rb-metadata-form.js'
import './rb-narrative-editor.js'

type Tab =
  | { kind: 'metadata' }
  | { kind: 'section'; id: string }
  | { kind: 'constraints' }
  | { kind: 'json' }

/**
 * The template designer: metadata, grid and narrative editors, constraints, JSON, undo/redo,
 * import/export, and a live preview that is the real form sheet. Every edit re-runs core's
 * `loadTemplate`; the preview shows the last valid version. Actions are events (bubbling,
 * composed) for the host page, which talks to the runtime: `template-save` `{ definition }`
 * and `template-status` `{ status, definition }`.
 */
@customElement('rb-template-designer')
export class RbTemplateDesigner extends LitElement {
  static override styles = [
    fieldStyles,
    css`
      :host {
        display: block;
        font-family: system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif;
        font-size: 14px;
        color: #1b1f24;
      }
      h2 {
        font-size: 1.2rem;
        margin: 0.2rem 0 0.5rem;
      }
      [role='tablist'] {
        display: flex;
        flex-wrap: wrap;
        gap: 2px;
        border-bottom: 1px solid #d0d7de;
        margin-top: 0.5rem;
      }
      [role='tab'] {
        border: 1px solid transparent;
        border-bottom: none;
        border-radius: 6px 6px 0 0;
        background: none;
        padding: 6px 12px;
      }
      [role='tab'][aria-selected='true'] {
        border-color: #d0d7de;
        background: #fff;
        font-weight: 600;
        margin-bottom: -1px;
      }
      .panel {
        padding: 0.8rem 0;
      }
      .status {
        padding: 0.4rem 0.6rem;
        border-radius: 4px;
        margin: 0.4rem 0;
      }
      .status.ok {
        background: #e9f5ea;
        color: #1e5b22;
      }
      .status.bad {
        background: #fdecea;
        color: #8a1f1f;
      }
      .status ul {
        margin: 0.3rem 0 0;
        padding-left: 1.2rem;
        max-height: 9rem;
        overflow: auto;
      }
      .preview {
        border-top: 2px solid #d0d7de;
        margin-top: 1rem;
        padding-top: 0.5rem;
      }
      .spacer {
        flex: 1;
      }
      .note {
        color: #1e5b22;
      }
      input[type='file'] {
        display: none;
      }
    `,
  ]

  /** The template being designed; setting it replaces the undo history. */
  @property({ attribute: false }) definition: TemplateDefinition = newTemplate()
  @property({ attribute: 'license-key' }) licenseKey = DEFAULT_LICENSE_KEY
  /** A message from the host after an action (e.g. "saved", or the server's error). */
  @property() notice = ''

  @state() private current: TemplateDefinition = this.definition
  @state() private tab: Tab = { kind: 'section', id: 'main' }
  @state() private loadDiagnostics: Diagnostic[] = []
  @state() private preview: ResolvedTemplate | undefined
  @state() private previewDiagnostics: Diagnostic[] = []
  @state() private importError: string | undefined

  private history = new History<TemplateDefinition>(this.definition)
  private seenPreviewDiagnostics: readonly Diagnostic[] | undefined
  private readonly locale = new LocaleController(this)
  private readonly onKey = (e: KeyboardEvent): void => this.handleKey(e)

  override connectedCallback(): void {
    super.connectedCallback()
    this.addEventListener('keydown', this.onKey)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.removeEventListener('keydown', this.onKey)
  }

  /** The definition as edited so far. */
  get value(): TemplateDefinition {
    return this.current
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('definition')) {
      this.history.reset(this.definition)
      this.setCurrent(this.definition)
      const first = this.definition.sections[0]
      this.tab = first === undefined ? { kind: 'metadata' } : { kind: 'section', id: first.id }
    }
  }

  private setCurrent(def: TemplateDefinition): void {
    this.current = def
    const r = loadTemplate(def, { functions: bundledFunctions() })
    this.loadDiagnostics = r.diagnostics
    if (r.ok) this.preview = r.template
    if (this.tab.kind === 'section') {
      const id = this.tab.id
      if (!def.sections.some((s) => s.id === id))
        this.tab = { kind: 'section', id: def.sections[0]?.id ?? '' }
    }
  }

  private onChange(e: CustomEvent<{ definition: TemplateDefinition; group?: string }>): void {
    e.stopPropagation()
    this.history.push(e.detail.definition, e.detail.group)
    this.setCurrent(e.detail.definition)
  }

  undo(): void {
    this.setCurrent(this.history.undo())
  }

  redo(): void {
    this.setCurrent(this.history.redo())
  }

  private handleKey(e: KeyboardEvent): void {
    if (!(e.ctrlKey || e.metaKey)) return
    const target = e.composedPath()[0] as HTMLElement | undefined
    if (target !== undefined && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return
    const key = e.key.toLowerCase()
    if (key === 'z' && !e.shiftKey) this.undo()
    else if (key === 'y' || (key === 'z' && e.shiftKey)) this.redo()
    else return
    e.preventDefault()
  }

  private async importFile(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement
    const file = input.files?.[0]
    input.value = ''
    if (file === undefined) return
    try {
      const def = JSON.parse(await file.text()) as TemplateDefinition
      if (typeof def !== 'object' || def === null || !Array.isArray(def.sections))
        throw new Error('sections missing')
      this.importError = undefined
      this.history.push(def)
      this.setCurrent(def)
      const first = def.sections[0]
      if (first !== undefined) this.tab = { kind: 'section', id: first.id }
    } catch (err) {
      this.importError = t('designer.importError', { message: (err as Error).message })
    }
  }

  private exportFile(): void {
    const blob = new Blob([`${JSON.stringify(this.current, null, 2)}\n`], {
      type: 'application/json',
    })
    const a = document.createElement('a')
    a.href = URL.createObjectURL(blob)
    a.download = `${this.current.code.replace(/[^\w.-]+/g, '_')}-v${this.current.version}.json`
    a.click()
    setTimeout(() => URL.revokeObjectURL(a.href), 1000)
  }

  private action(
    type: 'template-save' | 'template-status',
    status?: TemplateDefinition['status'],
  ): void {
    const detail =
      status === undefined ? { definition: this.current } : { status, definition: this.current }
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
  }

  private structural(op: 'grid' | 'narrative' | 'remove'): void {
    const def =
      op === 'remove'
        ? this.tab.kind === 'section'
          ? removeSection(this.current, this.tab.id)
          : this.current
        : addSection(this.current, op)
    this.history.push(def)
    this.setCurrent(def)
    if (op !== 'remove')
      this.tab = { kind: 'section', id: def.sections[def.sections.length - 1]!.id }
  }

  override render(): unknown {
    void this.locale
    const d = this.current
    const errors = this.loadDiagnostics.filter((x) => x.severity === 'error')
    const valid = errors.length === 0
    return html`
      <h2>${t('designer.title')}: ${d.code} — ${d.name}</h2>
      <div class="toolbar" role="toolbar">
        <button data-action="undo" ?disabled=${!this.history.canUndo} @click=${this.undo}>
          ${t('designer.undo')}
        </button>
        <button data-action="redo" ?disabled=${!this.history.canRedo} @click=${this.redo}>
          ${t('designer.redo')}
        </button>
        <span class="sep"></span>
        <button
          data-action="import"
          @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click()}
        >
          ${t('designer.import')}
        </button>
        <input type="file" accept=".json,application/json" @change=${this.importFile} />
        <button data-action="export" @click=${this.exportFile}>${t('designer.export')}</button>
        <span class="spacer"></span>
        ${this.notice !== '' ? html`<span class="note" role="status">${this.notice}</span>` : nothing}
        <button
          data-action="save-draft"
          class="primary"
          ?disabled=${!valid}
          @click=${() => this.action('template-save')}
        >
          ${t('designer.saveDraft')}
        </button>
        <button
          data-action="send-to-testing"
          ?disabled=${!valid}
          @click=${() => this.action('template-status', 'testing')}
        >
          ${t('designer.sendToTesting')}
        </button>
        <button
          data-action="publish"
          ?disabled=${!valid}
          @click=${() => this.action('template-status', 'published')}
        >
          ${t('designer.publish')}
        </button>
      </div>
      ${this.importError !== undefined ? html`<div class="status bad" role="alert">${this.importError}</div>` : nothing}
      <div
        class="status ${valid ? 'ok' : 'bad'}"
        data-validity=${valid ? 'valid' : 'invalid'}
        role="status"
      >
        ${valid ? t('designer.valid') : t('designer.invalid', { count: errors.length })}
        ${
          valid
            ? nothing
            : html`<ul>
                ${errors.map((x) => html`<li><code>${x.place.pointer ?? ''}</code> ${x.message}</li>`)}
              </ul>`
        }
      </div>
      <div role="tablist">
        ${this.tabButton({ kind: 'metadata' }, t('designer.tab.metadata'))}
        ${d.sections.map((s) =>
          this.tabButton(
            { kind: 'section', id: s.id },
            `${s.kind === 'grid' ? t('designer.tab.grid') : t('designer.tab.narrative')}: ${s.id}`,
          ),
        )}
        ${this.tabButton({ kind: 'constraints' }, `${t('designer.tab.constraints')} (${d.constraints?.length ?? 0})`)}
        ${this.tabButton({ kind: 'json' }, t('designer.tab.json'))}
        <span class="spacer"></span>
        <button data-action="add-grid" @click=${() => this.structural('grid')}>
          + ${t('designer.addGridSection')}
        </button>
        <button data-action="add-narrative" @click=${() => this.structural('narrative')}>
          + ${t('designer.addNarrativeSection')}
        </button>
        ${
          this.tab.kind === 'section' && d.sections.length > 1
            ? html`<button data-action="remove-section" @click=${() => this.structural('remove')}>
                ${t('designer.removeSection')}
              </button>`
            : nothing
        }
      </div>
      <div class="panel" role="tabpanel" @definition-change=${this.onChange}>
        ${this.renderTab(d)}
      </div>
      <section class="preview" aria-label=${t('designer.tab.preview')}>
        <h2>${t('designer.tab.preview')}</h2>
        <rb-form-sheet
          .template=${this.preview}
          .functions=${bundledFunctions()}
          license-key=${this.licenseKey}
          @values-changed=${(e: CustomEvent<ValuesChangedDetail>) => {
            e.stopPropagation()
            this.seenPreviewDiagnostics = e.detail.diagnostics
            this.previewDiagnostics = e.detail.diagnostics
          }}
        ></rb-form-sheet>
      </section>
    `
  }

  protected override updated(): void {
    // The preview's diagnostics after a template change (not only after typing into it).
    const sheet = this.renderRoot.querySelector('rb-form-sheet')
    const now = sheet?.currentDiagnostics
    if (now !== undefined && now !== this.seenPreviewDiagnostics) {
      this.seenPreviewDiagnostics = now
      this.previewDiagnostics = [...now]
    }
  }

  private tabButton(tab: Tab, label: string): unknown {
    const selected = JSON.stringify(tab) === JSON.stringify(this.tab)
    return html`<button
      role="tab"
      aria-selected=${selected ? 'true' : 'false'}
      data-tab=${tab.kind === 'section' ? `section:${tab.id}` : tab.kind}
      @click=${() => (this.tab = tab)}
    >
      ${label}
    </button>`
  }

  private renderTab(d: TemplateDefinition): unknown {
    const tab = this.tab
    switch (tab.kind) {
      case 'metadata':
        return html`<rb-metadata-form .definition=${d}></rb-metadata-form>`
      case 'constraints':
        return html`<rb-constraint-editor
          .definition=${d}
          .previewDiagnostics=${this.previewDiagnostics}
          .loadDiagnostics=${this.loadDiagnostics}
        ></rb-constraint-editor>`
      case 'json':
        return html`<rb-json-view .definition=${d}></rb-json-view>`
      case 'section': {
        const s = d.sections.find((x) => x.id === tab.id)
        if (s === undefined) return nothing
        return s.kind === 'grid'
          ? html`<rb-grid-editor
              .definition=${d}
              .sectionId=${s.id}
              .diagnostics=${this.loadDiagnostics}
              license-key=${this.licenseKey}
            ></rb-grid-editor>`
          : html`<rb-narrative-editor .definition=${d} .sectionId=${s.id}></rb-narrative-editor>`
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-template-designer': RbTemplateDesigner
  }
}
