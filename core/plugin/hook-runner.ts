import type { SubmissionDocument } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import type {
  AggregateContext,
  FirstHookName,
  HookCalls,
  HookName,
  IndicatorValue,
  Plugin,
  PluginHooks,
  PrefillResult,
  RuleContext,
  TransitionContext,
  TransitionVerdict,
} from './types.js'

interface Handler<K extends HookName> {
  plugin: string
  fn: NonNullable<PluginHooks[K]>
}

export interface HookRunner {
  /** Runs a hook across the plugins according to its kind (see HOOK_KINDS). */
  run<K extends HookName>(name: K, ...args: HookCalls[K]['args']): HookCalls[K]['result']
  /** A `first` hook's answer with the plugin that gave it (for provenance and error messages). */
  first<K extends FirstHookName>(
    name: K,
    ...args: HookCalls[K]['args']
  ): { value: NonNullable<HookCalls[K]['result']>; plugin: string } | undefined
}

function failed(name: HookName, plugin: string, e: unknown): Error {
  const why = e instanceof Error ? e.message : String(e)
  return new Error(`hook ${name} of plugin ${plugin} failed: ${why}`, { cause: e })
}

function handlers<K extends HookName>(plugins: readonly Plugin[], name: K): Handler<K>[] {
  const out: Handler<K>[] = []
  for (const p of plugins) {
    const fn = p.hooks[name]
    if (fn !== undefined) out.push({ plugin: p.id, fn: fn as NonNullable<PluginHooks[K]> })
  }
  return out
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** What a `first` hook may answer: null/undefined (no opinion) or a value of the right shape. */
const FIRST_CHECKS: { [K in FirstHookName]: (v: unknown) => string | undefined } = {
  resolveTemplateVersion: (v) =>
    typeof v === 'string' ? undefined : `returned ${typeof v}, expected a version string`,
  prefill: (v) =>
    isObject(v) && isObject(v.values) && isObject(v.source)
      ? undefined
      : 'must return { values, source } or undefined',
}

/**
 * The hook chains of a list of plugins, in plugin order (an engine builds one; the runtime builds
 * one per plugin when each plugin's `first` hook must see its own connector's data).
 *
 * @example
 * createHookRunner([plugin]).first('prefill', ctx)?.plugin // 'kstthc'
 */
export function createHookRunner(plugins: readonly Plugin[]): HookRunner {
  const validate = handlers(plugins, 'validateSubmission')
  const before = handlers(plugins, 'beforeTransition')
  const aggregate = handlers(plugins, 'aggregate')
  const indicators = handlers(plugins, 'indicators')

  function first<K extends FirstHookName>(
    name: K,
    ...args: HookCalls[K]['args']
  ): { value: NonNullable<HookCalls[K]['result']>; plugin: string } | undefined {
    for (const { plugin, fn } of handlers(plugins, name)) {
      let value: unknown
      try {
        value = (fn as (...a: HookCalls[K]['args']) => unknown)(...args)
      } catch (e) {
        throw failed(name, plugin, e)
      }
      if (value === undefined || value === null) continue
      const wrong = FIRST_CHECKS[name](value)
      if (wrong !== undefined) throw failed(name, plugin, new Error(wrong))
      return { value: value as NonNullable<HookCalls[K]['result']>, plugin }
    }
    return undefined
  }

  function validateSubmission(ctx: RuleContext): Diagnostic[] {
    return validate.flatMap(({ plugin, fn }) => {
      try {
        const found = fn(ctx)
        if (!Array.isArray(found)) throw new Error('must return an array of diagnostics')
        return found.map((d) => (d.source === undefined ? { ...d, source: plugin } : d))
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e)
        return [
          {
            ruleId: `${plugin}/validate-submission`,
            severity: 'error' as const,
            message: `Hook validateSubmission của plugin ${plugin} bị lỗi: ${why}`,
            place: { pointer: '' },
            source: plugin,
          },
        ]
      }
    })
  }

  function beforeTransition(ctx: TransitionContext): TransitionVerdict {
    for (const { plugin, fn } of before) {
      let verdict: unknown
      try {
        verdict = fn(ctx)
      } catch (e) {
        throw failed('beforeTransition', plugin, e)
      }
      if (typeof verdict === 'object' && verdict !== null && 'veto' in verdict) {
        const reason = String((verdict as { veto: unknown }).veto)
        return { ok: false, plugin, reason }
      }
    }
    return { ok: true }
  }

  function runAggregate(initial: SubmissionDocument, ctx: AggregateContext): SubmissionDocument {
    return aggregate.reduce((acc, { plugin, fn }) => {
      let next: unknown
      try {
        next = fn(acc, ctx)
      } catch (e) {
        throw failed('aggregate', plugin, e)
      }
      if (typeof next !== 'object' || next === null) {
        throw failed('aggregate', plugin, new Error('must return the consolidated submission'))
      }
      return next as SubmissionDocument
    }, initial)
  }

  function runIndicators(ctx: RuleContext): IndicatorValue[] {
    return indicators.flatMap(({ plugin, fn }) => {
      let found: unknown
      try {
        found = fn(ctx)
      } catch (e) {
        throw failed('indicators', plugin, e)
      }
      if (!Array.isArray(found)) {
        throw failed('indicators', plugin, new Error('must return an array of indicator values'))
      }
      return (found as IndicatorValue[]).map((v) =>
        v.source === undefined ? { ...v, source: plugin } : v,
      )
    })
  }

  const runners: { [K in HookName]: (...args: HookCalls[K]['args']) => HookCalls[K]['result'] } = {
    resolveTemplateVersion: (ctx) => first('resolveTemplateVersion', ctx)?.value,
    validateSubmission,
    beforeTransition,
    aggregate: runAggregate,
    prefill: (ctx) => first('prefill', ctx)?.value as PrefillResult | undefined,
    indicators: runIndicators,
  }

  function run<K extends HookName>(name: K, ...args: HookCalls[K]['args']): HookCalls[K]['result'] {
    const runner = (Object.hasOwn(runners, name) ? runners[name] : undefined) as
      ((...a: HookCalls[K]['args']) => HookCalls[K]['result']) | undefined
    if (runner === undefined)
      throw new Error(`Unknown hook "${String(name)}" (hooks: ${Object.keys(runners).join(', ')})`)
    return runner(...args)
  }

  return { run, first }
}
