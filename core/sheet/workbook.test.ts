import { describe, expect, it } from 'vitest'
import { createFunctionRegistry, defineFunction } from '../formula/index.js'
import type { ExternalValues, Scalar } from '../formula/types.js'
import { createWorkbook } from './workbook.js'
import { buildTemplate } from './test-template.js'

/** c3 = c1 + c2 per row, a total row of column SUMs, one constraint on the total. */
function sumTemplate() {
  return buildTemplate({
    sections: [
      {
        columns: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3', formula: '@.c1+@.c2' }],
        rows: [
          'r1',
          'r2',
          {
            id: 'tong',
            kind: 'total',
            cells: {
              c1: { kind: 'formula', formula: 'SUM(r1.c1:r2.c1)' },
              c2: { kind: 'formula', formula: 'SUM(r1.c2:r2.c2)' },
              c3: { kind: 'formula', formula: 'SUM(r1.c3:r2.c3)' },
            },
          },
        ],
      },
    ],
    constraints: [
      {
        id: 'cap',
        check: 'tong.c3<=100',
        operands: { total: 'tong.c3' },
        message: 'Tổng {total} vượt quá 100',
        place: { section: 'main', row: 'tong', col: 'c3' },
      },
    ],
  })
}

describe('createWorkbook', () => {
  it('evaluates formulas from loaded values, with decimal-correct totals', () => {
    const book = createWorkbook(sumTemplate(), {
      values: { main: { r1: { c1: 0.1, c2: 0.2 }, r2: { c1: 1 } } },
    })
    expect(book.get('main!r1.c3')).toBe(0.3)
    expect(book.get('main!r2.c3')).toBe(1)
    expect(book.get('main!tong.c3')).toBe(1.3)
    expect(book.get('main!tong.c2')).toBe(0.2)
    expect(book.diagnostics()).toEqual([])
  })

  it('returns the input and every formula whose value changed, and nothing for a no-op edit', () => {
    const book = createWorkbook(sumTemplate(), { values: { main: { r1: { c1: 1, c2: 2 } } } })
    expect(new Set(book.set('main!r2.c1', 5))).toEqual(
      new Set(['main!r2.c1', 'main!r2.c3', 'main!tong.c1', 'main!tong.c3']),
    )
    expect(book.set('main!r2.c1', 5)).toEqual([])
    expect(book.get('main!tong.c3')).toBe(8)
  })

  it('stops propagating where a value does not change', () => {
    const t = buildTemplate({
      sections: [
        {
          columns: [
            { id: 'a' },
            { id: 'm', formula: 'MAX(@.a,10)' },
            { id: 'n', formula: '@.m*2' },
          ],
          rows: ['r1'],
        },
      ],
    })
    const book = createWorkbook(t, { values: { main: { r1: { a: 1 } } } })
    expect(book.set('main!r1.a', 2)).toEqual(['main!r1.a'])
    expect(book.set('main!r1.a', 20)).toEqual(['main!r1.a', 'main!r1.m', 'main!r1.n'])
    expect(book.get('main!r1.n')).toBe(40)
  })

  it('applies setMany as one recompute, the last value of a key winning', () => {
    const book = createWorkbook(sumTemplate())
    const changed = book.setMany([
      ['main!r1.c1', 1],
      ['main!r1.c1', 3],
      ['main!r2.c2', 4],
    ])
    expect(changed.filter((k) => k === 'main!tong.c3')).toHaveLength(1)
    expect(book.get('main!r1.c1')).toBe(3)
    expect(book.get('main!tong.c3')).toBe(7)
  })

  it('throws, naming the cell, when setting a formula, fixed or greyed cell or an unknown key', () => {
    const t = buildTemplate({
      sections: [
        {
          columns: [{ id: 'a' }, { id: 'b', formula: '@.a' }],
          rows: [
            { id: 'r1', cells: { a: { kind: 'fixed', value: 'Tổng' } } },
            { id: 'r2', cells: { a: { kind: 'greyed' } } },
          ],
        },
      ],
    })
    const book = createWorkbook(t)
    expect(() => book.set('main!r1.b', 1)).toThrow(
      'main!r1.b is a formula cell; only input cells can be set',
    )
    expect(() => book.set('main!r1.a', 1)).toThrow('main!r1.a is a fixed cell')
    expect(() => book.set('main!r2.a', 1)).toThrow('main!r2.a is a greyed cell')
    expect(() => book.set('main!r9.a', 1)).toThrow('main!r9.a is not a cell of template TEST')
    expect(() => book.get('other!r1.a')).toThrow('other!r1.a is not a cell of template TEST')
    expect(book.get('main!r1.a')).toBe('Tổng')
    expect(book.get('main!r2.a')).toBeNull()
  })

  it('leaves the workbook unchanged when one entry of setMany is rejected', () => {
    const book = createWorkbook(sumTemplate(), { values: { main: { r1: { c1: 1 } } } })
    expect(() =>
      book.setMany([
        ['main!r1.c1', 50],
        ['main!tong.c1', 1],
      ]),
    ).toThrow('main!tong.c1 is a formula cell')
    expect(() => book.set('main!r1.c2', Number.NaN)).toThrow(
      'main!r1.c2: NaN is not a finite number',
    )
    expect(book.get('main!r1.c1')).toBe(1)
    expect(book.get('main!tong.c3')).toBe(1)
  })

  it('normalises entered numbers and treats an empty string as an empty cell', () => {
    const book = createWorkbook(sumTemplate())
    book.set('main!r1.c1', 0.1 + 0.2)
    expect(book.get('main!r1.c1')).toBe(0.3)
    book.set('main!r1.c1', '')
    expect(book.get('main!r1.c1')).toBeNull()
  })

  it('reads a range as the rectangle in section order, whatever the row ids', () => {
    const t = buildTemplate({
      sections: [
        {
          columns: [{ id: 'v' }],
          rows: [
            'a',
            'z',
            'm',
            { id: 't', cells: { v: { kind: 'formula', formula: 'SUM(a.v:m.v)' } } },
          ],
        },
      ],
    })
    const book = createWorkbook(t, {
      values: { main: { a: { v: 1 }, z: { v: 10 }, m: { v: 100 } } },
    })
    expect(book.get('main!t.v')).toBe(111)
  })

  it('resolves section-qualified references and reports bad references as #REF!', () => {
    const t = buildTemplate({
      sections: [
        { id: 'a', columns: [{ id: 'x' }], rows: ['r1'] },
        {
          id: 'b',
          columns: [
            { id: 'y', formula: 'a!r1.x*2' },
            { id: 'bad', formula: 'r9.x' },
            { id: 'nocol', formula: 'SUM(r1.y:r1.zz)' },
          ],
          rows: ['r1'],
        },
      ],
    })
    const book = createWorkbook(t, { values: { a: { r1: { x: 4 } } } })
    expect(book.get('b!r1.y')).toBe(8)
    expect(book.get('b!r1.bad')).toMatchObject({
      error: '#REF!',
      detail: expect.stringContaining("no row 'r9'"),
    })
    expect(book.get('b!r1.nocol')).toMatchObject({
      error: '#REF!',
      detail: "no column 'zz' in section 'b'",
    })
    expect(book.set('a!r1.x', 5)).toContain('b!r1.y')
  })

  it('gives every cell on a cycle #CYCLE! and lets what reads it evaluate to that error', () => {
    const t = buildTemplate({
      sections: [
        {
          columns: [
            { id: 'a', formula: '@.b+1' },
            { id: 'b', formula: '@.a' },
            { id: 'c', formula: '@.a*2' },
            { id: 'd' },
          ],
          rows: ['r1'],
        },
      ],
    })
    const book = createWorkbook(t)
    expect(book.get('main!r1.a')).toMatchObject({
      error: '#CYCLE!',
      detail: 'circular reference main!r1.a -> main!r1.b -> main!r1.a',
    })
    expect(book.get('main!r1.b')).toMatchObject({ error: '#CYCLE!' })
    expect(book.get('main!r1.c')).toMatchObject({ error: '#CYCLE!' })
    expect(book.set('main!r1.d', 1)).toEqual(['main!r1.d'])
  })

  it('turns a formula that does not parse into #ERROR! naming the cell', () => {
    const t = buildTemplate({
      sections: [{ columns: [{ id: 'a', formula: '1+*2' }], rows: ['r1'] }],
    })
    expect(createWorkbook(t).get('main!r1.a')).toMatchObject({
      error: '#ERROR!',
      detail: expect.stringContaining('main!r1.a'),
    })
  })

  it('uses the function registry it is given', () => {
    const tyLe = defineFunction({
      name: 'TY_LE',
      minArgs: 2,
      maxArgs: 2,
      evaluate: ([a, b]) =>
        typeof a === 'number' && typeof b === 'number' && b !== 0 ? a / b : null,
    })
    const t = buildTemplate({
      sections: [
        {
          columns: [{ id: 'x' }, { id: 'y' }, { id: 'r', formula: 'TY_LE(@.x,@.y)' }],
          rows: ['r1'],
        },
      ],
    })
    const values = { main: { r1: { x: 1, y: 4 } } }
    expect(
      createWorkbook(t, { values, functions: createFunctionRegistry([tyLe]) }).get('main!r1.r'),
    ).toBe(0.25)
    expect(createWorkbook(t, { values }).get('main!r1.r')).toMatchObject({ error: '#NAME?' })
  })

  it('asks each workbook its own external values, even when they share the compiled template', () => {
    const t = buildTemplate({
      sections: [
        { columns: [{ id: 'x' }, { id: 'd', formula: '@.x-PREV_PERIOD(@.x)' }], rows: ['r1'] },
      ],
    })
    const prev = (n: number): ExternalValues => ({
      get: (kind, ref) => (kind === 'prev-period' && ref.row === 'r1' ? n : null),
    })
    const a = createWorkbook(t, { values: { main: { r1: { x: 10 } } }, external: prev(3) })
    const b = createWorkbook(t, { values: { main: { r1: { x: 10 } } }, external: prev(7) })
    expect(a.get('main!r1.d')).toBe(7)
    expect(b.get('main!r1.d')).toBe(3)
    a.set('main!r1.x', 20)
    expect(a.get('main!r1.d')).toBe(17)
    expect(b.get('main!r1.d')).toBe(3)
    expect(createWorkbook(t).get('main!r1.d')).toMatchObject({ error: '#N/A' })
  })

  it('keeps the values of two workbooks of one template apart', () => {
    const t = sumTemplate()
    const a = createWorkbook(t, { values: { main: { r1: { c1: 1 } } } })
    const b = createWorkbook(t)
    a.set('main!r2.c2', 5)
    expect(b.get('main!tong.c3')).toBe(0)
    expect(a.get('main!tong.c3')).toBe(6)
  })

  it('returns the non-empty inputs in submission form and every cell in the snapshot', () => {
    const values = { main: { r1: { c1: 1, c2: 2 }, r2: { c2: 3 } } }
    const book = createWorkbook(sumTemplate(), { values })
    expect(book.inputValues()).toEqual(values)
    book.set('main!r1.c2', null)
    expect(book.inputValues()).toEqual({ main: { r1: { c1: 1 }, r2: { c2: 3 } } })
    const snap = book.snapshot()
    expect(snap.size).toBe(9)
    expect(snap.get('main!tong.c3')).toBe(4)
    expect(snap.get('main!r1.c2')).toBeNull()
  })

  it('reports loaded values that no input cell can take, and ignores them', () => {
    const book = createWorkbook(sumTemplate(), {
      values: { main: { r1: { c1: 1, c3: 99, zz: 1 }, r7: { c1: 2 } }, other: { r1: { c1: 3 } } },
    })
    const d = book.diagnostics()
    expect(d.map((x) => [x.ruleId, x.message])).toEqual([
      ['core/unknown-cell', 'main!r1.c3 is a formula cell, not an input; its value is ignored'],
      ['core/unknown-cell', 'main!r1.zz is not a cell of this template; its value is ignored'],
      ['core/unknown-cell', 'main!r7.c1 is not a cell of this template; its value is ignored'],
      ['core/unknown-cell', 'other!r1.c1 is not a cell of this template; its value is ignored'],
    ])
    expect(d[0]!.place).toEqual({
      section: 'main',
      row: 'r1',
      col: 'c3',
      pointer: '/values/main/r1/c3',
    })
    expect(book.get('main!r1.c3')).toBe(1)
    expect(book.inputValues()).toEqual({ main: { r1: { c1: 1 } } })
  })

  it('reports a loaded object value as ignored', () => {
    const values = { main: { r1: { c1: { nested: true } as unknown as number } } }
    const d = createWorkbook(sumTemplate(), { values }).diagnostics()
    expect(d).toHaveLength(1)
    expect(d[0]!.message).toBe('main!r1.c1 holds an object, not a cell value; its value is ignored')
  })
})

