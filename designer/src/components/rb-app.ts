import { LitElement, css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { ApiError } from '../api/client.js'
import { appState, navigate } from '../app-state.js'
import { t } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { isRootAdmin, visibleNav } from '../workspace/nav.js'
import { parseRoute, type Route } from '../workspace/route.js'
import './rb-aggregate-page.js'
import './rb-assignments-page.js'
import './rb-dashboard-page.js'
import './rb-designer-page.js'
import './rb-inbox-page.js'
import './rb-lang-switch.js'
import './rb-login-page.js'
import './rb-plugins-page.js'
import './rb-report-page.js'
import './rb-templates-page.js'
import './rb-tracking-page.js'

/**
 * The web app the runtime serves at `/`: header with navigation, user and language switch, and
 * the page of the URL hash. Without a session (GET /api/v1/auth/me answers 401) it shows sign-in.
 */
@customElement('rb-app')
export class RbApp extends LitElement {
  static override styles = css`
    :host {
      display: block;
      min-height: 100vh;
      font-family: system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif;
    }
    /* The nav takes the room left and wraps inside itself; the account block and the language
       switch never wrap, so the switch stays on the first line however many entries a role has. */
    header {
      display: flex;
      align-items: center;
      gap: 1rem;
      background: #1f3b63;
      color: #fff;
      padding: 0.5rem 1rem;
    }
    header .brand {
      font-weight: 700;
      flex: none;
    }
    nav {
      display: flex;
      gap: 0.2rem;
      flex-wrap: wrap;
      flex: 1 1 auto;
      min-width: 0;
    }
    nav a {
      color: #dbe7f7;
      text-decoration: none;
      padding: 4px 8px;
      border-radius: 4px;
      white-space: nowrap;
    }
    nav a[aria-current='page'] {
      background: #2f5a92;
      color: #fff;
    }
    nav a:focus-visible,
    header button:focus-visible {
      outline: 2px solid #fff;
      outline-offset: 1px;
    }
    .account {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      flex: none;
      margin-left: auto;
      white-space: nowrap;
    }
    /* A unit's full name can be long; it gives way to the menu and stays whole in its tooltip. */
    .account .user {
      max-width: 22rem;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    header button.logout {
      font: inherit;
      background: none;
      border: 1px solid #dbe7f7;
      color: #fff;
      border-radius: 4px;
      padding: 2px 8px;
      cursor: pointer;
    }
    main {
      padding: 1rem;
      max-width: 1400px;
      margin: 0 auto;
    }
  `

  @state() private route: Route = parseRoute(location.hash)
  @state() private checked = false
  /** The tenant root of the user's unit: an admin there administers the tenant (plugins). */
  @state() private rootUnitId: number | undefined
  private readonly locale = new LocaleController(this)
  private readonly onHash = (): void => {
    this.route = parseRoute(location.hash)
  }

  override connectedCallback(): void {
    super.connectedCallback()
    window.addEventListener('hashchange', this.onHash)
    void this.checkSession()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('hashchange', this.onHash)
  }

  private async checkSession(): Promise<void> {
    try {
      appState.me = await appState.api.me()
      await this.loadRoot()
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) console.error(e)
      appState.me = undefined
    }
    this.checked = true
  }

  private async loadRoot(): Promise<void> {
    const me = appState.me
    this.rootUnitId =
      me === undefined
        ? undefined
        : await appState.api.getUnit(me.user.unitId).then(
            (u) => u.rootId,
            () => undefined,
          )
  }

  private async signedIn(): Promise<void> {
    await this.loadRoot()
    this.requestUpdate()
    // Land on the first page the user's roles call for (an admin has no reports due).
    if (this.route.page === 'login' || location.hash === '' || location.hash === '#/')
      navigate(this.nav()[0]?.href ?? '#/inbox')
  }

  private nav() {
    return appState.me === undefined ? [] : visibleNav(appState.me.roles, this.rootUnitId)
  }

  private async logout(): Promise<void> {
    await appState.api.logout().catch(() => undefined)
    appState.me = undefined
    this.rootUnitId = undefined
    this.requestUpdate()
  }

  override render(): unknown {
    void this.locale
    const me = appState.me
    return html`<header>
        <span class="brand">${t('app.title')}</span>
        ${
          me === undefined
            ? nothing
            : html`<nav aria-label=${t('app.title')}>
                ${this.nav().map(({ href, label }) => html`<a href=${href} aria-current=${location.hash.startsWith(href.replace('/new', '')) ? 'page' : 'false'}>${t(label)}</a>`)}
              </nav>`
        }
        <div class="account">
          ${me === undefined ? nothing : html`<span class="user" title=${me.user.fullName ?? me.user.username}>${me.user.fullName ?? me.user.username}</span><button class="logout" @click=${this.logout}>${t('nav.logout')}</button>`}
          <rb-lang-switch></rb-lang-switch>
        </div>
      </header>
      <main>${this.renderPage()}</main>`
  }

  private renderPage(): unknown {
    if (!this.checked) return html`<p>${t('common.loading')}</p>`
    if (appState.me === undefined)
      return html`<rb-login-page @signed-in=${() => void this.signedIn()}></rb-login-page>`
    const r = this.route
    switch (r.page) {
      case 'login':
      case 'inbox':
        return html`<rb-inbox-page></rb-inbox-page>`
      case 'report':
        return html`<rb-report-page .instanceId=${r.id}></rb-report-page>`
      case 'templates':
        return html`<rb-templates-page></rb-templates-page>`
      case 'designer':
        return html`<rb-designer-page .versionId=${r.versionId}></rb-designer-page>`
      case 'tracking':
        return html`<rb-tracking-page .assignmentId=${r.assignmentId}></rb-tracking-page>`
      case 'aggregate':
        return html`<rb-aggregate-page></rb-aggregate-page>`
      case 'dashboard':
        return html`<rb-dashboard-page></rb-dashboard-page>`
      case 'assignments':
        return html`<rb-assignments-page></rb-assignments-page>`
      case 'plugins':
        return isRootAdmin(appState.me.roles, this.rootUnitId)
          ? html`<rb-plugins-page></rb-plugins-page>`
          : html`<p role="alert">${t('plugins.onlyRootAdmin')}</p>`
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-app': RbApp
  }
}
