/**
 * Signed report package: a .zip holding the approved report's files, a manifest with their SHA-256 hashes,
 * and a detached CMS signature over each file and over the manifest. The zip is written deterministically,
 * so verification can also rebuild it and compare bytes: a change anywhere in the package is detected,
 * including bytes outside the signed files.
 */
import { createHash } from 'node:crypto'
import JSZip from 'jszip'
import { signDetached, verifyDetached, type CmsSignerInfo, type SigningCredential } from './cms.js'

export interface PackageFile {
  /** File name inside the package, e.g. `bao-cao.xlsx` (no folders, not `manifest.json`). */
  name: string
  data: Uint8Array
  mediaType?: string
}

export interface PackageManifest {
  format: 'report-builder/signed-package'
  version: 1
  createdAt: string
  /** Free description of what the package holds (template code, unit, period...). */
  about?: Record<string, string>
  files: { name: string; size: number; sha256: string; mediaType?: string; signature: string }[]
}

export interface PackageFileCheck {
  name: string
  ok: boolean
  problems: string[]
  signer?: CmsSignerInfo
  trusted?: boolean
}

export interface PackageVerification {
  /** Every file intact and signed, manifest signed, nothing added or removed, container canonical. */
  ok: boolean
  /** Every signature chains to a trust anchor (false when none were given). */
  trusted: boolean
  manifest?: PackageManifest
  files: PackageFileCheck[]
  /** Package-level problems (container, manifest, unexpected or missing entries). */
  problems: string[]
}

const MANIFEST = 'manifest.json'
const SIG_DIR = 'signatures/'
// Fixed entry date: the package bytes depend only on the content (createdAt lives in the manifest).
const ENTRY_DATE = new Date(Date.UTC(2000, 0, 1))
const NAME_RULE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')
const utf8 = new TextEncoder()

async function writeZip(entries: readonly (readonly [string, Uint8Array])[]): Promise<Uint8Array> {
  const zip = new JSZip()
  for (const [name, data] of entries)
    zip.file(name, data, { date: ENTRY_DATE, binary: true, createFolders: false })
  return zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  })
}

/** Builds the package. File names must be plain names (letters, digits, `.`, `_`, `-`). */
export async function createSignedPackage(
  files: readonly PackageFile[],
  credential: SigningCredential,
  opts: { createdAt?: Date; about?: Record<string, string> } = {},
): Promise<Uint8Array> {
  const seen = new Set<string>()
  for (const f of files) {
    if (!NAME_RULE.test(f.name) || f.name === MANIFEST)
      throw new Error(`package file name "${f.name}" is not allowed`)
    if (seen.has(f.name)) throw new Error(`package file "${f.name}" is given twice`)
    seen.add(f.name)
  }
  const createdAt = opts.createdAt ?? new Date()
  const manifest: PackageManifest = {
    format: 'report-builder/signed-package',
    version: 1,
    createdAt: createdAt.toISOString(),
    ...(opts.about !== undefined ? { about: opts.about } : {}),
    files: files.map((f) => ({
      name: f.name,
      size: f.data.byteLength,
      sha256: sha256(f.data),
      ...(f.mediaType !== undefined ? { mediaType: f.mediaType } : {}),
      signature: `${SIG_DIR}${f.name}.p7s`,
    })),
  }
  const manifestBytes = utf8.encode(JSON.stringify(manifest, null, 2) + '\n')
  const entries: [string, Uint8Array][] = [
    [MANIFEST, manifestBytes],
    [`${SIG_DIR}${MANIFEST}.p7s`, signDetached(manifestBytes, credential, createdAt)],
  ]
  for (const f of files) {
    entries.push(
      [f.name, f.data],
      [`${SIG_DIR}${f.name}.p7s`, signDetached(f.data, credential, createdAt)],
    )
  }
  return writeZip(entries)
}

function parseManifest(bytes: Uint8Array): PackageManifest {
  const m = JSON.parse(
    new TextDecoder('utf-8', { fatal: true }).decode(bytes),
  ) as Partial<PackageManifest>
  if (m.format !== 'report-builder/signed-package' || m.version !== 1 || !Array.isArray(m.files)) {
    throw new Error('manifest.json is not a report-builder signed-package manifest (version 1)')
  }
  for (const [i, f] of m.files.entries()) {
    if (
      typeof f.name !== 'string' ||
      !NAME_RULE.test(f.name) ||
      typeof f.sha256 !== 'string' ||
      typeof f.size !== 'number' ||
      f.signature !== `${SIG_DIR}${f.name}.p7s`
    ) {
      throw new Error(`manifest.json: files[${i}] is malformed`)
    }
  }
  return m as PackageManifest
}