describe('workbook diagnostics: constraints', () => {
  it('reports a failing constraint with its message, operand values, place and pointer', () => {
    const book = createWorkbook(sumTemplate(), {
      values: { main: { r1: { c1: 60 }, r2: { c2: 50 } } },
    })
    expect(book.diagnostics()).toEqual([
      {
        ruleId: 'template/cap',
        severity: 'error',
        message: 'Tổng 110 vượt quá 100',
        place: { section: 'main', row: 'tong', col: 'c3', pointer: '/constraints/0' },
        values: { total: 110 },
      },
    ])
    book.set('main!r2.c2', 40)
    expect(book.diagnostics()).toEqual([])
    book.set('main!r2.c2', 41)
    expect(book.diagnostics()[0]!.message).toBe('Tổng 101 vượt quá 100')
  })

  it('checks a constraint only when its precondition is TRUE', () => {
    const t = buildTemplate({
      sections: [{ columns: [{ id: 'a' }, { id: 'b' }], rows: ['r1'] }],
      constraints: [{ id: 'pos', check: 'r1.b>0', when: 'ISNUMBER(r1.a)', severity: 'warning' }],
    })
    const book = createWorkbook(t)
    expect(book.diagnostics()).toEqual([])
    book.set('main!r1.a', 1)
    expect(book.diagnostics()).toMatchObject([
      { ruleId: 'template/pos', severity: 'warning', message: 'pos fails' },
    ])
    book.set('main!r1.b', 2)
    expect(book.diagnostics()).toEqual([])
  })

  it('reports a check or precondition that evaluates to an error as a failure that says so', () => {
    const t = buildTemplate({
      sections: [{ columns: [{ id: 'a' }, { id: 'b' }], rows: ['r1'] }],
      constraints: [
        {
          id: 'ratio',
          check: 'r1.a/r1.b<2',
          operands: { a: 'r1.a', b: 'r1.b' },
          message: '{a} / {b} phải nhỏ hơn 2',
        },
        { id: 'guarded', check: 'TRUE', when: 'r1.a/r1.b>0', message: 'guarded' },
      ],
    })
    const book = createWorkbook(t, { values: { main: { r1: { a: 1 } } } })
    const messages = book.diagnostics().map((d) => d.message)
    expect(messages[0]).toMatch(/^1 \/ trống phải nhỏ hơn 2 \(the check evaluates to #DIV\/0!/)
    expect(messages[1]).toMatch(/^guarded \(the precondition evaluates to #DIV\/0!/)
    book.set('main!r1.b', 1)
    expect(book.diagnostics()).toEqual([])
  })

  it('fails a check that is not TRUE, e.g. a number, and leaves unknown placeholders as they are', () => {
    const t = buildTemplate({
      sections: [{ columns: [{ id: 'a' }], rows: ['r1'] }],
      constraints: [
        { id: 'num', check: 'r1.a', message: 'value {nope} {a}', operands: { a: 'r1.a' } },
      ],
    })
    expect(
      createWorkbook(t, { values: { main: { r1: { a: 1 } } } }).diagnostics()[0]!.message,
    ).toBe('value {nope} 1')
  })

  it('orders input problems before constraint failures, each in template order', () => {
    const t = buildTemplate({
      sections: [
        {
          columns: [
            { id: 'a', type: 'integer' },
            { id: 'b', type: 'integer' },
          ],
          rows: ['r1', 'r2'],
        },
      ],
      constraints: [
        { id: 'k1', check: 'r1.b>0' },
        { id: 'k2', check: 'r2.a>0' },
      ],
    })
    const book = createWorkbook(t)
    book.set('main!r2.b', 1.5)
    book.set('main!r1.a', 'x')
    expect(book.diagnostics().map((d) => d.ruleId)).toEqual([
      'core/type',
      'core/type',
      'template/k1',
      'template/k2',
    ])
    expect(book.diagnostics()[0]!.message).toBe('main!r1.a: "x" is not a whole number')
  })

  it('hands out a fresh array each time', () => {
    const book = createWorkbook(sumTemplate(), { values: { main: { r1: { c1: 500 } } } })
    const first = book.diagnostics()
    first.pop()
    expect(book.diagnostics()).toHaveLength(1)
  })
})

describe('workbook diagnostics: inputs', () => {
  const t = buildTemplate({
    sections: [
      {
        columns: [
          { id: 'n', type: 'number', min: 0, max: 10 },
          { id: 'i', type: 'integer' },
          { id: 'p', type: 'percent' },
          { id: 't', type: 'text' },
          { id: 'd', type: 'date' },
          { id: 'ch', type: 'choice', choices: ['Có', 'Không'] },
          { id: 'free', type: 'choice' },
        ],
        rows: ['r1'],
        required: true,
      },
    ],
  })
  const problems = (values: Record<string, Scalar>) =>
    createWorkbook(t, {
      values: {
        main: {
          r1: {
            n: 1,
            i: 1,
            p: 0.5,
            t: 'x',
            d: '2025-01-31',
            ch: 'Có',
            free: 'y',
            ...values,
          } as Record<string, Scalar>,
        },
      },
    })
      .diagnostics()
      .map((d) => `${d.ruleId} ${d.message}`)

  it('accepts values of the right type', () => {
    expect(problems({})).toEqual([])
  })

  it.each([
    [{ n: 'abc' }, 'core/type main!r1.n: "abc" is not a number'],
    [{ n: true }, 'core/type main!r1.n: TRUE is not a number'],
    [{ i: 2.5 }, 'core/type main!r1.i: 2.5 is not a whole number'],
    [{ p: '50%' }, 'core/type main!r1.p: "50%" is not a number'],
    [{ t: 12 }, 'core/type main!r1.t: 12 is not text'],
    [{ d: '2025-02-30' }, 'core/type main!r1.d: "2025-02-30" is not a date (YYYY-MM-DD)'],
    [{ d: '31/01/2025' }, 'core/type main!r1.d: "31/01/2025" is not a date (YYYY-MM-DD)'],
    [{ ch: 'Khác' }, 'core/type main!r1.ch: "Khác" is not one of "Có", "Không"'],
    [{ ch: 1 }, 'core/type main!r1.ch: 1 is not one of the choices'],
    [{ n: -1 }, 'core/range main!r1.n: -1 is less than the minimum 0'],
    [{ n: 11 }, 'core/range main!r1.n: 11 is greater than the maximum 10'],
    [{ i: null }, 'core/required main!r1.i: a value is required'],
  ] as const)('reports %j', (values, expected) => {
    expect(problems(values)).toEqual([expected])
  })

  it('points at the value in the submission and carries it', () => {
    const d = createWorkbook(t, { values: { main: { r1: { n: 'abc' } } } }).diagnostics()[0]!
    expect(d.place).toEqual({ section: 'main', row: 'r1', col: 'n', pointer: '/values/main/r1/n' })
    expect(d.values).toEqual({ value: 'abc' })
    expect(d.severity).toBe('error')
  })

  it('re-checks an input when it is edited', () => {
    const book = createWorkbook(t, {
      values: {
        main: { r1: { n: 1, i: 1, p: 0.5, t: 'x', d: '2025-01-31', ch: 'Có', free: 'y' } },
      },
    })
    expect(book.diagnostics()).toEqual([])
    book.set('main!r1.n', 'abc')
    expect(book.diagnostics().map((d) => d.ruleId)).toEqual(['core/type'])
    book.set('main!r1.n', 3)
    expect(book.diagnostics()).toEqual([])
  })
})
