import { describe, expect, it } from 'vitest'
import type { SubmissionDocument } from '../../schemas/generated/index.js'
import { buildTemplate } from '../sheet/test-template.js'
import { aggregateRule, aggregateSubmissions } from './aggregate.js'

/** nhan/xong inputs, a ratio column computed per row, a total row and a few aggregation rules. */
const template = buildTemplate({
  code: 'VD-DON-THU',
  sections: [
    {
      columns: [
        { id: 'nhan', type: 'integer' },
        { id: 'xong', type: 'integer' },
        {
          id: 'ty_le',
          type: 'percent',
          formula: 'IF(@.nhan=0,0,@.xong/@.nhan)',
          aggregate: 'none',
        },
        { id: 'tb', type: 'number', aggregate: 'avg', decimals: 1 },
        { id: 'tb_int', type: 'integer', aggregate: 'avg' },
        { id: 'thap', aggregate: 'min' },
        { id: 'cao', aggregate: 'max' },
        { id: 'so_dv', aggregate: 'count', type: 'text' },
        { id: 'ghi_chu', type: 'text', aggregate: 'none' },
      ],
      rows: [
        'r1',
        'r2',
        {
          id: 'tong',
          kind: 'total',
          cells: {
            nhan: { kind: 'formula', formula: 'SUM(r1.nhan:r2.nhan)' },
            xong: { kind: 'formula', formula: 'SUM(r1.xong:r2.xong)' },
          },
        },
      ],
    },
  ],
})

function submission(values: SubmissionDocument['values'], unit = 'X'): SubmissionDocument {
  return { template: { code: 'VD-DON-THU', version: '1.0' }, unit, values }
}

