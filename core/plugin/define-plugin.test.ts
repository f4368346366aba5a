import { describe, expect, it } from 'vitest'
import type { TemplateDefinition } from '../../schemas/generated/index.js'
import { definePlugin } from './define-plugin.js'
import { defineRule } from './define-rule.js'
import { cloneJson, deepFreeze } from './freeze.js'
import type { PluginDefinition, RuleDefinition } from './types.js'

const template: TemplateDefinition = {
  code: 'TEST/01',
  name: 'Biểu thử',
  version: '1.0',
  status: 'published',
  regimeKind: 'dinh-ky',
  periodType: 'quarter',
  formKind: 'numeric',
  sections: [
    {
      kind: 'grid',
      id: 'main',
      columns: [{ id: 'c1', header: ['Số lượng'], type: 'integer' }],
      rows: [{ id: 'r1', label: 'Tổng' }],
    },
  ],
}

const rule: RuleDefinition = {
  id: 'demo/non-negative',
  severity: 'error',
  description: 'Không âm',
  check: () => [],
}

const base: PluginDefinition = { id: 'demo', version: '1.0.0', coreApi: '^0.1.0' }

function problemOf(def: unknown): string {
  try {
    definePlugin(def as PluginDefinition)
  } catch (e) {
    return (e as Error).message
  }
  throw new Error('definePlugin accepted the definition')
}

describe('defineRule', () => {
  it('should return a frozen copy', () => {
    const input = { ...rule, templates: ['TEST/01'] }
    const r = defineRule(input)
    expect(r).not.toBe(input)
    expect(r).toEqual(input)
    expect(Object.isFrozen(r)).toBe(true)
    expect(Object.isFrozen(r.templates)).toBe(true)
    expect(Object.isFrozen(input)).toBe(false)
  })

  it.each([
    [
      { ...rule, id: 'non-negative' },
      /Invalid rule "non-negative": id "non-negative" must be "<plugin>\/<rule>"/,
    ],
    [{ ...rule, id: 'Demo/NonNegative' }, /must be "<plugin>\/<rule>" in kebab-case/],
    [{ ...rule, severity: 'fatal' }, /severity "fatal" must be error, warning or info/],
    [{ ...rule, description: ' ' }, /description must be a non-empty string/],
    [{ ...rule, check: 'x' }, /check must be a function/],
    [{ ...rule, templates: 'TEST/01' }, /templates must be an array of template codes/],
    [null, /Invalid rule: must be an object/],
  ])('should reject %j naming the field', (bad, message) => {
    expect(() => defineRule(bad as RuleDefinition)).toThrow(message)
  })
})

