/**
 * Administrative tiers that send and receive reports, as versioned data: the district tier (cấp huyện)
 * existed under TT 01/2020 and was abolished on 1/7/2025. Templates name tiers by code in
 * reportingLevels, deadlines[].level and receivingLevel.
 */
import type { CatalogDefinition } from '../../core/index.js'
import threeTier from './catalogs/cap-hanh-chinh-v1.0.json' with { type: 'json' }
import twoTier from './catalogs/cap-hanh-chinh-v2.0.json' with { type: 'json' }

export const TIER_CATALOG_ID = 'cap-hanh-chinh'

/** Every version of the tier catalogue, oldest first. */
export const tierCatalogs: readonly CatalogDefinition[] = [threeTier, twoTier]

/**
 * The tier catalogue in force on a date (YYYY-MM-DD): the newest version whose effectiveFrom is not
 * after it (a version without effectiveFrom has always been in force).
 *
 * @example
 * tierCatalogAt('2025-07-01').indicators.map((t) => t.code) // ['vpcp', 'bo', 'tinh', 'so', 'xa']
 */
export function tierCatalogAt(date: string): CatalogDefinition {
  let found: CatalogDefinition | undefined
  for (const c of tierCatalogs) {
    if ((c.effectiveFrom ?? '') <= date) found = c
  }
  if (found === undefined) throw new Error(`${TIER_CATALOG_ID}: no version in force on ${date}`)
  return found
}

/** Tier codes in force on a date. */
export function tierCodesAt(date: string): Set<string> {
  return new Set(tierCatalogAt(date).indicators.map((t) => t.code))
}

/**
 * The chain of tiers a report travels through from `tier` up to the top, on a date.
 *
 * @example
 * reportingRoute('xa', '2024-12-31') // ['xa', 'huyen', 'tinh', 'vpcp']
 * reportingRoute('xa', '2025-12-31') // ['xa', 'tinh', 'vpcp']
 */
export function reportingRoute(tier: string, date: string): string[] {
  const catalog = tierCatalogAt(date)
  const byCode = new Map(catalog.indicators.map((t) => [t.code, t]))
  const route: string[] = []
  for (
    let t = byCode.get(tier);
    t !== undefined;
    t = t.parent === undefined ? undefined : byCode.get(t.parent)
  ) {
    if (route.includes(t.code))
      throw new Error(`${TIER_CATALOG_ID} ${catalog.version}: cycle at "${t.code}"`)
    route.push(t.code)
  }
  if (route.length === 0) {
    throw new Error(
      `${TIER_CATALOG_ID} ${catalog.version} (in force on ${date}): no tier "${tier}"`,
    )
  }
  return route
}