/** Verifies a package offline. `trustedCaPem`: CA certificates the signers must chain to for `trusted`. */
export async function verifySignedPackage(
  pkg: Uint8Array,
  opts: { trustedCaPem?: readonly string[] } = {},
): Promise<PackageVerification> {
  const problems: string[] = []
  const result = (files: PackageFileCheck[], manifest?: PackageManifest): PackageVerification => {
    const ok = problems.length === 0 && files.every((f) => f.ok)
    return {
      ok,
      trusted: ok && files.every((f) => f.trusted === true),
      ...(manifest ? { manifest } : {}),
      files,
      problems,
    }
  }
  let zip: JSZip
  const entries = new Map<string, Uint8Array>()
  try {
    zip = await JSZip.loadAsync(pkg, { checkCRC32: true, createFolders: false })
    for (const entry of Object.values(zip.files)) {
      if (entry.dir) continue
      entries.set(entry.name, await entry.async('uint8array'))
    }
  } catch (e) {
    problems.push(`the package is not a readable zip: ${(e as Error).message}`)
    return result([])
  }
  const manifestBytes = entries.get(MANIFEST)
  if (manifestBytes === undefined) {
    problems.push('manifest.json is missing')
    return result([])
  }
  let manifest: PackageManifest
  try {
    manifest = parseManifest(manifestBytes)
  } catch (e) {
    problems.push((e as Error).message)
    return result([])
  }
  const check = (name: string, data: Uint8Array, sigName: string): PackageFileCheck => {
    const c: PackageFileCheck = { name, ok: true, problems: [] }
    const sig = entries.get(sigName)
    if (sig === undefined) {
      c.problems.push(`signature ${sigName} is missing`)
    } else {
      const v = verifyDetached(
        sig,
        data,
        opts.trustedCaPem !== undefined ? { trustedCaPem: opts.trustedCaPem } : {},
      )
      if (v.signer !== undefined) c.signer = v.signer
      if (v.ok) c.trusted = v.trusted
      else c.problems.push(`signature: ${v.reason}`)
      if (v.ok && !v.trusted && (opts.trustedCaPem?.length ?? 0) > 0)
        c.problems.push(`not trusted: ${v.trustReason}`)
    }
    c.ok = c.problems.length === 0
    return c
  }
  const files: PackageFileCheck[] = [check(MANIFEST, manifestBytes, `${SIG_DIR}${MANIFEST}.p7s`)]
  const expected = new Set([MANIFEST, `${SIG_DIR}${MANIFEST}.p7s`])
  for (const f of manifest.files) {
    expected.add(f.name).add(f.signature)
    const data = entries.get(f.name)
    if (data === undefined) {
      files.push({
        name: f.name,
        ok: false,
        problems: ['listed in the manifest but missing from the package'],
      })
      continue
    }
    const c = check(f.name, data, f.signature)
    if (data.byteLength !== f.size)
      c.problems.unshift(`size ${data.byteLength} differs from the manifest's ${f.size}`)
    const hash = sha256(data)
    if (hash !== f.sha256)
      c.problems.unshift(`sha256 ${hash} differs from the manifest's ${f.sha256}`)
    c.ok = c.problems.length === 0
    files.push(c)
  }
  for (const name of entries.keys())
    if (!expected.has(name)) problems.push(`unexpected entry "${name}" (not in the manifest)`)
  const signers = new Set(files.flatMap((f) => (f.signer ? [f.signer.certificatePem] : [])))
  if (signers.size > 1) problems.push('the files are signed by different certificates')
  if (problems.length === 0 && files.every((f) => f.ok)) {
    const order = [
      MANIFEST,
      `${SIG_DIR}${MANIFEST}.p7s`,
      ...manifest.files.flatMap((f) => [f.name, f.signature]),
    ]
    const rebuilt = await writeZip(order.map((n) => [n, entries.get(n) as Uint8Array] as const))
    if (!Buffer.from(rebuilt).equals(Buffer.from(pkg))) {
      problems.push(
        'the zip container differs from its canonical form: bytes outside the signed files were changed, or the package was re-packed',
      )
    }
  }
  return result(files, manifest)
}
