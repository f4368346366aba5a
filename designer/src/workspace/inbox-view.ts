import type { InstanceSummary } from '../api/types.js'

export type InboxColumn = 'templateCode' | 'unitName' | 'period' | 'deadline' | 'status'
export interface InboxSort {
  column: InboxColumn
  descending: boolean
}

const DONE = new Set(['sent', 'accepted'])

/** A report is overdue when its deadline (YYYY-MM-DD) has passed and it has not been sent. */
export function isOverdue(i: Pick<InstanceSummary, 'deadline' | 'status'>, today: string): boolean {
  return i.deadline !== null && i.deadline.slice(0, 10) < today && !DONE.has(i.status)
}

/**
 * The inbox as shown: filtered by a text (code, unit, period, state, case- and accent-insensitive,
 * plus the words `shown` gives, i.e. what the row reads on screen: `Quý III năm 2026`, `Đang nhập`)
 * and sorted by a column; missing deadlines sort last.
 */
export function inboxView(
  items: readonly InstanceSummary[],
  filter: string,
  sort: InboxSort,
  shown: (i: InstanceSummary) => string = () => '',
): InstanceSummary[] {
  const needle = fold(filter.trim())
  const kept =
    needle === ''
      ? [...items]
      : items.filter((i) =>
          fold(
            `${i.templateCode} ${i.unitCode} ${i.unitName} ${i.period} ${i.status} ${shown(i)}`,
          ).includes(needle),
        )
  const dir = sort.descending ? -1 : 1
  return kept.sort((a, b) => {
    const x = a[sort.column]
    const y = b[sort.column]
    if (x === y) return a.id - b.id
    if (x === null) return 1
    if (y === null) return -1
    return String(x).localeCompare(String(y), 'vi') * dir
  })
}

/** Lower case without Vietnamese diacritics, so "ha noi" finds "Hà Nội". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase()
}

/** One page of a list, with its place in the whole (1-based, both ends included). */
export interface ListPage<T> {
  items: T[]
  page: number
  pages: number
  from: number
  to: number
  total: number
}

/**
 * The rows of one page, the page number kept within the list (a filter may shrink it).
 *
 * @example
 * pageOf([1, 2, 3], 2, 2) // { items: [3], page: 2, pages: 2, from: 3, to: 3, total: 3 }
 */
export function pageOf<T>(rows: readonly T[], page: number, size: number): ListPage<T> {
  const total = rows.length
  const pages = Math.max(1, Math.ceil(total / size))
  const p = Math.min(Math.max(1, Math.floor(page)), pages)
  const start = (p - 1) * size
  const items = rows.slice(start, start + size)
  return {
    items,
    page: p,
    pages,
    from: total === 0 ? 0 : start + 1,
    to: start + items.length,
    total,
  }
}
