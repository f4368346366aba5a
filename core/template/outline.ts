/**
 * Outline of rows (or narrative items) from their `level`: each row's parent is the nearest
 * earlier row with a lower level. Indices are positions in the input list.
 */
export interface Outline {
  parent: Array<number | undefined>
  children: number[][]
}

export function buildOutline(rows: ReadonlyArray<{ level?: number }>): Outline {
  const parent: Array<number | undefined> = []
  const children: number[][] = rows.map(() => [])
  const stack: number[] = []
  rows.forEach((row, i) => {
    const level = row.level ?? 0
    while (stack.length > 0 && (rows[stack[stack.length - 1] as number]?.level ?? 0) >= level)
      stack.pop()
    const p = stack[stack.length - 1]
    parent.push(p)
    if (p !== undefined) children[p]?.push(i)
    stack.push(i)
  })
  return { parent, children }
}
