/**
 * Rules on the system columns of II.06a: figures that came from an external system carry their
 * source, fetch time and original values, and a reporter who changes such a figure must explain why.
 */
import {
  formatMessageValue,
  type Diagnostic,
  type SubmissionDocument,
} from '../../../core/index.js'

export const PROVENANCE_RULE = 'kstthc/provenance'
export const OVERRIDE_RULE = 'kstthc/override-explanation'

/** System columns of II.06a (see templates/ii-06a-*.json). */
export const SYSTEM_COLUMNS = {
  source: 'nguon',
  fetchedAt: 'thoi_diem',
  original: 'goc',
  explanation: 'giai_trinh',
} as const

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

type Cells = Readonly<Record<string, unknown>>

/** A figure as the Vietnamese message reads it (5,4; 1.234; trống), like core's constraint messages. */
function showFigure(v: unknown): string {
  return v === null || ['number', 'string', 'boolean'].includes(typeof v)
    ? formatMessageValue(v as number | string | boolean | null)
    : String(v)
}

function filled(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== ''
}

/**
 * The figures as fetched, read from the system column `goc`; undefined when unreadable.
 *
 * @example
 * parseOriginal('{"c4":9,"c5":48}') // { c4: 9, c5: 48 }
 */
export function parseOriginal(text: string): Record<string, number | null> | undefined {
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined
    const entries = Object.entries(parsed)
    if (!entries.every(([, v]) => v === null || typeof v === 'number')) return undefined
    return Object.fromEntries(entries) as Record<string, number | null>
  } catch {
    return undefined
  }
}

interface FetchedRow {
  row: string
  cells: Cells
  /** Figures as fetched; undefined when the row has no readable originals. */
  figures: Record<string, number | null> | undefined
}

function rowsOf(values: SubmissionDocument['values'], section: string): FetchedRow[] {
  return Object.entries(values[section] ?? {}).map(([row, cells]) => {
    const original = cells[SYSTEM_COLUMNS.original]
    return { row, cells, figures: filled(original) ? parseOriginal(original) : undefined }
  })
}

/**
 * Rows whose system columns are incomplete: originals without a source or an ISO 8601 fetch time,
 * unreadable originals, or a source without originals.
 *
 * @example
 * provenanceProblems({ main: { r1: { nguon: 'Một cửa' } } }) // one error at main!r1.goc
 */
export function provenanceProblems(
  values: SubmissionDocument['values'],
  section = 'main',
): Diagnostic[] {
  const out: Diagnostic[] = []
  const problem = (row: string, col: string, message: string): void => {
    out.push({
      ruleId: PROVENANCE_RULE,
      severity: 'error',
      message,
      place: { section, row, col },
      source: 'kstthc',
    })
  }
  const { source, fetchedAt, original } = SYSTEM_COLUMNS
  for (const { row, cells, figures } of rowsOf(values, section)) {
    if (!filled(cells[original])) {
      if (filled(cells[source]) || filled(cells[fetchedAt])) {
        problem(row, original, 'Có nguồn số liệu nhưng thiếu số liệu gốc lấy từ hệ thống')
      }
      continue
    }
    if (figures === undefined) {
      problem(
        row,
        original,
        `Số liệu gốc không đọc được (cần JSON {"cột": số}): ${String(cells[original])}`,
      )
      continue
    }
    if (!filled(cells[source]))
      problem(row, source, 'Thiếu nguồn số liệu cho số liệu lấy từ hệ thống')
    const at = cells[fetchedAt]
    if (!filled(at) || !ISO_DATE_TIME.test(at)) {
      problem(
        row,
        fetchedAt,
        `Thời điểm lấy số liệu phải theo ISO 8601 (ví dụ 2025-09-15T07:30:00+07:00): ${String(at ?? '')}`,
      )
    }
  }
  return out
}

/**
 * Figures that differ from the fetched originals in rows without an explanation: one error per
 * changed cell, with both values.
 *
 * @example
 * unexplainedOverrides({ main: { r1: { c4: 5, goc: '{"c4":4}', nguon: 'Một cửa', thoi_diem: '2025-09-15T07:30:00Z' } } }) // one error at main!r1.c4
 */
export function unexplainedOverrides(
  values: SubmissionDocument['values'],
  section = 'main',
): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const { row, cells, figures } of rowsOf(values, section)) {
    if (figures === undefined || filled(cells[SYSTEM_COLUMNS.explanation])) continue
    for (const [col, was] of Object.entries(figures)) {
      const now = cells[col] ?? null
      if (now === was) continue
      out.push({
        ruleId: OVERRIDE_RULE,
        severity: 'error',
        message:
          `Số liệu đã điều chỉnh so với số liệu lấy từ ${String(cells[SYSTEM_COLUMNS.source] ?? 'hệ thống')}: ` +
          `${showFigure(was)} → ${showFigure(now)}. Ghi lý do tại cột “Giải trình điều chỉnh”.`,
        place: { section, row, col },
        source: 'kstthc',
        values: { original: was, current: now },
      })
    }
  }
  return out
}