describe('aggregateSubmissions', () => {
  it('sums inputs and recomputes ratios from the summed numerator and denominator', () => {
    const { workbook, count, diagnostics } = aggregateSubmissions(template, [
      submission({ main: { r1: { nhan: 10, xong: 10 }, r2: { nhan: 1, xong: 0 } } }),
      submission({ main: { r1: { nhan: 90, xong: 45 }, r2: { nhan: 3, xong: 3 } } }),
    ])
    expect(count).toBe(2)
    expect(diagnostics).toEqual([])
    expect(workbook.get('main!r1.nhan')).toBe(100)
    expect(workbook.get('main!r1.xong')).toBe(55)
    // (10/10 + 45/90) would be 150%; the consolidated ratio is 55/100.
    expect(workbook.get('main!r1.ty_le')).toBe(0.55)
    expect(workbook.get('main!tong.nhan')).toBe(104)
    expect(workbook.get('main!tong.xong')).toBe(58)
  })

  it('applies avg, min, max, count and none per column, ignoring empty values', () => {
    const { workbook } = aggregateSubmissions(template, [
      submission({
        main: { r1: { tb: 1, tb_int: 1, thap: 5, cao: 5, so_dv: 'có', ghi_chu: 'a' } },
      }),
      submission({ main: { r1: { tb: 2, tb_int: 2, thap: -1, cao: 7, so_dv: '', ghi_chu: 'b' } } }),
      submission({ main: { r1: { tb: null, tb_int: 2, thap: null, cao: 6, so_dv: 'x' } } }),
      submission({ main: { r1: { tb: 2.25 } } }),
    ])
    expect(workbook.get('main!r1.tb')).toBe(1.8) // (1 + 2 + 2.25) / 3 = 1.75, shown with 1 decimal
    expect(workbook.get('main!r1.tb_int')).toBe(2) // 5 / 3 rounded for an integer column
    expect(workbook.get('main!r1.thap')).toBe(-1)
    expect(workbook.get('main!r1.cao')).toBe(7)
    expect(workbook.get('main!r1.so_dv')).toBe(2)
    expect(workbook.get('main!r1.ghi_chu')).toBeNull()
    expect(workbook.get('main!r2.so_dv')).toBe(0)
    expect(workbook.get('main!r2.nhan')).toBeNull()
    expect(workbook.get('main!r2.ty_le')).toBe(0)
  })

  it('adds decimals exactly over many submissions', () => {
    const subs = Array.from({ length: 2000 }, () =>
      submission({ main: { r1: { thap: 0.1, tb: 0.1 }, r2: { cao: 0.7 } } }),
    )
    subs.forEach((s) => {
      s.values['main']!['r1']!['nhan'] = 1
      s.values['main']!['r2']!['tb'] = 0.1
    })
    const { workbook } = aggregateSubmissions(template, subs)
    expect(workbook.get('main!r1.nhan')).toBe(2000)
    expect(workbook.get('main!r1.thap')).toBe(0.1)
    expect(workbook.get('main!r2.tb')).toBe(0.1)
    expect(workbook.get('main!r2.cao')).toBe(0.7)
  })

  it('sums with compensation so that 0.1 x 2,000 is exactly 200', () => {
    const t = buildTemplate({
      sections: [{ columns: [{ id: 'v' }], rows: ['r1'] }],
      code: 'VD-DON-THU',
    })
    const subs = Array.from({ length: 2000 }, () => submission({ main: { r1: { v: 0.1 } } }))
    expect(aggregateSubmissions(t, subs).workbook.get('main!r1.v')).toBe(200)
  })

  it('skips non-numbers for numeric rules and reports cells the template cannot take, once per cell', () => {
    const { workbook, diagnostics } = aggregateSubmissions(template, [
      submission({
        main: { r1: { nhan: 'mười' as unknown as number, ty_le: 0.5, zz: 1 }, r9: { nhan: 1 } },
        other: { r1: { a: 1 } },
      }),
      submission({ main: { r1: { nhan: 4, ty_le: 0.7 } } }),
    ])
    expect(workbook.get('main!r1.nhan')).toBe(4)
    expect(diagnostics.map((d) => d.message)).toEqual([
      'main!r1.ty_le is a formula cell, not an input; its value in 2 submissions is left out',
      'main!r1.zz is not a cell of this template; its value in 1 submission is left out',
      'main!r9.nhan is not a cell of this template; its value in 1 submission is left out',
      'other!r1.a is not a cell of this template; its value in 1 submission is left out',
    ])
    expect(diagnostics[0]).toMatchObject({
      ruleId: 'core/unknown-cell',
      severity: 'warning',
      place: { section: 'main', row: 'r1', col: 'ty_le' },
    })
  })

  it('refuses a submission of another template, naming it', () => {
    const other = { ...submission({}), template: { code: 'II.06a/VPCP/KSTT', version: '1.0' } }
    expect(() => aggregateSubmissions(template, [submission({}), other])).toThrow(
      'submissions[1] is for template II.06a/VPCP/KSTT, not VD-DON-THU',
    )
  })

  it('gives an empty consolidation for no submissions', () => {
    const { workbook, count } = aggregateSubmissions(template, [])
    expect(count).toBe(0)
    expect(workbook.get('main!tong.nhan')).toBe(0)
    expect(workbook.inputValues()).toEqual({
      main: { r1: { so_dv: 0 }, r2: { so_dv: 0 }, tong: { so_dv: 0 } },
    })
  })

  it('returns a live workbook that can still be edited', () => {
    const { workbook } = aggregateSubmissions(template, [
      submission({ main: { r1: { nhan: 4, xong: 1 } } }),
    ])
    expect(workbook.set('main!r1.xong', 2)).toContain('main!r1.ty_le')
    expect(workbook.get('main!r1.ty_le')).toBe(0.5)
  })

  it('defaults a column to sum', () => {
    expect(aggregateRule({ id: 'a', header: ['a'], type: 'number' })).toBe('sum')
    expect(aggregateRule({ id: 'a', header: ['a'], type: 'number', aggregate: 'max' })).toBe('max')
  })
})