describe('definePlugin', () => {
  it('should return a deep-frozen copy and leave the definition alone', () => {
    const def: PluginDefinition = {
      ...base,
      name: 'Thử nghiệm',
      templates: [template],
      catalogs: [
        {
          id: 'cat',
          name: 'Danh mục',
          version: '1.0',
          indicators: [{ code: 'A', name: 'Chỉ tiêu A' }],
        },
      ],
      functions: [
        { name: 'TY_LE', minArgs: 2, maxArgs: 2, description: 'Tỷ lệ', evaluate: () => 1 },
      ],
      rules: [defineRule(rule)],
      hooks: { validateSubmission: () => [] },
      exporters: [{ id: 'csv', mediaType: 'text/csv', templates: ['TEST/01'], render: () => '' }],
    }
    const p = definePlugin(def)
    expect(p.templates[0]).toEqual(template)
    expect(p.templates[0]).not.toBe(template)
    expect(Object.isFrozen(p)).toBe(true)
    expect(Object.isFrozen(p.templates[0]?.sections[0])).toBe(true)
    expect(Object.isFrozen(p.catalogs[0]?.indicators[0])).toBe(true)
    expect(Object.isFrozen(p.functions[0])).toBe(true)
    expect(Object.isFrozen(p.hooks)).toBe(true)
    expect(Object.isFrozen(p.exporters[0]?.templates)).toBe(true)
    expect(p.functions[0]?.description).toBe('Tỷ lệ')
    expect(p.name).toBe('Thử nghiệm')
    // Nothing the author holds was frozen or changed.
    expect(Object.isFrozen(template)).toBe(false)
    expect(Object.isFrozen(template.sections[0])).toBe(false)
    expect(Object.isFrozen(def.functions?.[0])).toBe(false)
    expect(Object.isFrozen(def.hooks)).toBe(false)
    expect(Object.isFrozen(def.functions?.[0]?.evaluate)).toBe(false)
  })

  it('should fill empty lists', () => {
    const p = definePlugin(base)
    expect(p).toMatchObject({
      templates: [],
      catalogs: [],
      functions: [],
      rules: [],
      exporters: [],
      hooks: {},
    })
    expect('name' in p).toBe(false)
  })

  it.each([
    [{ ...base, id: 'Demo' }, 'Invalid plugin "Demo": id "Demo" must be kebab-case'],
    [{ ...base, id: 'demo-' }, 'id "demo-" must be kebab-case'],
    [{ ...base, id: undefined }, 'Invalid plugin (no id): id undefined must be kebab-case'],
    [{ ...base, version: '1.0' }, 'version "1.0" must be a semver version'],
    [
      { ...base, coreApi: 'latest' },
      'coreApi: Invalid semver range "latest": cannot read "latest"',
    ],
    [{ ...base, coreApi: 1 }, 'coreApi must be a semver range'],
    [{ ...base, name: '' }, 'name must be a non-empty string'],
    [{ ...base, function: [] }, 'unknown property "function" (allowed: id, version, coreApi'],
    [{ ...base, templates: {} }, 'templates must be an array'],
    [
      { ...base, templates: [{ name: 'x' }] },
      'templates[0] must be a template definition with a code and a version',
    ],
    [
      { ...base, catalogs: [{ id: 'x' }] },
      'catalogs[0] must be a catalogue definition with an id and a version',
    ],
    [{ ...base, functions: [1] }, 'functions[0] must be a formula function'],
    [
      { ...base, functions: [{ name: 'ty_le', minArgs: 0, maxArgs: 1, evaluate: () => 1 }] },
      'functions[0].name "ty_le" must be UPPER_SNAKE',
    ],
    [
      {
        ...base,
        functions: [
          { name: 'A', minArgs: 0, maxArgs: 1, evaluate: () => 1 },
          { name: 'A', minArgs: 0, maxArgs: 1, evaluate: () => 1 },
        ],
      },
      'functions[1]: function A is defined twice',
    ],
    [
      { ...base, functions: [{ name: 'A', minArgs: -1, maxArgs: 1, evaluate: () => 1 }] },
      'functions[0].minArgs must be an integer >= 0',
    ],
    [
      { ...base, functions: [{ name: 'A', minArgs: 2, maxArgs: 1, evaluate: () => 1 }] },
      'functions[0].maxArgs must be an integer >= minArgs',
    ],
    [
      { ...base, functions: [{ name: 'A', minArgs: 0, maxArgs: 1 }] },
      'functions[0].evaluate must be a function',
    ],
    [
      { ...base, rules: [{ ...rule, severity: 'x' }] },
      'rules[0].severity "x" must be error, warning or info',
    ],
    [
      { ...base, rules: [{ ...rule, id: 'other/rule' }] },
      'rules[0].id "other/rule" must start with the plugin id: "demo/"',
    ],
    [{ ...base, rules: [rule, rule] }, 'rules[1]: rule demo/non-negative is defined twice'],
    [{ ...base, hooks: [] }, 'hooks must be an object of functions'],
    [
      { ...base, hooks: { onSubmit: () => undefined } },
      'hooks.onSubmit is not a hook (hooks: resolveTemplateVersion, validateSubmission',
    ],
    [{ ...base, hooks: { aggregate: 'x' } }, 'hooks.aggregate must be a function'],
    [{ ...base, exporters: [null] }, 'exporters[0] must be an exporter'],
    [
      { ...base, exporters: [{ id: 'CSV', mediaType: 'text/csv', render: () => '' }] },
      'exporters[0].id "CSV" must be kebab-case',
    ],
    [
      { ...base, exporters: [{ id: 'csv', mediaType: 'csv', render: () => '' }] },
      'exporters[0].mediaType must be a media type',
    ],
    [
      { ...base, exporters: [{ id: 'csv', mediaType: 'text/csv' }] },
      'exporters[0].render must be a function',
    ],
    [
      {
        ...base,
        exporters: [
          { id: 'demo/csv', mediaType: 'text/csv', render: () => '' },
          { id: 'demo/csv', mediaType: 'text/csv', render: () => '' },
        ],
      },
      'exporters[1]: exporter demo/csv is defined twice',
    ],
    [
      { ...base, templates: [{ ...template, extra: () => 1 }] },
      'templates[0].extra: a function is not JSON data',
    ],
  ])('should reject %#, naming the place', (def, message) => {
    expect(problemOf(def)).toContain(message)
  })

  it('should list every problem at once', () => {
    const message = problemOf({ ...base, version: 'x', coreApi: '' })
    expect(message).toContain('version "x"')
    expect(message).toContain('coreApi: Invalid semver range "": empty')
  })

  it('should refuse a non-object', () => {
    expect(problemOf(null)).toBe('Invalid plugin: definePlugin expects an object')
  })
})

describe('freeze helpers', () => {
  it('should freeze maps, sets and cycles without touching functions', () => {
    const fn = (): number => 1
    const inner = { a: 1 }
    const graph: Record<string, unknown> = {
      m: new Map([['k', inner]]),
      s: new Set([{ b: 2 }]),
      fn,
      bytes: new Uint8Array(2),
    }
    graph.self = graph
    deepFreeze(graph)
    expect(Object.isFrozen(graph)).toBe(true)
    expect(Object.isFrozen(inner)).toBe(true)
    expect(Object.isFrozen([...(graph.s as Set<object>)][0])).toBe(true)
    expect(Object.isFrozen(fn)).toBe(false)
    expect(deepFreeze(3)).toBe(3)
  })

  it('should copy JSON data and name what is not JSON', () => {
    const data = { a: [1, 'x', null, true], b: { c: undefined, d: 2 } }
    const copy = cloneJson(data, 'doc')
    expect(copy).toEqual({ a: [1, 'x', null, true], b: { d: 2 } })
    expect(copy.a).not.toBe(data.a)
    expect(() => cloneJson({ n: Number.NaN }, 'doc')).toThrow('doc.n: NaN is not a JSON number')
    expect(() => cloneJson({ d: new Date(0) }, 'doc')).toThrow(
      'doc.d: only plain objects are JSON data',
    )
    const loop: Record<string, unknown> = {}
    loop.me = loop
    expect(() => cloneJson(loop, 'doc')).toThrow('doc.me: circular reference')
    const shared = { x: 1 }
    expect(cloneJson({ a: shared, b: shared }, 'doc')).toEqual({ a: { x: 1 }, b: { x: 1 } })
    expect(cloneJson(Object.create(null) as object, 'doc')).toEqual({})
  })
})
