import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Tracking } from '../api/types.js'
import { appState, formatDate, navigate } from '../app-state.js'
import { t, type MessageId } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { fieldStyles } from './fields.js'
import { pageStyles } from './page-styles.js'
import type { PickedAssignment } from './rb-assignment-picker.js'
import './rb-assignment-picker.js'

/** Tracking board: where each unit's report stands, late ones marked (GET /assignments/:id/tracking?period=). */
@customElement('rb-tracking-page')
export class RbTrackingPage extends LitElement {
  static override styles = [pageStyles, fieldStyles]
  /** The assignment to open first (`#/tracking/<id>`); without it the picker opens the first one. */
  @property({ attribute: false }) assignmentId: number | undefined
  @state() private board: Tracking | undefined
  @state() private error: string | undefined
  private readonly locale = new LocaleController(this)

  private async pick(e: CustomEvent<PickedAssignment>): Promise<void> {
    try {
      this.board = await appState.api.tracking(e.detail.assignment.id, e.detail.period)
      this.error = undefined
    } catch (err) {
      // The board of the previous pick would read as this pick's.
      this.board = undefined
      this.error = (err as Error).message
    }
  }

  override render(): unknown {
    void this.locale
    const b = this.board
    const stateLabel = (s: string): string => t(`state.${s.replace('_', '-')}` as MessageId)
    return html`<h1>${t('tracking.title')}</h1>
      <rb-assignment-picker
        .initialAssignmentId=${this.assignmentId}
        @assignment-picked=${this.pick}
      ></rb-assignment-picker>
      ${this.error !== undefined ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        b === undefined
          ? nothing
          : html`<p>
                ${Object.entries(b.counts).map(([s, n]) => html`<span class="badge ${s}">${stateLabel(s)}: ${n}</span> `)}
              </p>
              <table class="list">
                <thead>
                  <tr>
                    <th>${t('inbox.unit')}</th>
                    <th>${t('inbox.state')}</th>
                    <th>${t('inbox.deadline')}</th>
                    <th>${t('tracking.submittedAt')}</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  ${b.units.map(
                    (u) =>
                      html`<tr class=${u.late ? 'late' : ''} data-unit=${u.unitCode}>
                        <td>${u.unitName}</td>
                        <td>
                          <span class="badge ${u.state}">${stateLabel(u.state)}</span
                          >${u.late && u.state !== 'late' ? html` <span class="badge late">${t('state.late')}</span>` : nothing}
                        </td>
                        <td>
                          ${u.deadline === null ? html`<span class="muted">${t('inbox.noDeadline')}</span>` : formatDate(u.deadline)}
                        </td>
                        <td>${formatDate(u.sentAt ?? null)}</td>
                        <td>
                          ${u.instanceId !== null ? html`<button @click=${() => navigate(`#/report/${u.instanceId}`)}>${t('inbox.open')}</button>` : nothing}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
      }`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-tracking-page': RbTrackingPage
  }
}
