import type { Context } from 'hono'
import { requireRole } from '../auth/access.js'
import type { AppEnv, Auth } from '../context.js'
import { Template } from '../db/entities/index.js'
import { query, queryOne } from '../db/sql.js'
import { conflict, notFound, unprocessable } from '../errors.js'
import { getVersion, resolveDefinition, type VersionRow } from '../services/templates.js'
import { getUnit } from '../services/units.js'
import { intParam } from './body.js'
import { defineRoutes } from './define.js'
import { audit, em, engine, now } from './helpers.js'
import { newTemplate, storeDraftVersion } from './template-drafts.js'

type Status = VersionRow['status']

/** Allowed status changes of a version: edit in draft, try in testing, publish (immutable), retire. */
const NEXT: Record<Status, Status[]> = {
  draft: ['testing', 'published'],
  testing: ['draft', 'published'],
  published: ['retired'],
  retired: [],
}

/** The template document as stored, with its status field telling the version's real status. */
function present(v: VersionRow, diagnostics?: unknown) {
  return {
    id: v.id,
    templateId: v.templateId,
    code: v.code,
    version: v.version,
    status: v.status,
    lockVersion: v.lockVersion,
    ownerUnitId: v.ownerUnitId,
    definition: { ...v.definition, status: v.status },
    ...(diagnostics === undefined ? {} : { diagnostics }),
  }
}

async function versionInTenant(c: Context<AppEnv>, auth: Auth, id: number): Promise<VersionRow> {
  const v = await getVersion(em(c), id)
  const home = await getUnit(em(c), auth.user.unitId)
  if (v.tenantId !== home.rootId) throw notFound(`Template version ${id}`)
  return v
}

const DEFINITION = {
  type: 'object',
  description: 'A TemplateDefinition (schemas/template.schema.json)',
}

