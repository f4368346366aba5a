import { describe, expect, it } from 'vitest'
import type { SubmissionDocument } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import type { ResolvedTemplate } from '../template/types.js'
import { openInstance } from '../workflow/machine.js'
import { definePlugin } from './define-plugin.js'
import { HOOK_KINDS } from './hook-kinds.js'
import { createHookRunner } from './hook-runner.js'
import type {
  IndicatorValue,
  PluginHooks,
  PrefillContext,
  PrefillResult,
  RuleContext,
  TransitionContext,
} from './types.js'

const plugin = (id: string, hooks: PluginHooks) =>
  definePlugin({ id, version: '1.0.0', coreApi: '*', hooks })
const template = { code: 'T/1' } as unknown as ResolvedTemplate
const submission: SubmissionDocument = {
  template: { code: 'T/1', version: '1.0' },
  values: { main: { r1: { c1: 5 } } },
}
const ruleCtx: RuleContext = { template, submission }
const transition: TransitionContext = {
  instance: openInstance({ reportingUnit: 'XA', receivingUnit: 'TINH' }),
  action: 'submit',
  input: { actor: { id: 'u', roles: [] }, at: '2025-09-15' },
}
const diag = (ruleId: string): Diagnostic => ({
  ruleId,
  severity: 'warning',
  message: ruleId,
  place: { pointer: '' },
})

describe('hook kinds', () => {
  it('should declare the Rollup-style kind of every hook', () => {
    expect(HOOK_KINDS).toEqual({
      resolveTemplateVersion: 'first',
      validateSubmission: 'parallel',
      beforeTransition: 'sequential',
      aggregate: 'sequential',
      prefill: 'first',
      indicators: 'parallel',
    })
  })
})

describe('resolveTemplateVersion (first)', () => {
  const ctx = { code: 'T/1', versions: [{ version: '1.0', status: 'published' as const }] }

  it('should take the first non-null answer, in plugin order', () => {
    const calls: string[] = []
    const runner = createHookRunner([
      plugin('a', { resolveTemplateVersion: () => (calls.push('a'), null) }),
      plugin('b', { resolveTemplateVersion: () => (calls.push('b'), '1.1') }),
      plugin('c', { resolveTemplateVersion: () => (calls.push('c'), '9.9') }),
    ])
    expect(runner.run('resolveTemplateVersion', ctx)).toBe('1.1')
    expect(runner.first('resolveTemplateVersion', ctx)).toEqual({ value: '1.1', plugin: 'b' })
    expect(calls).toEqual(['a', 'b', 'a', 'b'])
  })

  it('should give undefined when nobody answers', () => {
    expect(createHookRunner([plugin('a', {})]).run('resolveTemplateVersion', ctx)).toBeUndefined()
  })

  it('should name the plugin of a broken hook', () => {
    const throws = createHookRunner([
      plugin('a', {
        resolveTemplateVersion: () => {
          throw new Error('boom')
        },
      }),
    ])
    expect(() => throws.run('resolveTemplateVersion', ctx)).toThrow(
      'hook resolveTemplateVersion of plugin a failed: boom',
    )
    const wrongType = createHookRunner([
      plugin('b', { resolveTemplateVersion: () => 2 as unknown as string }),
    ])
    expect(() => wrongType.run('resolveTemplateVersion', ctx)).toThrow(
      'hook resolveTemplateVersion of plugin b failed: returned number, expected a version string',
    )
  })
})

describe('validateSubmission (parallel)', () => {
  it('should run every plugin on the same input and merge the diagnostics with their source', () => {
    const seen: unknown[] = []
    const runner = createHookRunner([
      plugin('a', { validateSubmission: (c) => (seen.push(c), [diag('a/x')]) }),
      plugin('b', {
        validateSubmission: (c) => (
          seen.push(c),
          [diag('b/y'), { ...diag('b/z'), source: 'other' }]
        ),
      }),
    ])
    const out = runner.run('validateSubmission', ruleCtx)
    expect(out.map((d) => [d.ruleId, d.source])).toEqual([
      ['a/x', 'a'],
      ['b/y', 'b'],
      ['b/z', 'other'],
    ])
    expect(seen).toEqual([ruleCtx, ruleCtx])
  })

  it('should turn a broken hook into an error diagnostic naming the plugin', () => {
    const runner = createHookRunner([
      plugin('a', {
        validateSubmission: () => {
          throw new Error('boom')
        },
      }),
      plugin('b', { validateSubmission: () => 'oops' as unknown as Diagnostic[] }),
      plugin('c', {
        validateSubmission: () => {
          throw 'raw'
        },
      }),
    ])
    const out = runner.run('validateSubmission', ruleCtx)
    expect(out.map((d) => [d.ruleId, d.severity, d.source])).toEqual([
      ['a/validate-submission', 'error', 'a'],
      ['b/validate-submission', 'error', 'b'],
      ['c/validate-submission', 'error', 'c'],
    ])
    expect(out[0]?.message).toBe('Hook validateSubmission của plugin a bị lỗi: boom')
    expect(out[1]?.message).toContain('must return an array of diagnostics')
    expect(out[2]?.message).toContain('raw')
  })
})

