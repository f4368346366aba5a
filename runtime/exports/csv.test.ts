import { describe, expect, it } from 'vitest'
import { sampleReport } from './fixtures/sample-report.js'
import { CSV_COLUMNS, exportCsv } from './csv-export.js'
import { parseCsv } from './csv-format.js'
import { importCsv } from './csv-import.js'

describe('CSV of cell values', () => {
  it('writes one line per unit x period x section x row x column, with a BOM', () => {
    const report = sampleReport()
    const text = exportCsv([
      report,
      { ...report, unit: { code: 'H02' }, period: { code: '2025-Q2' } },
    ])
    expect(text.startsWith('\uFEFF')).toBe(true)
    const records = parseCsv(text)
    expect(records[0]?.fields).toEqual([...CSV_COLUMNS])
    const cells = report.template.sections.reduce(
      (n, s) => n + (s.kind === 'grid' ? s.cells.length : 0),
      0,
    )
    expect(records).toHaveLength(1 + 2 * cells)
    const line = records.find(
      (r) => r.fields[2] === '000.00.31.H17' && r.fields[5] === 'tong' && r.fields[6] === 'c9',
    )
    expect(line?.fields).toEqual([
      'BC-MAU/KSTT',
      '1.0',
      '000.00.31.H17',
      '2025-Q3',
      'so_lieu',
      'tong',
      'c9',
      '',
      'Tổng cộng',
      '(9)',
      'Tỷ lệ đúng hạn',
      'formula',
      String(report.values.get('so_lieu!tong.c9')),
    ])
  })

  it('reads its own output back into the inputs of each instance', () => {
    const report = sampleReport()
    const other = { ...report, unit: { code: 'H02' }, period: { code: '2025-Q2' } }
    const { submissions, diagnostics } = importCsv(exportCsv([report, other]), report.template)
    expect(diagnostics).toEqual([])
    expect(submissions.map((s) => [s.unit, s.period])).toEqual([
      ['000.00.31.H17', '2025-Q3'],
      ['H02', '2025-Q2'],
    ])
    const s = submissions[0]!
    // every input of the template comes back, empty ones as null
    for (const [section, rows] of Object.entries(report.submission.values)) {
      for (const [row, cols] of Object.entries(rows)) {
        for (const [col, v] of Object.entries(cols)) {
          const sec = report.template.sectionIndex.get(section)
          if (sec?.kind !== 'grid') continue
          expect(s.values[section]?.[row]?.[col]).toEqual(v)
        }
      }
    }
    expect(s.values.so_lieu?.so_tp?.c10).toBe(0.1)
    expect(s.values.so_lieu?.so_tp?.c3).toBeUndefined() // formula cells are not inputs
  })

  it('names the line and column of each problem', () => {
    const report = sampleReport()
    const head = CSV_COLUMNS.join(',')
    const row = (section: string, r: string, c: string, value: string) =>
      ['BC-MAU/KSTT', '1.0', 'H01', '2025-Q3', section, r, c, '', '', '', '', 'input', value].join(
        ',',
      )
    const text = [
      head,
      row('so_lieu', 'so_tp', 'c4', '12'),
      row('so_lieu', 'so_tp', 'c4', '13'),
      row('so_lieu', 'so_tp', 'c5', '"1.234,5"'),
      row('so_lieu', 'so_tp', 'c7', '2.5'),
      row('so_lieu', 'khong_co', 'c4', '1'),
      row('so_lieu', 'so_tp', 'zz', '1'),
      row('kinh_phi', 'ho_tro', 'k1', 'abc'),
      'BC-MAU/KSTT,1.0',
    ].join('\n')
    const { submissions, diagnostics } = importCsv(text, report.template)
    expect(diagnostics.map((d) => d.at)).toEqual([
      'line 3, column 13 (value)',
      'line 4, column 13 (value)',
      'line 5, column 13 (value)',
      'line 6, column 6 (row)',
      'line 7, column 7 (col)',
      'line 8, column 13 (value)',
      'line 9',
    ])
    expect(diagnostics[0]?.message).toMatch(/already given on line 2/)
    expect(diagnostics[1]?.message).toMatch(/"1.234,5" is not a number \(write numbers as 1234.5/)
    expect(diagnostics[2]?.message).toMatch(/not a whole number/)
    expect(submissions[0]?.values.so_lieu?.so_tp).toEqual({ c4: 12 })
    expect(importCsv('a,b\n', report.template).diagnostics[0]?.message).toMatch(
      /missing column\(s\) template/,
    )
    expect(importCsv('"a', report.template).diagnostics[0]).toMatchObject({
      ruleId: 'csv/syntax',
      at: 'line 1, column 1 (text)',
    })
  })
})
