import { LitElement, css, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { Diagnostic } from '../../../core/index.js'
import type { Constraint, TemplateDefinition } from '../../../schemas/generated/index.js'
import type { A1Context } from '../designer/formula-check.js'
import type { Patch } from '../designer/patch.js'
import { addConstraint, removeConstraint, updateConstraint } from '../designer/template-ops.js'
import { t, type MessageId } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { fieldStyles, numberField, selectField, textField } from './fields.js'
import './rb-formula-input.js'

const KINDS = ['assert', 'compare', 'required-if', 'both-or-neither', 'not-both'] as const
const SEVERITIES = ['error', 'warning', 'info'] as const
const OPERATORS = ['=', '<>', '<', '<=', '>', '>='] as const
const MISSING = ['zero', 'skip', 'fail'] as const

/**
 * Constraints of the template: each expression is parsed as it is typed (errors shown under the
 * field), A1 references are rewritten against the grid the rule runs over, and each rule shows
 * what it says about the preview data (`previewDiagnostics`, from the live preview sheet).
 * Template load problems pointing at a rule are shown on it. Emits `definition-change`.
 */
@customElement('rb-constraint-editor')
export class RbConstraintEditor extends LitElement {
  static override styles = [
    fieldStyles,
    css`
      :host {
        display: block;
      }
      .rule {
        border: 1px solid #d0d7de;
        border-radius: 6px;
        padding: 0.6rem;
        margin: 0.5rem 0;
      }
      .row {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
        gap: 0 0.8rem;
        align-items: end;
      }
      .verdict {
        margin-top: 0.3rem;
        font-size: 0.9rem;
      }
      .verdict.ok {
        color: #2e6b30;
      }
      .verdict.bad {
        color: #c62828;
        font-weight: 600;
      }
      .load-error {
        color: #c62828;
        font-size: 0.85rem;
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: center;
      }
    `,
  ]

  @property({ attribute: false }) definition?: TemplateDefinition
  /** Diagnostics of the live preview: what each rule says about the preview data. */
  @property({ attribute: false }) previewDiagnostics: readonly Diagnostic[] = []
  /** Load diagnostics of the template (JSON pointers `/constraints/<i>/…`). */
  @property({ attribute: false }) loadDiagnostics: readonly Diagnostic[] = []
  private readonly locale = new LocaleController(this)

  private emit(definition: TemplateDefinition, group?: string): void {
    this.dispatchEvent(
      new CustomEvent('definition-change', {
        detail: { definition, group },
        bubbles: true,
        composed: true,
      }),
    )
  }

  private grid(c: Constraint): A1Context | undefined {
    const id = c.forEachRow ?? this.definition?.sections.find((s) => s.kind === 'grid')?.id
    const s = this.definition?.sections.find((x) => x.id === id)
    return s?.kind === 'grid'
      ? { rowIds: s.rows.map((r) => r.id), colIds: s.columns.map((col) => col.id) }
      : undefined
  }

  override render(): unknown {
    void this.locale
    const d = this.definition
    if (d === undefined) return nothing
    const list = d.constraints ?? []
    return html`<div class="toolbar">
        <button data-action="add-constraint" @click=${() => this.emit(addConstraint(d))}>
          ${t('constraint.add')}
        </button>
      </div>
      ${list.length === 0 ? html`<p>${t('constraint.none')}</p>` : nothing}
      ${list.map((c, i) => this.renderRule(d, c, i))}`
  }

  private renderRule(d: TemplateDefinition, c: Constraint, i: number): unknown {
    const up = (patch: Patch<Constraint>): void => this.emit(updateConstraint(d, i, patch))
    const opt = <T extends string>(values: readonly T[], prefix: string) =>
      values.map((v) => [v, t(`${prefix}.${v}` as MessageId)] as const)
    const grid = this.grid(c)
    const formula = (field: 'expression' | 'left' | 'right' | 'when', label: MessageId) =>
      html`<rb-formula-input
        data-field=${field}
        .label=${t(label)}
        .value=${c[field] ?? ''}
        .grid=${grid}
        @formula-change=${(e: CustomEvent<{ formula?: string }>) => up({ [field]: e.detail.formula?.replace(/^=/, '') })}
      ></rb-formula-input>`
    const failures = this.previewDiagnostics.filter((x) => x.ruleId === `template/${c.id}`).length
    const loadErrors = this.loadDiagnostics.filter(
      (x) => x.place.pointer?.startsWith(`/constraints/${i}`) === true,
    )
    const grids = d.sections.filter((s) => s.kind === 'grid').map((s) => [s.id, s.id] as const)
    return html`<div class="rule" data-constraint=${c.id}>
      <header>
        <strong>${c.id}</strong>
        <button data-action="remove-constraint" @click=${() => this.emit(removeConstraint(d, i))}>
          ${t('grid.delete')}
        </button>
      </header>
      <div class="row">
        ${textField(t('constraint.id'), c.id, (v) => v.trim() !== '' && up({ id: v.trim() }), { name: 'constraint-id' })}
        ${selectField(t('constraint.kind'), c.kind, opt(KINDS, 'ckind'), (v) => up({ kind: v ?? 'assert' }), { name: 'constraint-kind' })}
        ${selectField(t('constraint.severity'), c.severity, opt(SEVERITIES, 'severity'), (v) => up({ severity: v ?? 'error' }), { name: 'constraint-severity' })}
        ${selectField(t('constraint.forEachRow'), c.forEachRow, [['', t('common.none')], ...grids], (v) => up({ forEachRow: v }), { name: 'constraint-forEachRow' })}
        ${selectField(t('constraint.missing'), c.missing, [['', t('common.none')], ...opt(MISSING, 'missing')], (v) => up({ missing: v }), { name: 'constraint-missing' })}
      </div>
      ${c.kind === 'assert' ? formula('expression', 'constraint.expression') : nothing}
      ${
        c.kind === 'compare'
          ? html`<div class="row">
              ${formula('left', 'constraint.left')}
              ${selectField(
                t('constraint.operator'),
                c.operator ?? '=',
                OPERATORS.map((o) => [o, o] as const),
                (v) => up({ operator: v ?? '=' }),
                { name: 'constraint-operator' },
              )}
              ${formula('right', 'constraint.right')}
              ${numberField(t('constraint.tolerance'), c.tolerance, (v) => up({ tolerance: v }), { name: 'constraint-tolerance' })}
            </div>`
          : nothing
      }
      ${
        c.kind === 'required-if' || c.kind === 'both-or-neither' || c.kind === 'not-both'
          ? textField(
              t('constraint.cells'),
              c.cells?.join(', '),
              (v) => {
                const cells = v
                  .split(',')
                  .map((x) => x.trim())
                  .filter((x) => x !== '')
                up({ cells: cells.length === 0 ? undefined : cells })
              },
              { name: 'constraint-cells' },
            )
          : nothing
      }
      ${formula('when', 'constraint.when')}
      ${textField(t('constraint.message'), c.message, (v) => up({ message: v === '' ? undefined : v }), { name: 'constraint-message' })}
      ${loadErrors.map((e) => html`<div class="load-error" role="alert">${e.message}</div>`)}
      <div
        class="verdict ${failures === 0 ? 'ok' : 'bad'}"
        data-verdict=${failures === 0 ? 'holds' : 'fails'}
        aria-live="polite"
      >
        ${failures === 0 ? t('constraint.previewHolds') : t('constraint.previewFails', { count: failures })}
      </div>
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-constraint-editor': RbConstraintEditor
  }
}
