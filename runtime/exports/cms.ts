/**
 * CMS (PKCS#7) SignedData with detached content: signing with node-forge, verification by hand
 * (node-forge cannot verify PKCS#7) with node:crypto doing the RSA check.
 */
import { X509Certificate, createHash, verify as cryptoVerify } from 'node:crypto'
import forge from 'node-forge'

export interface SigningCredential {
  /** Signer certificate, PEM. */
  certificatePem: string
  /** RSA private key, PEM (PKCS#1 or PKCS#8). */
  privateKeyPem: string
  /** Intermediate certificates to embed, PEM. */
  chainPem?: readonly string[]
}

export interface CmsSignerInfo {
  subject: string
  serialNumber: string
  certificatePem: string
  signingTime?: Date
}

export type CmsVerification =
  | {
      ok: true
      signer: CmsSignerInfo
      /** true when the signer chains to one of the trust anchors given (and was valid at signing time). */
      trusted: boolean
      trustReason: string
    }
  | { ok: false; reason: string; signer?: CmsSignerInfo }

const { asn1, pki } = forge
const OID = {
  signedData: pki.oids.signedData as string,
  data: pki.oids.data as string,
  contentType: pki.oids.contentType as string,
  messageDigest: pki.oids.messageDigest as string,
  signingTime: pki.oids.signingTime as string,
  sha256: pki.oids.sha256 as string,
}

const toBinary = (bytes: Uint8Array) => Buffer.from(bytes).toString('binary')
const fromBinary = (s: string) => new Uint8Array(Buffer.from(s, 'binary'))

/** Signs `content` (SHA-256, RSA PKCS#1 v1.5, signed attributes content-type, message-digest, signing-time); returns DER. */
export function signDetached(
  content: Uint8Array,
  cred: SigningCredential,
  signingTime = new Date(),
): Uint8Array {
  const p7 = forge.pkcs7.createSignedData()
  p7.content = forge.util.createBuffer(toBinary(content))
  p7.addCertificate(pki.certificateFromPem(cred.certificatePem))
  for (const pem of cred.chainPem ?? []) p7.addCertificate(pem)
  p7.addSigner({
    key: pki.privateKeyFromPem(cred.privateKeyPem),
    certificate: signerIdentity(cred.certificatePem),
    digestAlgorithm: OID.sha256,
    authenticatedAttributes: [
      { type: OID.contentType, value: OID.data },
      { type: OID.messageDigest },
      // forge's typings say string, its code takes a Date for signing-time
      { type: OID.signingTime, value: signingTime as unknown as string },
    ],
  })
  p7.sign({ detached: true })
  return fromBinary(asn1.toDer(p7.toAsn1()).getBytes())
}

/**
 * forge keeps parsed UTF8String name values as raw UTF-8 bytes but encodes them again when it writes the
 * signer's issuer, which garbles non-ASCII names (Vietnamese CAs): decode them first. Only issuer and serial
 * of this copy are used.
 */
function signerIdentity(pem: string): forge.pki.Certificate {
  const cert = pki.certificateFromPem(pem)
  for (const attr of cert.issuer.attributes) {
    if (
      (attr.valueTagClass as number | undefined) === asn1.Type.UTF8 &&
      typeof attr.value === 'string'
    )
      attr.value = forge.util.decodeUtf8(attr.value)
  }
  return cert
}

// forge takes an options object here (its typings say boolean); raw bit strings keep certificates byte-exact on re-encoding
const fromDer = (bytes: string) =>
  (
    asn1.fromDer as unknown as (
      b: string,
      o: { strict: boolean; decodeBitStrings: boolean },
    ) => forge.asn1.Asn1
  )(bytes, {
    strict: true,
    decodeBitStrings: false,
  })

function children(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  return node !== undefined && Array.isArray(node.value) ? (node.value as forge.asn1.Asn1[]) : []
}
function bytesOf(node: forge.asn1.Asn1 | undefined): string {
  return node !== undefined && typeof node.value === 'string' ? node.value : ''
}
const der = (node: forge.asn1.Asn1) => asn1.toDer(node).getBytes()
const isCtx = (node: forge.asn1.Asn1 | undefined, tag: number) =>
  node !== undefined && node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === tag

interface ParsedSigner {
  issuerDer: string
  serial: string
  digestOid: string
  signedAttrs?: forge.asn1.Asn1
  signature: string
}

function parseCms(cms: Uint8Array): {
  certs: forge.asn1.Asn1[]
  signers: ParsedSigner[]
  embedded: boolean
} {
  const root = fromDer(toBinary(cms))
  const [typeNode, wrapped] = children(root)
  if (typeNode === undefined || asn1.derToOid(bytesOf(typeNode)) !== OID.signedData) {
    throw new Error('not a CMS SignedData structure')
  }
  const sd = children(wrapped)[0]
  const parts = children(sd)
  const encap = parts[2]
  const embedded = children(encap).length > 1
  let certs: forge.asn1.Asn1[] = []
  const signerSet = parts[parts.length - 1]
  for (const part of parts.slice(3, -1)) if (isCtx(part, 0)) certs = children(part)
  const signers = children(signerSet).map((si): ParsedSigner => {
    const f = children(si)
    const sid = children(f[1])
    const attrs = isCtx(f[3], 0) ? f[3] : undefined
    const sigNode = attrs !== undefined ? f[5] : f[4]
    return {
      issuerDer: sid[0] !== undefined ? der(sid[0]) : '',
      serial: bytesOf(sid[1]),
      digestOid: asn1.derToOid(bytesOf(children(f[2])[0])),
      ...(attrs !== undefined ? { signedAttrs: attrs } : {}),
      signature: bytesOf(sigNode),
    }
  })
  return { certs, signers, embedded }
}

