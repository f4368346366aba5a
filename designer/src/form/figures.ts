import { embeddedRefs } from '../../../core/index.js'

/**
 * Narrative texts embed figures of the same report as `{{r1.c3}}` or `{{main!r1.c3}}`.
 * Splits a text (core's `embeddedRefs`) into literal parts and references, so a component can
 * render each figure as its own element with its current, formatted value.
 */
export type FigurePart =
  { text: string } | { ref: string; section: string; row: string; col: string }

const REF = /^(?:([A-Za-z_][A-Za-z0-9_]*)!)?([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/

export function splitFigures(text: string, defaultSection: string): FigurePart[] {
  const parts: FigurePart[] = []
  let last = 0
  for (const r of embeddedRefs(text)) {
    if (r.start > last) parts.push({ text: text.slice(last, r.start) })
    const m = REF.exec(r.ref)
    parts.push(
      m === null
        ? { ref: text.slice(r.start, r.end), section: '', row: '', col: '' }
        : {
            ref: text.slice(r.start, r.end),
            section: m[1] ?? defaultSection,
            row: m[2]!,
            col: m[3]!,
          },
    )
    last = r.end
  }
  if (last < text.length) parts.push({ text: text.slice(last) })
  return parts
}
