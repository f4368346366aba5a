/**
 * Values core's period and cross-template functions read (PREV_PERIOD, SAME_PERIOD_LAST_YEAR,
 * YEAR_TO_DATE, CHILD_VALUE, `'CODE'!section!row.col`), fed from stored accepted revisions.
 * Core asks synchronously while it evaluates, so everything a template can ask for is loaded first:
 * the template's formulas are scanned once for what they read, and one query fetches the latest
 * accepted revision of each (unit, template, period) needed. A referenced revision is evaluated
 * only when one of its cells is asked for, with its own external values when its formulas read
 * other reports (up to MAX_DEPTH reports deep; deeper reads are #N/A).
 *
 * A report that does not exist or is not accepted yet reads as an empty cell (null), as Excel reads
 * an empty cell; a cell the other template does not have is #REF!.
 */
import type { EntityManager } from '@mikro-orm/postgresql'
import {
  createWorkbook,
  externalPeriods,
  externalValuesOf,
  parseFormula,
  reportKey,
  type Ast,
  type CellKey,
  type CellRef,
  type Engine,
  type ExternalKind,
  type ExternalReportsData,
  type ExternalValues,
  type ResolvedTemplate,
  type SubmissionDocument,
  type Value,
} from '../../core/index.js'
import { query } from '../db/sql.js'
import { resolvedOf } from './templates.js'

const CALLS: Readonly<Record<string, { kind: ExternalKind; refArg: number }>> = {
  PREV_PERIOD: { kind: 'prev-period', refArg: 0 },
  SAME_PERIOD_LAST_YEAR: { kind: 'same-period-last-year', refArg: 0 },
  YEAR_TO_DATE: { kind: 'year-to-date', refArg: 0 },
  CHILD_VALUE: { kind: 'child-unit', refArg: 1 },
}

/** Template codes each kind of external read asks for. */
export type ExternalNeeds = ReadonlyMap<ExternalKind, ReadonlySet<string>>

function walk(ast: Ast, code: string, out: Map<ExternalKind, Set<string>>): void {
  const add = (kind: ExternalKind, ref: CellRef) => {
    let set = out.get(kind)
    if (set === undefined) out.set(kind, (set = new Set()))
    set.add(ref.template ?? code)
  }
  switch (ast.type) {
    case 'ref':
      if (ast.ref.template !== undefined) add('other-template', ast.ref)
      return
    case 'call': {
      const ext = CALLS[ast.name]
      ast.args.forEach((arg, i) => {
        if (ext !== undefined && i === ext.refArg && arg.type === 'ref') add(ext.kind, arg.ref)
        else walk(arg, code, out)
      })
      return
    }
    case 'unary':
      return walk(ast.arg, code, out)
    case 'binary':
      walk(ast.left, code, out)
      return walk(ast.right, code, out)
    default:
      return
  }
}

const scanned = new WeakMap<ResolvedTemplate, ExternalNeeds>()

