import { describe, expect, it } from 'vitest'
import { formatConstraintMessage, formatMessageValue, formatNumberVi } from './format-message.js'

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
      'Sai (main!r1.c3 = 0,3; main!r2.c3 = trống)',
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
    ).toEqual(['trống', 'trống', 'TRUE', 'FALSE', 'abc', '-1,5', '#DIV/0!'])
  })
})

describe('formatNumberVi', () => {
  it('should write a decimal comma and dots between thousands, keeping every digit', () => {
    expect(
      [5.4, 1234567.5, 1234, -1234.5, 0.1 + 0.2, 1e-7, 12345.678901234567, 1e21].map(
        formatNumberVi,
      ),
    ).toEqual([
      '5,4',
      '1.234.567,5',
      '1.234',
      '-1.234,5',
      '0,30000000000000004',
      '0,0000001',
      '12.345,678901234567',
      '1.000.000.000.000.000.000.000',
    ])
  })

  it('should not write a minus zero, and leave non-finite numbers as they are', () => {
    expect([-0, 0, Infinity, NaN].map(formatNumberVi)).toEqual(['0', '0', 'Infinity', 'NaN'])
  })

  it('should read the numbers in a constraint message the Vietnamese way', () => {
    const rule = { message: '({left} / {right})', operands: { left: 'a', right: 'b' } }
    expect(formatConstraintMessage(rule, { left: 5, right: 5.4 })).toBe('(5 / 5,4)')
  })
})
