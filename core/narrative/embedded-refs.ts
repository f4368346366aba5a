/** A `{{ref}}` placeholder inside a narrative text. */
export interface EmbeddedRef {
  /** The reference as written, trimmed, e.g. `r1.c3` or `main!r1.c3`. */
  ref: string
  /** Offset of `{{` in the text. */
  start: number
  /** Offset just after `}}`. */
  end: number
}

const EMBEDDED = /\{\{([^{}]*)\}\}/g

/**
 * Lists the figures embedded in a narrative text as `{{r1.c3}}` or `{{main!r1.c3}}`.
 *
 * @example
 * embeddedRefs('Đã tiếp nhận {{main!tong.c3}} hồ sơ')
 * // [{ ref: 'main!tong.c3', start: 13, end: 29 }]
 */
export function embeddedRefs(text: string): EmbeddedRef[] {
  return [...text.matchAll(EMBEDDED)].map((m) => ({
    ref: (m[1] ?? '').trim(),
    start: m.index,
    end: m.index + m[0].length,
  }))
}

/**
 * Replaces every `{{ref}}` of a narrative text with the current value of that figure, formatted
 * by the caller (who knows the column's decimals and the display locale).
 *
 * @example
 * renderNarrativeText('Tổng số {{main!tong.c3}} hồ sơ', (ref) => (ref === 'main!tong.c3' ? '1.250' : ''))
 * // 'Tổng số 1.250 hồ sơ'
 */
export function renderNarrativeText(text: string, getValue: (ref: string) => string): string {
  return text.replace(EMBEDDED, (_all, ref: string) => getValue(ref.trim()))
}
