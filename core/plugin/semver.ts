/**
 * The part of semantic versioning (semver.org, npm ranges) that plugin identity needs: a plugin's
 * `version` is a version, its `coreApi` a range the running core must satisfy. Kept here so core
 * depends on nothing beyond ajv.
 */

export interface SemVer {
  major: number
  minor: number
  patch: number
  prerelease: readonly (string | number)[]
}

const VERSION =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/

/**
 * Parses `MAJOR.MINOR.PATCH[-prerelease][+build]`, or returns undefined.
 *
 * @example
 * parseSemver('1.2.3-beta.1')?.prerelease // ['beta', 1]
 */
export function parseSemver(text: string): SemVer | undefined {
  const m = VERSION.exec(text)
  if (m === null) return undefined
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease:
      m[4] === undefined ? [] : m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
  }
}

/**
 * Semver precedence: negative when a < b.
 *
 * @example
 * compareSemver(parseSemver('1.0.0-rc.1')!, parseSemver('1.0.0')!) // -1
 */
export function compareSemver(a: SemVer, b: SemVer): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch
  if (core !== 0) return Math.sign(core)
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return Math.sign(b.prerelease.length - a.prerelease.length)
  }
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i += 1) {
    const x = a.prerelease[i]
    const y = b.prerelease[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    if (x === y) continue
    if (typeof x === 'number' && typeof y === 'number') return Math.sign(x - y)
    if (typeof x === 'number') return -1
    if (typeof y === 'number') return 1
    return x < y ? -1 : 1
  }
  return 0
}

type Op = '<' | '<=' | '>' | '>=' | '='
export interface Comparator {
  op: Op
  version: SemVer
}

const PARTIAL =
  /^(\^|~|>=|<=|>|<|=)?v?(0|[1-9]\d*|[xX*])(?:\.(0|[1-9]\d*|[xX*]))?(?:\.(0|[1-9]\d*|[xX*])(?:-([0-9A-Za-z.-]+))?)?$/

function v(
  major: number,
  minor: number,
  patch: number,
  prerelease: readonly (string | number)[] = [],
): SemVer {
  return { major, minor, patch, prerelease }
}

/** One comparator token of a range (`^1.2`, `>=2.0.0`, `1.x`) as plain comparators. */
function expand(token: string, range: string): Comparator[] {
  const m = PARTIAL.exec(token)
  if (m === null) throw new Error(`Invalid semver range "${range}": cannot read "${token}"`)
  const [, op = '', maj = '', min, pat, pre] = m
  const wild = (s: string | undefined): boolean => s === undefined || /^[xX*]$/.test(s)
  if (wild(maj)) return op === '<' || op === '>' ? [{ op: '<', version: v(0, 0, 0, [0]) }] : []
  const M = Number(maj)
  const prerelease = pre === undefined ? [] : (parseSemver(`0.0.0-${pre}`)?.prerelease ?? [pre])
  if (wild(min)) return bounds(op, v(M, 0, 0), v(M + 1, 0, 0))
  const N = Number(min)
  if (wild(pat))
    return bounds(
      op,
      v(M, N, 0),
      op === '^' && M === 0 ? v(0, N + 1, 0) : op === '^' ? v(M + 1, 0, 0) : v(M, N + 1, 0),
    )
  const P = Number(pat)
  const at = v(M, N, P, prerelease)
  switch (op) {
    case '^':
      return [
        { op: '>=', version: at },
        { op: '<', version: M > 0 ? v(M + 1, 0, 0) : N > 0 ? v(0, N + 1, 0) : v(0, 0, P + 1) },
      ]
    case '~':
      return [
        { op: '>=', version: at },
        { op: '<', version: v(M, N + 1, 0) },
      ]
    case '':
      return [{ op: '=', version: at }]
    default:
      return [{ op: op as Op, version: at }]
  }
}

/** A partial version `lo` (e.g. `1` or `1.2`) under an operator, where `hi` is the next partial. */
function bounds(op: string, lo: SemVer, hi: SemVer): Comparator[] {
  switch (op) {
    case '>':
      return [{ op: '>=', version: hi }]
    case '>=':
      return [{ op: '>=', version: lo }]
    case '<':
      return [{ op: '<', version: lo }]
    case '<=':
      return [{ op: '<', version: hi }]
    default:
      return [
        { op: '>=', version: lo },
        { op: '<', version: hi },
      ]
  }
}

function test(c: Comparator, version: SemVer): boolean {
  const cmp = compareSemver(version, c.version)
  switch (c.op) {
    case '<':
      return cmp < 0
    case '<=':
      return cmp <= 0
    case '>':
      return cmp > 0
    case '>=':
      return cmp >= 0
    case '=':
      return cmp === 0
  }
}

/** A range as alternatives (`||`) of comparator sets (space-separated, all must hold). */
export type SemverRange = readonly (readonly Comparator[])[]

/**
 * Parses an npm-style range: `^1.2.3`, `~1.2`, `1.x`, `>=1.0.0 <2.0.0`, `*`, alternatives with `||`.
 * Throws naming the range and the token it cannot read.
 *
 * @example
 * satisfies('0.1.5', parseSemverRange('^0.1.0')) // true
 */
export function parseSemverRange(range: string): SemverRange {
  if (range.trim() === '') throw new Error(`Invalid semver range "${range}": empty`)
  return range.split('||').map((alt) => {
    const tokens = alt
      .trim()
      .replace(/(\^|~|>=|<=|>|<|=)\s+/g, '$1')
      .split(/\s+/)
      .filter((t) => t !== '')
    if (tokens.length === 0) throw new Error(`Invalid semver range "${range}": empty alternative`)
    return tokens.flatMap((t) => expand(t, range))
  })
}

/**
 * True when the version lies in the range. As in npm, a prerelease version matches only a
 * comparator set that names a prerelease of the same MAJOR.MINOR.PATCH.
 *
 * @example
 * satisfies('2.0.0', parseSemverRange('^1.0.0')) // false
 */
export function satisfies(version: string | SemVer, range: SemverRange): boolean {
  const parsed = typeof version === 'string' ? parseSemver(version) : version
  if (parsed === undefined) return false
  return range.some((set) => {
    if (!set.every((c) => test(c, parsed))) return false
    if (parsed.prerelease.length === 0) return true
    return set.some(
      (c) =>
        c.version.prerelease.length > 0 &&
        c.version.major === parsed.major &&
        c.version.minor === parsed.minor &&
        c.version.patch === parsed.patch,
    )
  })
}
