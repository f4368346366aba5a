import { describe, expect, it } from 'vitest'
import { embeddedRefs, renderNarrativeText } from './embedded-refs.js'

describe('embeddedRefs', () => {
  it('should find each {{ref}} with its offsets, trimmed', () => {
    const text = 'Đã nhận {{ main!tong.c3 }} hồ sơ, giải quyết {{tong.c7}}.'
    const refs = embeddedRefs(text)
    expect(refs.map((r) => r.ref)).toEqual(['main!tong.c3', 'tong.c7'])
    expect(text.slice(refs[0]!.start, refs[0]!.end)).toBe('{{ main!tong.c3 }}')
  })

  it('should ignore single braces', () => {
    expect(embeddedRefs('{a} {b}}')).toEqual([])
  })
})

describe('renderNarrativeText', () => {
  it('should replace each figure with the value the caller formats', () => {
    const values: Record<string, string> = { 'main!tong.c3': '1.250', 'tong.c7': '1.100' }
    expect(
      renderNarrativeText(
        'Nhận {{main!tong.c3}}, xong {{ tong.c7 }}.',
        (ref) => values[ref] ?? '?',
      ),
    ).toBe('Nhận 1.250, xong 1.100.')
  })

  it('should leave text without figures alone', () => {
    expect(renderNarrativeText('Không có số liệu', () => 'x')).toBe('Không có số liệu')
  })
})
