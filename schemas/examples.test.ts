/**
 * Every file in examples/valid loads with no finding; every file in examples/invalid fails with
 * the rule and JSON pointer its `.expected.json` names. A new example is picked up automatically.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  checkNarrative,
  createWorkbook,
  loadTemplate,
  renderNarrativeText,
  type ResolvedTemplate,
} from '../core/index.js'

interface Expected {
  ruleId: string
  pointer: string
  why: string
}

const dir = join(import.meta.dirname, 'examples')
const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'))
const examples = (kind: 'valid' | 'invalid'): string[] =>
  readdirSync(join(dir, kind))
    .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
    .sort()

function load(file: string): ResolvedTemplate {
  const r = loadTemplate(read(join(dir, 'valid', file)))
  if (!r.ok) throw new Error(`${file}: ${r.diagnostics.map((d) => d.message).join('\n')}`)
  return r.template
}

describe('valid examples', () => {
  it('should include a numeric, a narrative and a linked template', () => {
    const kinds = examples('valid').map(
      (f) => (read(join(dir, 'valid', f)) as { formKind: string }).formKind,
    )
    expect(new Set(kinds)).toEqual(new Set(['numeric', 'narrative', 'linked']))
  })

  it.each(examples('valid'))('%s should load with no findings', (file) => {
    const r = loadTemplate(read(join(dir, 'valid', file)))
    expect(r.diagnostics.map((d) => `${d.ruleId} ${d.message}`)).toEqual([])
    expect(r.ok).toBe(true)
  })

  it('II.06a should compute (3), (7), (11) and the totals, and hold (3) = (7) + (11)', () => {
    const book = createWorkbook(load('ii-06a-vpcp-kstt.json'))
    const values: Record<string, number> = {
      c4: 30,
      c5: 15,
      c6: 5,
      c8: 20,
      c9: 15,
      c10: 5,
      c12: 8,
      c13: 2,
    }
    book.setMany(Object.entries(values).map(([c, v]) => [`main!tinh_dat_dai.${c}`, v] as const))
    book.setMany(Object.entries(values).map(([c, v]) => [`main!xa_lv.${c}`, v * 2] as const))
    expect(book.get('main!tinh_dat_dai.c3')).toBe(50)
    expect(book.get('main!tinh_dat_dai.c7')).toBe(40)
    expect(book.get('main!tinh_dat_dai.c11')).toBe(10)
    expect(book.get('main!cap_tinh.c3')).toBe(50)
    expect(book.get('main!tong.c3')).toBe(150)
    expect(book.get('main!tong.c8')).toBe(60)
    expect(book.diagnostics().filter((d) => d.severity === 'error')).toEqual([])
    book.set('main!tinh_dat_dai.c13', 3)
    const broken = book.diagnostics().filter((d) => d.ruleId.startsWith('template/'))
    expect(broken.map((d) => [d.ruleId, d.place.row])).toEqual(
      expect.arrayContaining([
        ['template/can_doi', 'tinh_dat_dai'],
        ['template/can_doi_tong', 'tong'],
      ]),
    )
  })

  it('the narrative example should number its outline and ask for the required parts', () => {
    const t = load('de-cuong-kstt.json')
    const section = t.sections[0]
    if (section?.kind !== 'narrative') throw new Error('expected a narrative section')
    expect(section.items.map((i) => i.number)).toEqual([
      'I.',
      '1.',
      '2.',
      '3.',
      'a)',
      'b)',
      'II.',
      'III.',
      'IV.',
    ])
    const missing = checkNarrative(section, { chi_dao: 'Ngắn' }).map((d) => [
      d.ruleId,
      d.place.item,
    ])
    expect(missing).toEqual([
      ['core/narrative-min-length', 'chi_dao'],
      ['core/narrative-required', 'kiem_soat'],
      ['core/narrative-required', 'ton_tai'],
      ['core/narrative-required', 'phuong_huong'],
    ])
  })

  it('the linked example should embed figures of its grid in the narrative', () => {
    const t = load('bao-cao-lien-ket-hop.json')
    const book = createWorkbook(t)
    book.setMany([
      ['so_lieu!giao_ban.c4', 10],
      ['so_lieu!giao_ban.c5', 2],
      ['so_lieu!chuyen_de.c4', 5],
      ['so_lieu!chuyen_de.c5', 3],
    ])
    const section = t.sectionIndex.get('thuyet_minh')
    const text = section?.kind === 'narrative' ? (section.items[0]?.text ?? '') : ''
    const rendered = renderNarrativeText(text, (ref) => String(book.get(ref)))
    expect(rendered).toBe(
      'Trong năm, cơ quan, đơn vị đã tổ chức 20 cuộc họp, trong đó 5 cuộc họp trực tuyến (tỷ lệ 0.25).',
    )
  })
})

describe('invalid examples', () => {
  const cases = examples('invalid').map((file) => {
    const expected = read(
      join(dir, 'invalid', file.replace(/\.json$/, '.expected.json')),
    ) as Expected
    return { file, expected }
  })

  it('should cover schema errors, duplicate ids, bad formulas, unknown references, cycles and unknown functions', () => {
    const rules = new Set(cases.map((c) => c.expected.ruleId))
    for (const rule of [
      'core/schema',
      'core/duplicate-id',
      'core/formula-syntax',
      'core/unknown-reference',
      'core/circular-reference',
      'core/unknown-function',
    ]) {
      expect(rules).toContain(rule)
    }
  })

  it.each(cases)(
    '$file should fail with $expected.ruleId at "$expected.pointer"',
    ({ file, expected }) => {
      const r = loadTemplate(read(join(dir, 'invalid', file)))
      expect(r.ok).toBe(false)
      const found = r.diagnostics.map((d) => ({
        ruleId: d.ruleId,
        severity: d.severity,
        pointer: d.place.pointer,
      }))
      expect(found).toContainEqual({
        ruleId: expected.ruleId,
        severity: 'error',
        pointer: expected.pointer,
      })
    },
  )
})
