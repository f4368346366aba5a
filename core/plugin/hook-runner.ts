import type { SubmissionDocument } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import type {
  AggregateContext,
  HookCalls,
  HookName,
  Plugin,
  PluginHooks,
  ResolveVersionContext,
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
  /** The `first` hook with the plugin that answered, for error messages. */
  first(
    name: 'resolveTemplateVersion',
    ctx: ResolveVersionContext,
  ): { value: string; plugin: string } | undefined
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

/** The hook chains of an engine, in plugin order. */
export function createHookRunner(plugins: readonly Plugin[]): HookRunner {
  const resolve = handlers(plugins, 'resolveTemplateVersion')
  const validate = handlers(plugins, 'validateSubmission')
  const before = handlers(plugins, 'beforeTransition')
  const aggregate = handlers(plugins, 'aggregate')

  function first(
    _name: 'resolveTemplateVersion',
    ctx: ResolveVersionContext,
  ): { value: string; plugin: string } | undefined {
    for (const { plugin, fn } of resolve) {
      let value: unknown
      try {
        value = fn(ctx)
      } catch (e) {
        throw failed('resolveTemplateVersion', plugin, e)
      }
      if (value === undefined || value === null) continue
      if (typeof value !== 'string') {
        throw failed(
          'resolveTemplateVersion',
          plugin,
          new Error(`returned ${typeof value}, expected a version string`),
        )
      }
      return { value, plugin }
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

  const runners: { [K in HookName]: (...args: HookCalls[K]['args']) => HookCalls[K]['result'] } = {
    resolveTemplateVersion: (ctx) => first('resolveTemplateVersion', ctx)?.value,
    validateSubmission,
    beforeTransition,
    aggregate: runAggregate,
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
