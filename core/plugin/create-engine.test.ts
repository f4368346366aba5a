import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type {
  CatalogDefinition,
  SubmissionDocument,
  TemplateDefinition,
} from '../../schemas/generated/index.js'
import type { FormulaFunction } from '../formula/types.js'
import { CORE_VERSION } from './core-version.js'
import { createEngine } from './create-engine.js'
import { definePlugin } from './define-plugin.js'
import { problemLine } from './load-template.js'
import { defineRule } from './define-rule.js'
import type { PluginDefinition } from './types.js'

/** A minimal template valid against schemas/template.schema.json. */
function template(
  code: string,
  version: string,
  extra: Partial<TemplateDefinition> = {},
): TemplateDefinition {
  return {
    code,
    name: `Biểu ${code}`,
    version,
    status: 'published',
    regimeKind: 'dinh-ky',
    periodType: 'quarter',
    formKind: 'numeric',
    sections: [
      {
        kind: 'grid',
        id: 'main',
        columns: [
          { id: 'c1', header: ['Số hồ sơ'], type: 'integer' },
          { id: 'c2', header: ['Đúng hạn'], type: 'integer' },
        ],
        rows: [{ id: 'r1', label: 'Tổng số' }],
      },
    ],
    ...extra,
  }
}

function catalog(id: string, version: string, codes: string[] = ['A']): CatalogDefinition {
  return {
    id,
    name: `Danh mục ${id}`,
    version,
    indicators: codes.map((code) => ({ code, name: `Chỉ tiêu ${code}` })),
  }
}

const fn = (name: string): FormulaFunction => ({ name, minArgs: 0, maxArgs: 0, evaluate: () => 42 })

function plugin(id: string, extra: Partial<PluginDefinition> = {}): PluginDefinition {
  return { id, version: '1.0.0', coreApi: `^${CORE_VERSION}`, ...extra }
}

const submission: SubmissionDocument = {
  template: { code: 'A/1', version: '1.1' },
  values: { main: { r1: { c1: 3 } } },
}

function messageOf(run: () => unknown): string {
  try {
    run()
  } catch (e) {
    return (e as Error).message
  }
  throw new Error('expected an error')
}

describe('createEngine: identity', () => {
  it('should keep CORE_VERSION equal to package.json', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string }
    expect(CORE_VERSION).toBe(pkg.version)
  })

  it('should refuse two plugins with one id', () => {
    const message = messageOf(() =>
      createEngine({ plugins: [plugin('a'), { ...plugin('a'), version: '1.1.0' }] }),
    )
    expect(message).toBe('plugin id a is used by two plugins (versions 1.0.0 and 1.1.0)')
  })

  it('should check coreApi against the core version, naming the plugin', () => {
    const old = { ...plugin('old'), coreApi: '^2.0.0' }
    expect(messageOf(() => createEngine({ plugins: [old] }))).toBe(
      `plugin old 1.0.0 needs core API ^2.0.0, but this core is ${CORE_VERSION}`,
    )
    expect(createEngine({ plugins: [old], coreVersion: '2.3.0' }).coreVersion).toBe('2.3.0')
    expect(messageOf(() => createEngine({ plugins: [], coreVersion: 'next' }))).toBe(
      'coreVersion "next" is not a semver version',
    )
  })

  it('should check the shape of plain definitions too', () => {
    expect(messageOf(() => createEngine({ plugins: [plugin('Bad')] }))).toMatch(
      /^Invalid plugin "Bad"/,
    )
  })
})

