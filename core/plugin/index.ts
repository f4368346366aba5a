/**
 * The plugin contract (DESIGN.md §4): `definePlugin`, `defineRule`, and `createEngine`, which
 * merges a list of plugins into one frozen engine (no global registry). Hooks have declared kinds
 * (first / parallel / sequential) as in Rollup.
 */
export type {
  AggregateContext,
  CatalogEntry,
  ExportInput,
  Exporter,
  FirstHookName,
  HookCalls,
  HookKind,
  HookName,
  IndicatorValue,
  Plugin,
  PluginDefinition,
  PluginHooks,
  PrefillContext,
  PrefillResult,
  ResolveVersionContext,
  Rule,
  RuleContext,
  RuleDefinition,
  TemplateEntry,
  TemplateVersionInfo,
  TransitionContext,
  TransitionVerdict,
  Veto,
} from './types.js'
export { CORE_VERSION } from './core-version.js'
export { definePlugin } from './define-plugin.js'
export { defineRule } from './define-rule.js'
export { HOOK_KINDS } from './hook-kinds.js'
export type { HookRunner } from './hook-runner.js'
export { createHookRunner } from './hook-runner.js'
export type { Engine, EngineOptions, TemplateQuery } from './create-engine.js'
export { createEngine } from './create-engine.js'
export type { SemVer } from './semver.js'
export { compareSemver, parseSemver, parseSemverRange, satisfies } from './semver.js'
export { compareVersionLabels } from './version-label.js'
export { catalogProblems } from './validate-catalog.js'
