import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import {
  externalValuesFromData,
  hasErrors,
  loadTemplate,
  submitBlockers,
  type Diagnostic,
  type ExternalValues,
  type ResolvedTemplate,
} from '../../../core/index.js'
import { ApiError, REASON_ACTIONS, type WorkflowActionName } from '../api/client.js'
import type { ExportFormat } from '../api/file-types.js'
import type { InstanceDetail } from '../api/types.js'
import { appState, formatDate } from '../app-state.js'
import { bundledFunctions } from '../engine.js'
import { cellPlace } from '../form/cell-place.js'
import { dateTimeText, timeText } from '../i18n/date-text.js'
import { getLocale, t, type MessageId } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { periodText } from '../i18n/period-text.js'
import { Autosave } from '../workspace/autosave.js'
import { fieldStyles } from './fields.js'
import { pageStyles } from './page-styles.js'
import type { FileChosenDetail } from './rb-file-button.js'
import './rb-file-button.js'
import type { ConflictInfo, RbFormSheet, ValuesChangedDetail } from './rb-form-sheet.js'
import './rb-form-sheet.js'
import './rb-signature-status.js'

/** Only an approved revision (or one sent on from there) has a signed package. */
const PACKAGED = new Set(['approved', 'sent', 'accepted'])

/**
 * One report instance: the form (autosaved drafts with the optimistic version), the workflow
 * actions the caller may take (submit; leader approve / reject with a reason; send; accept /
 * return), downloads of the report's files, a CSV import into the draft, and the history. API:
 * GET /instances/:id, GET /template-versions/:id, GET /instances/:id/external-values (what period
 * functions read, so the sheet shows the server's figures), PUT /instances/:id/draft, POST /instances/:id/<action>,
 * GET /instances/:id/export.<format> and package.zip, POST /instances/:id/import.csv.
 */
@customElement('rb-report-page')
export class RbReportPage extends LitElement {
  static override styles = [
    pageStyles,
    fieldStyles,
    css`
      .actions {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
        align-items: center;
        margin: 0.6rem 0;
      }
      .reason {
        display: flex;
        gap: 0.5rem;
        align-items: start;
        margin: 0.4rem 0;
      }
      .reason textarea {
        flex: 1;
        min-height: 3rem;
        font: inherit;
      }
      .save-state {
        margin-left: auto;
      }
      .files {
        display: flex;
        gap: 0.4rem 0.8rem;
        flex-wrap: wrap;
        align-items: center;
        margin: 0.4rem 0 0.8rem;
      }
      .files .title {
        font-weight: 600;
      }
      .files a {
        color: #0b5cad;
      }
      .files rb-file-button {
        margin-left: auto;
      }
      .send-opens {
        font-style: italic;
      }
    `,
  ]