describe('createEngine: templates', () => {
  const a = plugin('a', {
    templates: [
      template('A/1', '1.0', { effectiveFrom: '2020-12-15' }),
      template('A/1', '1.1', { effectiveFrom: '2025-07-01' }),
      template('A/1', '1.2', { status: 'draft' }),
      template('A/1', '1.10', { status: 'retired' }),
    ],
  })

  it('should load every version, keyed by code and version', () => {
    const engine = createEngine({ plugins: [a] })
    expect(engine.templates().map((t) => [t.code, t.version, t.status, t.plugin])).toEqual([
      ['A/1', '1.0', 'published', 'a'],
      ['A/1', '1.1', 'published', 'a'],
      ['A/1', '1.2', 'draft', 'a'],
      ['A/1', '1.10', 'retired', 'a'],
    ])
    expect(engine.template('A/1', '1.2')?.version).toBe('1.2')
    expect(engine.template('A/1', '9.9')).toBeUndefined()
    expect(engine.template('B/1')).toBeUndefined()
    expect(engine.templates()[0]?.effectiveFrom).toBe('2020-12-15')
  })

  it('should pick the highest published version when none is named', () => {
    expect(createEngine({ plugins: [a] }).template('A/1')?.version).toBe('1.1')
  })

  it('should pick the version in force for a period or a date', () => {
    const engine = createEngine({ plugins: [a] })
    expect(engine.templateFor('A/1', { period: '2025-Q2' })?.version).toBe('1.0')
    expect(engine.templateFor('A/1', { period: '2025-Q3' })?.version).toBe('1.1')
    expect(engine.templateFor('A/1', { on: '2025-06-30' })?.version).toBe('1.0')
    expect(engine.templateFor('A/1', { period: 'none' })?.version).toBe('1.1')
    expect(engine.templateFor('A/1', { period: '2019-Y' })).toBeUndefined()
    expect(engine.templateFor('B/1', { period: '2025-Q3' })).toBeUndefined()
  })

  it('should let the first resolveTemplateVersion hook decide', () => {
    const seen: unknown[] = []
    const chooser = plugin('chooser', {
      hooks: {
        resolveTemplateVersion: (ctx) => {
          seen.push(ctx)
          return ctx.unit === 'HUYEN-01' ? '1.0' : undefined
        },
      },
    })
    const engine = createEngine({ plugins: [a, chooser] })
    expect(engine.templateFor('A/1', { period: '2025-Q3', unit: 'HUYEN-01' })?.version).toBe('1.0')
    expect(engine.templateFor('A/1', { period: '2025-Q3', unit: 'XA-01' })?.version).toBe('1.1')
    expect(seen[0]).toMatchObject({
      code: 'A/1',
      period: '2025-Q3',
      unit: 'HUYEN-01',
      versions: [
        { version: '1.0', status: 'published', effectiveFrom: '2020-12-15' },
        { version: '1.1', status: 'published', effectiveFrom: '2025-07-01' },
        { version: '1.2', status: 'draft' },
        { version: '1.10', status: 'retired' },
      ],
    })
  })

  it('should name the plugin whose hook chose a version that is not loaded', () => {
    const wrong = plugin('wrong', { hooks: { resolveTemplateVersion: () => '3.0' } })
    const engine = createEngine({ plugins: [a, wrong] })
    expect(messageOf(() => engine.templateFor('A/1', { period: '2025-Q3' }))).toBe(
      'hook resolveTemplateVersion of plugin wrong chose version 3.0 of A/1, which is not loaded (loaded: 1.0, 1.1, 1.2, 1.10)',
    )
  })

  it('should refuse the same code and version twice, naming both plugins', () => {
    const b = plugin('b', { templates: [template('A/1', '1.1')] })
    expect(messageOf(() => createEngine({ plugins: [a, b] }))).toBe(
      'template A/1 version 1.1 is defined by plugin a and plugin b',
    )
    const twice = plugin('c', { templates: [template('C/1', '1.0'), template('C/1', '1.0')] })
    expect(messageOf(() => createEngine({ plugins: [twice] }))).toBe(
      'template C/1 version 1.0 is defined twice by plugin c',
    )
  })

  it('should refuse an invalid template, naming the plugin, the template and the place', () => {
    const bad = template('BAD/1', '1.0')
    const broken = { ...bad, sections: [{ ...bad.sections[0], id: '9main' }] } as TemplateDefinition
    const message = messageOf(() =>
      createEngine({ plugins: [plugin('p', { templates: [broken] })] }),
    )
    expect(message).toMatch(/^template BAD\/1 version 1\.0 of plugin p is invalid: /)
    expect(message).toContain('/sections/0/id')
  })

  it('should load templates whose formulas call the plugin functions', () => {
    const withFormula = template('F/1', '1.0', {
      sections: [
        {
          kind: 'grid',
          id: 'main',
          columns: [
            { id: 'c1', header: ['Số hồ sơ'], type: 'integer' },
            { id: 'c2', header: ['Hằng số'], type: 'number', formula: '=HANG_SO()' },
          ],
          rows: [{ id: 'r1', label: 'Tổng số' }],
        },
      ],
    })
    const engine = createEngine({
      plugins: [plugin('f', { functions: [fn('HANG_SO')], templates: [withFormula] })],
    })
    expect(engine.template('F/1')?.code).toBe('F/1')
    expect(engine.functions.has('HANG_SO')).toBe(true)
    expect(engine.functions.has('SUM')).toBe(true)
  })

  it('should refuse a formula calling a function no plugin defines, naming it once', () => {
    const calls = template('G/1', '1.0', {
      sections: [
        {
          kind: 'grid',
          id: 'main',
          columns: [{ id: 'c1', header: ['Tỷ lệ'], type: 'number', formula: '=TY_LE(1, 2)' }],
          rows: [{ id: 'r1', label: 'Tổng số' }],
        },
      ],
    })
    const message = messageOf(() =>
      createEngine({ plugins: [plugin('g', { templates: [calls] })] }),
    )
    expect(message).toMatch(/^template G\/1 version 1\.0 of plugin g is invalid: .*TY_LE/)
    expect(message.split('/sections/0/columns/0/formula').length).toBe(2)
    const withFn = plugin('g', {
      templates: [calls],
      functions: [{ ...fn('TY_LE'), minArgs: 2, maxArgs: 2 }],
    })
    expect(createEngine({ plugins: [withFn] }).template('G/1')?.code).toBe('G/1')
  })

  it('should freeze what it keeps and leave the plugins alone', () => {
    const def = plugin('a', { templates: [template('A/1', '1.0')] })
    const engine = createEngine({ plugins: [def] })
    expect(Object.isFrozen(engine)).toBe(true)
    expect(Object.isFrozen(engine.templates())).toBe(true)
    expect(Object.isFrozen(engine.template('A/1')?.sections)).toBe(true)
    expect(Object.isFrozen(engine.plugins[0])).toBe(true)
    expect(Object.isFrozen(def)).toBe(false)
    expect(Object.isFrozen(def.templates?.[0])).toBe(false)
  })
})

