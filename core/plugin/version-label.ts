/**
 * Orders template and catalogue version labels (`1`, `1.0`, `1.10`, schema pattern
 * `^[0-9]+(\.[0-9]+){0,2}$`) numerically, part by part; missing parts count as 0.
 *
 * @example
 * compareVersionLabels('1.10', '1.9') // 1
 */
export function compareVersionLabels(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return Math.sign(d)
  }
  return 0
}
