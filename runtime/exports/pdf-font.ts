/**
 * Finds TTF fonts that can print Vietnamese for the PDF export. pdfkit's built-in fonts (WinAnsi) cannot:
 * they have no ơ, ư, đ or the stacked tone marks. Liberation Serif 2.x (Debian fonts-liberation2) is
 * metric-compatible with Times New Roman; DejaVu Serif is the fallback. Each candidate's cmap is checked
 * for every Vietnamese letter, so a font without them (Liberation 1.x) is never picked silently.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface PdfFontSet {
  regular: string
  bold: string
  italic: string
  boldItalic: string
}

const VIETNAMESE =
  'ĂÂĐÊÔƠƯăâđêôơư' +
  'ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ' +
  'àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ'

const FAMILIES: { dir: string; files: PdfFontSet }[] = [
  {
    dir: '/usr/share/fonts/truetype/liberation2',
    files: {
      regular: 'LiberationSerif-Regular.ttf',
      bold: 'LiberationSerif-Bold.ttf',
      italic: 'LiberationSerif-Italic.ttf',
      boldItalic: 'LiberationSerif-BoldItalic.ttf',
    },
  },
  {
    dir: '/usr/share/fonts/truetype/dejavu',
    files: {
      regular: 'DejaVuSerif.ttf',
      bold: 'DejaVuSerif-Bold.ttf',
      italic: 'DejaVuSerif-Italic.ttf',
      boldItalic: 'DejaVuSerif-BoldItalic.ttf',
    },
  },
]

/** Code points of `text` that the TrueType/OpenType font file has no glyph for (reads the Unicode cmap). */
export function missingGlyphs(fontFile: Uint8Array, text: string): string[] {
  const buf = Buffer.from(fontFile.buffer, fontFile.byteOffset, fontFile.byteLength)
  const numTables = buf.readUInt16BE(4)
  let cmap = -1
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16
    if (buf.toString('latin1', rec, rec + 4) === 'cmap') cmap = buf.readUInt32BE(rec + 8)
  }
  if (cmap < 0) throw new Error('font has no cmap table')
  const subtables = buf.readUInt16BE(cmap + 2)
  let lookup: ((cp: number) => boolean) | undefined
  for (let i = 0; i < subtables && lookup === undefined; i++) {
    const platform = buf.readUInt16BE(cmap + 4 + i * 8)
    const encoding = buf.readUInt16BE(cmap + 6 + i * 8)
    const off = cmap + buf.readUInt32BE(cmap + 8 + i * 8)
    const format = buf.readUInt16BE(off)
    if (platform === 3 && encoding === 10 && format === 12) {
      const groups = buf.readUInt32BE(off + 12)
      lookup = (cp) => {
        for (let g = 0; g < groups; g++) {
          const p = off + 16 + g * 12
          if (cp >= buf.readUInt32BE(p) && cp <= buf.readUInt32BE(p + 4))
            return buf.readUInt32BE(p + 8) + cp - buf.readUInt32BE(p) !== 0
        }
        return false
      }
    } else if (platform === 3 && encoding === 1 && format === 4) {
      const segX2 = buf.readUInt16BE(off + 6)
      const ends = off + 14
      const starts = ends + segX2 + 2
      const deltas = starts + segX2
      const ranges = deltas + segX2
      lookup = (cp) => {
        for (let s = 0; s < segX2; s += 2) {
          if (cp > buf.readUInt16BE(ends + s)) continue
          const start = buf.readUInt16BE(starts + s)
          if (cp < start) return false
          const rangeOffset = buf.readUInt16BE(ranges + s)
          const delta = buf.readInt16BE(deltas + s)
          if (rangeOffset === 0) return ((cp + delta) & 0xffff) !== 0
          const glyph = buf.readUInt16BE(ranges + s + rangeOffset + (cp - start) * 2)
          return glyph !== 0
        }
        return false
      }
    }
  }
  if (lookup === undefined)
    throw new Error('font has no Unicode cmap (3,1 format 4 or 3,10 format 12)')
  return [...new Set(text)].filter(
    (ch) => !(lookup as (cp: number) => boolean)(ch.codePointAt(0) as number),
  )
}

/**
 * The first font family with all four styles present and full Vietnamese coverage. A missing italic or bold
 * file falls back to the regular one. Throws a message that says how to install one.
 */
export function resolvePdfFonts(
  explicit?: Partial<PdfFontSet>,
  opts: { searchSystem?: boolean } = {},
): PdfFontSet {
  const candidates: PdfFontSet[] = []
  if (explicit?.regular !== undefined) {
    candidates.push({
      regular: explicit.regular,
      bold: explicit.bold ?? explicit.regular,
      italic: explicit.italic ?? explicit.regular,
      boldItalic: explicit.boldItalic ?? explicit.bold ?? explicit.regular,
    })
  }
  for (const f of opts.searchSystem === false ? [] : FAMILIES) {
    const regular = join(f.dir, f.files.regular)
    if (!existsSync(regular)) continue
    const pick = (name: string, fallback: string) =>
      existsSync(join(f.dir, name)) ? join(f.dir, name) : fallback
    const bold = pick(f.files.bold, regular)
    candidates.push({
      regular,
      bold,
      italic: pick(f.files.italic, regular),
      boldItalic: pick(f.files.boldItalic, bold),
    })
  }
  const rejected: string[] = []
  for (const c of candidates) {
    const gaps = [...new Set(Object.values(c))].flatMap((file) => {
      try {
        const missing = missingGlyphs(readFileSync(file), VIETNAMESE)
        return missing.length > 0 ? [`${file} lacks ${missing.slice(0, 8).join('')}`] : []
      } catch (e) {
        return [`${file}: ${(e as Error).message}`]
      }
    })
    if (gaps.length === 0) return c
    rejected.push(...gaps)
  }
  throw new Error(
    'no TrueType font with Vietnamese letters found for the PDF export' +
      (rejected.length > 0 ? ` (${rejected.join('; ')})` : '') +
      '. Install one: `bash scripts/ensure-libreoffice.sh` or `apt-get install fonts-liberation2` (or fonts-dejavu-core), or pass font paths.',
  )
}
