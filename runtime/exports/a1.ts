/** Excel A1 addressing helpers (1-based rows and columns). */

/** 1 -> A, 27 -> AA. */
export function columnLetter(col: number): string {
  if (!Number.isInteger(col) || col < 1)
    throw new Error(`columnLetter: ${col} is not a column number >= 1`)
  let s = ''
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

/** A -> 1, AA -> 27 (case-insensitive). */
export function columnNumber(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters))
    throw new Error(`columnNumber: "${letters}" is not a column name`)
  let n = 0
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n
}

export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`
}

/** `Sheet 1!B3` with the sheet name quoted when Excel requires it. */
export function sheetRef(sheet: string, address: string): string {
  return `${quoteSheet(sheet)}!${address}`
}

export function quoteSheet(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}[0-9]+$/.test(sheet)
    ? sheet
    : `'${sheet.replace(/'/g, "''")}'`
}
