/**
 * The plugin contract (DESIGN.md §4): data over code, values in and values out.
 */
import type {
  CatalogDefinition,
  IsoDate,
  Severity,
  SubmissionDocument,
  TemplateDefinition,
} from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import type { FormulaFunction, Value } from '../formula/types.js'
import type { CellKey, ResolvedTemplate } from '../template/types.js'
import type { FireInput, WorkflowAction, WorkflowInstance } from '../workflow/types.js'

/** What a rule, the validateSubmission hook and an exporter see of one submission. */
export interface RuleContext {
  template: ResolvedTemplate
  submission: SubmissionDocument
  /** Current value of any cell (inputs and formulas), when the caller has evaluated the workbook. */
  value?: (key: CellKey) => Value
  period?: string
  unit?: string
}

/** A plugin rule, checked against a submission; returns its findings as data. */
export interface RuleDefinition {
  /** `<plugin>/<rule>`, both kebab-case. */
  id: string
  /** Default severity of the rule's diagnostics (shown in the designer's rule list). */
  severity: Severity
  description: string
  /** Template codes the rule applies to; absent = every template. */
  templates?: readonly string[]
  check(ctx: RuleContext): Diagnostic[]
}

export type Rule = Readonly<RuleDefinition>

/** What an exporter turns into a file. */
export interface ExportInput extends RuleContext {
  diagnostics?: readonly Diagnostic[]
}

/** Renders a report to a file format; pure (bytes or text out, no IO). */
export interface Exporter {
  /** kebab-case, optionally `<plugin>/<name>`; unique in an engine. */
  id: string
  label?: string
  mediaType: string
  /** File name extension without the dot, e.g. `xlsx`. */
  extension?: string
  /** Template codes the exporter serves; absent = every template. */
  templates?: readonly string[]
  render(input: ExportInput): string | Uint8Array
}

/** A template version as `resolveTemplateVersion` sees it. */
export interface TemplateVersionInfo {
  version: string
  status: TemplateDefinition['status']
  effectiveFrom?: IsoDate
}

export interface ResolveVersionContext {
  code: string
  /** Every loaded version of the code, oldest first. */
  versions: readonly TemplateVersionInfo[]
  period?: string
  /** The date the report is about (or made on), when known. */
  on?: IsoDate
  unit?: string
}

export interface TransitionContext {
  instance: WorkflowInstance
  action: WorkflowAction
  input: FireInput
  template?: ResolvedTemplate
  submission?: SubmissionDocument
  period?: string
}

/** A reason to refuse a workflow transition. */
export interface Veto {
  veto: string
}

export interface AggregateContext {
  template: ResolvedTemplate
  /** The accepted submissions being consolidated. */
  submissions: readonly SubmissionDocument[]
  period?: string
  /** The consolidating unit. */
  unit?: string
}

/**
 * Input of the prefill hook. The runtime's connector (HTTP or file, configured per installed plugin)
 * has already fetched `source.data`: hooks are synchronous and do no IO.
 */
export interface PrefillContext {
  template: ResolvedTemplate
  /** Code of the reporting unit. */
  unit: string
  period: string
  /** What the plugin's connector returned, unparsed; `fetchedAt` is when the runtime fetched it (ISO 8601). */
  source: { connector: string; data: unknown; fetchedAt?: string }
  /** The draft's current input values, so a plugin can keep what the reporter changed and explained. */
  current?: SubmissionDocument['values']
}

/** Values to merge into a draft (only the cells given are written), with the source they came from. */
export interface PrefillResult {
  values: SubmissionDocument['values']
  /** Rows the figures need added to dynamic lists, by section. */
  dynamicRows?: NonNullable<SubmissionDocument['dynamicRows']>
  /** Name of the source system, the connector id and when the source produced the figures. */
  source: { system: string; connector: string; fetchedAt: string }
}

/** One indicator of a catalogue computed from a report (for dashboards). */
export interface IndicatorValue {
  /** Catalogue id, e.g. `bo-chi-so-766`. */
  catalog: string
  code: string
  name: string
  /** The value (a ratio: 0.85 = 85%); null = not available. */
  value: number | null
  unit?: string
  /** Why the value is what it is, in the plugin's terms (e.g. `ok`, `no-denominator`). */
  status?: string
  target?: number
  maxScore?: number
  score?: number | null
  /** Plugin that computed it (the engine fills it in). */
  source?: string
}

