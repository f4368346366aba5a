/**
 * Storing a new draft version, the step shared by creating a template, adding a version to one and
 * importing a workbook: the version row, then its audit entry.
 */
import type { InferEntity } from '@mikro-orm/core'
import type { Context } from 'hono'
import type { ResolvedTemplate } from '../../core/index.js'
import type { AppEnv, Auth } from '../context.js'
import { Template, TemplateVersion } from '../db/entities/index.js'
import { getVersion, type VersionRow } from '../services/templates.js'
import type { UnitRow } from '../services/units.js'
import { audit, em } from './helpers.js'

/** A new template of the owner unit's tenant, named as its first version (stored on flush). */
export function newTemplate(
  c: Context<AppEnv>,
  owner: UnitRow,
  template: ResolvedTemplate,
): InferEntity<typeof Template> {
  return em(c).create(Template, {
    tenantId: owner.rootId,
    ownerUnit: owner.id,
    code: template.code,
    name: template.definition.name,
  })
}

/**
 * Stores a validated definition as a new draft version of `t` (just created, or an existing
 * template) and audits it; `auditAfter` adds what the caller's action knows besides code and version.
 */
export async function storeDraftVersion(
  c: Context<AppEnv>,
  auth: Auth,
  t: InferEntity<typeof Template>,
  template: ResolvedTemplate,
  action: string,
  auditAfter: Record<string, unknown> = {},
): Promise<VersionRow> {
  const v = em(c).create(TemplateVersion, {
    template: t,
    version: template.version,
    status: 'draft',
    definition: template.definition,
    lockVersion: 1,
    createdBy: auth.user.id,
  })
  await em(c).flush()
  const row = await getVersion(em(c), v.id)
  await audit(c, auth, {
    tenantId: t.tenantId,
    action,
    entity: 'template_version',
    entityId: v.id,
    after: { code: row.code, version: row.version, ...auditAfter },
  })
  return row
}
