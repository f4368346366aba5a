import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendAudit, verifyAuditChain } from '../../runtime/services/audit.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * The audit chain is linked by the database at commit (a deferred trigger): the hash it computes
 * must be the one runtime/services/audit.ts verifies, whatever the entry holds; a rolled-back
 * transaction must leave nothing; concurrent writers must still form one unbroken chain.
 */
let t: TestApp

beforeAll(async () => {
  t = await startTestApp()
})
afterAll(async () => t.close())

const at = new Date('2026-10-01T08:30:15.123Z')

async function lastEntry() {
  const [row] = await t.sql<{ id: number; action: string; before: unknown; after: unknown }>(
    'select id, action, before, after from audit_log order by id desc limit 1',
  )
  return row!
}

describe('audit chain linked at commit', () => {
  it('hashes tricky content as verification reads it back', async () => {
    const after = {
      text: 'Báo cáo "quý" \\ \n\t ✓ 𝄞',
      sum: 0.1 + 0.2,
      big: 1e21,
      tiny: -0,
      when: new Date('2026-01-02T03:04:05.678Z'),
      nested: { z: [1, null, { b: true, a: false }], a: '' },
      dropped: undefined,
    }
    await t.orm.em.fork().transactional(async (em) => {
      await appendAudit(
        em,
        {
          actorId: null,
          tenantId: null,
          action: 'test.tricky',
          entity: 'x',
          entityId: 7,
          after,
        },
        at,
      )
    })
    const row = await lastEntry()
    expect(row.action).toBe('test.tricky')
    expect(row.before).toBeNull()
    expect(row.after).toEqual({
      text: after.text,
      sum: 0.30000000000000004,
      big: 1e21,
      tiny: 0,
      when: '2026-01-02T03:04:05.678Z',
      nested: { z: [1, null, { b: true, a: false }], a: '' },
    })
    const v = await verifyAuditChain(t.orm.em.fork())
    expect(v).toMatchObject({ ok: true })
    expect(await t.sql('select count(*)::int as n from audit_pending')).toEqual([{ n: 0 }])
  })

  it('leaves no entry when the transaction rolls back', async () => {
    const before = await lastEntry()
    await expect(
      t.orm.em.fork().transactional(async (em) => {
        await appendAudit(
          em,
          { actorId: null, tenantId: null, action: 'test.rolled-back', entity: 'x', entityId: 1 },
          at,
        )
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    expect((await lastEntry()).id).toBe(before.id)
    expect(await t.sql('select count(*)::int as n from audit_pending')).toEqual([{ n: 0 }])
  })

  it('keeps one unbroken chain under concurrent writers, in commit order', async () => {
    const n = 24
    const { entries: start } = await verifyAuditChain(t.orm.em.fork())
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        t.orm.em.fork().transactional(async (em) => {
          await appendAudit(
            em,
            {
              actorId: null,
              tenantId: null,
              action: 'test.concurrent',
              entity: 'x',
              entityId: i,
              // Two entries in one transaction: linked in the order they were appended.
              after: { step: 1 },
            },
            at,
          )
          await appendAudit(
            em,
            {
              actorId: null,
              tenantId: null,
              action: 'test.concurrent',
              entity: 'x',
              entityId: i,
              after: { step: 2 },
            },
            at,
          )
        }),
      ),
    )
    const v = await verifyAuditChain(t.orm.em.fork())
    expect(v.ok).toBe(true)
    expect(v.entries).toBe(start + 2 * n)
    const steps = await t.sql<{ entity_id: string; step: number }>(
      `select entity_id, (after->>'step')::int as step from audit_log where action = 'test.concurrent' order by id`,
    )
    for (let i = 0; i < n; i++) {
      const mine = steps.filter((s) => s.entity_id === String(i)).map((s) => s.step)
      expect(mine).toEqual([1, 2])
    }
  })

  it('still detects an entry changed behind its back', async () => {
    const [target] = await t.sql<{ id: number }>(
      `select id from audit_log where action = 'test.tricky' limit 1`,
    )
    await t.sql('alter table audit_log disable trigger audit_log_append_only')
    await t.sql(`update audit_log set after = jsonb_set(after, '{sum}', '0.3') where id = ?`, [
      target!.id,
    ])
    await t.sql('alter table audit_log enable trigger audit_log_append_only')
    const v = await verifyAuditChain(t.orm.em.fork())
    expect(v.ok).toBe(false)
    expect(v.brokenAt).toEqual({ id: target!.id, reason: 'content does not match its hash' })
  })
})
