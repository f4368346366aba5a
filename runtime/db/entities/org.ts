import { defineEntity, p } from '@mikro-orm/core'

/** An administrative tier (cấp tỉnh, sở/ngành, cấp xã...). Tiers are data: 2025 removed the district tier. */
export const OrgTier = defineEntity({
  name: 'OrgTier',
  tableName: 'org_tier',
  properties: {
    code: p.string().length(32).primary(),
    name: p.string(),
    /** Smaller = higher in the hierarchy; used for display order only. */
    rank: p.integer(),
  },
})

/**
 * A unit in the org tree. `root` is the tenant key (province / ministry, DESIGN.md §6);
 * `path` is the materialised ancestor path (`/1/5/12/`) so subtree checks are one LIKE.
 */
export const OrgUnit = defineEntity({
  name: 'OrgUnit',
  tableName: 'org_unit',
  properties: {
    id: p.integer().primary(),
    code: p.string().length(64).unique(),
    name: p.string().length(500),
    tier: () => p.manyToOne(OrgTier).fieldName('tier'),
    parent: () => p.manyToOne(OrgUnit).nullable().index(),
    rootId: p.integer().index(),
    path: p.string().length(1000).index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
})
