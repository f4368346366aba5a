import { LitElement, css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import {
  createWorkbook,
  formatCellValue,
  loadTemplate,
  type ResolvedTemplate,
  type SubmissionDocument,
} from '../../../core/index.js'
import type { InstanceStatus } from '../api/types.js'
import { appState } from '../app-state.js'
import { createBarChart, type BarChart } from '../chart/bar-chart.js'
import { bundledFunctions } from '../engine.js'
import { t, type MessageId } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { numericIndicators, type Indicator } from '../workspace/indicators.js'
import { fieldStyles, selectField } from './fields.js'
import { pageStyles } from './page-styles.js'
import type { PickedAssignment } from './rb-assignment-picker.js'
import './rb-assignment-picker.js'

interface UnitValue {
  unit: string
  value: number | null
  status: InstanceStatus
}

/**
 * An indicator by unit for one assignment and period, as a bar chart that downloads as PNG.
 * Each unit's report (GET /instances?assignmentId=&period=, then GET /instances/:id) is evaluated
 * in the browser by core, so formula cells (totals, rates) chart as well as inputs.
 */
@customElement('rb-dashboard-page')
export class RbDashboardPage extends LitElement {
  static override styles = [
    pageStyles,
    fieldStyles,
    css`
      table.list td.num,
      table.list th.num {
        text-align: right;
      }
      .chart {
        position: relative;
        height: 360px;
        background: #fff;
      }
    `,
  ]
  @state() private indicators: Indicator[] = []
  @state() private indicator: string | undefined
  @state() private series: UnitValue[] = []
  @state() private error: string | undefined
  private template: ResolvedTemplate | undefined
  private docs: Array<{
    unit: string
    status: InstanceStatus
    values: SubmissionDocument['values']
    dynamicRows: NonNullable<SubmissionDocument['dynamicRows']>
  }> = []
  private chart: BarChart | undefined
  private readonly locale = new LocaleController(this)

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.chart?.destroy()
    this.chart = undefined
  }

  private async pick(e: CustomEvent<PickedAssignment>): Promise<void> {
    try {
      const version = await appState.api.getTemplateVersion(e.detail.assignment.templateVersionId)
      const r = loadTemplate(version.definition, { functions: bundledFunctions() })
      if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '))
      this.template = r.template
      const list = await appState.api.listInstances({
        assignmentId: e.detail.assignment.id,
        period: e.detail.period,
      })
      const details = await Promise.all(
        list.slice(0, 200).map((i) => appState.api.getInstance(i.id)),
      )
      this.docs = details.map((d, i) => ({
        unit: d.unit.name,
        status: list[i]!.status,
        values: d.revision.document.values,
        dynamicRows: d.revision.document.dynamicRows ?? {},
      }))
      this.indicators = numericIndicators(r.template)
      if (this.indicator === undefined || !this.indicators.some((i) => i.key === this.indicator))
        this.indicator = this.indicators[0]?.key
      this.error = undefined
      this.compute()
    } catch (err) {
      this.error = (err as Error).message
    }
  }

  private compute(): void {
    const key = this.indicator
    const template = this.template
    if (key === undefined || template === undefined) return
    const functions = bundledFunctions()
    this.series = this.docs.map((d) => {
      const v = createWorkbook(template, {
        functions,
        values: d.values,
        dynamicRows: d.dynamicRows,
      }).get(key)
      return { unit: d.unit, value: typeof v === 'number' ? v : null, status: d.status }
    })
  }

  protected override updated(): void {
    const canvas = this.renderRoot.querySelector('canvas')
    if (canvas === null) return
    this.chart ??= createBarChart(canvas, t('dashboard.indicator'))
    const label = this.indicators.find((i) => i.key === this.indicator)?.label ?? ''
    this.chart.update(
      this.series.map((s) => s.unit),
      this.series.map((s) => s.value),
      label,
    )
  }

  private exportPng(): void {
    if (this.chart === undefined) return
    const a = document.createElement('a')
    a.href = this.chart.png()
    a.download = `${(this.indicator ?? 'chart').replace(/[^\w.-]+/g, '_')}.png`
    a.click()
  }

  override render(): unknown {
    void this.locale
    const cell =
      this.template === undefined || this.indicator === undefined
        ? undefined
        : findCell(this.template, this.indicator)
    return html`<h1>${t('dashboard.title')}</h1>
      <rb-assignment-picker @assignment-picked=${this.pick}></rb-assignment-picker>
      ${this.error !== undefined ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="bar">
        ${selectField(
          t('dashboard.indicator'),
          this.indicator,
          this.indicators.map((i) => [i.key, i.label] as const),
          (v) => {
            this.indicator = v
            this.compute()
          },
          { name: 'indicator' },
        )}
        <button
          data-action="export-png"
          @click=${this.exportPng}
          ?disabled=${this.series.length === 0}
        >
          ${t('dashboard.exportPng')}
        </button>
      </div>
      <div class="chart card"><canvas role="img" aria-label=${t('dashboard.title')}></canvas></div>
      ${
        this.series.length === 0
          ? html`<p class="muted">${t('dashboard.noData')}</p>`
          : html`<table class="list">
              <thead>
                <tr>
                  <th scope="col">${t('inbox.unit')}</th>
                  <th scope="col" class="num">${t('dashboard.value')}</th>
                  <th scope="col">${t('inbox.state')}</th>
                </tr>
              </thead>
              <tbody>
                ${this.series.map(
                  (s) =>
                    html`<tr>
                      <td>${s.unit}</td>
                      <td class="num">
                        ${cell === undefined || s.value === null ? '—' : formatCellValue(s.value, cell, { locale: 'vi-VN' })}
                      </td>
                      <td>
                        <span class="badge ${s.status}"
                          >${t(`state.${s.status}` as MessageId)}</span
                        >
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }`
  }
}

function findCell(
  t: ResolvedTemplate,
  key: string,
):
  | { type: 'number' | 'integer' | 'percent' | 'text' | 'date' | 'choice'; decimals?: number }
  | undefined {
  for (const s of t.sections)
    if (s.kind === 'grid')
      for (const c of s.cells)
        if (c.key === key)
          return c.decimals === undefined
            ? { type: c.type }
            : { type: c.type, decimals: c.decimals }
  return undefined
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-dashboard-page': RbDashboardPage
  }
}
