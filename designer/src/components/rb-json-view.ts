import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { TemplateDefinition } from '../../../schemas/generated/index.js'
import { t } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { fieldStyles } from './fields.js'

/** The template as JSON; editable, applied with the button (a parse error is shown, nothing applied). Emits `definition-change`. */
@customElement('rb-json-view')
export class RbJsonView extends LitElement {
  static override styles = [
    fieldStyles,
    css`
      :host {
        display: block;
      }
      textarea {
        width: 100%;
        box-sizing: border-box;
        min-height: 420px;
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
        font-size: 12px;
      }
      .err {
        color: #c62828;
      }
    `,
  ]

  @property({ attribute: false }) definition?: TemplateDefinition
  @state() private error: string | undefined
  @state() private draft: string | undefined
  private readonly locale = new LocaleController(this)

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('definition')) this.draft = undefined
  }

  override render(): unknown {
    void this.locale
    const text = this.draft ?? JSON.stringify(this.definition ?? {}, null, 2)
    return html`<textarea
        aria-label="JSON"
        spellcheck="false"
        .value=${text}
        @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <div class="toolbar">
        <button data-action="apply-json" ?disabled=${this.draft === undefined} @click=${this.apply}>
          ${t('common.save')}
        </button>
        ${this.error !== undefined ? html`<span class="err" role="alert">${this.error}</span>` : nothing}
      </div>`
  }

  private apply(): void {
    if (this.draft === undefined) return
    try {
      const definition = JSON.parse(this.draft) as TemplateDefinition
      this.error = undefined
      this.dispatchEvent(
        new CustomEvent('definition-change', {
          detail: { definition },
          bubbles: true,
          composed: true,
        }),
      )
    } catch (e) {
      this.error = t('designer.importError', { message: (e as Error).message })
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-json-view': RbJsonView
  }
}
