import { LitElement, css, html } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { t } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'

export interface FileChosenDetail {
  file: File
  /** Clears the choice, so picking the same file again fires once more. */
  reset: () => void
}

/**
 * A labelled button that opens a visually hidden file input and shows the chosen file's name, in
 * the interface language (the browser's own picker reads "Choose File / No file chosen" in the
 * browser's language). Emits `file-chosen` with FileChosenDetail.
 */
@customElement('rb-file-button')
export class RbFileButton extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      gap: 0.4rem;
      align-items: center;
    }
    button {
      font: inherit;
      padding: 4px 10px;
      border: 1px solid #8aa2c0;
      border-radius: 4px;
      background: #fff;
      cursor: pointer;
    }
    button:focus-visible {
      outline: 2px solid #0b5cad;
      outline-offset: 1px;
    }
    button[disabled] {
      cursor: default;
      opacity: 0.6;
    }
    .name {
      color: #555;
    }
    input {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
      border: 0;
    }
  `

  @property() label = ''
  @property() accept = ''
  /** Marks the inner input (`data-action`), for hosts and tests that hand it a file directly. */
  @property() action = ''
  /** Extra help the button points at (title and description). */
  @property() hint = ''
  @property({ type: Boolean }) disabled = false
  @state() private fileName = ''
  @query('input') private input!: HTMLInputElement
  private readonly locale = new LocaleController(this)

  /**
   * A grid on the page (Handsontable) keeps listening on the document after focus left it and
   * takes Enter and Space for its own editor, so the button would never open the picker.
   */
  private readonly keepKeys = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' || e.key === ' ') e.stopPropagation()
  }

  private chosen(): void {
    const file = this.input.files?.[0]
    if (file === undefined) return
    this.fileName = file.name
    const reset = (): void => {
      this.input.value = ''
    }
    this.dispatchEvent(
      new CustomEvent<FileChosenDetail>('file-chosen', {
        detail: { file, reset },
        bubbles: true,
        composed: true,
      }),
    )
  }

  override render(): unknown {
    void this.locale
    return html`<button
        type="button"
        aria-describedby="chosen hint"
        ?disabled=${this.disabled}
        @click=${() => this.input.click()}
        @keydown=${this.keepKeys}
      >
        ${this.label}
      </button>
      <span id="chosen" class="name" aria-live="polite"
        >${this.fileName === '' ? t('files.noneChosen') : this.fileName}</span
      ><span id="hint" hidden>${this.hint}</span
      ><input
        type="file"
        tabindex="-1"
        aria-hidden="true"
        aria-label=${this.label}
        accept=${this.accept}
        data-action=${this.action}
        ?disabled=${this.disabled}
        @change=${this.chosen}
      />`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-file-button': RbFileButton
  }
}