function attribute(attrs: forge.asn1.Asn1, oid: string): forge.asn1.Asn1 | undefined {
  for (const attr of children(attrs)) {
    const [type, values] = children(attr)
    if (type !== undefined && asn1.derToOid(bytesOf(type)) === oid) return children(values)[0]
  }
  return undefined
}

function pemOf(certDer: string): string {
  return forge.pem.encode({ type: 'CERTIFICATE', body: certDer })
}

/**
 * Verifies a detached CMS signature over `content`. Integrity (digest + RSA signature with the embedded
 * certificate) decides `ok`; `trusted` additionally needs a chain to one of `trustedCaPem`.
 */
export function verifyDetached(
  cms: Uint8Array,
  content: Uint8Array,
  opts: { trustedCaPem?: readonly string[] } = {},
): CmsVerification {
  let parsed: ReturnType<typeof parseCms>
  try {
    parsed = parseCms(cms)
  } catch (e) {
    return { ok: false, reason: `cannot read the signature: ${(e as Error).message}` }
  }
  if (parsed.embedded)
    return {
      ok: false,
      reason: 'the signature embeds its content; a detached signature is expected',
    }
  const si = parsed.signers[0]
  if (si === undefined || parsed.signers.length !== 1) {
    return { ok: false, reason: `expected one signer, found ${parsed.signers.length}` }
  }
  if (si.digestOid !== OID.sha256)
    return { ok: false, reason: `unsupported digest algorithm ${si.digestOid}` }
  const certDer = parsed.certs.map(der).find((c) => {
    const tbs = children(children(fromDer(c))[0])
    const off = isCtx(tbs[0], 0) ? 1 : 0
    const serial = tbs[off]
    const issuer = tbs[off + 2]
    return (
      serial !== undefined &&
      issuer !== undefined &&
      bytesOf(serial) === si.serial &&
      der(issuer) === si.issuerDer
    )
  })
  if (certDer === undefined)
    return { ok: false, reason: "the signer's certificate is not in the signature" }
  const x509 = new X509Certificate(Buffer.from(certDer, 'binary'))
  const signer: CmsSignerInfo = {
    subject: x509.subject,
    serialNumber: x509.serialNumber,
    certificatePem: pemOf(certDer),
  }
  const contentDigest = createHash('sha256').update(content).digest()
  let signedBytes: Buffer
  if (si.signedAttrs !== undefined) {
    const md = attribute(si.signedAttrs, OID.messageDigest)
    if (md === undefined)
      return { ok: false, reason: 'the signed attributes have no message-digest', signer }
    if (!Buffer.from(bytesOf(md), 'binary').equals(contentDigest)) {
      return {
        ok: false,
        reason: 'the content does not match the signed digest (the file was changed)',
        signer,
      }
    }
    const time = attribute(si.signedAttrs, OID.signingTime)
    if (time !== undefined) {
      signer.signingTime =
        time.type === asn1.Type.UTCTIME
          ? asn1.utcTimeToDate(bytesOf(time))
          : asn1.generalizedTimeToDate(bytesOf(time))
    }
    // The signature covers the attributes re-tagged as a universal SET (RFC 5652 §5.4).
    signedBytes = Buffer.from(
      der(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, children(si.signedAttrs))),
      'binary',
    )
  } else {
    signedBytes = Buffer.from(content)
  }
  const valid = cryptoVerify(
    'sha256',
    signedBytes,
    x509.publicKey,
    Buffer.from(si.signature, 'binary'),
  )
  if (!valid)
    return {
      ok: false,
      reason: 'the signature value does not verify with the signer certificate',
      signer,
    }
  const trust = checkTrust(
    x509,
    parsed.certs.map(der),
    opts.trustedCaPem ?? [],
    signer.signingTime ?? new Date(),
  )
  return { ok: true, signer, ...trust }
}

function checkTrust(
  cert: X509Certificate,
  embedded: readonly string[],
  anchorsPem: readonly string[],
  at: Date,
): { trusted: boolean; trustReason: string } {
  if (anchorsPem.length === 0)
    return { trusted: false, trustReason: 'no trust anchors given: integrity checked only' }
  const anchors = anchorsPem.map((p) => new X509Certificate(p))
  const pool = embedded.map((d) => new X509Certificate(Buffer.from(d, 'binary')))
  const within = (c: X509Certificate) => at >= new Date(c.validFrom) && at <= new Date(c.validTo)
  let current = cert
  for (let depth = 0; depth < 6; depth++) {
    if (!within(current))
      return {
        trusted: false,
        trustReason: `certificate "${current.subject}" was not valid at ${at.toISOString()}`,
      }
    if (anchors.some((a) => a.fingerprint256 === current.fingerprint256))
      return { trusted: true, trustReason: `signer is a trust anchor` }
    const anchor = anchors.find((a) => current.checkIssued(a) && current.verify(a.publicKey))
    if (anchor !== undefined)
      return { trusted: true, trustReason: `issued by trust anchor "${anchor.subject}"` }
    const next = pool.find(
      (c) =>
        c.fingerprint256 !== current.fingerprint256 &&
        current.checkIssued(c) &&
        current.verify(c.publicKey),
    )
    if (next === undefined) break
    current = next
  }
  return {
    trusted: false,
    trustReason: `certificate "${cert.subject}" does not chain to a trust anchor`,
  }
}
