import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { TemplateDefinition } from '../../../schemas/generated/index.js'
import type { Patch } from '../designer/patch.js'
import { updateMeta } from '../designer/template-ops.js'
import { t, type MessageId } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import {
  checkField,
  fieldStyles,
  numberField,
  selectField,
  textAreaField,
  textField,
} from './fields.js'

const opts = <T extends string>(values: readonly T[], prefix: string) =>
  values.map((v) => [v, t(`${prefix}.${v}` as MessageId)] as const)

/** The template's metadata per ND 09/2019 (code, name, regime, period, cut-off, deadline, tiers, legal basis). Emits `definition-change`. */
@customElement('rb-metadata-form')
export class RbMetadataForm extends LitElement {
  static override styles = [
    fieldStyles,
    css`
      :host {
        display: block;
      }
      .cols {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
        gap: 0 1rem;
      }
    `,
  ]

  @property({ attribute: false }) definition?: TemplateDefinition
  private readonly locale = new LocaleController(this)

  private up(patch: Patch<TemplateDefinition>, group?: string): void {
    if (this.definition === undefined) return
    const definition = updateMeta(this.definition, patch)
    this.dispatchEvent(
      new CustomEvent('definition-change', {
        detail: { definition, group },
        bubbles: true,
        composed: true,
      }),
    )
  }

  override render(): unknown {
    void this.locale
    const d = this.definition
    if (d === undefined) return html``
    const opt = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim())
    const list = (s: string, sep: RegExp): string[] | undefined => {
      const items = s
        .split(sep)
        .map((x) => x.trim())
        .filter((x) => x !== '')
      return items.length === 0 ? undefined : items
    }
    const deadlineDay = d.deadlines?.[0]?.dayOfMonth
    return html`<div class="cols">
        ${textField(t('meta.code'), d.code, (v) => this.up({ code: v.trim() }), { name: 'code' })}
        ${textField(t('meta.name'), d.name, (v) => this.up({ name: v }), { name: 'name' })}
        ${textField(t('meta.version'), d.version, (v) => this.up({ version: v.trim() }), { name: 'version' })}
        ${textField(t('meta.effectiveFrom'), d.effectiveFrom, (v) => this.up({ effectiveFrom: opt(v) }), { name: 'effectiveFrom', type: 'date' })}
        ${selectField(t('meta.status'), d.status, opts(['draft', 'testing', 'published', 'retired'] as const, 'status'), (v) => this.up({ status: v ?? 'draft' }), { name: 'status' })}
        ${selectField(t('meta.regimeKind'), d.regimeKind, opts(['dinh-ky', 'chuyen-de', 'dot-xuat'] as const, 'regime'), (v) => this.up({ regimeKind: v ?? 'dinh-ky' }), { name: 'regimeKind' })}
        ${selectField(t('meta.periodType'), d.periodType, opts(['month', 'quarter', 'half-year', 'nine-months', 'year', 'none'] as const, 'period'), (v) => this.up({ periodType: v ?? 'month' }), { name: 'periodType' })}
        ${selectField(t('meta.formKind'), d.formKind, opts(['numeric', 'narrative', 'linked'] as const, 'formKind'), (v) => this.up({ formKind: v ?? 'numeric' }), { name: 'formKind' })}
        ${selectField(t('meta.cutoff'), d.cutoff?.rule, [['', t('common.none')], ...opts(['nd09', 'calendar', 'custom'] as const, 'cutoff')], (v) => this.up({ cutoff: v === undefined ? undefined : { ...(d.cutoff ?? {}), rule: v } }), { name: 'cutoff' })}
        ${numberField(t('meta.deadlineDay'), deadlineDay, (v) => this.up({ deadlines: v === undefined ? undefined : [{ ...(d.deadlines?.[0] ?? {}), dayOfMonth: v }, ...(d.deadlines?.slice(1) ?? [])] }), { name: 'deadlineDay' })}
        ${textField(t('meta.reportingLevels'), d.reportingLevels?.join(', '), (v) => this.up({ reportingLevels: list(v, /,/) }), { name: 'reportingLevels' })}
        ${textField(t('meta.receivingLevel'), d.receivingLevel, (v) => this.up({ receivingLevel: opt(v) }), { name: 'receivingLevel' })}
        ${textField(t('meta.fieldGroup'), d.fieldGroup, (v) => this.up({ fieldGroup: opt(v) }), { name: 'fieldGroup' })}
        ${checkField(t('meta.confidential'), d.confidential === true, (v) => this.up({ confidential: v ? true : undefined }), { name: 'confidential' })}
      </div>
      ${textAreaField(t('meta.legalBasis'), d.legalBasis?.join('\n'), (v) => this.up({ legalBasis: list(v, /\n/) }), { name: 'legalBasis' })}
      ${textAreaField(t('meta.description'), d.description, (v) => this.up({ description: opt(v) }), { name: 'description' })}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-metadata-form': RbMetadataForm
  }
}
