/**
 * RFC 6901 JSON pointers. Ids cannot contain `/` or `~`, but header texts and choice values can,
 * so every segment is escaped.
 */
export function jsonPointer(...segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
}

/** `(root)` for the empty pointer, so messages always name a place. */
export function showPointer(pointer: string): string {
  return pointer === '' ? '(root)' : pointer
}
