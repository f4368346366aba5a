import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { checkFormula, type A1Context } from '../designer/formula-check.js'
import { t } from '../i18n/i18n.js'

let seq = 0

/**
 * A formula field for the designer: checks the text on every keystroke (syntax and A1
 * references) and shows the error under the field; on commit emits `formula-change` with the
 * canonical text (A1 rewritten to stable ids), or the raw text when it does not parse.
 */
@customElement('rb-formula-input')
export class RbFormulaInput extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    label {
      display: block;
      font-size: 0.85rem;
      color: #333;
      margin-bottom: 2px;
    }
    input {
      width: 100%;
      box-sizing: border-box;
      font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
      padding: 4px 6px;
      border: 1px solid #b8c0cc;
      border-radius: 4px;
    }
    input[aria-invalid='true'] {
      border-color: #c62828;
      background: #fff7f7;
    }
    .err {
      color: #c62828;
      font-size: 0.8rem;
      margin-top: 2px;
    }
    .ok {
      color: #2e6b30;
      font-size: 0.8rem;
      margin-top: 2px;
      font-family: ui-monospace, monospace;
    }
  `

  @property() label = ''
  @property() value = ''
  @property() placeholder = ''
  /** A1 context; without it the text must already use stable ids. */
  @property({ attribute: false }) grid: A1Context | undefined
  @state() private error: string | undefined
  @state() private canonical: string | undefined
  private readonly fieldId = `f${++seq}`

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('value')) this.check(this.value)
  }

  private check(text: string): void {
    if (text.trim() === '') {
      this.error = undefined
      this.canonical = undefined
      return
    }
    const r = checkFormula(text, this.grid)
    this.error = r.ok ? undefined : r.message
    this.canonical = r.ok && r.formula !== text.trim() ? r.formula : undefined
  }

  override render(): unknown {
    return html`<label for=${this.fieldId}>${this.label}</label>
      <input
        id=${this.fieldId}
        .value=${this.value}
        placeholder=${this.placeholder}
        spellcheck="false"
        aria-invalid=${this.error === undefined ? 'false' : 'true'}
        aria-describedby="${this.fieldId}-msg"
        @input=${(e: Event) => this.check((e.target as HTMLInputElement).value)}
        @change=${(e: Event) => this.commit(e.target as HTMLInputElement)}
      />
      <div id="${this.fieldId}-msg" role=${this.error === undefined ? nothing : 'alert'}>
        ${
          this.error !== undefined
            ? html`<div class="err">${this.error}</div>`
            : this.canonical !== undefined
              ? html`<div class="ok">${t('grid.formulaOk', { formula: this.canonical })}</div>`
              : nothing
        }
      </div>`
  }

  private commit(input: HTMLInputElement): void {
    const trimmed = input.value.trim()
    const r = trimmed === '' ? undefined : checkFormula(trimmed, this.grid)
    const formula = r === undefined ? undefined : r.ok ? r.formula : trimmed
    this.dispatchEvent(
      new CustomEvent('formula-change', {
        detail: { formula, ok: r?.ok ?? true },
        bubbles: true,
        composed: true,
      }),
    )
    // Show what is stored (A1 rewritten to stable ids) even when it equals the previous value, in
    // which case the property does not change and Lit would leave the typed text in the field.
    if (r?.ok === true) input.value = r.formula
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-formula-input': RbFormulaInput
  }
}
