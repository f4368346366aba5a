import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { missingGlyphs, resolvePdfFonts } from './pdf-font.js'
import { ensureTools } from '../../test/files/tools.js'

/** A minimal font file: table directory with one cmap holding a (3,1) format 4 subtable mapping a..z. */
function latinOnlyFont(): Uint8Array {
  const sub = Buffer.alloc(14 + 2 * 4 + 2 + 2 * 4 * 3)
  sub.writeUInt16BE(4, 0) // format
  sub.writeUInt16BE(sub.length, 2)
  sub.writeUInt16BE(4, 6) // segCountX2: [a..z], [0xFFFF]
  let o = 14
  sub.writeUInt16BE(0x7a, o)
  sub.writeUInt16BE(0xffff, o + 2) // ends
  o += 4 + 2 // reservedPad
  sub.writeUInt16BE(0x61, o)
  sub.writeUInt16BE(0xffff, o + 2) // starts
  o += 4
  sub.writeInt16BE(-0x60, o)
  sub.writeInt16BE(1, o + 2) // deltas: a -> glyph 1
  o += 4
  sub.writeUInt16BE(0, o)
  sub.writeUInt16BE(0, o + 2) // range offsets
  const cmap = Buffer.alloc(4 + 8)
  cmap.writeUInt16BE(1, 2)
  cmap.writeUInt16BE(3, 4)
  cmap.writeUInt16BE(1, 6)
  cmap.writeUInt32BE(12, 8)
  const dir = Buffer.alloc(12 + 16)
  dir.writeUInt16BE(1, 4)
  dir.write('cmap', 12, 'latin1')
  dir.writeUInt32BE(dir.length, 12 + 8)
  return new Uint8Array(Buffer.concat([dir, cmap, sub]))
}

describe('PDF font resolution', () => {
  beforeAll(() => ensureTools('fonts'), 600_000)

  it('reads the cmap and names the letters a font lacks', () => {
    expect(missingGlyphs(latinOnlyFont(), 'việt nam')).toEqual(['ệ', ' '])
    expect(missingGlyphs(latinOnlyFont(), 'abc')).toEqual([])
  })

  it('finds a system font family that covers Vietnamese', () => {
    // scripts/ensure-libreoffice.sh installs fonts-liberation2; without a font this fails with install advice
    const fonts = resolvePdfFonts()
    for (const file of Object.values(fonts)) {
      expect(
        missingGlyphs(readFileSync(file), 'Cộng hòa xã hội chủ nghĩa Việt Nam ĐƯỢC ỹ ỵ'),
      ).toEqual([])
    }
  })

  it('rejects a font without Vietnamese letters and says how to install one', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'font-')), 'latin-only.ttf')
    writeFileSync(file, latinOnlyFont())
    expect(() => resolvePdfFonts({ regular: file }, { searchSystem: false })).toThrow(
      /latin-only\.ttf lacks ĂÂĐ.*apt-get install fonts-liberation2/,
    )
    expect(resolvePdfFonts({ regular: file }).regular).not.toBe(file)
  })
})
