import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestClient } from '../helpers/client.js'
import { as, fixtureTemplate } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/** Template library: drafts validated by core, testing, immutable published versions, retiring, search. */
let t: TestApp
let designer: TestClient

beforeAll(async () => {
  t = await startTestApp()
  designer = await as(t, 'tinh.designer')
})
afterAll(async () => t.close())

const withCode = (code: string, name: string, version = '1.0') => ({
  ...fixtureTemplate(),
  code,
  name,
  version,
})

describe('template library', { timeout: 30_000 }, () => {
  let id: number
  let lockVersion: number

  it('creates a draft; the stored status is the version’s', async () => {
    const res = await designer.post('/templates', {
      definition: { ...withCode('TN.10/DT', 'BIỂU MƯỜI'), status: 'published' },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({
      code: 'TN.10/DT',
      version: '1.0',
      status: 'draft',
      lockVersion: 1,
    })
    expect(res.body.definition.status).toBe('draft')
    id = res.body.id
    lockVersion = res.body.lockVersion
  })

  it('edits a draft with its lockVersion; a stale lockVersion is a 409 and changes nothing', async () => {
    const edited = await designer.put(`/template-versions/${id}`, {
      definition: withCode('TN.10/DT', 'BIỂU MƯỜI (SỬA)'),
      lockVersion,
    })
    expect(edited.status).toBe(200)
    expect(edited.body.lockVersion).toBe(lockVersion + 1)
    const stale = await designer.put(`/template-versions/${id}`, {
      definition: withCode('TN.10/DT', 'KHÁC'),
      lockVersion,
    })
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('stale_version')
    expect((await designer.get(`/template-versions/${id}`)).body.definition.name).toBe(
      'BIỂU MƯỜI (SỬA)',
    )
    const otherCode = await designer.put(`/template-versions/${id}`, {
      definition: withCode('TN.11/DT', 'X'),
      lockVersion: lockVersion + 1,
    })
    expect(otherCode.status).toBe(422)
    expect(otherCode.body.error.details.pointer).toBe('/definition/code')
  })

  it('moves draft -> testing -> published -> retired, and refuses other moves', async () => {
    const move = (status: string) => designer.post(`/template-versions/${id}/status`, { status })
    expect((await move('retired')).status).toBe(409)
    expect((await move('testing')).body.status).toBe('testing')
    const published = await move('published')
    expect(published.body.status).toBe('published')
    expect(published.body.definition.status).toBe('published')
    expect((await move('draft')).status).toBe(409)
    const edit = await designer.put(`/template-versions/${id}`, {
      definition: withCode('TN.10/DT', 'X'),
      lockVersion: published.body.lockVersion,
    })
    expect(edit.status).toBe(409)
    expect(edit.body.error.code).toBe('immutable')
    expect((await move('retired')).body.status).toBe('retired')
  })

  it('a new version of the same code starts as a draft beside the old one', async () => {
    const [tpl] = await t.sql<{ id: number }>(`select id from template where code = 'TN.10/DT'`)
    const v2 = await designer.post(`/templates/${tpl!.id}/versions`, {
      definition: withCode('TN.10/DT', 'BIỂU MƯỜI', '1.1'),
    })
    expect(v2.status, JSON.stringify(v2.body)).toBe(201)
    expect(v2.body).toMatchObject({ version: '1.1', status: 'draft' })
    const dup = await designer.post(`/templates/${tpl!.id}/versions`, {
      definition: withCode('TN.10/DT', 'BIỂU MƯỜI', '1.1'),
    })
    expect(dup.status).toBe(409)
  })

  it('lists with search, status filter and pagination', async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await designer.post('/templates', {
            definition: withCode(`TN.2${i}/DT`, `BIỂU HAI MƯƠI ${i}`),
          })
        ).status,
      ).toBe(201)
    }
    const page1 = await designer.get('/templates?q=hai%20m%C6%B0%C6%A1i&pageSize=2&page=1')
    expect(page1.body.total).toBe(5)
    expect(page1.body.items.map((x: { code: string }) => x.code)).toEqual(['TN.20/DT', 'TN.21/DT'])
    const page3 = await designer.get('/templates?q=hai%20m%C6%B0%C6%A1i&pageSize=2&page=3')
    expect(page3.body.items.map((x: { code: string }) => x.code)).toEqual(['TN.24/DT'])
    const retired = await designer.get('/templates?status=retired')
    expect(retired.body.items.map((x: { code: string }) => x.code)).toEqual(['TN.10/DT'])
    const byCode = await (await as(t, 'caolanh.viewer')).get('/templates?q=tn.10')
    expect(byCode.body.total).toBe(1)
  })

  it('lists each version with its name, period type and regime kind', async () => {
    const first = await designer.post('/templates', {
      definition: {
        ...withCode('TN.30/DT', 'BIỂU BA MƯƠI THÁNG'),
        periodType: 'month',
        regimeKind: 'chuyen-de',
      },
    })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    const second = await designer.post(`/templates/${first.body.templateId}/versions`, {
      definition: { ...withCode('TN.30/DT', 'BIỂU BA MƯƠI NĂM', '2.0'), periodType: 'year' },
    })
    expect(second.status, JSON.stringify(second.body)).toBe(201)
    const list = await designer.get('/templates?q=tn.30')
    expect(list.body.items).toHaveLength(1)
    expect(list.body.items[0].versions).toEqual([
      {
        id: first.body.id,
        version: '1.0',
        status: 'draft',
        name: 'BIỂU BA MƯƠI THÁNG',
        periodType: 'month',
        regimeKind: 'chuyen-de',
      },
      {
        id: second.body.id,
        version: '2.0',
        status: 'draft',
        name: 'BIỂU BA MƯƠI NĂM',
        periodType: 'year',
        regimeKind: 'dinh-ky',
      },
    ])
  })
})
