import type { EntityManager } from '@mikro-orm/postgresql'
import {
  hasErrors,
  loadTemplate,
  type Diagnostic,
  type Engine,
  type ResolvedTemplate,
  type TemplateDefinition,
} from '../../core/index.js'
import { queryOne } from '../db/sql.js'
import { notFound, unprocessable } from '../errors.js'

export interface VersionRow {
  id: number
  templateId: number
  tenantId: number
  ownerUnitId: number
  code: string
  version: string
  status: 'draft' | 'testing' | 'published' | 'retired'
  definition: TemplateDefinition
  lockVersion: number
}

/**
 * Checks a template document with core (schema + semantics) and resolves it. Errors are a 422
 * listing every diagnostic with its JSON pointer; warnings travel with the result.
 */
export function resolveDefinition(
  doc: unknown,
  engine: Engine,
): { template: ResolvedTemplate; diagnostics: Diagnostic[] } {
  const result = loadTemplate(doc as TemplateDefinition, { functions: engine.functions })
  if (!result.ok || hasErrors(result.diagnostics ?? [])) {
    const diagnostics = result.diagnostics ?? []
    const errors = diagnostics.filter((d) => d.severity === 'error')
    const first = errors[0]
    throw unprocessable(
      'invalid_template',
      `Template has ${errors.length} error(s)${first === undefined ? '' : `; first at ${first.place.pointer ?? ''}: ${first.message}`}`,
      { diagnostics },
    )
  }
  return { template: result.template, diagnostics: result.diagnostics ?? [] }
}

// Published versions never change, so their resolved form is cached by id (drafts by id + lock
// version), per engine: installing a plugin builds a new engine and so a new cache.
const caches = new WeakMap<Engine, Map<string, ResolvedTemplate>>()

/** The resolved template of a stored version. */
export function resolvedOf(
  v: Pick<VersionRow, 'id' | 'lockVersion' | 'definition'>,
  engine: Engine,
): ResolvedTemplate {
  let cache = caches.get(engine)
  if (cache === undefined) caches.set(engine, (cache = new Map()))
  const key = `${v.id}:${v.lockVersion}`
  let t = cache.get(key)
  if (t === undefined) {
    t = resolveDefinition(v.definition, engine).template
    if (cache.size > 500) cache.clear()
    cache.set(key, t)
  }
  return t
}

const VERSION_COLUMNS = `v.id, v.template_id as "templateId", t.tenant_id as "tenantId", t.owner_unit_id as "ownerUnitId",
  t.code, v.version, v.status, v.definition, v.lock_version as "lockVersion"`

export async function getVersion(
  em: EntityManager,
  id: number,
  forUpdate = false,
): Promise<VersionRow> {
  const row = await queryOne<VersionRow>(
    em,
    `select ${VERSION_COLUMNS} from template_version v join template t on t.id = v.template_id where v.id = ?${forUpdate ? ' for update of v' : ''}`,
    [id],
  )
  if (row === undefined) throw notFound(`Template version ${id}`)
  return row
}
