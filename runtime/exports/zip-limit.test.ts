import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { checkUnzippedSize } from './zip-limit.js'

async function zipOf(files: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const zip = new JSZip()
  for (const [name, data] of Object.entries(files)) zip.file(name, data)
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}

describe('checkUnzippedSize', () => {
  it('counts the inflated bytes of every entry', async () => {
    const data = await zipOf({ 'a.xml': 'x'.repeat(1000), 'b/c.xml': 'y'.repeat(500) })
    expect(await checkUnzippedSize(data, 10_000)).toEqual({ ok: true, size: 1500 })
  })

  it('stops at the limit and names the entry where it was passed', async () => {
    // 4 MiB of zeros deflate to a few KiB: a small upload that would inflate far beyond its size
    const data = await zipOf({ 'small.xml': 'ok', 'bomb.xml': new Uint8Array(4 * 1024 * 1024) })
    expect(data.byteLength).toBeLessThan(64 * 1024)
    const r = await checkUnzippedSize(data, 1024 * 1024)
    expect(r).toEqual({
      ok: false,
      reason: 'its content inflates past 1048576 bytes (at entry bomb.xml)',
    })
  })

  it('says when the bytes are not a zip', async () => {
    const r = await checkUnzippedSize(new TextEncoder().encode('STT,Lĩnh vực'), 1000)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.reason).toMatch(/^not a zip container/)
  })
})
