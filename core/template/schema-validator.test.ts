import { describe, expect, it } from 'vitest'
import { validateTemplateDocument } from './schema-validator.js'
import { grid, template, text } from './test-fixtures.js'

const pointers = (json: unknown): Array<string | undefined> =>
  validateTemplateDocument(json).map((d) => d.place.pointer)

describe('validateTemplateDocument', () => {
  it('should accept a minimal valid template', () => {
    expect(validateTemplateDocument(template())).toEqual([])
  })

  it('should name a missing required property and point at its object', () => {
    const { code: _code, ...rest } = template()
    const [d, ...more] = validateTemplateDocument(rest)
    expect(more).toEqual([])
    expect(d).toEqual({
      ruleId: 'core/schema',
      severity: 'error',
      message: "(root) must have required property 'code'",
      place: { pointer: '' },
    })
  })

  it('should list the allowed values of an enum and show the wrong one', () => {
    const bad = template({
      sections: [
        grid({ columns: [text('c1'), { id: 'c2', header: ['x'], type: 'numbr' as 'number' }] }),
      ],
    })
    const ds = validateTemplateDocument(bad)
    expect(ds).toHaveLength(1)
    expect(ds[0]?.place.pointer).toBe('/sections/0/columns/1/type')
    expect(ds[0]?.message).toBe(
      '/sections/0/columns/1/type must be one of number, integer, percent, text, date, choice (got "numbr")',
    )
  })

  it('should point at an unknown property itself', () => {
    const ds = validateTemplateDocument({ ...template(), colour: 'red' })
    expect(ds.map((d) => [d.place.pointer, d.message])).toEqual([
      ['/colour', "/colour is not allowed here (unknown property 'colour')"],
    ])
  })

  it('should report a section only against the branch its kind names', () => {
    const section = {
      kind: 'narrative',
      id: 'n',
      title: 'Đề cương',
      items: [{ id: 'a', title: 'A', level: 9 }],
    }
    const ds = validateTemplateDocument(
      template({ formKind: 'narrative', sections: [section as never] }),
    )
    expect(ds.map((d) => d.place.pointer)).toEqual(['/sections/0/items/0/level'])
    expect(ds[0]?.message).toBe('/sections/0/items/0/level must be <= 5 (got 9)')
  })

  it('should ask for a kind when a section has none, or a known one', () => {
    expect(validateTemplateDocument(template({ sections: [{ id: 'x' } as never] }))).toEqual([
      expect.objectContaining({
        message: "/sections/0 must have required property 'kind'",
        place: { pointer: '/sections/0' },
      }),
    ])
    expect(
      validateTemplateDocument(template({ sections: [{ id: 'x', kind: 'table' } as never] })),
    ).toEqual([
      expect.objectContaining({
        message: '/sections/0/kind must be one of grid, narrative (got "table")',
        place: { pointer: '/sections/0/kind' },
      }),
    ])
    expect(pointers(template({ sections: [42 as never] }))).toEqual(['/sections/0'])
  })

  it('should point at a bad object key once', () => {
    const bad = template({
      sections: [grid({ rows: [{ id: 'r1', label: 'x', cells: { 'c-1': { kind: 'input' } } }] })],
    })
    const ds = validateTemplateDocument(bad)
    expect(ds).toHaveLength(1)
    expect(ds[0]?.place.pointer).toBe('/sections/0/rows/0/cells/c-1')
    expect(ds[0]?.message).toMatch(
      /^\/sections\/0\/rows\/0\/cells\/c-1 property name "c-1" must match pattern/,
    )
  })

  it('should check formats such as date', () => {
    expect(pointers(template({ effectiveFrom: '2025-13-45' }))).toEqual(['/effectiveFrom'])
  })

  it('should report every error, not just the first', () => {
    expect(pointers({ ...template(), version: 'v1', status: 'live' })).toEqual([
      '/version',
      '/status',
    ])
  })

  it('should reject what is not an object', () => {
    expect(validateTemplateDocument('nope')[0]?.message).toBe('(root) must be object (got "nope")')
    expect(validateTemplateDocument(null)[0]?.place.pointer).toBe('')
  })
})
