import { LitElement, html, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Assignment } from '../api/types.js'
import { appState } from '../app-state.js'
import { t } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { periodText } from '../i18n/period-text.js'
import { fieldStyles, selectField } from './fields.js'
import { pageStyles } from './page-styles.js'

export interface PickedAssignment {
  assignment: Assignment
  period: string
}

/**
 * Picks an assignment (GET /assignments) and one of its periods (the periods of its report
 * instances, GET /instances?assignmentId=); emits `assignment-picked` with PickedAssignment.
 */
@customElement('rb-assignment-picker')
export class RbAssignmentPicker extends LitElement {
  static override styles = [pageStyles, fieldStyles]
  /** The assignment to pick first when the page was opened for one; the first listed otherwise. */
  @property({ attribute: false }) initialAssignmentId: number | undefined
  @state() private assignments: Assignment[] = []
  @state() private periods: string[] = []
  @state() private assignmentId: number | undefined
  @state() private period: string | undefined
  @state() private error: string | undefined
  /** The page was opened for an assignment the caller does not see (or that is not there). */
  @state() private missing: number | undefined
  private readonly locale = new LocaleController(this)

  override connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private loaded = false

  /** The same page element serves `#/tracking/1` then `#/tracking/2`: follow the new address. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.loaded && changed.has('initialAssignmentId')) void this.pickInitial()
  }

  private async load(): Promise<void> {
    try {
      this.assignments = await appState.api.listAssignments()
      this.loaded = true
      await this.pickInitial()
    } catch (e) {
      this.error = (e as Error).message
    }
  }

  private async pickInitial(): Promise<void> {
    const wanted = this.initialAssignmentId
    const found = this.assignments.find((a) => a.id === wanted)
    this.missing = wanted !== undefined && found === undefined ? wanted : undefined
    const first = found ?? this.assignments[0]
    if (first !== undefined && first.id !== this.assignmentId) await this.pickAssignment(first.id)
  }

  private async pickAssignment(id: number): Promise<void> {
    this.assignmentId = id
    const instances = await appState.api.listInstances({ assignmentId: id })
    this.periods = [...new Set(instances.map((i) => i.period))].sort().reverse()
    this.pickPeriod(this.periods[0])
  }

  private pickPeriod(period: string | undefined): void {
    this.period = period
    const assignment = this.assignments.find((a) => a.id === this.assignmentId)
    if (assignment === undefined || period === undefined) return
    this.dispatchEvent(
      new CustomEvent<PickedAssignment>('assignment-picked', {
        detail: { assignment, period },
        bubbles: true,
        composed: true,
      }),
    )
  }

  override render(): unknown {
    void this.locale
    return html`<div class="bar">
      ${selectField(
        t('tracking.assignment'),
        this.assignmentId === undefined ? undefined : String(this.assignmentId),
        this.assignments.map((a) => [String(a.id), `${a.code} v${a.version} — ${a.name}`] as const),
        (v) => v !== undefined && void this.pickAssignment(Number(v)),
        { name: 'assignment' },
      )}
      ${selectField(
        t('inbox.period'),
        this.period,
        this.periods.map((p) => [p, periodText(p)] as const),
        (v) => this.pickPeriod(v),
        { name: 'period' },
      )}
      ${this.error !== undefined ? html`<span class="error" role="alert">${this.error}</span>` : ''}
      ${this.missing !== undefined ? html`<span class="error" role="alert" data-role="missing">${t('tracking.assignmentMissing', { id: this.missing })}</span>` : ''}
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-assignment-picker': RbAssignmentPicker
  }
}
