import { LitElement, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import type { FileDiagnostic, XlsxImported } from '../api/file-types.js'
import type { TemplateListItem } from '../api/types.js'
import { appState, navigate } from '../app-state.js'
import { t, type MessageId } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { fieldStyles } from './fields.js'
import { pageStyles } from './page-styles.js'
import type { FileChosenDetail } from './rb-file-button.js'
import './rb-file-button.js'

/**
 * The template library (GET /api/v1/templates): open a version in the designer, start a new template,
 * or import an .xlsx form as a draft (POST /api/v1/templates/import-xlsx) and read what it did not map.
 */
@customElement('rb-templates-page')
export class RbTemplatesPage extends LitElement {
  static override styles = [pageStyles, fieldStyles]
  @state() private items: TemplateListItem[] = []
  @state() private q = ''
  @state() private error: string | undefined
  @state() private imported: XlsxImported | undefined
  @state() private importDiagnostics: FileDiagnostic[] = []
  @state() private importing = false
  private readonly locale = new LocaleController(this)

  override connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    try {
      this.items = (await appState.api.listTemplates({ q: this.q, pageSize: 100 })).items
      this.error = undefined
    } catch (e) {
      this.error = (e as Error).message
    }
  }

  private async importXlsx(e: CustomEvent<FileChosenDetail>): Promise<void> {
    const { file, reset } = e.detail
    this.importing = true
    this.imported = undefined
    this.importDiagnostics = []
    this.error = undefined
    try {
      this.imported = await appState.api.importXlsxTemplate(file)
      this.importDiagnostics = this.imported.diagnostics
      await this.load()
    } catch (err) {
      this.error = t('files.importFailed', { message: (err as Error).message })
      // a workbook that makes no valid template still says why, cell by cell
      const details = (err as { details?: { diagnostics?: FileDiagnostic[] } }).details
      this.importDiagnostics = details?.diagnostics ?? []
    } finally {
      this.importing = false
      reset()
    }
  }

  private renderImport(): unknown {
    const i = this.imported
    const diags = this.importDiagnostics
    if (i === undefined && diags.length === 0) return nothing
    return html`<section class="card" data-import-result aria-label=${t('files.importXlsx')}>
      ${
        i !== undefined
          ? html`<p role="status">
              ${t('files.xlsxImported', { code: i.code, version: i.version })}
              <button data-action="open-imported" @click=${() => navigate(`#/designer/${i.id}`)}>
                ${t('files.openDraft')}
              </button>
            </p>`
          : nothing
      }
      ${
        diags.length > 0
          ? html`<details open>
              <summary>${t('files.diagnostics', { count: diags.length })}</summary>
              <ul>
                ${diags.map((d) => html`<li data-severity=${d.severity}><span class=${d.severity === 'error' ? 'error' : 'muted'}>${t(`sheet.severity.${d.severity}` as MessageId)}</span> ${d.message}</li>`)}
              </ul>
            </details>`
          : nothing
      }
    </section>`
  }

  override render(): unknown {
    void this.locale
    return html`<h1>${t('nav.templates')}</h1>
      <div class="bar">
        <label for="template-search">${t('templates.search')}</label>
        <input
          id="template-search"
          type="search"
          name="q"
          placeholder=${t('templates.searchPlaceholder')}
          .value=${this.q}
          @change=${(e: Event) => {
            this.q = (e.target as HTMLInputElement).value
            void this.load()
          }}
        />
        <button
          class="primary"
          data-action="new-template"
          @click=${() => navigate('#/designer/new')}
        >
          ${t('nav.designer')}
        </button>
        <rb-file-button
          label=${t('files.importXlsx')}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          action="import-xlsx"
          ?disabled=${this.importing}
          @file-chosen=${(e: CustomEvent<FileChosenDetail>) => void this.importXlsx(e)}
        ></rb-file-button>
        ${this.importing ? html`<span class="muted" role="status">${t('files.importing')}</span>` : nothing}
      </div>
      ${this.error !== undefined ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.renderImport()}
      <table class="list">
        <thead>
          <tr>
            <th>${t('meta.code')}</th>
            <th>${t('meta.name')}</th>
            <th>${t('meta.version')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.items.map(
            (i) =>
              html`<tr>
                <td>${i.code}</td>
                <td>${i.name}</td>
                <td>
                  ${(i.versions ?? []).map(
                    (v) =>
                      html`<button @click=${() => navigate(`#/designer/${v.id}`)}>
                        ${v.version} · ${t(`status.${v.status}` as MessageId)}
                      </button> `,
                  )}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-templates-page': RbTemplatesPage
  }
}