describe('createEngine: functions', () => {
  it('should merge plugin functions into one registry', () => {
    const engine = createEngine({
      plugins: [
        plugin('a', { functions: [fn('SUM_X')] }),
        plugin('b', { functions: [fn('TY_LE')] }),
      ],
    })
    expect(engine.functions.get('sum_x')?.evaluate([])).toBe(42)
    expect(engine.functions.names()).toEqual(expect.arrayContaining(['SUM_X', 'TY_LE', 'SUM']))
  })

  it('should name both plugins of a duplicate function, and core for a built-in', () => {
    const a = plugin('a', { functions: [fn('SUM_X')] })
    const b = plugin('b', { functions: [fn('SUM_X')] })
    expect(messageOf(() => createEngine({ plugins: [a, b] }))).toBe(
      'function SUM_X is defined by plugin a and plugin b',
    )
    expect(
      messageOf(() => createEngine({ plugins: [plugin('c', { functions: [fn('SUM')] })] })),
    ).toBe('function SUM is defined by core and plugin c')
  })
})

describe('createEngine: catalogues', () => {
  it('should validate and key catalogues by id and version', () => {
    const engine = createEngine({
      plugins: [
        plugin('tiers', {
          catalogs: [
            catalog('cap', '1.0', ['tinh', 'huyen', 'xa']),
            catalog('cap', '2.0', ['tinh', 'xa']),
          ],
        }),
      ],
    })
    expect(engine.catalog('cap')?.version).toBe('2.0')
    expect(engine.catalog('cap', '1.0')?.indicators).toHaveLength(3)
    expect(engine.catalog('cap', '3.0')).toBeUndefined()
    expect(engine.catalog('other')).toBeUndefined()
    expect(engine.catalogs().map((c) => [c.id, c.version, c.plugin])).toEqual([
      ['cap', '1.0', 'tiers'],
      ['cap', '2.0', 'tiers'],
    ])
    expect(Object.isFrozen(engine.catalog('cap')?.indicators[0])).toBe(true)
  })

  it('should refuse an invalid catalogue, naming the plugin and the place', () => {
    const bad = {
      ...catalog('cap', '1.0'),
      indicators: [{ code: 'A' }],
    } as unknown as CatalogDefinition
    expect(messageOf(() => createEngine({ plugins: [plugin('tiers', { catalogs: [bad] })] }))).toBe(
      "catalog cap version 1.0 of plugin tiers is invalid: /indicators/0: must have required property 'name'",
    )
  })

  it('should name both plugins of a duplicate catalogue', () => {
    const a = plugin('a', { catalogs: [catalog('cap', '1.0')] })
    const b = plugin('b', { catalogs: [catalog('cap', '1.0')] })
    expect(messageOf(() => createEngine({ plugins: [a, b] }))).toBe(
      'catalog cap version 1.0 is defined by plugin a and plugin b',
    )
  })
})

