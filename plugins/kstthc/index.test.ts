import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEngine, cutoffWindow, deadlineFor, hasErrors } from '../../core/index.js'
import type { SubmissionDocument } from '../../core/index.js'
import { diagnoseSubmission } from '../diagnose.js'
import kstthc, { prefill } from './index.js'
import figures from './fixtures/valid/so-lieu-766-quy-3.json' with { type: 'json' }

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
    const result = engine.runHook('prefill', {
      ...context,
      source: { connector: 'mot-cua-file', data: exportData },
    })
    if (result === undefined) throw new Error('no prefill for II.06a')
    return {
      template: { code: II06A, version: '1.1' },
      unit: context.unit,
      period: context.period,
      values: result.values,
      ...(result.dynamicRows === undefined ? {} : { dynamicRows: result.dynamicRows }),
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
    expect(engine.runHook('prefill', { ...context, template: other, source })).toBeUndefined()
    expect(kstthc.hooks.prefill).toBe(prefill)
    expect(() => engine.runHook('prefill', { ...context, period: '2025-Q4', source })).toThrow(
      'hook prefill of plugin kstthc failed: connector mot-cua-file: export is for unit "UBND-TINH-MAU", period "2025-Q3"; the report is for unit "UBND-TINH-MAU", period "2025-Q4"',
    )
  })
})

describe('prefilling again over a draft', () => {
  const context = {
    template: ii06a('1.1'),
    unit: 'UBND-TINH-MAU',
    period: '2025-Q3',
    source: { connector: 'mot-cua-file', data: exportData },
  }
  const fetched = () => prefill(context)!.values

  it('keeps figures the reporter changed and explained, refreshing the originals', () => {
    const draft = structuredClone(fetched())
    const xa = draft['main']!['xa_lv']!
    // An older fetch said c6 = 1 and the reporter left it; they changed c5 and explained why.
    xa['goc'] = JSON.stringify({ ...JSON.parse(String(xa['goc'])), c6: 1 })
    xa['c6'] = 1
    xa['c5'] = 47
    xa['giai_trinh'] = 'Một hồ sơ trực tiếp bị ghi trùng'
    const again = prefill({ ...context, current: draft })!.values['main']!
    expect(again['xa_lv']).toMatchObject({ c5: 47, c6: 2 })
    expect(JSON.parse(String(again['xa_lv']!['goc']))).toMatchObject({ c4: 9, c5: 48 })
    expect(again['xa_lv']).not.toHaveProperty('giai_trinh')
    expect(again['tinh_lv']).toEqual(fetched()['main']!['tinh_lv'])
  })

  it('overwrites a changed figure that has no explanation', () => {
    const draft = structuredClone(fetched())
    draft['main']!['xa_lv']!['c5'] = 47
    expect(prefill({ ...context, current: draft })!.values['main']!['xa_lv']!['c5']).toBe(48)
  })
})

describe('indicators hook', () => {
  it('computes the QĐ 766 indicators from a report of the figures template', () => {
    const template = engine.template('KSTT/SO-LIEU-766', '1.0')!
    const submission = figures as SubmissionDocument
    const out = engine.runHook('indicators', {
      template,
      submission,
      period: '2025-Q3',
      unit: 'UBND-TINH-MAU',
    })
    const first = out.find((v) => v.code === '1.1')
    // 1.1 = TTHC công bố đúng hạn / TTHC công bố = 45 / 50 in the fixture.
    expect(first).toMatchObject({
      catalog: 'bo-chi-so-766',
      value: 0.9,
      status: 'ok',
      source: 'kstthc',
    })
    expect(out.length).toBeGreaterThan(10)
    expect(engine.runHook('indicators', { template: ii06a('1.1'), submission })).toEqual([])
  })
})
