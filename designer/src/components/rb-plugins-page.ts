import { LitElement, css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import type { BundledPlugin, InstalledPlugin, PluginList } from '../api/plugin-types.js'
import { appState } from '../app-state.js'
import { t, type MessageId } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { pageStyles } from './page-styles.js'

type Outcome =
  { kind: 'done'; folder: string; text: string } | { kind: 'failed'; folder: string; text: string }

/**
 * The tenant admin's plugins page: the regime plugins shipped with the product, what each brings,
 * and an install button per plugin (POST /plugins; installing again is harmless, the server keeps
 * it idempotent). Plugins installed from elsewhere (the CLI) are listed too.
 */
@customElement('rb-plugins-page')
export class RbPluginsPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .card header {
        display: flex;
        gap: 0.6rem;
        align-items: baseline;
        flex-wrap: wrap;
      }
      .card h2 {
        margin: 0;
        font-size: 1.05rem;
      }
      .card code {
        font-size: 0.85rem;
      }
      .card table.list {
        margin-top: 0.5rem;
      }
      .card .actions {
        margin-left: auto;
      }
      button[data-action='install'] {
        font: inherit;
        padding: 3px 12px;
        cursor: pointer;
      }
      button[data-action='install'][disabled] {
        cursor: default;
      }
      .card p[role='status'] {
        margin: 0.2rem 0 0;
      }
      .done {
        color: #1e5b22;
      }
    `,
  ]

  @state() private list: PluginList | undefined
  @state() private loadError: string | undefined
  @state() private busy: string | undefined
  @state() private outcome: Outcome | undefined
  private readonly locale = new LocaleController(this)

  override connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    try {
      this.list = await appState.api.listPlugins()
      this.loadError = undefined
    } catch (err) {
      this.loadError = (err as Error).message
    }
  }

  private installedOf(p: BundledPlugin): InstalledPlugin | undefined {
    return this.list?.installed.find((i) => i.pluginId === p.id)
  }

  private async install(p: BundledPlugin): Promise<void> {
    this.busy = p.folder
    this.outcome = undefined
    try {
      const r = await appState.api.installPlugin(p.folder)
      this.outcome = {
        kind: 'done',
        folder: p.folder,
        text: t('plugins.installed', {
          id: r.pluginId,
          version: r.version,
          added: r.added.length,
          unchanged: r.unchanged.length,
        }),
      }
      await this.load()
    } catch (err) {
      this.outcome = {
        kind: 'failed',
        folder: p.folder,
        text: t('plugins.installFailed', { id: p.folder, message: (err as Error).message }),
      }
    } finally {
      this.busy = undefined
    }
  }

  override render(): unknown {
    void this.locale
    const list = this.list
    return html`<h1>${t('plugins.title')}</h1>
      <p class="muted">${t('plugins.intro')}</p>
      ${
        this.loadError !== undefined
          ? html`<p class="error" role="alert">
              ${t('plugins.loadFailed', { message: this.loadError })}
            </p>`
          : nothing
      }
      ${list === undefined && this.loadError === undefined ? html`<p>${t('common.loading')}</p>` : nothing}
      ${list === undefined ? nothing : this.renderList(list)}`
  }

  private renderList(list: PluginList): unknown {
    const bundledIds = new Set(list.available.map((p) => p.id))
    const others = list.installed.filter((i) => !bundledIds.has(i.pluginId))
    return html`${list.available.map((p) => this.renderPlugin(p))}
    ${
      others.length === 0
        ? nothing
        : html`<section class="card" aria-labelledby="other-plugins">
            <h2 id="other-plugins">${t('plugins.others')}</h2>
            <table class="list">
              <thead>
                <tr>
                  <th>${t('plugins.id')}</th>
                  <th>${t('plugins.version')}</th>
                  <th>${t('plugins.source')}</th>
                </tr>
              </thead>
              <tbody>
                ${others.map(
                  (o) =>
                    html`<tr data-plugin=${o.pluginId}>
                      <td><code>${o.pluginId}</code></td>
                      <td>${o.version}</td>
                      <td><code>${o.source}</code></td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>`
    }`
  }

  private renderPlugin(p: BundledPlugin): unknown {
    const installed = this.installedOf(p)
    const current = installed !== undefined && installed.version === p.version
    const headingId = `plugin-${p.folder}`
    const state = current ? 'current' : installed !== undefined ? 'other-version' : 'not-installed'
    return html`<section
      class="card"
      data-plugin=${p.folder}
      data-installed=${state}
      aria-labelledby=${headingId}
    >
      <header>
        <h2 id=${headingId}>${p.name ?? p.folder}</h2>
        <code>${p.id ?? p.folder}</code>
        ${p.version === null ? nothing : html`<span>${t('plugins.version')} ${p.version}</span>`}
        <span class="badge ${current ? 'accepted' : ''}" data-state>
          ${
            current
              ? t('plugins.stateInstalled')
              : installed !== undefined
                ? t('plugins.stateOtherVersion', { version: installed.version })
                : t('plugins.stateNotInstalled')
          }
        </span>
        <span class="actions"
          >${p.error === undefined ? this.renderButton(p, installed, current) : nothing}</span
        >
      </header>
      ${
        p.error !== undefined
          ? html`<p class="error" role="alert">${t('plugins.broken', { message: p.error })}</p>`
          : nothing
      }
      ${this.renderOutcome(p)}
      ${
        p.forms.length === 0
          ? html`<p class="muted">
              ${t('plugins.noForms')}${p.catalogs.length > 0 ? ` ${t('plugins.catalogs', { list: p.catalogs.join(', ') })}` : ''}
            </p>`
          : html`<table
                class="list"
                aria-label=${t('plugins.formsOf', { name: p.name ?? p.folder })}
              >
                <thead>
                  <tr>
                    <th>${t('inbox.template')}</th>
                    <th>${t('plugins.version')}</th>
                    <th>${t('plugins.formName')}</th>
                    <th>${t('plugins.period')}</th>
                    <th>${t('inbox.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${p.forms.map(
                    (f) =>
                      html`<tr data-form=${`${f.code}@${f.version}`}>
                        <td><code>${f.code}</code></td>
                        <td>${f.version}</td>
                        <td>${f.name}</td>
                        <td>${t(`period.${f.periodType}` as MessageId)}</td>
                        <td><span class="badge">${t(`status.${f.status}` as MessageId)}</span></td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              ${p.catalogs.length > 0 ? html`<p class="muted">${t('plugins.catalogs', { list: p.catalogs.join(', ') })}</p>` : nothing}`
      }
    </section>`
  }

  /** Always there, so screen readers announce what it says once an install starts or ends. */
  private renderOutcome(p: BundledPlugin): unknown {
    const mine = this.outcome?.folder === p.folder ? this.outcome : undefined
    const text =
      this.busy === p.folder ? t('plugins.installing', { id: p.folder }) : (mine?.text ?? '')
    return html`<p
      role="status"
      aria-live="polite"
      class=${mine?.kind === 'failed' ? 'error' : 'done'}
      data-outcome=${this.busy === p.folder ? 'busy' : (mine?.kind ?? '')}
    >
      ${text}
    </p>`
  }

  private renderButton(
    p: BundledPlugin,
    installed: InstalledPlugin | undefined,
    current: boolean,
  ): unknown {
    const working = this.busy === p.folder
    const label = working
      ? t('plugins.installingShort')
      : current
        ? t('plugins.stateInstalled')
        : installed !== undefined
          ? t('plugins.upgrade', { version: p.version ?? '' })
          : t('plugins.install')
    return html`<button
      data-action="install"
      ?disabled=${current || this.busy !== undefined}
      aria-busy=${working ? 'true' : 'false'}
      aria-describedby=${`plugin-${p.folder}`}
      @click=${() => this.install(p)}
    >
      ${label}
    </button>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-plugins-page': RbPluginsPage
  }
}
