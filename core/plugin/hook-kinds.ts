import type { HookKind, HookName } from './types.js'

/**
 * The declared kind of each hook (Rollup's model): `first` = the first plugin with an answer wins,
 * `parallel` = every plugin runs on the same input and the results are merged, `sequential` = in
 * plugin order, each seeing the previous result (or stopping the chain with a veto).
 *
 * @example
 * HOOK_KINDS.beforeTransition // 'sequential'
 */
export const HOOK_KINDS: Readonly<Record<HookName, HookKind>> = Object.freeze({
  resolveTemplateVersion: 'first',
  validateSubmission: 'parallel',
  beforeTransition: 'sequential',
  aggregate: 'sequential',
  prefill: 'first',
  indicators: 'parallel',
})
