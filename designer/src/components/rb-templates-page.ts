import { LitElement, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import type { TemplateListItem } from '../api/types.js'
import { appState, navigate } from '../app-state.js'
import { t, type MessageId } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { fieldStyles } from './fields.js'
import { pageStyles } from './page-styles.js'

/** The template library (GET /api/v1/templates): open a version in the designer, or start a new template. */
@customElement('rb-templates-page')
export class RbTemplatesPage extends LitElement {
  static override styles = [pageStyles, fieldStyles]
  @state() private items: TemplateListItem[] = []
  @state() private q = ''
  @state() private error: string | undefined
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

  override render(): unknown {
    void this.locale
    return html`<h1>${t('nav.templates')}</h1>
      <div class="bar">
        <input type="search" aria-label=${t('common.search')} .value=${this.q} @change=${(e: Event) => {
          this.q = (e.target as HTMLInputElement).value
          void this.load()
        }} />
        <button class="primary" data-action="new-template" @click=${() => navigate('#/designer/new')}>${t('nav.designer')}</button>
      </div>
      ${this.error !== undefined ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <table class="list">
        <thead><tr><th>${t('meta.code')}</th><th>${t('meta.name')}</th><th>${t('meta.version')}</th></tr></thead>
        <tbody>
          ${this.items.map(
            (i) => html`<tr>
              <td>${i.code}</td>
              <td>${i.name}</td>
              <td>${(i.versions ?? []).map(
                (v) => html`<button @click=${() => navigate(`#/designer/${v.id}`)}>${v.version} · ${t(`status.${v.status}` as MessageId)}</button> `,
              )}</td>
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
