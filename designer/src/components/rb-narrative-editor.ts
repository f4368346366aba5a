import { LitElement, css, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type {
  NarrativeItem,
  NarrativeSection,
  TemplateDefinition,
} from '../../../schemas/generated/index.js'
import type { Patch } from '../designer/patch.js'
import * as ops from '../designer/template-ops.js'
import { t } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { checkField, fieldStyles, numberField, textAreaField, textField } from './fields.js'

/** Edits one narrative section: its title and the outline of items (prompts, fixed text with figures, limits). Emits `definition-change`. */
@customElement('rb-narrative-editor')
export class RbNarrativeEditor extends LitElement {
  static override styles = [
    fieldStyles,
    css`
      :host {
        display: block;
      }
      .item {
        border: 1px solid #d0d7de;
        border-radius: 6px;
        padding: 0.6rem;
        margin: 0.5rem 0;
      }
      .row {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
        gap: 0 0.8rem;
        align-items: end;
      }
    `,
  ]

  @property({ attribute: false }) definition?: TemplateDefinition
  @property() sectionId = ''
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

  override render(): unknown {
    void this.locale
    const d = this.definition
    const s = d?.sections.find((x) => x.id === this.sectionId)
    if (d === undefined || s?.kind !== 'narrative') return nothing
    return html`${textField(t('designer.sectionTitle'), s.title, (v) => this.emit(ops.updateSection<NarrativeSection>(d, s.id, { title: v })), { name: 'narrative-title' })}
      ${s.items.map((item, i) => this.renderItem(d, s, item, i))}
      <div class="toolbar">
        <button data-action="add-item" @click=${() => this.emit(ops.addNarrativeItem(d, s.id))}>
          ${t('narr.addItem')}
        </button>
      </div>`
  }

  private renderItem(
    d: TemplateDefinition,
    s: NarrativeSection,
    item: NarrativeItem,
    i: number,
  ): unknown {
    const up = (patch: Patch<NarrativeItem>): void =>
      this.emit(ops.updateNarrativeItem(d, s.id, i, patch))
    const opt = (v: string): string | undefined => (v.trim() === '' ? undefined : v)
    return html`<div class="item" data-item=${item.id}>
      <div class="row">
        ${textField(t('narr.itemId'), item.id, (v) => v.trim() !== '' && up({ id: v.trim() }))}
        ${textField(t('narr.itemTitle'), item.title, (v) => up({ title: v }))}
        ${numberField(t('narr.itemLevel'), item.level ?? 0, (v) => up({ level: v === undefined ? undefined : Math.max(0, Math.round(v)) }))}
        ${numberField(t('narr.itemMin'), item.minLength, (v) => up({ minLength: v }))}
        ${numberField(t('narr.itemMax'), item.maxLength, (v) => up({ maxLength: v }))}
      </div>
      ${textField(t('narr.itemPrompt'), item.prompt, (v) => up({ prompt: opt(v) }))}
      ${textAreaField(t('narr.itemText'), item.text, (v) => up({ text: opt(v) }), { rows: 2 })}
      <div class="row">
        ${checkField(t('narr.itemInput'), item.input === true, (v) => up({ input: v ? true : undefined }))}
        ${checkField(t('narrative.required'), item.required === true, (v) => up({ required: v ? true : undefined }))}
      </div>
      <div class="toolbar">
        <button
          ?disabled=${i === 0}
          @click=${() => this.emit(ops.moveNarrativeItem(d, s.id, i, i - 1))}
        >
          ${t('grid.moveUp')}
        </button>
        <button
          ?disabled=${i === s.items.length - 1}
          @click=${() => this.emit(ops.moveNarrativeItem(d, s.id, i, i + 1))}
        >
          ${t('grid.moveDown')}
        </button>
        <button
          ?disabled=${s.items.length <= 1}
          @click=${() => this.emit(ops.removeNarrativeItem(d, s.id, i))}
        >
          ${t('grid.delete')}
        </button>
      </div>
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-narrative-editor': RbNarrativeEditor
  }
}
