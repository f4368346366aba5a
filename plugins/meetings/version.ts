/**
 * Which HOP-NAM version applies to a year: the one in force when the year's reports are made
 * (its last day), so the 2025 report already follows the two-tier version of 1/7/2025.
 */
import { compareVersionLabels, nominalDates } from '../../core/index.js'
import type { ResolveVersionContext } from '../../core/index.js'

export const MEETINGS_CODE = 'HOP-NAM'

/**
 * @example
 * resolveMeetingsVersion({ code: 'HOP-NAM', versions, period: '2025-Y' }) // '1.1'
 */
export function resolveMeetingsVersion(ctx: ResolveVersionContext): string | undefined {
  if (ctx.code !== MEETINGS_CODE) return undefined
  const day = ctx.on ?? (ctx.period === undefined ? undefined : nominalDates(ctx.period).end)
  if (day === undefined) return undefined
  return ctx.versions
    .filter((v) => v.status === 'published' && (v.effectiveFrom ?? '') <= day)
    .map((v) => v.version)
    .sort(compareVersionLabels)
    .at(-1)
}