/**
 * Hooks, each with a declared kind (as in Rollup): `first` (the first non-null result wins),
 * `parallel` (all run independently, results merged), `sequential` (in plugin order; each sees
 * the previous result, or may stop the chain). All are synchronous: plugins do no IO.
 */
export interface PluginHooks {
  /** first: which version of a template applies (by period, unit, date); null/undefined = no opinion. */
  resolveTemplateVersion?(ctx: ResolveVersionContext): string | null | undefined
  /** parallel: extra diagnostics of a submission; all plugins' lists are merged. */
  validateSubmission?(ctx: RuleContext): Diagnostic[]
  /** sequential: may veto a workflow transition with a reason; the first veto stops the chain. */
  beforeTransition?(ctx: TransitionContext): Veto | void
  /** sequential reducer: each plugin may adjust the consolidated submission the previous one returned. */
  aggregate?(consolidated: SubmissionDocument, ctx: AggregateContext): SubmissionDocument
  /** first: input values for a draft from the data the plugin's connector fetched; null/undefined = not this plugin's template. */
  prefill?(ctx: PrefillContext): PrefillResult | null | undefined
  /** parallel: indicators computed from one report (e.g. a catalogue's ratios); all plugins' lists are merged. */
  indicators?(ctx: RuleContext): IndicatorValue[]
}

export type HookName = keyof PluginHooks
export type HookKind = 'first' | 'parallel' | 'sequential'

/** What a plugin author writes (DESIGN.md §4). */
export interface PluginDefinition {
  /** kebab-case, unique in an engine. */
  id: string
  /** The plugin's own semver version. */
  version: string
  /** Semver range of the core API the plugin was written against, e.g. `^0.1.0`. */
  coreApi: string
  name?: string
  templates?: readonly TemplateDefinition[]
  catalogs?: readonly CatalogDefinition[]
  functions?: readonly FormulaFunction[]
  rules?: readonly RuleDefinition[]
  hooks?: PluginHooks
  exporters?: readonly Exporter[]
}

/** A checked plugin: a deep-frozen copy of its definition (the caller's objects are left alone). */
export type Plugin = Readonly<
  Omit<
    PluginDefinition,
    'templates' | 'catalogs' | 'functions' | 'rules' | 'hooks' | 'exporters'
  > & {
    templates: readonly Readonly<TemplateDefinition>[]
    catalogs: readonly Readonly<CatalogDefinition>[]
    functions: readonly Readonly<FormulaFunction>[]
    rules: readonly Rule[]
    hooks: Readonly<PluginHooks>
    exporters: readonly Readonly<Exporter>[]
  }
>

/** Result of the beforeTransition chain. */
export type TransitionVerdict = { ok: true } | { ok: false; plugin: string; reason: string }

/** Arguments and result of each hook as the engine runs it. */
export interface HookCalls {
  resolveTemplateVersion: { args: [ctx: ResolveVersionContext]; result: string | undefined }
  validateSubmission: { args: [ctx: RuleContext]; result: Diagnostic[] }
  beforeTransition: { args: [ctx: TransitionContext]; result: TransitionVerdict }
  aggregate: {
    args: [initial: SubmissionDocument, ctx: AggregateContext]
    result: SubmissionDocument
  }
  prefill: { args: [ctx: PrefillContext]; result: PrefillResult | undefined }
  indicators: { args: [ctx: RuleContext]; result: IndicatorValue[] }
}

/** Hooks of kind `first`, whose answer can be asked for together with the plugin that gave it. */
export type FirstHookName = 'resolveTemplateVersion' | 'prefill'

/** A loaded template and the plugin that shipped it. */
export interface TemplateEntry {
  code: string
  version: string
  status: TemplateDefinition['status']
  effectiveFrom?: IsoDate
  plugin: string
  template: ResolvedTemplate
}

/** A validated catalogue and the plugin that shipped it. */
export interface CatalogEntry {
  id: string
  version: string
  plugin: string
  catalog: Readonly<CatalogDefinition>
}
