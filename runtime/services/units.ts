import type { EntityManager } from '@mikro-orm/postgresql'
import { badRequest, notFound } from '../errors.js'
import { query, queryOne } from '../db/sql.js'

export interface UnitRow {
  id: number
  code: string
  name: string
  tier: string
  parentId: number | null
  rootId: number
  path: string
}

const COLUMNS = `id, code, name, tier, parent_id as "parentId", root_id as "rootId", path`

export async function findUnit(em: EntityManager, id: number): Promise<UnitRow | undefined> {
  return queryOne<UnitRow>(em, `select ${COLUMNS} from org_unit where id = ?`, [id])
}

export async function getUnit(em: EntityManager, id: number): Promise<UnitRow> {
  const unit = await findUnit(em, id)
  if (unit === undefined) throw notFound(`Org unit ${id}`)
  return unit
}

export async function findUnitByCode(
  em: EntityManager,
  code: string,
): Promise<UnitRow | undefined> {
  return queryOne<UnitRow>(em, `select ${COLUMNS} from org_unit where code = ?`, [code])
}

/** True when `unit` is `ancestor` or lies below it. */
export function inSubtree(unit: { path: string }, ancestor: { path: string }): boolean {
  return unit.path.startsWith(ancestor.path)
}

/** Units of one tenant, in tree order (parents before children). */
export async function listUnits(em: EntityManager, rootId: number): Promise<UnitRow[]> {
  return query<UnitRow>(em, `select ${COLUMNS} from org_unit where root_id = ? order by path`, [
    rootId,
  ])
}

export async function listSubtree(em: EntityManager, unit: UnitRow): Promise<UnitRow[]> {
  return query<UnitRow>(
    em,
    `select ${COLUMNS} from org_unit where root_id = ? and path like ? order by path`,
    [unit.rootId, `${unit.path}%`],
  )
}

export interface NewUnit {
  code: string
  name: string
  tier: string
  parentId: number | null
}

/** Creates a unit; a unit without parent starts a new tenant (its own root). */
export async function createUnit(em: EntityManager, input: NewUnit): Promise<UnitRow> {
  const tier = await queryOne(em, 'select code from org_tier where code = ?', [input.tier])
  if (tier === undefined) throw badRequest(`Unknown tier '${input.tier}'`, { pointer: '/tier' })
  const parent = input.parentId === null ? undefined : await getUnit(em, input.parentId)
  const row = await queryOne<{ id: number }>(
    em,
    `insert into org_unit (code, name, tier, parent_id, root_id, path, created_at)
     values (?, ?, ?, ?, 0, '', now()) returning id`,
    [input.code, input.name, input.tier, input.parentId],
  )
  const id = row!.id
  const path = `${parent?.path ?? '/'}${id}/`
  const rootId = parent?.rootId ?? id
  await query(em, 'update org_unit set root_id = ?, path = ? where id = ?', [rootId, path, id])
  return {
    id,
    code: input.code,
    name: input.name,
    tier: input.tier,
    parentId: input.parentId,
    rootId,
    path,
  }
}
