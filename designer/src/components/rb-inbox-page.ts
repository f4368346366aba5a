import { LitElement, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import type { InstanceSummary } from '../api/types.js'
import { appState, formatDate, navigate } from '../app-state.js'
import { t, type MessageId } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { periodText } from '../i18n/period-text.js'
import {
  inboxView,
  isOverdue,
  pageOf,
  type InboxColumn,
  type InboxSort,
  type ListPage,
} from '../workspace/inbox-view.js'

/**
 * Rows per page on screen. The inbox reads the runtime's pages (newest periods first) up to
 * LOAD_BOUND reports, so filtering and sorting cover all a reporter has; beyond that it says so.
 */
const PAGE_SIZE = 50
const LOAD_BOUND = 5000
import { fieldStyles } from './fields.js'
import { pageStyles } from './page-styles.js'

/** Reports due for the signed-in user (GET /api/v1/instances), sortable and filterable. */
@customElement('rb-inbox-page')
export class RbInboxPage extends LitElement {
  static override styles = [pageStyles, fieldStyles]
  @state() private items: InstanceSummary[] = []
  @state() private total = 0
  @state() private error: string | undefined
  @state() private loading = true
  @state() private filter = ''
  @state() private sort: InboxSort = { column: 'deadline', descending: false }
  @state() private page = 1
  private readonly locale = new LocaleController(this)

  override connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    try {
      const all = await appState.api.listAllInstances({}, LOAD_BOUND)
      this.items = all.instances
      this.total = all.total
    } catch (e) {
      this.error = (e as Error).message
    } finally {
      this.loading = false
    }
  }

  override render(): unknown {
    void this.locale
    const today = new Date().toISOString().slice(0, 10)
    const rows = inboxView(
      this.items,
      this.filter,
      this.sort,
      (i) => `${periodText(i.period)} ${t(`state.${i.status}` as MessageId)}`,
    )
    const shown = pageOf(rows, this.page, PAGE_SIZE)
    const th = (column: InboxColumn, label: MessageId) => {
      const active = this.sort.column === column
      return html`<th
        aria-sort=${active ? (this.sort.descending ? 'descending' : 'ascending') : 'none'}
      >
        <button
          data-sort=${column}
          @click=${() => {
            this.sort = { column, descending: active ? !this.sort.descending : false }
            this.page = 1
          }}
        >
          ${t(label)} ${active ? (this.sort.descending ? '▼' : '▲') : ''}
        </button>
      </th>`
    }
    return html`<h1>${t('nav.inbox')}</h1>
      <div class="bar">
        <input
          type="search"
          aria-label=${t('common.search')}
          placeholder=${t('inbox.filter')}
          .value=${this.filter}
          @input=${(e: Event) => {
            this.filter = (e.target as HTMLInputElement).value
            this.page = 1
          }}
        />
      </div>
      ${this.loading ? html`<p class="muted">${t('common.loading')}</p>` : nothing}
      ${this.error !== undefined ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <table class="list">
        <thead>
          <tr>
            ${th('templateCode', 'inbox.template')}${th('unitName', 'inbox.unit')}${th('period', 'inbox.period')}${th('deadline', 'inbox.deadline')}${th('status', 'inbox.state')}
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${shown.items.map((i) => {
            const late = isOverdue(i, today)
            return html`<tr class=${late ? 'late' : ''} data-instance=${i.id}>
              <td>${i.templateCode} <span class="muted">v${i.templateVersion}</span></td>
              <td>${i.unitName}</td>
              <td>${periodText(i.period)}</td>
              <td>
                ${i.deadline === null ? html`<span class="muted">${t('inbox.noDeadline')}</span>` : formatDate(i.deadline)}
                ${late ? html`<span class="badge overdue">${t('inbox.overdue')}</span>` : nothing}
              </td>
              <td><span class="badge ${i.status}">${t(`state.${i.status}` as MessageId)}</span></td>
              <td>
                <button @click=${() => navigate(`#/report/${i.id}`)}>${t('inbox.open')}</button>
              </td>
            </tr>`
          })}
        </tbody>
      </table>
      ${shown.pages > 1 ? this.renderPager(shown) : nothing}
      ${
        this.total > this.items.length
          ? html`<p class="muted" role="note">
              ${t('inbox.capped', { count: this.items.length, total: this.total })}
            </p>`
          : nothing
      }
      ${
        !this.loading && rows.length === 0
          ? html`<p class="muted">
              ${t(this.items.length === 0 ? 'inbox.empty' : 'inbox.noMatch')}
            </p>`
          : nothing
      }`
  }

  private renderPager(p: ListPage<unknown>): unknown {
    return html`<nav class="bar pager" aria-label=${t('inbox.pages')}>
      <button
        type="button"
        data-page="prev"
        ?disabled=${p.page <= 1}
        @click=${() => (this.page = p.page - 1)}
      >
        ${t('assign.prev')}
      </button>
      <span role="status">${t('inbox.range', { from: p.from, to: p.to, total: p.total })}</span>
      <button
        type="button"
        data-page="next"
        ?disabled=${p.page >= p.pages}
        @click=${() => (this.page = p.page + 1)}
      >
        ${t('assign.next')}
      </button>
    </nav>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-inbox-page': RbInboxPage
  }
}