describe('createEngine: rules', () => {
  const positive = defineRule({
    id: 'a/positive',
    severity: 'error',
    description: 'Số hồ sơ phải dương',
    templates: ['A/1'],
    check: (ctx) =>
      Object.entries(ctx.submission.values.main ?? {})
        .filter(([, cells]) => typeof cells.c1 === 'number' && cells.c1 <= 0)
        .map(([row]) => ({
          ruleId: 'a/positive',
          severity: 'error',
          message: 'Phải dương',
          place: { section: 'main', row, col: 'c1' },
        })),
  })
  const everywhere = defineRule({
    id: 'b/note',
    severity: 'info',
    description: 'Ghi chú',
    check: (ctx) => [
      {
        ruleId: 'b/note',
        severity: 'info',
        message: `kỳ ${ctx.period ?? '?'}`,
        place: {},
        source: 'kept',
      },
    ],
  })
  const crashes = defineRule({
    id: 'b/crash',
    severity: 'warning',
    description: 'Lỗi',
    check: () => {
      throw new Error('boom')
    },
  })
  const notAList = defineRule({
    id: 'b/not-a-list',
    severity: 'warning',
    description: 'Sai',
    check: () => 'x' as never,
  })
  const engine = createEngine({
    plugins: [
      plugin('a', {
        templates: [template('A/1', '1.1'), template('Z/9', '1.0')],
        rules: [positive],
      }),
      plugin('b', { rules: [everywhere, crashes, notAList] }),
    ],
  })

  it('should run the rules that apply to the template and set their source', () => {
    const bad = { ...submission, values: { main: { r1: { c1: 0 } } } }
    const t = engine.template('A/1')
    if (t === undefined) throw new Error('A/1 not loaded')
    const out = engine.runRules({ template: t, submission: bad, period: '2025-Q3' })
    expect(out.map((d) => [d.ruleId, d.source])).toEqual([
      ['a/positive', 'a'],
      ['b/note', 'kept'],
      ['b/crash', 'b'],
      ['b/not-a-list', 'b'],
    ])
    expect(out[1]?.message).toBe('kỳ 2025-Q3')
    expect(out[2]).toMatchObject({
      severity: 'error',
      message: 'Quy tắc b/crash của plugin b bị lỗi khi kiểm tra: boom',
    })
    expect(out[3]?.message).toContain('check must return an array of diagnostics')
  })

  it('should skip rules scoped to other templates', () => {
    const z = engine.template('Z/9')
    if (z === undefined) throw new Error('Z/9 not loaded')
    expect(engine.runRules({ template: z, submission }).map((d) => d.ruleId)).toEqual([
      'b/note',
      'b/crash',
      'b/not-a-list',
    ])
    expect(engine.rules().map((r) => r.id)).toEqual([
      'a/positive',
      'b/note',
      'b/crash',
      'b/not-a-list',
    ])
  })
})

describe('createEngine: hooks and exporters', () => {
  it('should run hooks through the engine', () => {
    const engine = createEngine({
      plugins: [
        plugin('a', {
          hooks: {
            beforeTransition: (ctx) =>
              ctx.action === 'send' ? { veto: 'Chưa đến hạn gửi' } : undefined,
          },
        }),
      ],
    })
    const t = {
      instance: {
        reportingUnit: 'X',
        receivingUnit: 'Y',
        state: 'approved' as const,
        revision: 1,
        revisions: [],
      },
      input: { actor: { id: 'u', roles: [] }, at: '2025-09-15' },
    }
    expect(engine.runHook('beforeTransition', { ...t, action: 'send' })).toEqual({
      ok: false,
      plugin: 'a',
      reason: 'Chưa đến hạn gửi',
    })
    expect(engine.runHook('beforeTransition', { ...t, action: 'approve' })).toEqual({ ok: true })
  })

  it('should list exporters and refuse a duplicate id, naming both plugins', () => {
    const csv = { id: 'csv', mediaType: 'text/csv', extension: 'csv', render: () => 'a,b' }
    const engine = createEngine({ plugins: [plugin('a', { exporters: [csv] })] })
    expect(engine.exporter('csv')?.mediaType).toBe('text/csv')
    expect(engine.exporter('xlsx')).toBeUndefined()
    expect(engine.exporters().map((x) => x.id)).toEqual(['csv'])
    expect(
      messageOf(() =>
        createEngine({
          plugins: [plugin('a', { exporters: [csv] }), plugin('b', { exporters: [csv] })],
        }),
      ),
    ).toBe('exporter csv is defined by plugin a and plugin b')
  })

  it('should accept plugins made by definePlugin', () => {
    const p = definePlugin(plugin('a', { templates: [template('A/1', '1.0')] }))
    expect(createEngine({ plugins: [p] }).plugins[0]?.id).toBe('a')
  })
})

describe('problemLine', () => {
  it('should add the place only when the message lacks it', () => {
    const base = { ruleId: 'core/x', severity: 'error' as const }
    expect(problemLine({ ...base, message: '/a/0 is bad', place: { pointer: '/a/0' } })).toBe(
      '/a/0 is bad (core/x)',
    )
    expect(problemLine({ ...base, message: 'is bad', place: { pointer: '/a/0' } })).toBe(
      '/a/0: is bad (core/x)',
    )
    expect(
      problemLine({ ...base, message: 'cycle', place: { section: 'main', row: 'r1', col: 'c1' } }),
    ).toBe('main/r1/c1: cycle (core/x)')
    expect(problemLine({ ...base, message: 'whole', place: {} })).toBe('/: whole (core/x)')
  })
})
