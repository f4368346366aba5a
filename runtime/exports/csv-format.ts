/** RFC 4180 CSV: quoting on write, a parser that reports where a malformed field is. */

const BOM = '\uFEFF'

export function formatCsvField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** Rows joined with CRLF, prefixed with a UTF-8 BOM so Excel opens it as UTF-8. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((r) => r.map(formatCsvField).join(',')).join('\r\n') + '\r\n'
}

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number
  fields: string[]
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(`line ${line}, column ${column}: ${message}`)
  }
}

/** Parses CSV text (a leading BOM is skipped); blank lines are dropped. Throws CsvSyntaxError naming the place. */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.startsWith(BOM) ? text.slice(1) : text
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let line = 1
  let startLine = 1
  let col = 1
  let i = 0
  let quoted = false
  let fieldStart = true
  const endRecord = () => {
    fields.push(field)
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: startLine, fields })
    fields = []
    field = ''
    fieldStart = true
  }
  while (i < src.length) {
    const ch = src[i] as string
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"'
          i += 2
          col += 2
          continue
        }
        quoted = false
        const next = src[i + 1]
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          throw new CsvSyntaxError(line, col + 1, `unexpected "${next}" after a closing quote`)
        }
      } else {
        field += ch
        if (ch === '\n') {
          line++
          col = 0
        }
      }
      i++
      col++
      continue
    }
    if (ch === '"' && fieldStart) {
      quoted = true
      fieldStart = false
    } else if (ch === '"') {
      throw new CsvSyntaxError(
        line,
        col,
        'a quote inside an unquoted field (quote the whole field)',
      )
    } else if (ch === ',') {
      fields.push(field)
      field = ''
      fieldStart = true
    } else if (ch === '\r' || ch === '\n') {
      endRecord()
      if (ch === '\r' && src[i + 1] === '\n') i++
      line++
      col = 0
      startLine = line
    } else {
      field += ch
      fieldStart = false
    }
    i++
    col++
  }
  if (quoted)
    throw new CsvSyntaxError(
      startLine,
      1,
      'a quoted field is not closed before the end of the file',
    )
  if (field !== '' || fields.length > 0) endRecord()
  return records
}
