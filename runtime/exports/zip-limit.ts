/**
 * Guards an uploaded Office file (a zip) before a parser inflates it whole into memory: a few
 * megabytes of deflate can expand to gigabytes. Counts the inflated bytes entry by entry and stops
 * at the limit.
 */
import JSZip from 'jszip'

export type ZipCheck = { ok: true; size: number } | { ok: false; reason: string }

export async function checkUnzippedSize(data: Uint8Array, limit: number): Promise<ZipCheck> {
  let zip: JSZip
  try {
    zip = await JSZip.loadAsync(data)
  } catch (e) {
    return { ok: false, reason: `not a zip container: ${(e as Error).message}` }
  }
  let total = 0
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue
    const over = await new Promise<boolean>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer')
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length
        if (total > limit) {
          stream.pause()
          resolve(true)
        }
      })
      stream.on('end', () => resolve(false))
      stream.on('error', reject)
    }).catch((e: Error) => e)
    if (over instanceof Error)
      return { ok: false, reason: `entry ${entry.name} cannot be inflated: ${over.message}` }
    if (over)
      return {
        ok: false,
        reason: `its content inflates past ${limit} bytes (at entry ${entry.name})`,
      }
  }
  return { ok: true, size: total }
}
