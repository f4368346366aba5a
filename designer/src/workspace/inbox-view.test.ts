import { describe, expect, it } from 'vitest'
import type { InstanceSummary } from '../api/types.js'
import { inboxView, isOverdue, pageOf } from './inbox-view.js'

const item = (id: number, over: Partial<InstanceSummary>): InstanceSummary => ({
  id,
  assignmentId: 1,
  period: '2025-Q3',
  status: 'draft',
  deadline: null,
  currentRevision: 1,
  unitId: id,
  unitCode: `u${id}`,
  unitName: `Đơn vị ${id}`,
  templateCode: 'II.06a/VPCP/KSTT',
  templateVersion: '1.0',
  ...over,
})

describe('inbox view', () => {
  const items = [
    item(1, { unitName: 'Sở Tư pháp', deadline: '2025-09-18' }),
    item(2, { unitName: 'Huyện Cao Lãnh', deadline: '2025-09-16', status: 'sent' }),
    item(3, { unitName: 'Thành phố Sa Đéc', deadline: null }),
  ]

  it('filters without accents and sorts by a column, missing deadlines last', () => {
    expect(
      inboxView(items, 'cao lanh', { column: 'deadline', descending: false }).map((i) => i.id),
    ).toEqual([2])
    expect(
      inboxView(items, '', { column: 'deadline', descending: false }).map((i) => i.id),
    ).toEqual([2, 1, 3])
    expect(inboxView(items, '', { column: 'deadline', descending: true }).map((i) => i.id)).toEqual(
      [1, 2, 3],
    )
    expect(
      inboxView(items, '', { column: 'unitName', descending: false }).map((i) => i.id),
    ).toEqual([2, 1, 3])
  })

  it('also finds a row by the words it shows (period and state as read on screen)', () => {
    const shown = (i: InstanceSummary) =>
      i.status === 'sent' ? 'Quý III năm 2025 Đã gửi' : 'Quý III năm 2025 Đang nhập'
    const sort = { column: 'deadline', descending: false } as const
    expect(inboxView(items, 'quy iii', sort, shown).map((i) => i.id)).toEqual([2, 1, 3])
    expect(inboxView(items, 'đã gửi', sort, shown).map((i) => i.id)).toEqual([2])
    expect(inboxView(items, 'đã gửi', sort).map((i) => i.id)).toEqual([])
  })

  it('marks reports overdue only until they are sent', () => {
    expect(isOverdue(items[0]!, '2025-09-19')).toBe(true)
    expect(isOverdue(items[0]!, '2025-09-18')).toBe(false)
    expect(isOverdue(items[1]!, '2025-10-01')).toBe(false)
  })

  it('pages a long list and keeps the page within it', () => {
    const rows = Array.from({ length: 120 }, (_, i) => i + 1)
    expect(pageOf(rows, 1, 50)).toMatchObject({ page: 1, pages: 3, from: 1, to: 50, total: 120 })
    const last = pageOf(rows, 3, 50)
    expect(last).toMatchObject({ page: 3, from: 101, to: 120 })
    expect(last.items).toHaveLength(20)
    expect(pageOf(rows, 9, 50).page).toBe(3)
    expect(pageOf([], 2, 50)).toMatchObject({
      items: [],
      page: 1,
      pages: 1,
      from: 0,
      to: 0,
      total: 0,
    })
  })
})
