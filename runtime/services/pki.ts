import { generateKeyPair, randomBytes } from 'node:crypto'
import type { EntityManager } from '@mikro-orm/postgresql'
import forge from 'node-forge'
import { query, queryOne } from '../db/sql.js'
import type { SigningCredential } from '../exports/cms.js'

const { pki } = forge

/**
 * Demo PKI generated at first start: one CA per installation and one signing certificate per
 * unit, kept in PostgreSQL so every app server signs with the same keys. A real deployment signs
 * with the leaders' USB tokens / remote signing (Ban Cơ yếu CA); this stands in for it.
 */
export interface CaRecord {
  certPem: string
  keyPem: string
}

function rsaKeyPair(): Promise<{ publicPem: string; privatePem: string }> {
  return new Promise((resolve, reject) =>
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      },
      (err, publicPem, privatePem) => (err ? reject(err) : resolve({ publicPem, privatePem })),
    ),
  )
}

type Attrs = {
  name?: string
  shortName?: string
  value: string
  valueTagClass?: forge.asn1.Class
}[]

// UTF8String so Vietnamese names survive (forge's default PrintableString cannot hold them).
const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class

function makeCert(
  subject: Attrs,
  publicPem: string,
  issuer: { attrs: Attrs; keyPem: string },
  isCa: boolean,
  now: Date,
): { pem: string; serial: string } {
  const cert = pki.createCertificate()
  cert.publicKey = pki.publicKeyFromPem(publicPem)
  cert.serialNumber = `01${randomBytes(8).toString('hex')}` // leading 01: positive INTEGER
  // Back-dated so a demo installed today can sign reports of the past year (tests use fixed clocks).
  cert.validity.notBefore = new Date(now.getTime() - 400 * 24 * 3600 * 1000)
  cert.validity.notAfter = new Date(now.getTime() + (isCa ? 10 : 2) * 365 * 24 * 3600 * 1000)
  cert.setSubject(subject)
  cert.setIssuer(issuer.attrs)
  cert.setExtensions([
    { name: 'basicConstraints', cA: isCa, critical: true },
    isCa
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ])
  cert.sign(pki.privateKeyFromPem(issuer.keyPem), forge.md.sha256.create())
  return { pem: pki.certificateToPem(cert), serial: cert.serialNumber }
}

const CA_SUBJECT: Attrs = [
  { name: 'commonName', value: 'CA thử nghiệm - Hệ thống báo cáo (demo)', valueTagClass: utf8 },
  { name: 'organizationName', value: 'Report builder demo', valueTagClass: utf8 },
  { name: 'countryName', value: 'VN' },
]

/** The installation's CA, created on first use. */
export async function ensureCa(em: EntityManager, now: Date): Promise<CaRecord> {
  const found = await queryOne<CaRecord>(
    em,
    `select cert_pem as "certPem", key_pem as "keyPem" from pki_credential where kind = 'ca' and unit_id is null`,
  )
  if (found !== undefined) return found
  const keys = await rsaKeyPair()
  const cert = makeCert(
    CA_SUBJECT,
    keys.publicPem,
    { attrs: CA_SUBJECT, keyPem: keys.privatePem },
    true,
    now,
  )
  // Two servers creating the CA at once: the second insert is dropped and both read the winner.
  await query(
    em,
    `insert into pki_credential (kind, unit_id, subject, serial, cert_pem, key_pem, created_at)
     select 'ca', null, ?, ?, ?, ?, ? where not exists (select 1 from pki_credential where kind = 'ca' and unit_id is null)`,
    [CA_SUBJECT[0]!.value, cert.serial, cert.pem, keys.privatePem, now],
  )
  return (await queryOne<CaRecord>(
    em,
    `select cert_pem as "certPem", key_pem as "keyPem" from pki_credential where kind = 'ca' and unit_id is null order by id limit 1`,
  ))!
}

/** The signing credential of a unit, issued by the CA on first use. */
export async function ensureUnitCredential(
  em: EntityManager,
  unit: { id: number; code: string; name: string },
  now: Date,
): Promise<SigningCredential> {
  const found = await queryOne<{ certPem: string; keyPem: string }>(
    em,
    `select cert_pem as "certPem", key_pem as "keyPem" from pki_credential where kind = 'unit' and unit_id = ?`,
    [unit.id],
  )
  if (found !== undefined) return { certificatePem: found.certPem, privateKeyPem: found.keyPem }
  const ca = await ensureCa(em, now)
  const keys = await rsaKeyPair()
  const subject: Attrs = [
    { name: 'commonName', value: unit.name, valueTagClass: utf8 },
    { name: 'organizationalUnitName', value: unit.code, valueTagClass: utf8 },
    { name: 'countryName', value: 'VN' },
  ]
  const cert = makeCert(
    subject,
    keys.publicPem,
    { attrs: CA_SUBJECT, keyPem: ca.keyPem },
    false,
    now,
  )
  await query(
    em,
    `insert into pki_credential (kind, unit_id, subject, serial, cert_pem, key_pem, created_at)
     values ('unit', ?, ?, ?, ?, ?, ?) on conflict (kind, unit_id) do nothing`,
    [unit.id, unit.name, cert.serial, cert.pem, keys.privatePem, now],
  )
  const row = (await queryOne<{ certPem: string; keyPem: string }>(
    em,
    `select cert_pem as "certPem", key_pem as "keyPem" from pki_credential where kind = 'unit' and unit_id = ?`,
    [unit.id],
  ))!
  return { certificatePem: row.certPem, privateKeyPem: row.keyPem }
}

/** PEM of the CA certificate: the trust anchor for verification. */
export async function caCertificatePem(em: EntityManager): Promise<string | undefined> {
  const row = await queryOne<{ certPem: string }>(
    em,
    `select cert_pem as "certPem" from pki_credential where kind = 'ca' and unit_id is null order by id limit 1`,
  )
  return row?.certPem
}
