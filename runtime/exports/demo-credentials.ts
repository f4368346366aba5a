/**
 * Throw-away X.509 credentials for tests and demos: a CA and certificates it issues.
 * Keys come from node:crypto (fast); node-forge builds and signs the certificates.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import forge from 'node-forge'
import type { SigningCredential } from './cms.js'

const { pki } = forge

function keyPair(): {
  publicKey: forge.pki.rsa.PublicKey
  privateKey: forge.pki.rsa.PrivateKey
  privateKeyPem: string
} {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  return {
    publicKey: pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    privateKey: pki.privateKeyFromPem(privateKeyPem),
    privateKeyPem,
  }
}

function certificate(
  subject: string,
  publicKey: forge.pki.rsa.PublicKey,
  issuer: { cert?: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey },
  isCa: boolean,
): forge.pki.Certificate {
  const cert = pki.createCertificate()
  cert.publicKey = publicKey
  // positive serial: clear the top bit
  cert.serialNumber = '01' + randomBytes(8).toString('hex')
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000)
  cert.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600 * 1000)
  // UTF8String (forge encodes it) so Vietnamese names survive; the default PrintableString cannot hold them
  const attrs: forge.pki.CertificateField[] = [
    // the typings call valueTagClass a Class; forge reads it as the universal Type of the value
    {
      name: 'commonName',
      value: subject,
      valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class,
    },
    { name: 'countryName', value: 'VN' },
  ]
  cert.setSubject(attrs)
  cert.setIssuer(issuer.cert?.subject.attributes ?? attrs)
  cert.setExtensions([
    { name: 'basicConstraints', cA: isCa },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: !isCa, keyCertSign: isCa },
  ])
  cert.sign(issuer.key, forge.md.sha256.create())
  return cert
}

export interface DemoCa {
  certificatePem: string
  issue(commonName: string): SigningCredential
}

/** A self-signed CA whose `issue` makes signer credentials (RSA 2048, SHA-256). */
export function createDemoCa(commonName = 'Demo CA'): DemoCa {
  const ca = keyPair()
  const caCert = certificate(commonName, ca.publicKey, { key: ca.privateKey }, true)
  return {
    certificatePem: pki.certificateToPem(caCert),
    issue(cn) {
      const k = keyPair()
      const cert = certificate(cn, k.publicKey, { cert: caCert, key: ca.privateKey }, false)
      return { certificatePem: pki.certificateToPem(cert), privateKeyPem: k.privateKeyPem }
    },
  }
}
