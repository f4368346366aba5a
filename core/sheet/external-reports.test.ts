import { describe, expect, it } from 'vitest'
import {
  externalPeriods,
  externalValuesFromData,
  externalValuesOf,
  reportKey,
  type ExternalReportsData,
} from './external-reports.js'
import { buildTemplate } from './test-template.js'
import { createWorkbook } from './workbook.js'

/** c1 typed; c2 previous period, c3 year-to-date, c4 a child unit's c1, c5 another template's cell. */
function periodTemplate() {
  return buildTemplate({
    code: 'T/1',
    sections: [
      {
        columns: [
          { id: 'c1' },
          { id: 'c2', formula: 'PREV_PERIOD(@.c1)' },
          { id: 'c3', formula: 'YEAR_TO_DATE(@.c1)' },
          { id: 'c4', formula: 'CHILD_VALUE("KP1", @.c1)' },
          { id: 'c5', formula: "'T/2'!main!r1.k1 + YEAR_TO_DATE('T/2'!main!r1.k1)" },
        ],
        rows: ['r1', 'r2'],
      },
    ],
    constraints: [
      {
        id: 'ytd',
        check: 'r1.c3<=100',
        operands: { total: 'r1.c3' },
        message: 'Lũy kế {total} vượt 100',
        place: { section: 'main', row: 'r1', col: 'c3' },
      },
    ],
  })
}

const data: ExternalReportsData = {
  template: 'T/1',
  unit: 'CL',
  period: '2026-Q3',
  children: ['KP1'],
  reports: {
    [reportKey('CL', 'T/1', '2026-Q1')]: {
      version: '1.0',
      cells: { 'main!r1.c1': 10, 'main!r2.c1': null },
    },
    [reportKey('CL', 'T/1', '2026-Q2')]: { version: '1.0', cells: { 'main!r1.c1': 20 } },
    [reportKey('KP1', 'T/1', '2026-Q3')]: { version: '1.0', cells: { 'main!r1.c1': 7 } },
    [reportKey('CL', 'T/2', '2026-Q1')]: { version: '2.0', cells: { 'main!r1.k1': 1 } },
    [reportKey('CL', 'T/2', '2026-Q3')]: { version: '2.0', cells: { 'main!r1.k1': 4 } },
  },
}

describe('external reports', () => {
  it('names the periods a report reads, and none for an ad-hoc report', () => {
    expect(externalPeriods('2026-Q3')).toEqual({
      previous: '2026-Q2',
      lastYear: '2025-Q3',
      earlier: ['2026-Q1', '2026-Q2'],
    })
    expect(externalPeriods('none').previous).toBeInstanceOf(Error)
  })

  it('feeds period functions from the data, adding the current value to YEAR_TO_DATE', () => {
    const book = createWorkbook(periodTemplate(), {
      values: { main: { r1: { c1: 48 } } },
      external: externalValuesFromData(data),
    })
    expect(book.get('main!r1.c2')).toBe(20)
    expect(book.get('main!r1.c3')).toBe(78) // 10 + 20 + 48
    expect(book.get('main!r1.c4')).toBe(7)
    // Another template: this period's 4, plus its year to date 1 + 4.
    expect(book.get('main!r1.c5')).toBe(9)
    // r2 was empty in Q1 and is not a cell the Q2 report was sent with: #REF!, naming the version.
    expect(book.get('main!r2.c2')).toMatchObject({
      error: '#REF!',
      detail: 'main!r2.c1 is not a cell of T/1 1.0',
    })
    expect(book.get('main!r2.c4')).toMatchObject({ error: '#REF!' })
  })

  it('recomputes YEAR_TO_DATE and its constraint when the cell is edited', () => {
    const book = createWorkbook(periodTemplate(), { external: externalValuesFromData(data) })
    expect(book.get('main!r1.c3')).toBe(30)
    expect(book.diagnostics()).toEqual([])
    expect(book.set('main!r1.c1', 80)).toContain('main!r1.c3')
    expect(book.get('main!r1.c3')).toBe(110)
    expect(book.diagnostics().map((d) => d.message)).toEqual(['Lũy kế 110 vượt 100'])
    // The same figure as a workbook built from scratch (what the server computes).
    const fresh = createWorkbook(periodTemplate(), {
      values: { main: { r1: { c1: 80 } } },
      external: externalValuesFromData(data),
    })
    expect(fresh.snapshot()).toEqual(book.snapshot())
  })

  it('reads an absent report as empty and refuses a unit that is not below', () => {
    const external = externalValuesOf({
      template: 'T/1',
      unit: 'CL',
      period: '2026-Q1',
      isChild: () => false,
      report: () => undefined,
    })
    const book = createWorkbook(periodTemplate(), {
      values: { main: { r1: { c1: 5 } } },
      external,
    })
    expect(book.get('main!r1.c2')).toBeNull()
    expect(book.get('main!r1.c3')).toBe(5) // the first quarter: nothing earlier
    expect(book.get('main!r1.c4')).toMatchObject({ detail: 'unit "KP1" is not below CL' })
  })

  it('gives #N/A for period functions of an ad-hoc report', () => {
    const book = createWorkbook(periodTemplate(), {
      values: { main: { r1: { c1: 5 } } },
      external: externalValuesFromData({ ...data, period: 'none', reports: {} }),
    })
    expect(book.get('main!r1.c2')).toMatchObject({ error: '#N/A' })
    expect(book.get('main!r1.c3')).toMatchObject({ error: '#N/A' })
  })
})
