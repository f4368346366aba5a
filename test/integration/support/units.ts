import { expect } from 'vitest'
import type { Role } from '../../../runtime/db/entities/index.js'
import { DEMO_PASSWORD } from '../../../runtime/seed/demo-data.js'
import { as, unitIds } from '../../helpers/flow.js'
import type { TestApp } from '../../helpers/test-app.js'

/**
 * Creates a unit below `parent` (as the province admin) with one user per role, named
 * `<login>.<role>` and signing in with the demo password. Returns the unit's id.
 */
export async function unitWithUsers(
  t: TestApp,
  unit: { code: string; name: string; tier: string; parent: string; login: string },
  roles: readonly Role[],
): Promise<number> {
  const admin = await as(t, 'tinh.admin')
  const created = await admin.post('/org-units', {
    code: unit.code,
    name: unit.name,
    tier: unit.tier,
    parentId: (await unitIds(t))[unit.parent],
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const unitId = created.body.id as number
  for (const role of roles) {
    const username = `${unit.login}.${role}`
    const user = await admin.post('/users', {
      username,
      fullName: username,
      password: DEMO_PASSWORD,
      unitId,
    })
    expect(user.status, JSON.stringify(user.body)).toBe(201)
    const granted = await admin.post(`/users/${user.body.id}/roles`, { role, unitId })
    expect(granted.status, JSON.stringify(granted.body)).toBe(201)
  }
  return unitId
}

/** Id of the stored template version `code` `version` (e.g. one a plugin brought). */
export async function versionId(t: TestApp, code: string, version: string): Promise<number> {
  const [row] = await t.sql<{ id: number }>(
    'select v.id from template_version v join template t on t.id = v.template_id where t.code = ? and v.version = ?',
    [code, version],
  )
  if (row === undefined) throw new Error(`no template version ${code} ${version}`)
  return row.id
}
