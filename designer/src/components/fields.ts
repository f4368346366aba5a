import { css, html, nothing } from 'lit'

/** Small labelled form controls shared by the designer's editors (plain functions, not elements). */
let seq = 0
const nextId = (): string => `fld${++seq}`

export function textField(
  label: string,
  value: string | undefined,
  onCommit: (v: string) => void,
  opts: { name?: string; type?: string } = {},
): unknown {
  const id = nextId()
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input
      id=${id}
      name=${opts.name ?? nothing}
      type=${opts.type ?? 'text'}
      .value=${value ?? ''}
      @change=${(e: Event) => onCommit((e.target as HTMLInputElement).value)}
    />
  </div>`
}

export function numberField(
  label: string,
  value: number | undefined,
  onCommit: (v: number | undefined) => void,
  opts: { name?: string } = {},
): unknown {
  const id = nextId()
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input
      id=${id}
      name=${opts.name ?? nothing}
      type="number"
      .value=${value === undefined ? '' : String(value)}
      @change=${(e: Event) => {
        const raw = (e.target as HTMLInputElement).value.trim()
        const n = Number(raw)
        onCommit(raw === '' || !Number.isFinite(n) ? undefined : n)
      }}
    />
  </div>`
}

export function selectField<T extends string>(
  label: string,
  value: T | undefined,
  options: ReadonlyArray<readonly [T | '', string]>,
  onCommit: (v: T | undefined) => void,
  opts: { name?: string } = {},
): unknown {
  const id = nextId()
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select
      id=${id}
      name=${opts.name ?? nothing}
      @change=${(e: Event) => {
        const v = (e.target as HTMLSelectElement).value
        onCommit(v === '' ? undefined : (v as T))
      }}
    >
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${(value ?? '') === v}>${text}</option>`)}
    </select>
  </div>`
}

export function checkField(
  label: string,
  value: boolean,
  onCommit: (v: boolean) => void,
  opts: { name?: string } = {},
): unknown {
  const id = nextId()
  return html`<div class="field check">
    <input
      id=${id}
      name=${opts.name ?? nothing}
      type="checkbox"
      .checked=${value}
      @change=${(e: Event) => onCommit((e.target as HTMLInputElement).checked)}
    />
    <label for=${id}>${label}</label>
  </div>`
}

export function textAreaField(
  label: string,
  value: string | undefined,
  onCommit: (v: string) => void,
  opts: { name?: string; rows?: number } = {},
): unknown {
  const id = nextId()
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <textarea
      id=${id}
      name=${opts.name ?? nothing}
      rows=${opts.rows ?? 3}
      .value=${value ?? ''}
      @change=${(e: Event) => onCommit((e.target as HTMLTextAreaElement).value)}
    ></textarea>
  </div>`
}

export const fieldStyles = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
    margin-bottom: 0.5rem;
  }
  .field label {
    font-size: 0.85rem;
    color: #333;
  }
  .field input,
  .field select,
  .field textarea {
    font: inherit;
    padding: 4px 6px;
    border: 1px solid #b8c0cc;
    border-radius: 4px;
    background: #fff;
  }
  .field.check {
    flex-direction: row;
    align-items: center;
    gap: 0.4rem;
  }
  button {
    font: inherit;
    padding: 4px 10px;
    border: 1px solid #8c959f;
    border-radius: 4px;
    background: #f6f8fa;
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: #eaeef2;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button.primary {
    background: #1f6feb;
    color: #fff;
    border-color: #1f6feb;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
    align-items: center;
    margin: 0.4rem 0;
  }
  .toolbar .sep {
    width: 1px;
    align-self: stretch;
    background: #d0d7de;
    margin: 0 0.3rem;
  }
`
