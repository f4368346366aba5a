import { LitElement, css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { ApiError } from '../api/client.js'
import { appState } from '../app-state.js'
import { t } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { fieldStyles } from './fields.js'
import { pageStyles } from './page-styles.js'

/** Sign-in form: POST /api/v1/auth/login; emits `signed-in` with the user (`Me`). */
@customElement('rb-login-page')
export class RbLoginPage extends LitElement {
  static override styles = [
    pageStyles,
    fieldStyles,
    css`
      form {
        max-width: 22rem;
        margin: 3rem auto;
      }
      .field input {
        width: 100%;
        box-sizing: border-box;
      }
    `,
  ]
  @state() private error: string | undefined
  @state() private busy = false
  private readonly locale = new LocaleController(this)

  override render(): unknown {
    void this.locale
    return html`<form class="card" @submit=${this.submit}>
      <h1>${t('login.title')}</h1>
      <div class="field">
        <label for="u">${t('login.username')}</label
        ><input id="u" name="username" autocomplete="username" required />
      </div>
      <div class="field">
        <label for="p">${t('login.password')}</label
        ><input id="p" name="password" type="password" autocomplete="current-password" required />
      </div>
      ${this.error !== undefined ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <button class="primary" type="submit" ?disabled=${this.busy}>${t('login.submit')}</button>
    </form>`
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const data = new FormData(form)
    this.busy = true
    this.error = undefined
    try {
      const me = await appState.api.login(
        String(data.get('username')),
        String(data.get('password')),
      )
      appState.me = me
      this.dispatchEvent(
        new CustomEvent('signed-in', { detail: me, bubbles: true, composed: true }),
      )
    } catch (err) {
      this.error = loginError(err)
    } finally {
      this.busy = false
    }
  }
}

/** The server's refusals in the interface language; anything else keeps its own words. */
function loginError(err: unknown): string {
  if (err instanceof ApiError && err.code === 'invalid_credentials') return t('login.invalid')
  if (err instanceof ApiError && err.code === 'account_locked') return t('login.locked')
  return t('login.failed', { message: (err as Error).message })
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-login-page': RbLoginPage
  }
}
