import type { NarrativeSection } from '../../schemas/generated/index.js'

export type NumberingStyle = NonNullable<NarrativeSection['numbering']>[number]

/** ND 30/2020 headings: I. / 1. / a) / - (Phần and Chương are section titles, not items). */
export const DEFAULT_NUMBERING: readonly NumberingStyle[] = ['roman', 'arabic', 'alpha', 'dash']

// Vietnamese legal texts letter their points with the Vietnamese alphabet: no f, j, w, z; đ after d.
const VI_LETTERS = [
  'a',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'g',
  'h',
  'i',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'v',
  'x',
  'y',
]

const ROMAN: ReadonlyArray<[number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
]

export function toRoman(n: number): string {
  let rest = n
  let out = ''
  for (const [value, digits] of ROMAN) {
    while (rest >= value) {
      out += digits
      rest -= value
    }
  }
  return out
}

/** a, b, ..., y, then aa, ab, ... (bijective base 23 over the Vietnamese letters). */
export function toViLetters(n: number): string {
  let rest = n
  let out = ''
  while (rest > 0) {
    const digit = (rest - 1) % VI_LETTERS.length
    out = VI_LETTERS[digit] + out
    rest = Math.floor((rest - 1) / VI_LETTERS.length)
  }
  return out
}

export function formatOutlineNumber(style: NumberingStyle, n: number): string {
  switch (style) {
    case 'roman':
      return `${toRoman(n)}.`
    case 'arabic':
      return `${n}.`
    case 'alpha':
      return `${toViLetters(n)})`
    case 'dash':
      return '-'
    case 'none':
      return ''
  }
}

/**
 * Outline labels of narrative items: a counter per level, reset when a shallower item starts,
 * printed in the style given for that level (levels past the list use its last style).
 *
 * @example
 * numberOutline([{ level: 0 }, { level: 1 }, { level: 1 }, { level: 2 }, { level: 0 }], ['roman', 'arabic', 'alpha'])
 * // ['I.', '1.', '2.', 'a)', 'II.']
 */
export function numberOutline(
  items: ReadonlyArray<{ level?: number }>,
  numbering: readonly NumberingStyle[] = DEFAULT_NUMBERING,
): string[] {
  const styles = numbering.length > 0 ? numbering : DEFAULT_NUMBERING
  const counters: number[] = []
  return items.map((item) => {
    const level = item.level ?? 0
    counters.length = level + 1
    const n = (counters[level] ?? 0) + 1
    counters[level] = n
    const style = styles[Math.min(level, styles.length - 1)] as NumberingStyle
    return formatOutlineNumber(style, n)
  })
}
