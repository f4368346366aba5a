/**
 * The template of the runtime benchmarks (P3, P4): one grid of 100 rows x 10 input columns
 * (1,000 input cells), a row total and a ratio per row, a total row, and a constraint per row.
 */
import type {
  Column,
  Constraint,
  Row,
  SubmissionDocument,
  TemplateDefinition,
} from '../../schemas/generated/index.js'

export const ROWS = 100
export const COLS = 10
export const SECTION = 'main'

/**
 * The value of input cell (row i, column j), both 1-based, for unit or variant `u`: one decimal,
 * from 0 to 99.9. The P4 seed computes the same expression in SQL, so the two can be compared.
 */
export function cellValue(u: number, i: number, j: number): number {
  return ((u * 31 + i * 7 + j * 13) % 1000) / 10
}

/** The same expression in SQL, over integer columns `u`, `i`, `j` (numeric of scale 1, as stored). */
export const CELL_VALUE_SQL = '((u * 31 + i * 7 + j * 13) % 1000) * 0.1'

export function benchDefinition(code: string): TemplateDefinition {
  const columns: Column[] = [
    ...Array.from({ length: COLS }, (_, j): Column => ({
      id: `c${j + 1}`,
      header: [`Chỉ tiêu ${j + 1}`],
      number: `(${j + 1})`,
      type: 'number',
      decimals: 1,
      min: 0,
    })),
    {
      id: 'tong',
      header: ['Tổng số'],
      type: 'number',
      decimals: 1,
      formula: `=SUM(@.c1:@.c${COLS})`,
    },
    {
      id: 'ty_le',
      header: ['Tỷ lệ (2)/(1)'],
      type: 'percent',
      decimals: 2,
      formula: '=IF(@.c1=0,0,@.c2/@.c1)',
    },
  ]
  const rows: Row[] = [
    ...Array.from({ length: ROWS }, (_, i): Row => ({
      id: `r${i + 1}`,
      label: `Chỉ tiêu ${i + 1}`,
    })),
    { id: 'tong_cong', label: 'Tổng cộng', kind: 'total', formula: `=SUM(r1.@:r${ROWS}.@)` },
  ]
  const constraints: Constraint[] = Array.from({ length: ROWS }, (_, i) => ({
    id: `tong_ge_c1_r${i + 1}`,
    kind: 'compare',
    severity: 'error',
    left: `r${i + 1}.tong`,
    operator: '>=',
    right: `r${i + 1}.c1`,
    message: 'Tổng số = {left} không được nhỏ hơn chỉ tiêu (1) = {right}',
  }))
  return {
    code,
    name: `Biểu đo hiệu năng ${code}`,
    version: '1.0',
    status: 'draft',
    regimeKind: 'dinh-ky',
    periodType: 'month',
    formKind: 'numeric',
    sections: [{ kind: 'grid', id: SECTION, columns, rows }],
    constraints,
  }
}

/** Every input cell of the grid, filled for unit or variant `u`. */
export function benchValues(u: number): SubmissionDocument['values'] {
  const grid: Record<string, Record<string, number>> = {}
  for (let i = 1; i <= ROWS; i++) {
    const row: Record<string, number> = {}
    for (let j = 1; j <= COLS; j++) row[`c${j}`] = cellValue(u, i, j)
    grid[`r${i}`] = row
  }
  return { [SECTION]: grid }
}
