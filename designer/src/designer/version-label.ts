/**
 * The label of the next draft made from a published version: its last number plus one, skipping
 * labels the template already has (`1.0` -> `1.1`, or `1.2` when `1.1` exists). A label without
 * a trailing number gets `.1` appended, so the result always differs from every taken label.
 *
 * @example
 * nextVersion('1.0', ['1.0']) // '1.1'
 */
export function nextVersion(current: string, taken: readonly string[] = []): string {
  const used = new Set([current, ...taken])
  const m = /^(.*?)(\d+)$/.exec(current)
  const head = m === null ? `${current}.` : m[1]!
  let n = m === null ? 1 : Number(m[2]) + 1
  while (used.has(`${head}${n}`)) n++
  return `${head}${n}`
}
