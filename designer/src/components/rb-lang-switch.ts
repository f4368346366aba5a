import { LitElement, css, html } from 'lit'
import { customElement } from 'lit/decorators.js'
import { getLocale, setLocale, t } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'

/** Switches the interface between Vietnamese (default) and English. */
@customElement('rb-lang-switch')
export class RbLangSwitch extends LitElement {
  static override styles = css`
    button {
      font: inherit;
      background: none;
      border: 1px solid currentColor;
      border-radius: 4px;
      color: inherit;
      padding: 2px 8px;
      cursor: pointer;
    }
  `
  private readonly locale = new LocaleController(this)

  override render(): unknown {
    void this.locale
    return html`<button
      data-action="switch-language"
      aria-label=${t('lang.label')}
      lang=${getLocale() === 'vi' ? 'en' : 'vi'}
      @click=${() => setLocale(getLocale() === 'vi' ? 'en' : 'vi')}
    >
      ${t('lang.switch')}
    </button>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-lang-switch': RbLangSwitch
  }
}
