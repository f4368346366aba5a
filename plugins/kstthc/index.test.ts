import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEngine, cutoffWindow, deadlineFor, hasErrors } from '../../core/index.js'
import type { SubmissionDocument } from '../../core/index.js'
import { diagnoseSubmission } from '../diagnose.js'
import kstthc, { prefill } from './index.js'

const engine = createEngine({ plugins: [kstthc] })
const II06A = 'II.06a/VPCP/KSTT'
const ii06a = (version: string) => {
  const t = engine.template(II06A, version)
  if (t === undefined) throw new Error(`${II06A} ${version} not loaded`)
  return t
}
const exportData: unknown = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures/connector/UBND-TINH-MAU/2025-Q3.json'), 'utf8'),
)

describe('regime data', () => {
  it('applies the three-tier forms before 1/7/2025 and the two-tier ones from then', () => {
    expect(engine.templateFor(II06A, { period: '2025-Q2' })?.version).toBe('1.0')
    expect(engine.templateFor(II06A, { period: '2025-Q3' })?.version).toBe('1.1')
    expect(engine.templateFor('II.07b/VPCP/KSTT', { period: '2026-Q1' })?.version).toBe('1.1')
  })

  it('gives each tier its sending day in the last month of the quarter, and none to districts after the reform', () => {
    const v10 = ii06a('1.0').definition
    const v11 = ii06a('1.1').definition
    expect(
      ['xa', 'so', 'huyen', 'tinh'].map((t) => deadlineFor('2025-Q2', v10.deadlines, t)),
    ).toEqual(['2025-06-16', '2025-06-18', '2025-06-19', '2025-06-20'])
    expect(deadlineFor('2025-Q3', v11.deadlines, 'huyen')).toBeUndefined()
    expect(cutoffWindow('2025-Q3', v11.cutoff)).toEqual({ start: '2025-06-15', end: '2025-09-14' })
  })

  it('does not offer the reconstructed forms as the version in force', () => {
    expect(engine.template('II.04a/VPCP/KSTT')).toBeUndefined()
    expect(engine.template('II.04a/VPCP/KSTT', '1.0')?.definition.status).toBe('draft')
  })
})

describe('prefill hook + provenance rules, through core', () => {
  const context = { template: ii06a('1.1'), unit: 'UBND-TINH-MAU', period: '2025-Q3' }
  const prefilled = (): SubmissionDocument => {
    const result = prefill({ ...context, source: { connector: 'mot-cua-file', data: exportData } })
    if (result === undefined) throw new Error('no prefill for II.06a')
    return {
      template: { code: II06A, version: '1.1' },
      unit: context.unit,
      period: context.period,
      values: result.values,
      dynamicRows: result.dynamicRows,
    }
  }

  it('produces a submission core accepts as it is', () => {
    const submission = prefilled()
    const diagnostics = diagnoseSubmission(engine, context.template, submission)
    expect(hasErrors(diagnostics), JSON.stringify(diagnostics)).toBe(false)
  })

  it('blocks a changed figure until the reporter explains it', () => {
    const submission = prefilled()
    const xa = submission.values['main']?.['xa_lv']
    if (xa === undefined) throw new Error('no commune row')
    xa['c5'] = 47
    xa['c9'] = 32
    const errors = diagnoseSubmission(engine, context.template, submission).filter(
      (d) => d.severity === 'error',
    )
    expect(errors.map((d) => [d.ruleId, d.place.col])).toEqual([
      ['kstthc/override-explanation', 'c5'],
      ['kstthc/override-explanation', 'c9'],
    ])
    expect(errors[0]?.source).toBe('kstthc')
    xa['giai_trinh'] = 'Một hồ sơ trực tiếp bị ghi trùng trên hệ thống một cửa'
    expect(hasErrors(diagnoseSubmission(engine, context.template, submission))).toBe(false)
  })

  it('has no opinion on other templates and refuses an export of another period', () => {
    const source = { connector: 'mot-cua-file', data: exportData }
    const other = engine.template('II.07b/VPCP/KSTT', '1.1')
    if (other === undefined) throw new Error('II.07b not loaded')
    expect(prefill({ ...context, template: other, source })).toBeUndefined()
    expect(() => prefill({ ...context, period: '2025-Q4', source })).toThrow(
      'connector mot-cua-file: export is for unit "UBND-TINH-MAU", period "2025-Q3"; the report is for unit "UBND-TINH-MAU", period "2025-Q4"',
    )
  })
})