export const templateRoutes = defineRoutes([
  {
    method: 'get',
    path: '/templates',
    operationId: 'listTemplates',
    summary:
      'Template library: search by code or name, filter by version status, paginated; each version with its status, name, period type and regime kind',
    tag: 'templates',
    query: [
      { name: 'q', type: 'string', description: 'Text in the code or the name (case-insensitive)' },
      {
        name: 'status',
        type: 'string',
        description: 'Only templates having a version in this status',
      },
      { name: 'page', type: 'integer', description: 'From 1' },
      { name: 'pageSize', type: 'integer', description: '1-100, default 20' },
    ],
    async handler(c, _body, auth) {
      const home = await getUnit(em(c), auth.user.unitId)
      const q = c.req.query('q')?.trim() ?? ''
      const status = c.req.query('status') ?? null
      const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1)
      const pageSize = Math.min(100, Math.max(1, Number(c.req.query('pageSize') ?? 20) || 20))
      const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
      const where = `t.tenant_id = ? and (t.code ilike ? or t.name ilike ?)
        and (?::text is null or exists (select 1 from template_version s where s.template_id = t.id and s.status = ?))`
      const params = [home.rootId, like, like, status, status]
      const total = await queryOne<{ n: number }>(
        em(c),
        `select count(*)::int as n from template t where ${where}`,
        params,
      )
      const items = await query<{
        id: number
        code: string
        name: string
        ownerUnitId: number
        versions: unknown
      }>(
        em(c),
        `select t.id, t.code, t.name, t.owner_unit_id as "ownerUnitId",
                (select json_agg(json_build_object('id', v.id, 'version', v.version, 'status', v.status,
                        'name', v.definition->>'name', 'periodType', v.definition->>'periodType',
                        'regimeKind', v.definition->>'regimeKind') order by v.id)
                   from template_version v where v.template_id = t.id) as versions
           from template t where ${where} order by t.code limit ? offset ?`,
        [...params, pageSize, (page - 1) * pageSize],
      )
      return { items, total: total?.n ?? 0, page, pageSize }
    },
  },
  {
    method: 'post',
    path: '/templates',
    operationId: 'createTemplate',
    summary:
      'Create a template with its first draft version (validated by core; 422 lists diagnostics)',
    tag: 'templates',
    roles: 'designer on the owner unit',
    status: 201,
    body: {
      type: 'object',
      required: ['definition'],
      additionalProperties: false,
      properties: { ownerUnitId: { type: 'integer' }, definition: DEFINITION },
    },
    async handler(c, body, auth) {
      const input = body as { ownerUnitId?: number; definition: Record<string, unknown> }
      const owner = await getUnit(em(c), input.ownerUnitId ?? auth.user.unitId)
      requireRole(auth, 'designer', owner)
      const resolved = resolveDefinition({ ...input.definition, status: 'draft' }, engine(c))
      const t = newTemplate(c, owner, resolved.template)
      const row = await storeDraftVersion(c, auth, t, resolved.template, 'template.create')
      return present(row, resolved.diagnostics)
    },
  },
  {
    method: 'post',
    path: '/templates/:id/versions',
    operationId: 'createTemplateVersion',
    summary: 'Start a new draft version of an existing template (same code, new version label)',
    tag: 'templates',
    roles: 'designer on the owner unit',
    status: 201,
    body: {
      type: 'object',
      required: ['definition'],
      additionalProperties: false,
      properties: { definition: DEFINITION },
    },
    async handler(c, body, auth) {
      const { definition } = body as { definition: Record<string, unknown> }
      const t = await em(c).findOne(Template, { id: intParam(c.req.param('id'), 'id') })
      const home = await getUnit(em(c), auth.user.unitId)
      if (t === null || t.tenantId !== home.rootId) throw notFound(`Template ${c.req.param('id')}`)
      requireRole(auth, 'designer', await getUnit(em(c), t.ownerUnit.id))
      const resolved = resolveDefinition({ ...definition, status: 'draft' }, engine(c))
      if (resolved.template.code !== t.code) {
        throw unprocessable(
          'code_mismatch',
          `The definition's code '${resolved.template.code}' is not this template's code '${t.code}'`,
          { pointer: '/definition/code' },
        )
      }
      const row = await storeDraftVersion(c, auth, t, resolved.template, 'template.version-create')
      return present(row, resolved.diagnostics)
    },
  },
  {
    method: 'get',
    path: '/template-versions/:id',
    operationId: 'getTemplateVersion',
    summary: 'One template version with its definition',
    tag: 'templates',
    async handler(c, _body, auth) {
      return present(await versionInTenant(c, auth, intParam(c.req.param('id'), 'id')))
    },
  },
  {
    method: 'put',
    path: '/template-versions/:id',
    operationId: 'updateTemplateVersion',
    summary:
      'Replace the definition of a draft or testing version (optimistic lockVersion; published versions are immutable)',
    tag: 'templates',
    roles: 'designer on the owner unit',
    body: {
      type: 'object',
      required: ['definition', 'lockVersion'],
      additionalProperties: false,
      properties: { definition: DEFINITION, lockVersion: { type: 'integer' } },
    },
    async handler(c, body, auth) {
      const input = body as { definition: Record<string, unknown>; lockVersion: number }
      const before = await versionInTenant(c, auth, intParam(c.req.param('id'), 'id'))
      requireRole(auth, 'designer', await getUnit(em(c), before.ownerUnitId))
      if (before.status === 'published' || before.status === 'retired') {
        throw conflict(
          'immutable',
          `Version ${before.version} of ${before.code} is ${before.status} and cannot change; create a new version`,
        )
      }
      const { template, diagnostics } = resolveDefinition(
        { ...input.definition, status: before.status },
        engine(c),
      )
      if (template.code !== before.code) {
        throw unprocessable(
          'code_mismatch',
          `The definition's code '${template.code}' is not this template's code '${before.code}'`,
          { pointer: '/definition/code' },
        )
      }
      const updated = await query(
        em(c),
        `update template_version set definition = ?::jsonb, version = ?, lock_version = lock_version + 1, updated_at = ?
          where id = ? and lock_version = ? and status in ('draft', 'testing') returning id`,
        [
          JSON.stringify(template.definition),
          template.version,
          now(c),
          before.id,
          input.lockVersion,
        ],
      )
      if (updated.length === 0) {
        throw conflict(
          'stale_version',
          `Version was changed by someone else (lockVersion ${input.lockVersion} is stale); reload it`,
          { lockVersion: before.lockVersion },
        )
      }
      const after = await getVersion(em(c), before.id)
      await audit(c, auth, {
        tenantId: before.tenantId,
        action: 'template.update',
        entity: 'template_version',
        entityId: before.id,
        before: { lockVersion: before.lockVersion },
        after: { lockVersion: after.lockVersion },
      })
      return present(after, diagnostics)
    },
  },
  {
    method: 'post',
    path: '/template-versions/:id/status',
    operationId: 'setTemplateVersionStatus',
    summary: 'Move a version: draft <-> testing -> published (immutable) -> retired',
    tag: 'templates',
    roles: 'designer on the owner unit',
    body: {
      type: 'object',
      required: ['status'],
      additionalProperties: false,
      properties: { status: { enum: ['draft', 'testing', 'published', 'retired'] } },
    },
    async handler(c, body, auth) {
      const { status } = body as { status: Status }
      const v = await versionInTenant(c, auth, intParam(c.req.param('id'), 'id'))
      requireRole(auth, 'designer', await getUnit(em(c), v.ownerUnitId))
      if (!NEXT[v.status].includes(status)) {
        throw conflict(
          'invalid_transition',
          `A ${v.status} version cannot become ${status} (allowed: ${NEXT[v.status].join(', ') || 'none'})`,
        )
      }
      if (status === 'published') {
        resolveDefinition(v.definition, engine(c)) // never publish what does not load
        const dup = await queryOne(
          em(c),
          `select 1 from template_version where template_id = ? and status = 'published' and id <> ? and version = ?`,
          [v.templateId, v.id, v.version],
        )
        if (dup !== undefined)
          throw conflict('duplicate', `Version ${v.version} is already published`)
      }
      await query(
        em(c),
        `update template_version set status = ?, definition = case when ? = 'published' then jsonb_set(definition, '{status}', '"published"') else definition end,
                published_at = case when ? = 'published' then ? else published_at end, updated_at = ? where id = ?`,
        [status, status, status, now(c), now(c), v.id],
      )
      await audit(c, auth, {
        tenantId: v.tenantId,
        action: `template.${status}`,
        entity: 'template_version',
        entityId: v.id,
        before: { status: v.status },
        after: { status },
      })
      return present(await getVersion(em(c), v.id))
    },
  },
])
