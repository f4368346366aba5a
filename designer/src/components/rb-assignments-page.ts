import { LitElement, css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { periodLabel } from '../../../core/index.js'
import type { AssignmentRow, AssignmentSchedule, UnitRow } from '../api/assignment-types.js'
import type { TemplateListItem, TemplateVersionSummary } from '../api/types.js'
import { appState } from '../app-state.js'
import { getLocale, t, type MessageId } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import {
  periodsOfYear,
  planSchedules,
  unitIdsOf,
  unitTree,
  type UnitNode,
} from '../workspace/assignment-plan.js'
import { fieldStyles } from './fields.js'
import { pageStyles } from './page-styles.js'

const TEMPLATE_PAGE = 10
const LIST_PAGE = 10
/** The worker polls its jobs every 2 s; a minute covers a busy queue. */
const POLL_MS = 1000
const POLL_TRIES = 60

/** A published version the user picked, kept while the template list pages or searches on. */
interface Picked extends TemplateVersionSummary {
  code: string
}

interface Outcome {
  key: string
  range: string
  text: string
  failed: boolean
  assignmentId?: number
  opening?: boolean
  instanceCount?: number
}

/**
 * The assigning screen (DESIGN §3.1): an aggregator of a unit picks a published form version, the
 * units below theirs and the periods, and POST /assignments opens one report per unit and period
 * (in a background job, which this page follows). Below, the assignments made so far.
 */
@customElement('rb-assignments-page')
export class RbAssignmentsPage extends LitElement {
  static override styles = [
    pageStyles,
    fieldStyles,
    css`
      form fieldset {
        border: 1px solid #d0d7de;
        border-radius: 6px;
        margin: 0 0 0.8rem;
        padding: 0.5rem 0.8rem;
      }
      legend {
        font-weight: 600;
      }
      ul.tree {
        list-style: none;
        margin: 0.2rem 0;
        padding-left: 1.2rem;
      }
      ul.tree.top {
        padding-left: 0;
      }
      ul.tree li {
        margin: 0.15rem 0;
      }
      ul.tree button,
      .toolbar button {
        font-size: 0.85rem;
        padding: 1px 8px;
        margin-left: 0.4rem;
      }
      .periods {
        display: flex;
        flex-wrap: wrap;
        gap: 0.2rem 1rem;
      }
      .periods label,
      ul.tree label {
        cursor: pointer;
      }
      table.list td.pick {
        width: 2rem;
      }
      .pager {
        display: flex;
        gap: 0.6rem;
        align-items: center;
        margin: 0.4rem 0;
      }
      .deadlines {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
      }
      .done {
        color: #1e5b22;
      }
      fieldset .field select,
      fieldset .field input[type='number'],
      fieldset .field input[type='search'] {
        max-width: 24rem;
      }
    `,
  ]

  @state() private units: UnitRow[] = []
  @state() private unitId: number | undefined
  @state() private q = ''
  @state() private templates: TemplateListItem[] = []
  @state() private templatePage = 1
  @state() private templateTotal = 0
  @state() private picked: Picked | undefined
  @state() private targets = new Set<number>()
  @state() private year = new Date().getFullYear()
  @state() private periods = new Set<string>()
  @state() private deadlines: Record<string, string> = {}
  @state() private ongoing = false
  @state() private daysAfter: number | undefined
  @state() private problem: string | undefined
  @state() private busy = false
  @state() private outcomes: Outcome[] = []
  @state() private rows: AssignmentRow[] = []
  @state() private listPage = 1
  @state() private loadError: string | undefined
  private readonly locale = new LocaleController(this)
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()

  override connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  /** The units the user may assign from: those they hold the aggregator role on. */
  private assigningUnits(): UnitRow[] {
    const ids = new Set(
      (appState.me?.roles ?? []).filter((g) => g.role === 'aggregator').map((g) => g.unitId),
    )
    return this.units.filter((u) => ids.has(u.id))
  }

  private async load(): Promise<void> {
    try {
      this.units = await appState.api.listUnits()
      this.unitId = this.assigningUnits()[0]?.id
      await Promise.all([this.loadTemplates(), this.loadRows()])
    } catch (err) {
      this.loadError = (err as Error).message
    }
  }

  private async loadRows(): Promise<void> {
    this.rows = await appState.api.listAssignmentRows()
  }

  /** One page of the library's templates with a published version (the list names each one's period type). */
  private async loadTemplates(): Promise<void> {
    const res = await appState.api.listTemplates({
      status: 'published',
      q: this.q,
      page: this.templatePage,
      pageSize: TEMPLATE_PAGE,
    })
    this.templates = res.items
    this.templateTotal = res.total
  }

  private search(q: string): void {
    this.q = q
    this.templatePage = 1
    void this.loadTemplates().catch((err: unknown) => (this.loadError = (err as Error).message))
  }

  private turnTemplatePage(by: number): void {
    this.templatePage += by
    void this.loadTemplates().catch((err: unknown) => (this.loadError = (err as Error).message))
  }

  private pickVersion(item: TemplateListItem, v: TemplateVersionSummary): void {
    const before = this.picked?.periodType
    this.picked = { ...v, code: item.code }
    // Periods of another type mean nothing for this form.
    if (v.periodType !== before) {
      this.periods = new Set()
      this.deadlines = {}
    }
    this.problem = undefined
  }

  private pickUnit(id: number): void {
    this.unitId = id
    this.targets = new Set()
  }

  private setTargets(ids: readonly number[], on: boolean): void {
    const next = new Set(this.targets)
    for (const id of ids) {
      if (on) next.add(id)
      else next.delete(id)
    }
    this.targets = next
    this.problem = undefined
  }

  private togglePeriod(id: string, on: boolean): void {
    const next = new Set(this.periods)
    if (on) next.add(id)
    else next.delete(id)
    this.periods = next
    this.problem = undefined
  }

  private rangeLabel(s: AssignmentSchedule): string {
    const lang = getLocale()
    if (s.fromPeriod === 'none') return t('period.none')
    const from = periodLabel(s.fromPeriod, lang)
    if (s.toPeriod === undefined) return t('assign.rangeOpen', { from })
    return s.toPeriod === s.fromPeriod
      ? from
      : t('assign.range', { from, to: periodLabel(s.toPeriod, lang) })
  }

  private plan(): AssignmentSchedule[] {
    const v = this.picked
    if (v === undefined) return []
    return planSchedules(v.periodType, [...this.periods], {
      ongoing: this.ongoing,
      deadlines: this.deadlines,
      daysAfterDeadline: this.daysAfter,
    })
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault()
    const version = this.picked
    const schedules = this.plan()
    this.problem =
      version === undefined
        ? t('assign.missingTemplate')
        : this.targets.size === 0
          ? t('assign.missingUnits')
          : schedules.length === 0
            ? t('assign.missingPeriods')
            : undefined
    if (this.problem !== undefined || version === undefined || this.unitId === undefined) return
    this.busy = true
    const targetUnitIds = unitIdsOf(unitTree(this.units, this.unitId)).filter((id) =>
      this.targets.has(id),
    )
    const outcomes: Outcome[] = []
    for (const schedule of schedules) {
      const range = this.rangeLabel(schedule)
      const key = `${version.id}:${schedule.fromPeriod}:${schedule.toPeriod ?? ''}`
      try {
        const made = await appState.api.createAssignment({
          templateVersionId: version.id,
          unitId: this.unitId,
          targetUnitIds,
          schedule,
        })
        outcomes.push({
          key,
          range,
          failed: false,
          assignmentId: made.id,
          opening: true,
          text: t('assign.created', {
            code: version.code,
            version: version.version,
            units: made.targetUnitIds.length,
            range,
            id: made.id,
          }),
        })
      } catch (err) {
        outcomes.push({
          key,
          range,
          failed: true,
          text: t('assign.failed', { range, message: (err as Error).message }),
        })
      }
    }
    this.outcomes = outcomes
    this.busy = false
    for (const o of outcomes) if (o.assignmentId !== undefined) this.follow(o.assignmentId, 0)
    await this.loadRows().catch(() => undefined)
  }

  /** Follows the background job that opens the assignment's reports until it is done. */
  private follow(id: number, tries: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      void appState.api.getAssignment(id).then(
        (a) => {
          this.outcomes = this.outcomes.map((o) =>
            o.assignmentId === id
              ? { ...o, opening: a.opening, instanceCount: a.instanceCount }
              : o,
          )
          if (a.opening && tries < POLL_TRIES) this.follow(id, tries + 1)
          else void this.loadRows().catch(() => undefined)
        },
        () => (tries < POLL_TRIES ? this.follow(id, tries + 1) : undefined),
      )
    }, POLL_MS)
    this.timers.add(timer)
  }

  override render(): unknown {
    void this.locale
    const mine = this.assigningUnits()
    return html`<h1>${t('assign.title')}</h1>
      <p class="muted">${t('assign.intro')}</p>
      ${
        this.loadError !== undefined
          ? html`<p class="error" role="alert">
              ${t('assign.loadFailed', { message: this.loadError })}
            </p>`
          : nothing
      }
      ${
        this.units.length > 0 && mine.length === 0
          ? html`<p role="alert">${t('assign.onlyAggregator')}</p>`
          : nothing
      }
      ${mine.length > 0 ? this.renderForm(mine) : nothing} ${this.renderRows()}`
  }

  private renderForm(mine: UnitRow[]): unknown {
    const version = this.picked
    const plan = this.plan()
    return html`<section class="card" aria-labelledby="new-assignment">
      <h2 id="new-assignment">${t('assign.newHeading')}</h2>
      <form @submit=${this.submit} novalidate>
        ${
          mine.length > 1
            ? html`<div class="field">
                <label for="assigning-unit">${t('assign.unit')}</label>
                <select
                  id="assigning-unit"
                  name="unit"
                  @change=${(e: Event) => this.pickUnit(Number((e.target as HTMLSelectElement).value))}
                >
                  ${mine.map(
                    (u) =>
                      html`<option value=${u.id} ?selected=${u.id === this.unitId}>
                        ${u.code} — ${u.name}
                      </option>`,
                  )}
                </select>
              </div>`
            : html`<p>${t('assign.unit')}: <strong>${mine[0]!.name}</strong></p>`
        }
        ${this.renderTemplates()} ${this.renderUnits()}
        ${version === undefined ? nothing : this.renderPeriods(version)}
        ${
          plan.length > 1
            ? html`<p class="muted" data-plan>
                ${t('assign.plan', {
                  n: plan.length,
                  list: plan.map((s) => this.rangeLabel(s)).join('; '),
                })}
              </p>`
            : nothing
        }
        ${this.problem !== undefined ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
        <button type="submit" class="primary" data-action="assign" ?disabled=${this.busy}>
          ${this.busy ? t('assign.submitting') : t('assign.submit')}
        </button>
      </form>
      <div role="status" aria-live="polite" data-outcomes>
        ${this.outcomes.map((o) => this.renderOutcome(o))}
      </div>
    </section>`
  }

  private renderOutcome(o: Outcome): unknown {
    if (o.failed) return html`<p class="error" data-outcome="failed">${o.text}</p>`
    const opened =
      o.opening !== false
        ? t('assign.opening')
        : `${t('assign.opened', { n: o.instanceCount ?? 0 })}${o.instanceCount === 0 ? ` ${t('assign.openedLater')}` : ''}`
    return html`<p
      class="done"
      data-outcome=${o.opening !== false ? 'opening' : 'opened'}
      data-assignment=${o.assignmentId ?? ''}
    >
      ${o.text} <span data-opened>${opened}</span>
    </p>`
  }

  private renderTemplates(): unknown {
    const pages = Math.max(1, Math.ceil(this.templateTotal / TEMPLATE_PAGE))
    const rows = this.templates.flatMap((item) =>
      (item.versions ?? []).filter((v) => v.status === 'published').map((v) => ({ item, v })),
    )
    return html`<fieldset>
      <legend>${t('assign.template')}</legend>
      <div class="field">
        <label for="template-search">${t('assign.templateSearch')}</label>
        <input
          id="template-search"
          type="search"
          name="q"
          .value=${this.q}
          @change=${(e: Event) => this.search((e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            // Enter searches; it must not submit the assignment form around it.
            if (e.key !== 'Enter') return
            e.preventDefault()
            this.search((e.target as HTMLInputElement).value)
          }}
        />
      </div>
      ${
        rows.length === 0
          ? html`<p class="muted">${t('assign.noTemplates')}</p>`
          : html`<table class="list">
              <thead>
                <tr>
                  <th><span class="muted" aria-hidden="true">✓</span></th>
                  <th>${t('assign.colForm')}</th>
                  <th>${t('plugins.formName')}</th>
                  <th>${t('plugins.version')}</th>
                  <th>${t('plugins.period')}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  ({ item, v }) =>
                    html`<tr data-version=${`${item.code}@${v.version}`}>
                      <td class="pick">
                        <input
                          type="radio"
                          name="version"
                          id=${`version-${v.id}`}
                          .checked=${this.picked?.id === v.id}
                          aria-label=${t('assign.pickVersion', { code: item.code, version: v.version })}
                          @change=${() => this.pickVersion(item, v)}
                        />
                      </td>
                      <td>
                        <label for=${`version-${v.id}`}><code>${item.code}</code></label>
                      </td>
                      <td>${v.name}</td>
                      <td>${v.version}</td>
                      <td>${t(`period.${v.periodType}` as MessageId)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${pages > 1 ? this.renderPager(this.templatePage, pages, (by) => this.turnTemplatePage(by)) : nothing}
    </fieldset>`
  }

  private renderPager(page: number, pages: number, turn: (by: number) => void): unknown {
    return html`<div class="pager">
      <button type="button" ?disabled=${page <= 1} @click=${() => turn(-1)}>
        ${t('assign.prev')}
      </button>
      <span>${t('assign.page', { page, pages })}</span>
      <button type="button" ?disabled=${page >= pages} @click=${() => turn(1)}>
        ${t('assign.next')}
      </button>
    </div>`
  }

  private renderUnits(): unknown {
    const tree = this.unitId === undefined ? [] : unitTree(this.units, this.unitId)
    const all = unitIdsOf(tree)
    return html`<fieldset data-units>
      <legend>${t('assign.targets')}</legend>
      ${
        tree.length === 0
          ? html`<p class="muted">${t('assign.noUnitsBelow')}</p>`
          : html`<div class="toolbar">
                <button
                  type="button"
                  data-action="select-all"
                  @click=${() => this.setTargets(all, true)}
                >
                  ${t('assign.selectAll')}
                </button>
                <button
                  type="button"
                  data-action="clear-all"
                  @click=${() => this.setTargets(all, false)}
                >
                  ${t('assign.clearAll')}
                </button>
                <span class="muted">${t('assign.selectedUnits', { n: this.targets.size })}</span>
              </div>
              <ul class="tree top">
                ${tree.map((n) => this.renderNode(n))}
              </ul>`
      }
    </fieldset>`
  }

  private renderNode(n: UnitNode): unknown {
    const id = `unit-${n.unit.id}`
    const below = unitIdsOf(n.children)
    const allBelow = below.length > 0 && below.every((b) => this.targets.has(b))
    return html`<li>
      <input
        type="checkbox"
        id=${id}
        data-unit=${n.unit.code}
        .checked=${this.targets.has(n.unit.id)}
        @change=${(e: Event) =>
          this.setTargets([n.unit.id], (e.target as HTMLInputElement).checked)}
      />
      <label for=${id}>${n.unit.name} <span class="muted">(${n.unit.code})</span></label>
      ${
        below.length === 0
          ? nothing
          : html`<button
                type="button"
                data-action="children"
                aria-pressed=${allBelow ? 'true' : 'false'}
                @click=${() => this.setTargets(below, !allBelow)}
              >
                ${t(allBelow ? 'assign.clearChildren' : 'assign.selectChildren', { name: n.unit.name })}
              </button>
              <ul class="tree">
                ${n.children.map((c) => this.renderNode(c))}
              </ul>`
      }
    </li>`
  }

  private renderPeriods(version: Picked): unknown {
    const type = version.periodType
    const legend = t('assign.periods', { type: t(`period.${type}` as MessageId) })
    if (type === 'none') {
      return html`<fieldset>
        <legend>${legend}</legend>
        <p class="muted">${t('assign.adHoc')}</p>
      </fieldset>`
    }
    const lang = getLocale()
    const thisYear = new Date().getFullYear()
    const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2]
    const chosen = [...this.periods].sort()
    return html`<fieldset data-periods>
      <legend>${legend}</legend>
      <div class="field">
        <label for="period-year">${t('assign.year')}</label>
        <select
          id="period-year"
          name="year"
          @change=${(e: Event) => (this.year = Number((e.target as HTMLSelectElement).value))}
        >
          ${years.map((y) => html`<option value=${y} ?selected=${y === this.year}>${y}</option>`)}
        </select>
      </div>
      <div class="periods">
        ${periodsOfYear(type, this.year).map(
          (p) =>
            html`<span>
              <input
                type="checkbox"
                id=${`period-${p}`}
                data-period=${p}
                .checked=${this.periods.has(p)}
                @change=${(e: Event) => this.togglePeriod(p, (e.target as HTMLInputElement).checked)}
              />
              <label for=${`period-${p}`}>${periodLabel(p, lang)}</label>
            </span>`,
        )}
      </div>
      ${
        chosen.length === 0
          ? nothing
          : html`<p class="muted">${t('assign.chosenPeriods')}</p>
              <div class="deadlines">
                ${chosen.map(
                  (p) =>
                    html`<div class="field">
                      <label for=${`deadline-${p}`}>
                        ${t('assign.deadlineOf', { period: periodLabel(p, lang) })}
                      </label>
                      <input
                        id=${`deadline-${p}`}
                        type="date"
                        data-deadline=${p}
                        .value=${this.deadlines[p] ?? ''}
                        @change=${(e: Event) =>
                          (this.deadlines = {
                            ...this.deadlines,
                            [p]: (e.target as HTMLInputElement).value,
                          })}
                      />
                    </div>`,
                )}
              </div>`
      }
      <div class="field check">
        <input
          id="ongoing"
          type="checkbox"
          .checked=${this.ongoing}
          @change=${(e: Event) => (this.ongoing = (e.target as HTMLInputElement).checked)}
        />
        <label for="ongoing">${t('assign.ongoing')}</label>
      </div>
      <div class="field">
        <label for="days-after">${t('assign.daysAfter')}</label>
        <input
          id="days-after"
          type="number"
          min="0"
          max="366"
          .value=${this.daysAfter === undefined ? '' : String(this.daysAfter)}
          @change=${(e: Event) => {
            const raw = (e.target as HTMLInputElement).value.trim()
            this.daysAfter = raw === '' ? undefined : Number(raw)
          }}
        />
      </div>
    </fieldset>`
  }

  private renderRows(): unknown {
    const pages = Math.max(1, Math.ceil(this.rows.length / LIST_PAGE))
    const page = Math.min(this.listPage, pages)
    const shown = this.rows.slice((page - 1) * LIST_PAGE, page * LIST_PAGE)
    const unitName = (id: number, code: string) => this.units.find((u) => u.id === id)?.name ?? code
    return html`<section class="card" aria-labelledby="existing-assignments">
      <h2 id="existing-assignments">${t('assign.existing')}</h2>
      ${
        this.rows.length === 0
          ? html`<p class="muted">${t('assign.noneYet')}</p>`
          : html`<table class="list">
              <thead>
                <tr>
                  <th>${t('assign.colId')}</th>
                  <th>${t('assign.colForm')}</th>
                  <th>${t('assign.colFrom')}</th>
                  <th>${t('assign.colPeriods')}</th>
                  <th>${t('assign.colTargets')}</th>
                  <th>${t('assign.colInstances')}</th>
                  <th>${t('inbox.state')}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${shown.map(
                  (r) =>
                    html`<tr data-assignment=${r.id}>
                      <td>${r.id}</td>
                      <td><code>${r.code}</code> ${r.version} — ${r.name}</td>
                      <td>${unitName(r.unitId, r.unitCode)}</td>
                      <td>${this.rangeLabel(r.schedule)}</td>
                      <td>${r.targetCount}</td>
                      <td data-instances>${r.instanceCount}</td>
                      <td>
                        <span class="badge ${r.active ? 'accepted' : ''}">
                          ${r.active ? t('assign.active') : t('assign.inactive')}
                        </span>
                      </td>
                      <td><a href=${`#/tracking/${r.id}`}>${t('assign.track')}</a></td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${pages > 1 ? this.renderPager(page, pages, (by) => (this.listPage = page + by)) : nothing}
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-assignments-page': RbAssignmentsPage
  }
}