describe('beforeTransition (sequential, may veto)', () => {
  it('should stop at the first veto and name its plugin', () => {
    const calls: string[] = []
    const runner = createHookRunner([
      plugin('a', { beforeTransition: () => void calls.push('a') }),
      plugin('b', { beforeTransition: () => (calls.push('b'), { veto: 'Chưa đến kỳ báo cáo' }) }),
      plugin('c', { beforeTransition: () => (calls.push('c'), { veto: 'never reached' }) }),
    ])
    expect(runner.run('beforeTransition', transition)).toEqual({
      ok: false,
      plugin: 'b',
      reason: 'Chưa đến kỳ báo cáo',
    })
    expect(calls).toEqual(['a', 'b'])
  })

  it('should pass when nobody vetoes', () => {
    const runner = createHookRunner([plugin('a', { beforeTransition: () => undefined })])
    expect(runner.run('beforeTransition', transition)).toEqual({ ok: true })
    expect(createHookRunner([]).run('beforeTransition', transition)).toEqual({ ok: true })
  })

  it('should name the plugin of a broken hook', () => {
    const runner = createHookRunner([
      plugin('a', {
        beforeTransition: () => {
          throw new Error('boom')
        },
      }),
    ])
    expect(() => runner.run('beforeTransition', transition)).toThrow(
      'hook beforeTransition of plugin a failed: boom',
    )
  })
})

describe('aggregate (sequential reducer)', () => {
  const ctx = { template, submissions: [submission, submission] }

  it('should thread the consolidated submission through the plugins in order', () => {
    const runner = createHookRunner([
      plugin('a', { aggregate: (acc) => ({ ...acc, unit: `${acc.unit ?? ''}a` }) }),
      plugin('b', {
        aggregate: (acc, c) => ({ ...acc, unit: `${acc.unit ?? ''}b${c.submissions.length}` }),
      }),
    ])
    const out = runner.run('aggregate', { ...submission, unit: '>' }, ctx)
    expect(out.unit).toBe('>ab2')
    expect(out.values).toEqual(submission.values)
  })

  it('should name the plugin that broke the chain', () => {
    const nothing = createHookRunner([
      plugin('a', { aggregate: () => undefined as unknown as SubmissionDocument }),
    ])
    expect(() => nothing.run('aggregate', submission, ctx)).toThrow(
      'hook aggregate of plugin a failed: must return the consolidated submission',
    )
    const throws = createHookRunner([
      plugin('b', {
        aggregate: () => {
          throw new Error('boom')
        },
      }),
    ])
    expect(() => throws.run('aggregate', submission, ctx)).toThrow(
      'hook aggregate of plugin b failed: boom',
    )
  })
})

describe('prefill (first)', () => {
  const ctx: PrefillContext = {
    template,
    unit: 'XA',
    period: '2025-Q3',
    source: { connector: 'drop', data: { c1: 7 } },
  }
  const filled = (c1: unknown, system: string): PrefillResult => ({
    values: { main: { r1: { c1: c1 as number } } },
    source: { system, connector: 'drop', fetchedAt: '2025-09-15T00:00:00Z' },
  })

  it('should take the first plugin that recognises the template, and name it', () => {
    const seen: string[] = []
    const runner = createHookRunner([
      plugin('a', { prefill: () => (seen.push('a'), undefined) }),
      plugin('b', {
        prefill: (c) => (seen.push('b'), filled((c.source.data as { c1: number }).c1, 'B')),
      }),
      plugin('c', { prefill: () => (seen.push('c'), filled(0, 'C')) }),
    ])
    expect(runner.run('prefill', ctx)).toEqual(filled(7, 'B'))
    expect(runner.first('prefill', ctx)?.plugin).toBe('b')
    expect(seen).toEqual(['a', 'b', 'a', 'b'])
    expect(createHookRunner([plugin('a', {})]).run('prefill', ctx)).toBeUndefined()
  })

  it('should name the plugin that threw or answered with the wrong shape', () => {
    const throws = createHookRunner([
      plugin('a', {
        prefill: () => {
          throw new Error('export is for unit "H02"')
        },
      }),
    ])
    expect(() => throws.run('prefill', ctx)).toThrow(
      'hook prefill of plugin a failed: export is for unit "H02"',
    )
    const wrong = createHookRunner([
      plugin('b', { prefill: () => ({ values: [] }) as unknown as PrefillResult }),
    ])
    expect(() => wrong.first('prefill', ctx)).toThrow(
      'hook prefill of plugin b failed: must return { values, source } or undefined',
    )
  })
})

describe('indicators (parallel)', () => {
  const value = (code: string, v: number | null): IndicatorValue => ({
    catalog: 'cs',
    code,
    name: `Chỉ số ${code}`,
    value: v,
  })

  it('should merge the indicators of every plugin, each with its source', () => {
    const runner = createHookRunner([
      plugin('a', { indicators: () => [value('1.1', 0.5)] }),
      plugin('b', { indicators: () => [] }),
      plugin('c', { indicators: (x) => [{ ...value(x.template.code, null), source: 'other' }] }),
    ])
    expect(runner.run('indicators', ruleCtx).map((v) => [v.code, v.value, v.source])).toEqual([
      ['1.1', 0.5, 'a'],
      ['T/1', null, 'other'],
    ])
  })

  it('should name the plugin of a broken hook', () => {
    const runner = createHookRunner([
      plugin('a', { indicators: () => ({}) as unknown as IndicatorValue[] }),
    ])
    expect(() => runner.run('indicators', ruleCtx)).toThrow(
      'hook indicators of plugin a failed: must return an array of indicator values',
    )
    const throws = createHookRunner([
      plugin('b', {
        indicators: () => {
          throw new Error('boom')
        },
      }),
    ])
    expect(() => throws.run('indicators', ruleCtx)).toThrow(
      'hook indicators of plugin b failed: boom',
    )
  })
})

describe('unknown hooks', () => {
  it('should refuse a name that is not a hook', () => {
    const run = createHookRunner([]).run as (name: string, ...args: unknown[]) => unknown
    expect(() => run('toString')).toThrow(
      'Unknown hook "toString" (hooks: resolveTemplateVersion, validateSubmission, beforeTransition, aggregate, prefill, indicators)',
    )
  })
})
