import { LitElement, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { loadTemplate, type ResolvedTemplate } from '../../../core/index.js'
import { ApiError } from '../api/client.js'
import type { Consolidation } from '../api/types.js'
import { appState } from '../app-state.js'
import { bundledFunctions } from '../engine.js'
import { t } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { fieldStyles } from './fields.js'
import { pageStyles } from './page-styles.js'
import type { PickedAssignment } from './rb-assignment-picker.js'
import './rb-assignment-picker.js'
import './rb-form-sheet.js'

/**
 * The consolidated report of an assignment and period (GET /assignments/:id/aggregate?period=),
 * shown read-only on the form sheet; formulas recompute in the browser from the summed inputs
 * (so rates come from summed numerators and denominators, as on the server).
 */
@customElement('rb-aggregate-page')
export class RbAggregatePage extends LitElement {
  static override styles = [pageStyles, fieldStyles]
  @state() private result: Consolidation | undefined
  @state() private template: ResolvedTemplate | undefined
  @state() private error: string | undefined
  /** Unit names by code: the consolidation names its units by code only. */
  @state() private unitNames = new Map<string, string>()
  private readonly locale = new LocaleController(this)

  private async pick(e: CustomEvent<PickedAssignment>): Promise<void> {
    try {
      const version = await appState.api.getTemplateVersion(e.detail.assignment.templateVersionId)
      const r = loadTemplate(version.definition, { functions: bundledFunctions() })
      if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '))
      this.result = await appState.api.aggregate(e.detail.assignment.id, e.detail.period)
      if (this.unitNames.size === 0)
        this.unitNames = new Map(
          (await appState.api.listUnits().catch(() => [])).map((u) => [u.code, u.name]),
        )
      this.template = r.template
      this.error = undefined
    } catch (err) {
      // A figure left from the previous pick would read as this pick's result.
      this.result = undefined
      this.error =
        err instanceof ApiError && err.status === 403
          ? t('aggregate.forbidden')
          : (err as Error).message
    }
  }

  override render(): unknown {
    void this.locale
    const r = this.result
    return html`<h1>${t('aggregate.title')}</h1>
      <rb-assignment-picker @assignment-picked=${this.pick}></rb-assignment-picker>
      ${this.error !== undefined ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        r === undefined
          ? nothing
          : html`<p data-role="included">
                ${
                  r.included.length === 0
                    ? t('aggregate.none')
                    : t('aggregate.units', {
                        count: r.included.length,
                        units: r.included
                          .map((u) => {
                            const name = this.unitNames.get(u.unitCode)
                            return name === undefined ? u.unitCode : `${name} (${u.unitCode})`
                          })
                          .join(', '),
                      })
                }
              </p>
              <rb-form-sheet
                readonly
                .template=${this.template}
                .functions=${bundledFunctions()}
                .values=${r.values}
              ></rb-form-sheet>`
      }`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-aggregate-page': RbAggregatePage
  }
}
