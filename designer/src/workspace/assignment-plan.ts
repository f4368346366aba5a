import {
  AD_HOC_PERIOD,
  comparePeriods,
  listPeriods,
  nextPeriod,
  type TemplateDefinition,
} from '../../../core/index.js'
import type { AssignmentSchedule, UnitRow } from '../api/assignment-types.js'

type PeriodType = TemplateDefinition['periodType']

/**
 * The periods of a type in a calendar year, in order (the year period id is `YYYY-Y`).
 *
 * @example
 * periodsOfYear('quarter', 2026) // ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']
 */
export function periodsOfYear(type: PeriodType, year: number): string[] {
  return type === 'none' ? [AD_HOC_PERIOD] : listPeriods(type, `${year}-Y`, `${year}-Y`)
}

export interface PlanOptions {
  /** The last run has no end: the reports of every later period open as their windows start. */
  ongoing?: boolean
  /** Deadline per period id (YYYY-MM-DD); empty values are left to the template's rule. */
  deadlines?: Readonly<Record<string, string>>
  daysAfterDeadline?: number | undefined
}

/**
 * The schedules that assign exactly the chosen periods: the API takes one `fromPeriod..toPeriod`
 * range per assignment, so each run of consecutive periods becomes one assignment.
 *
 * @example
 * planSchedules('quarter', ['2026-Q4', '2026-Q1', '2026-Q2'])
 * // [{ fromPeriod: '2026-Q1', toPeriod: '2026-Q2' }, { fromPeriod: '2026-Q4', toPeriod: '2026-Q4' }]
 */
export function planSchedules(
  type: PeriodType,
  periods: readonly string[],
  opts: PlanOptions = {},
): AssignmentSchedule[] {
  const window =
    opts.daysAfterDeadline === undefined
      ? {}
      : { receivingWindow: { daysAfterDeadline: opts.daysAfterDeadline } }
  if (type === 'none') return [{ fromPeriod: AD_HOC_PERIOD, ...window }]
  const sorted = [...new Set(periods)].sort(comparePeriods)
  const runs: string[][] = []
  for (const p of sorted) {
    const run = runs.at(-1)
    if (run !== undefined && nextPeriod(run.at(-1)!) === p) run.push(p)
    else runs.push([p])
  }
  return runs.map((run, i) => {
    const deadlines = Object.fromEntries(
      run.flatMap((p) => {
        const d = opts.deadlines?.[p]
        return d === undefined || d === '' ? [] : [[p, d] as const]
      }),
    )
    const open = opts.ongoing === true && i === runs.length - 1
    return {
      fromPeriod: run[0]!,
      ...(open ? {} : { toPeriod: run.at(-1)! }),
      ...(Object.keys(deadlines).length === 0 ? {} : { deadlines }),
      ...window,
    }
  })
}

/** A unit of the org tree with the units directly below it. */
export interface UnitNode {
  unit: UnitRow
  children: UnitNode[]
}

/**
 * The units below `rootId` as a tree (the unit itself is not in it: assignments go down the tree).
 * `units` is GET /org-units, parents first.
 */
export function unitTree(units: readonly UnitRow[], rootId: number): UnitNode[] {
  const nodes = new Map(units.map((u) => [u.id, { unit: u, children: [] as UnitNode[] }]))
  for (const n of nodes.values()) {
    if (n.unit.parentId !== null) nodes.get(n.unit.parentId)?.children.push(n)
  }
  return nodes.get(rootId)?.children ?? []
}

/** Every unit id in the given subtrees. */
export function unitIdsOf(nodes: readonly UnitNode[]): number[] {
  return nodes.flatMap((n) => [n.unit.id, ...unitIdsOf(n.children)])
}
