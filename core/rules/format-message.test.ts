import { describe, expect, it } from 'vitest'
import { formatConstraintMessage, formatMessageValue } from './format-message.js'

describe('formatConstraintMessage', () => {
  const sumRule = {
    message: 'Tổng số (main!r1.c3 = {parent}) phải bằng (main!r1.c4+main!r1.c5 = {children})',
    operands: { parent: 'main!r1.c3', children: 'main!r1.c4+main!r1.c5' },
  }

  it('should put the actual values into the message', () => {
    expect(formatConstraintMessage(sumRule, { parent: 10, children: 9 })).toBe(
      'Tổng số (main!r1.c3 = 10) phải bằng (main!r1.c4+main!r1.c5 = 9)',
    )
  })

  it('should list every operand for {values}', () => {
    const c = {
      message: 'Sai ({values})',
      operands: { 'main!r1.c3': 'main!r1.c3', 'main!r2.c3': 'main!r2.c3' },
    }
    expect(formatConstraintMessage(c, { 'main!r1.c3': 0.3, 'main!r2.c3': null })).toBe(
      'Sai (main!r1.c3 = 0.3; main!r2.c3 = trống)',
    )
  })

  it('should show the formula of an operand that has no value, and leave unknown placeholders', () => {
    expect(
      formatConstraintMessage(
        { ...sumRule, message: '{parent} {children} {other}' },
        { parent: 1 },
      ),
    ).toBe('1 main!r1.c4+main!r1.c5 {other}')
  })

  it('should let an operand named values win over the list', () => {
    expect(
      formatConstraintMessage(
        { message: '{values}', operands: { values: 'r1.c1' } },
        { values: 5 },
      ),
    ).toBe('5')
  })
})

describe('formatMessageValue', () => {
  it('should read empty, booleans, text, numbers and errors', () => {
    expect(
      [null, undefined, true, false, 'abc', -1.5, { error: '#DIV/0!' } as const].map(
        formatMessageValue,
      ),
    ).toEqual(['trống', 'trống', 'TRUE', 'FALSE', 'abc', '-1.5', '#DIV/0!'])
  })
})
