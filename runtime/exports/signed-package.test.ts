import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { createDemoCa } from './demo-credentials.js'
import { createSignedPackage, verifySignedPackage, type PackageFile } from './signed-package.js'

const ca = createDemoCa('CA thử nghiệm')
const cred = ca.issue('Trần Thị B')
const files: PackageFile[] = [
  {
    name: 'bao-cao.xlsx',
    data: new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256)),
  },
  {
    name: 'packet.json',
    data: new TextEncoder().encode('{"số liệu":[1,2,3]}'),
    mediaType: 'application/json',
  },
]

async function rezip(
  pkg: Uint8Array,
  edit: (zip: JSZip) => void,
  compression: 'DEFLATE' | 'STORE' = 'DEFLATE',
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(pkg)
  edit(zip)
  return zip.generateAsync({ type: 'uint8array', compression })
}

describe('signed package', () => {
  it('verifies a fresh package and reports its manifest and signer', async () => {
    const pkg = await createSignedPackage(files, cred, { about: { template: 'II.06a/VPCP/KSTT' } })
    const v = await verifySignedPackage(pkg, { trustedCaPem: [ca.certificatePem] })
    expect(v.problems).toEqual([])
    expect(v.ok).toBe(true)
    expect(v.trusted).toBe(true)
    expect(v.manifest?.files.map((f) => f.name)).toEqual(['bao-cao.xlsx', 'packet.json'])
    expect(v.files.map((f) => f.name)).toEqual(['manifest.json', 'bao-cao.xlsx', 'packet.json'])
    expect(v.files[1]?.signer?.subject).toContain('Trần Thị B')
    const untrusted = await verifySignedPackage(pkg, {
      trustedCaPem: [createDemoCa('Khác').certificatePem],
    })
    expect(untrusted.ok).toBe(false)
    expect(untrusted.files[1]?.problems.join()).toMatch(/not trusted/)
    expect((await verifySignedPackage(pkg)).trusted).toBe(false)
  })

  it('detects a changed byte anywhere in the package', async () => {
    const pkg = await createSignedPackage(files, cred)
    const positions = new Set<number>()
    for (let i = 0; i < pkg.length; i += 37) positions.add(i)
    for (let i = Math.max(0, pkg.length - 400); i < pkg.length; i++) positions.add(i) // central directory
    for (const pos of positions) {
      const bad = pkg.slice()
      bad[pos] = (bad[pos] ?? 0) ^ 0x01
      const v = await verifySignedPackage(bad)
      if (v.ok) throw new Error(`a flipped bit at byte ${pos} of ${pkg.length} went unnoticed`)
    }
  }, 60_000) // hundreds of verifications: CPU-bound, slow on a loaded 2-core CI machine

  it('names the file whose content was replaced, and added or removed entries', async () => {
    const pkg = await createSignedPackage(files, cred)
    const replaced = await verifySignedPackage(
      await rezip(pkg, (z) => z.file('packet.json', '{"số liệu":[1,2,4]}')),
    )
    const packet = replaced.files.find((f) => f.name === 'packet.json')
    expect(packet?.ok).toBe(false)
    expect(packet?.problems.join(' ')).toMatch(/sha256 .* differs/)
    expect(replaced.files.find((f) => f.name === 'bao-cao.xlsx')?.ok).toBe(true)

    const added = await verifySignedPackage(await rezip(pkg, (z) => z.file('extra.txt', 'x')))
    expect(added.problems).toContain('unexpected entry "extra.txt" (not in the manifest)')
    const removed = await verifySignedPackage(await rezip(pkg, (z) => z.remove('bao-cao.xlsx')))
    expect(removed.files.find((f) => f.name === 'bao-cao.xlsx')?.problems).toEqual([
      'listed in the manifest but missing from the package',
    ])
    const repacked = await verifySignedPackage(await rezip(pkg, () => undefined, 'STORE'))
    expect(repacked.files.every((f) => f.ok)).toBe(true)
    expect(repacked.ok).toBe(false)
    expect(repacked.problems.join()).toMatch(/canonical form/)
  })

  it('refuses unsafe or duplicate file names', async () => {
    await expect(
      createSignedPackage([{ name: '../x', data: new Uint8Array() }], cred),
    ).rejects.toThrow(/"\.\.\/x"/)
    await expect(
      createSignedPackage([files[1] as PackageFile, files[1] as PackageFile], cred),
    ).rejects.toThrow(/twice/)
  })
})