  @property({ type: Number }) instanceId = 0
  @state() private detail: InstanceDetail | undefined
  @state() private template: ResolvedTemplate | undefined
  @state() private external: ExternalValues | undefined
  @state() private error: string | undefined
  @state() private saveState = ''
  /** When the last autosave landed; rendered on each pass so a language switch rereads it. */
  @state() private savedAt: Date | undefined
  /** The first day the receiving unit takes the report, once the server said it is not yet open. */
  @state() private sendOpensOn: string | undefined
  @state() private conflict: ConflictInfo | undefined
  @state() private pendingAction: WorkflowActionName | undefined
  @state() private reasonError = false
  @state() private notice = ''
  private autosave: Autosave | undefined
  private diagnostics: Diagnostic[] = []
  private explanations: Record<string, string> = {}
  /**
   * The sheet's inputs, built once per load: fresh `?? {}` objects on every render would read to
   * the sheet as new data each time.
   */
  private sheetInput: {
    narrative: NonNullable<InstanceDetail['revision']['document']['narrative']>
    explanations: Record<string, string>
    dynamicRows: Record<string, string[]>
  } = { narrative: {}, explanations: {}, dynamicRows: {} }
  private readonly locale = new LocaleController(this)

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('instanceId') && this.instanceId > 0) void this.load()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    void this.autosave?.flush()
  }

  private async load(): Promise<void> {
    this.autosave?.stop()
    this.error = undefined
    this.conflict = undefined
    this.savedAt = undefined
    this.sendOpensOn = undefined
    try {
      const [detail, external] = await Promise.all([
        appState.api.getInstance(this.instanceId),
        appState.api.getExternalValues(this.instanceId),
      ])
      const version = await appState.api.getTemplateVersion(detail.template.versionId)
      const r = loadTemplate(version.definition, { functions: bundledFunctions() })
      if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '))
      const doc = detail.revision.document
      this.sheetInput = {
        narrative: doc.narrative ?? {},
        explanations: doc.explanations ?? {},
        dynamicRows: doc.dynamicRows ?? {},
      }
      this.explanations = this.sheetInput.explanations
      this.autosave = new Autosave({
        version: detail.revision.version,
        saved: { values: doc.values, ...this.sheetInput },
        save: (input) => appState.api.saveDraft(this.instanceId, input),
        onState: (s, d) => this.onSaveState(s, d),
      })
      this.diagnostics = detail.diagnostics ?? []
      this.template = r.template
      this.external = externalValuesFromData(external)
      this.detail = detail
    } catch (e) {
      this.error = (e as Error).message
    }
  }

  private onSaveState(s: string, detail: unknown): void {
    if (s !== 'saved') this.savedAt = undefined
    if (s === 'saving') this.saveState = t('form.saving')
    else if (s === 'saved') {
      this.saveState = ''
      this.savedAt = new Date()
    } else if (s === 'error')
      this.saveState = t('form.saveFailed', { message: (detail as Error).message })
    else if (s === 'conflict') {
      const current = ((detail as { details?: { currentVersion?: number } }).details ?? {})
        .currentVersion
      this.conflict = current === undefined ? {} : { version: current }
      this.saveState = ''
    }
  }

  private onValues(e: CustomEvent<ValuesChangedDetail>): void {
    this.diagnostics = e.detail.diagnostics
    this.explanations = e.detail.explanations
    this.autosave?.change({
      values: e.detail.values,
      narrative: e.detail.narrative,
      explanations: e.detail.explanations,
      dynamicRows: e.detail.dynamicRows,
    })
  }

  private async act(action: WorkflowActionName, reason?: string): Promise<void> {
    if (REASON_ACTIONS.has(action) && (reason === undefined || reason.trim() === '')) {
      this.pendingAction = action
      this.reasonError = reason !== undefined
      return
    }
    this.notice = ''
    this.error = undefined
    try {
      if (action === 'submit') {
        await this.autosave?.flush()
        const errors = this.diagnostics.filter((d) => d.severity === 'error').length
        if (hasErrors(this.diagnostics)) {
          this.error = t('form.submitBlocked', { count: errors })
          return
        }
        // The server refuses these too, in English and with ids; here they read as the cells.
        const { unexplained } = submitBlockers(this.diagnostics, this.explanations)
        if (unexplained.length > 0) {
          this.error = t('form.unexplainedWarnings', {
            count: unexplained.length,
            cells: [...new Set(unexplained.map((d) => this.placeOf(d)))].join('; '),
          })
          return
        }
      }
      await appState.api.act(this.instanceId, action, reason)
      this.pendingAction = undefined
      this.notice = t('form.actionDone', { action: t(`action.${action}` as MessageId) })
      await this.load()
    } catch (e) {
      this.error = this.refusal(e)
    }
  }

  /** A refusal in the interface language where the server gave one (`details.messageVi`). */
  private refusal(e: unknown): string {
    if (!(e instanceof ApiError)) return (e as Error).message
    const details = (e.details ?? {}) as { opensOn?: unknown; messageVi?: unknown }
    if (e.code === 'receiving_window_not_open' && typeof details.opensOn === 'string') {
      this.sendOpensOn = details.opensOn
      return t('form.sendNotOpen', { date: formatDate(details.opensOn) })
    }
    return getLocale() === 'vi' && typeof details.messageVi === 'string'
      ? details.messageVi
      : e.message
  }

  private placeOf(d: Diagnostic): string {
    const { section, row, col } = d.place
    const s = section === undefined ? undefined : this.template?.sectionIndex.get(section)
    if (s?.kind === 'grid' && row !== undefined) return cellPlace(s, row, col)
    return [row, col].filter((p) => p !== undefined).join('.') || d.ruleId
  }

  override render(): unknown {
    void this.locale
    const d = this.detail
    if (this.error !== undefined && d === undefined)
      return html`<p class="error" role="alert">${this.error}</p>`
    if (d === undefined) return html`<p class="muted">${t('common.loading')}</p>`
    const editable = d.status === 'draft' && (d.actions ?? []).includes('save')
    const actions = (d.actions ?? []).filter((a): a is WorkflowActionName => a !== 'save')
    return html`
      <h1>${d.template.code} <span class="muted">v${d.template.version}</span></h1>
      <p>
        ${t('form.unitPeriod', { unit: d.unit.name, period: periodText(d.period), deadline: formatDate(d.deadline) })}
        ·
        <span class="badge ${d.status}" data-status=${d.status}
          >${t(`state.${d.status}` as MessageId)}</span
        >
        · ${t('form.revision', { no: d.revision.revisionNo })}
        ${d.revision.reason !== null && d.revision.reason !== '' ? html` · <span class="error">${t('form.reasonOf', { reason: d.revision.reason })}</span>` : nothing}
      </p>
      <div class="actions">
        ${actions.map((a) => this.renderAction(a))}
        <span class="save-state muted" role="status"
          >${this.savedAt !== undefined ? t('form.saved', { time: timeText(this.savedAt) }) : this.saveState}</span
        >
      </div>
      ${this.pendingAction !== undefined ? this.renderReason(this.pendingAction) : nothing}
      ${this.notice !== '' ? html`<p role="status">${this.notice}</p>` : nothing}
      ${this.error !== undefined ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.renderFiles(d, editable)}
      <rb-form-sheet
        .template=${this.template}
        .functions=${bundledFunctions()}
        .external=${this.external}
        .values=${d.revision.document.values}
        .narrative=${this.sheetInput.narrative}
        .explanations=${this.sheetInput.explanations}
        .dynamicRows=${this.sheetInput.dynamicRows}
        .conflict=${this.conflict}
        ?readonly=${!editable}
        @values-changed=${this.onValues}
        @reload-requested=${() => void this.load()}
      ></rb-form-sheet>
      ${PACKAGED.has(d.revision.status) ? html`<rb-signature-status .instanceId=${d.id} .revisionId=${d.revision.id} .revisionNo=${d.revision.revisionNo}></rb-signature-status>` : nothing}
      ${this.renderHistory(d)}
    `
  }

  /** Send waits for the receiving window once the server named its first day. */
  private renderAction(a: WorkflowActionName): unknown {
    const waiting = a === 'send' && this.sendOpensOn !== undefined
    return html`<button
        data-action=${a}
        class=${a === 'submit' || a === 'approve' ? 'primary' : ''}
        ?disabled=${waiting}
        aria-describedby=${waiting ? 'send-opens' : nothing}
        @click=${() => void this.act(a)}
      >
        ${t(`action.${a}` as MessageId)}</button
      >${waiting ? html`<span id="send-opens" class="send-opens muted" data-role="send-opens">${t('form.sendFrom', { date: formatDate(this.sendOpensOn) })}</span>` : nothing}`
  }

  private renderReason(action: WorkflowActionName): unknown {
    return html`<div class="reason card">
      <label for="reason">${t('form.reason')}</label>
      <textarea
        id="reason"
        name="reason"
        aria-invalid=${this.reasonError ? 'true' : 'false'}
        aria-describedby="reason-msg"
      ></textarea>
      <button
        data-action="confirm-${action}"
        class="primary"
        @click=${() => void this.act(action, this.renderRoot.querySelector<HTMLTextAreaElement>('#reason')?.value ?? '')}
      >
        ${t(`action.${action}` as MessageId)}
      </button>
      <button @click=${() => (this.pendingAction = undefined)}>${t('common.cancel')}</button>
      ${this.reasonError ? html`<span id="reason-msg" class="error" role="alert">${t('form.reasonRequired')}</span>` : nothing}
    </div>`
  }

  private renderFiles(d: InstanceDetail, editable: boolean): unknown {
    const formats: ExportFormat[] = ['xlsx', 'docx', 'pdf', 'csv', 'json']
    if (PACKAGED.has(d.revision.status)) formats.push('zip')
    return html`<div class="files" role="group" aria-labelledby="files-title">
      <span id="files-title" class="title">${t('files.download')}:</span>
      ${formats.map(
        (f) =>
          html`<a
            data-format=${f}
            href=${appState.api.exportUrl(d.id, f, d.revision.revisionNo)}
            download
            >${t(`files.${f}` as MessageId)}</a
          >`,
      )}
      ${
        editable
          ? html`<rb-file-button
              label=${t('files.importCsv')}
              hint=${t('files.importCsvHint')}
              accept=".csv,text/csv"
              action="import-csv"
              @file-chosen=${(e: CustomEvent<FileChosenDetail>) => void this.importCsv(e)}
            ></rb-file-button>`
          : nothing
      }
    </div>`
  }

  /** Saves pending edits first, so the import starts from the version the server has. */
  private async importCsv(e: CustomEvent<FileChosenDetail>): Promise<void> {
    const { file, reset } = e.detail
    this.notice = ''
    this.error = undefined
    this.savedAt = undefined
    this.saveState = t('files.importing')
    try {
      await this.autosave?.flush()
      const version = this.autosave?.currentVersion ?? this.detail?.revision.version ?? 0
      const result = await appState.api.importCsv(this.instanceId, version, file)
      await this.load()
      this.notice = t('files.csvImported', { cells: result.cells })
    } catch (err) {
      this.error = t('files.importFailed', { message: (err as Error).message })
    } finally {
      reset()
      this.saveState = ''
    }
  }

  private renderHistory(d: InstanceDetail): unknown {
    const h = d.history ?? []
    if (h.length === 0) return nothing
    return html`<h2>${t('form.history')}</h2>
      <table class="list">
        <tbody>
          ${h.map(
            (e) =>
              html`<tr>
                <td>${dateTimeText(e.at)}</td>
                <td>${e.actor ?? ''}</td>
                <td>${t(`action.${e.action}` as MessageId) ?? e.action}</td>
                <td>${e.reason ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>`
  }

  /** The embedded sheet (tests and hosts). */
  get sheet(): RbFormSheet | null {
    return this.renderRoot.querySelector('rb-form-sheet')
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-report-page': RbReportPage
  }
}