/** What a template's formulas and constraints read from outside the report (cached per template). */
export function externalNeeds(template: ResolvedTemplate): ExternalNeeds {
  let needs = scanned.get(template)
  if (needs !== undefined) return needs
  const out = new Map<ExternalKind, Set<string>>()
  const formulas: string[] = []
  for (const s of template.sections) {
    if (s.kind !== 'grid') continue
    for (const c of s.cells) if (c.formula !== undefined) formulas.push(c.formula)
  }
  for (const c of template.constraints) {
    formulas.push(c.check, ...Object.values(c.operands))
    if (c.when !== undefined) formulas.push(c.when)
  }
  for (const f of formulas) {
    // Cheap pre-filter: most formulas read nothing from outside.
    if (!/[A-Z_]\(|'/.test(f)) continue
    const parsed = parseFormula(f)
    if (parsed.ok) walk(parsed.ast, template.code, out)
  }
  needs = out
  scanned.set(template, needs)
  return needs
}

function collectReads(ast: Ast, code: string, section: string, out: Map<string, Set<CellKey>>) {
  const add = (ref: CellRef) => {
    const t = ref.template ?? code
    let set = out.get(t)
    if (set === undefined) out.set(t, (set = new Set()))
    set.add(`${ref.section ?? section}!${ref.row}.${ref.col}`)
  }
  switch (ast.type) {
    case 'ref':
      if (ast.ref.template !== undefined) add(ast.ref)
      return
    case 'call': {
      const ext = CALLS[ast.name]
      ast.args.forEach((arg, i) => {
        if (ext !== undefined && i === ext.refArg && arg.type === 'ref') add(arg.ref)
        else collectReads(arg, code, section, out)
      })
      return
    }
    case 'unary':
      return collectReads(ast.arg, code, section, out)
    case 'binary':
      collectReads(ast.left, code, section, out)
      return collectReads(ast.right, code, section, out)
    default:
      return
  }
}

const readsCache = new WeakMap<ResolvedTemplate, (code: string, key: CellKey) => boolean>()

/**
 * Whether a template's formulas read cell `key` of template `code` from another report. A row
 * added to a list (`<dynamic row>_<n>`) reads what its dynamic row reads, so the rows of the other
 * report that extend a read row count too. This bounds what the browser is sent to what it needs.
 */
export function readsCell(template: ResolvedTemplate): (code: string, key: CellKey) => boolean {
  let reads = readsCache.get(template)
  if (reads !== undefined) return reads
  const out = new Map<string, Set<CellKey>>()
  const scan = (f: string, section: string) => {
    if (!/[A-Z_]\(|'/.test(f)) return
    const parsed = parseFormula(f)
    if (parsed.ok) collectReads(parsed.ast, template.code, section, out)
  }
  for (const s of template.sections) {
    if (s.kind !== 'grid') continue
    for (const c of s.cells) if (c.formula !== undefined) scan(c.formula, s.id)
  }
  for (const c of template.constraints) {
    scan(c.check, c.place.section)
    if (c.when !== undefined) scan(c.when, c.place.section)
    for (const o of Object.values(c.operands)) scan(o, c.place.section)
  }
  // section!col -> rows read, for the `<row>_` prefix test.
  const rowsOf = new Map<string, Map<string, string[]>>()
  for (const [code, keys] of out) {
    const byCol = new Map<string, string[]>()
    for (const k of keys) {
      const m = /^(.*)!(.*)\.([^.]*)$/.exec(k)
      if (m === null) continue
      const sc = `${m[1]}!${m[3]}`
      byCol.set(sc, [...(byCol.get(sc) ?? []), m[2]!])
    }
    rowsOf.set(code, byCol)
  }
  reads = (code, key) => {
    if (out.get(code)?.has(key) === true) return true
    const m = /^(.*)!(.*)\.([^.]*)$/.exec(key)
    const rows = m === null ? undefined : rowsOf.get(code)?.get(`${m[1]}!${m[3]}`)
    return rows?.some((r) => m![2]!.startsWith(`${r}_`)) ?? false
  }
  readsCache.set(template, reads)
  return reads
}

/** The external values of one report. */
export interface ExternalSource {
  values: ExternalValues
  /** The referenced reports' cells the template reads, as JSON (what the browser's workbook needs). */
  data(): ExternalReportsData
}

interface Found {
  unitId: number
  unitPath: string
  unitCode: string
  templateCode: string
  period: string
  revisionId: number
  versionId: number
  document: SubmissionDocument
}

// Accepted revisions never change (a correction is a new revision), so their evaluated cells are
// kept per engine (a plugin install builds a new engine, whose functions may differ).
const evaluated = new WeakMap<Engine, Map<number, Map<CellKey, Value>>>()

/** A chain PREV_PERIOD(PREV_PERIOD(…)) through formula cells stops after this many reports. */
const MAX_DEPTH = 3

export interface ReportKey {
  tenantId: number
  unit: { id: number; code: string; path: string }
  period: string
}

/**
 * Loads what the template's external reads need for one report (of `report.unit` for `report.period`)
 * and returns a synchronous source for core; undefined when the template reads nothing from outside.
 *
 * @example
 * const ext = await loadExternalValues(em, engine, template, { tenantId, unit, period: '2026-Q3' })
 * createWorkbook(template, { values, functions: engine.functions, external: ext?.values })
 */
export async function loadExternalValues(
  em: EntityManager,
  engine: Engine,
  template: ResolvedTemplate,
  report: ReportKey,
  /** How many reports deep a referenced formula cell may itself read other reports. */
  depth = MAX_DEPTH,
): Promise<ExternalSource | undefined> {
  const needs = externalNeeds(template)
  if (needs.size === 0) return undefined
  const { period, unit } = report
  const periods = externalPeriods(period)
  const [prev, lastYear] = [periods.previous, periods.lastYear]
  const earlier = periods.earlier instanceof Error ? [] : periods.earlier
  const wanted: { c: string; p: string; children: boolean }[] = []
  const want = (kind: ExternalKind, periods: (string | Error)[], children = false) => {
    for (const code of needs.get(kind) ?? []) {
      for (const p of periods) if (typeof p === 'string') wanted.push({ c: code, p, children })
    }
  }
  want('prev-period', [prev])
  want('same-period-last-year', [lastYear])
  want('year-to-date', earlier)
  // YEAR_TO_DATE of another template adds that template's report of this very period.
  for (const code of needs.get('year-to-date') ?? [])
    if (code !== template.code) wanted.push({ c: code, p: period, children: false })
  want('other-template', [period])
  want('child-unit', [period], true)

  const found =
    wanted.length === 0
      ? []
      : await query<Found>(
          em,
          `with wanted as (
             select distinct x->>'c' as code, x->>'p' as period, (x->>'children')::boolean as children
               from json_array_elements(?::json) x)
           select distinct on (i.unit_id, t.code, i.period)
                  u.id as "unitId", u.path as "unitPath", u.code as "unitCode", t.code as "templateCode", i.period, r.id as "revisionId",
                  v.id as "versionId", r.document
             from report_instance i
             join wanted w on w.period = i.period
             join assignment a on a.id = i.assignment_id
             join template_version v on v.id = coalesce(i.template_version_id, a.template_version_id)
             join template t on t.id = v.template_id and t.code = w.code
             join org_unit u on u.id = i.unit_id
             join report_revision r on r.tenant_id = i.tenant_id and r.instance_id = i.id and r.status = 'accepted'
            where i.tenant_id = ?
              and ((not w.children and i.unit_id = ?) or (w.children and u.path like ? and u.id <> ?))
            order by i.unit_id, t.code, i.period, r.revision_no desc`,
          [JSON.stringify(wanted), report.tenantId, unit.id, `${unit.path}%`, unit.id],
        )
  const versionIds = [...new Set(found.map((f) => f.versionId))]
  const versions = new Map<number, ResolvedTemplate>()
  if (versionIds.length > 0) {
    const rows = await query<{
      id: number
      lockVersion: number
      definition: ResolvedTemplate['definition']
    }>(
      em,
      `select id, lock_version as "lockVersion", definition from template_version
        where id in (select value::int from json_array_elements_text(?::json))`,
      [JSON.stringify(versionIds)],
    )
    for (const v of rows)
      versions.set(v.id, resolvedOf(v as Parameters<typeof resolvedOf>[0], engine))
  }
  const children = needs.has('child-unit')
    ? new Set(
        (
          await query<{ code: string }>(
            em,
            'select code from org_unit where root_id = ? and path like ? and id <> ?',
            [report.tenantId, `${unit.path}%`, unit.id],
          )
        ).map((r) => r.code),
      )
    : new Set<string>()
  // A referenced report whose own formulas read other reports gets its external values too (a
  // few levels deep); its evaluation then depends on other reports and is not cached.
  const nested = new Map<number, ExternalSource | undefined>()
  for (const f of found) {
    const t = versions.get(f.versionId)!
    if (externalNeeds(t).size === 0 || depth <= 1) continue
    nested.set(
      f.revisionId,
      await loadExternalValues(
        em,
        engine,
        t,
        {
          tenantId: report.tenantId,
          unit: { id: f.unitId, code: f.unitCode, path: f.unitPath },
          period: f.period,
        },
        depth - 1,
      ),
    )
  }
  const byReport = new Map(found.map((f) => [reportKey(f.unitCode, f.templateCode, f.period), f]))
  let cache = evaluated.get(engine)
  if (cache === undefined) evaluated.set(engine, (cache = new Map()))
  const cells = (f: Found): Map<CellKey, Value> => {
    const t = versions.get(f.versionId)!
    const reads = externalNeeds(t).size > 0
    let snapshot = reads ? undefined : cache.get(f.revisionId)
    if (snapshot === undefined) {
      const ext = nested.get(f.revisionId)
      snapshot = createWorkbook(t, {
        values: f.document.values,
        functions: engine.functions,
        ...(f.document.dynamicRows === undefined ? {} : { dynamicRows: f.document.dynamicRows }),
        ...(ext === undefined ? {} : { external: ext.values }),
      }).snapshot()
      if (!reads) {
        if (cache.size > 2000) cache.clear()
        cache.set(f.revisionId, snapshot)
      }
    }
    return snapshot
  }
  const lookup = {
    template: template.code,
    unit: unit.code,
    period,
    isChild: (code: string) => children.has(code),
    report(unitCode: string, code: string, p: string) {
      const f = byReport.get(reportKey(unitCode, code, p))
      if (f === undefined) return undefined
      const snapshot = cells(f)
      return { version: f.document.template.version, get: (key: CellKey) => snapshot.get(key) }
    },
  }
  return {
    values: externalValuesOf(lookup),
    data() {
      const wanted = readsCell(template)
      const reports: ExternalReportsData['reports'] = {}
      for (const [k, f] of byReport) {
        const out: Record<CellKey, Value> = {}
        for (const [key, v] of cells(f)) if (wanted(f.templateCode, key)) out[key] = v
        reports[k] = { version: f.document.template.version, cells: out }
      }
      return { template: template.code, unit: unit.code, period, children: [...children], reports }
    },
  }
}
