import { LitElement, css, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type {
  ResolvedNarrativeItem,
  ResolvedNarrativeSection,
} from '../../../core/template/types.js'
import { splitFigures } from '../form/figures.js'
import { t } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'

/** Value of a figure reference, formatted; undefined when the reference names no cell. */
export type FigureLookup = (section: string, row: string, col: string) => string | undefined

/**
 * A narrative section (thuyết minh): the outline of items with their numbers, prompts, fixed
 * texts with live figures, and text areas with length counters. Emits `narrative-input`
 * (composed) with `{ section, item, text }` on every keystroke.
 */
@customElement('rb-narrative-section')
export class RbNarrativeSection extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    h3 {
      font-size: 1.05rem;
      margin: 0.5rem 0;
    }
    .item {
      margin: 0.6rem 0 0.9rem;
    }
    .title {
      font-weight: 600;
    }
    .prompt {
      color: #555;
      font-size: 0.9rem;
      margin: 0.2rem 0;
    }
    .text {
      margin: 0.3rem 0;
      line-height: 1.5;
    }
    .figure {
      background: #eef5ff;
      border-radius: 3px;
      padding: 0 3px;
      font-variant-numeric: tabular-nums;
    }
    .figure.bad {
      background: #fdecea;
      color: #a4262c;
    }
    textarea {
      width: 100%;
      box-sizing: border-box;
      min-height: 5.5rem;
      font: inherit;
      padding: 6px;
      border: 1px solid #b8c0cc;
      border-radius: 4px;
    }
    textarea[aria-invalid='true'] {
      border-color: #c62828;
    }
    .counter {
      font-size: 0.8rem;
      color: #555;
      text-align: right;
    }
    .counter.bad {
      color: #c62828;
      font-weight: 600;
    }
    .req {
      color: #c62828;
    }
  `

  @property({ attribute: false }) section?: ResolvedNarrativeSection
  @property({ attribute: false }) texts: Readonly<Record<string, string>> = {}
  @property({ attribute: false }) figure: FigureLookup = () => undefined
  /** Default grid section for `{{r1.c3}}` references without a section. */
  @property({ attribute: false }) gridSection = ''
  @property({ type: Boolean }) readonly = false
  /** Bumped by the parent when figures changed, so the fixed texts re-render. */
  @property({ type: Number }) revision = 0

  private readonly locale = new LocaleController(this)

  override render(): unknown {
    void this.locale
    const s = this.section
    if (s === undefined) return nothing
    return html`<h3>${s.title}</h3>
      ${s.items.map((item) => this.renderItem(s, item))}`
  }

  private renderItem(s: ResolvedNarrativeSection, item: ResolvedNarrativeItem): unknown {
    const id = `n-${s.id}-${item.id}`
    const text = this.texts[item.id] ?? ''
    const count = [...text].length
    const tooLong = item.maxLength !== undefined && count > item.maxLength
    const tooShort = item.minLength !== undefined && count > 0 && count < item.minLength
    // A read-only view (consolidation, a report under review) asks nobody to fill anything.
    const missing = !this.readonly && item.required === true && count === 0
    const bad = tooLong || tooShort
    return html`<div class="item" style="margin-left:${Math.max(0, item.level) * 1.2}rem">
      <label class="title" for=${id}
        >${item.number}
        ${item.title}${item.required === true ? html` <span class="req" title=${t('narrative.required')}>*</span>` : nothing}</label
      >
      ${item.prompt !== undefined ? html`<div class="prompt" id="${id}-prompt">${item.prompt}</div>` : nothing}
      ${item.text !== undefined ? html`<div class="text">${this.renderFigures(item.text)}</div>` : nothing}
      ${
        item.input === true
          ? html`<textarea
                id=${id}
                .value=${text}
                ?readonly=${this.readonly}
                ?required=${!this.readonly && item.required === true}
                aria-invalid=${bad || missing ? 'true' : 'false'}
                aria-describedby="${id}-prompt ${id}-count"
                placeholder=${item.prompt ?? ''}
                @input=${(e: Event) => this.onInput(s, item, (e.target as HTMLTextAreaElement).value)}
              ></textarea>
              <div class="counter ${bad ? 'bad' : ''}" id="${id}-count" aria-live="polite">
                ${
                  item.maxLength !== undefined
                    ? t('narrative.count', { count, max: item.maxLength })
                    : t('narrative.countNoMax', { count })
                }
                ${tooLong ? html` — ${t('narrative.tooLong', { max: item.maxLength ?? 0 })}` : nothing}
                ${tooShort ? html` — ${t('narrative.tooShort', { min: item.minLength ?? 0 })}` : nothing}
              </div>`
          : nothing
      }
    </div>`
  }

  private renderFigures(text: string): unknown {
    return splitFigures(text, this.gridSection).map((p) => {
      if ('text' in p) return p.text
      const v = this.figure(p.section, p.row, p.col)
      return v === undefined
        ? html`<span class="figure bad" title=${t('narrative.badRef')}>${p.ref}</span>`
        : html`<span class="figure" data-ref=${`${p.section}!${p.row}.${p.col}`}>${v}</span>`
    })
  }

  private onInput(s: ResolvedNarrativeSection, item: ResolvedNarrativeItem, text: string): void {
    this.dispatchEvent(
      new CustomEvent('narrative-input', {
        detail: { section: s.id, item: item.id, text },
        bubbles: true,
        composed: true,
      }),
    )
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-narrative-section': RbNarrativeSection
  }
}
