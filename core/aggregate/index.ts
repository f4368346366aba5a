/** Consolidation of many units' submissions into one report (DESIGN.md §3 step 5). */
export { aggregateRule, aggregateSubmissions } from './aggregate.js'
export type { AggregateOptions, AggregateResult } from './aggregate.js'
