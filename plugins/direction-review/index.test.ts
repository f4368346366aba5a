import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createEngine, createWorkbook, renderNarrativeText } from '../../core/index.js'
import type { SubmissionDocument } from '../../core/index.js'
import directionReview from './index.js'

const engine = createEngine({ plugins: [directionReview] })

it('renders the current totals of the grids inside the outline', () => {
  const submission = JSON.parse(
    readFileSync(join(import.meta.dirname, 'fixtures/valid/kiem-diem-6t-2025.json'), 'utf8'),
  ) as SubmissionDocument
  const template = engine.templateFor('KIEM-DIEM-6T', { period: '2025-H1' })
  if (template === undefined) throw new Error('KIEM-DIEM-6T not loaded')
  const book = createWorkbook(template, { values: submission.values })
  const outline = template.sections.find((s) => s.kind === 'narrative')
  const text = (id: string) =>
    outline?.kind === 'narrative' ? (outline.items.find((i) => i.id === id)?.text ?? '') : ''
  const render = (id: string) => renderNarrativeText(text(id), (ref) => String(book.get(ref)))
  expect(render('de_an_so_lieu')).toBe(
    'Tổng số đề án phải trình trong kỳ: 11; đã trình: 9 (đúng hạn: 7); chưa trình: 2.',
  )
  expect(render('nhiem_vu_so_lieu')).toBe(
    'Tổng số nhiệm vụ được giao: 126; đã hoàn thành: 92 (quá hạn: 7); chưa hoàn thành: 34 (quá hạn: 4).',
  )
})

it('numbers the outline I., 1. as in an administrative report', () => {
  const template = engine.template('KIEM-DIEM-NAM', '1.0')
  const outline = template?.sections.find((s) => s.kind === 'narrative')
  const numbers = outline?.kind === 'narrative' ? outline.items.map((i) => i.number) : []
  expect(numbers).toEqual(['I.', 'II.', '1.', '2.', 'III.', '1.', '2.', 'IV.', 'V.'])
})
