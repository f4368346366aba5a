/** A patch where `undefined` removes the key (the schemas have optional keys, never `undefined` values). */
export type Patch<T> = { [K in keyof T]?: T[K] | undefined }

export function applyPatch<T extends object>(obj: T, patch: Patch<T>): T {
  const out: Record<string, unknown> = { ...(obj as Record<string, unknown>) }
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k]
    else out[k] = v
  }
  return out as T
}

/** Moves the item at `from` to `to` (clamped), returning a new array. */
export function move<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items]
  if (from < 0 || from >= out.length) return out
  const [item] = out.splice(from, 1)
  out.splice(Math.max(0, Math.min(to, out.length)), 0, item as T)
  return out
}

/** First id `<prefix><n>` not in `taken`. */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const set = new Set(taken)
  let n = 1
  while (set.has(`${prefix}${n}`)) n++
  return `${prefix}${n}`
}
