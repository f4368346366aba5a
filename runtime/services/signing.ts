import { createHash } from 'node:crypto'
import type { EntityManager } from '@mikro-orm/postgresql'
import type { SubmissionDocument } from '../../core/index.js'
import { query, queryOne } from '../db/sql.js'
import { canonicalJson } from '../exports/canonical-json.js'
import { signDetached, verifyDetached } from '../exports/cms.js'
import { caCertificatePem, ensureUnitCredential } from './pki.js'

/**
 * What a leader signs: the canonical JSON of the revision's submission document (template code
 * and version, unit, period, revision number, values, narrative, explanations).
 */
export function signedContent(doc: SubmissionDocument): Buffer {
  return Buffer.from(canonicalJson(doc), 'utf8')
}

export interface StoredSignature {
  id: number
  signerId: number
  unitId: number
  contentSha256: string
  cms: string
  certPem: string
  signedAt: string
}

/** Signs a revision with its unit's certificate and stores the detached CMS signature. */
export async function signRevision(
  em: EntityManager,
  rev: { id: number; tenantId: number; document: SubmissionDocument },
  unit: { id: number; code: string; name: string },
  signerId: number,
  now: Date,
): Promise<StoredSignature> {
  const cred = await ensureUnitCredential(em, unit, now)
  const content = signedContent(rev.document)
  const cms = Buffer.from(signDetached(content, cred, now)).toString('base64')
  const sha = createHash('sha256').update(content).digest('hex')
  const row = await queryOne<{ id: number }>(
    em,
    `insert into revision_signature (tenant_id, revision_id, signer_id, unit_id, content_sha256, cms, cert_pem, signed_at)
     values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [rev.tenantId, rev.id, signerId, unit.id, sha, cms, cred.certificatePem, now],
  )
  return {
    id: row!.id,
    signerId,
    unitId: unit.id,
    contentSha256: sha,
    cms,
    certPem: cred.certificatePem,
    signedAt: now.toISOString(),
  }
}

export interface SignatureCheck {
  signatureId: number
  valid: boolean
  trusted: boolean
  reason: string
  signer?: string
  signedAt?: string
  contentSha256: string
}

/** Checks every signature of a revision against its current stored document and the demo CA. */
export async function verifyRevisionSignatures(
  em: EntityManager,
  revisionId: number,
): Promise<{ document: SubmissionDocument; checks: SignatureCheck[] } | undefined> {
  const rev = await queryOne<{ document: SubmissionDocument }>(
    em,
    'select document from report_revision where id = ?',
    [revisionId],
  )
  if (rev === undefined) return undefined
  const sigs = await query<{ id: number; cms: string }>(
    em,
    'select id, cms from revision_signature where revision_id = ? order by id',
    [revisionId],
  )
  const ca = await caCertificatePem(em)
  const content = signedContent(rev.document)
  const sha = createHash('sha256').update(content).digest('hex')
  const checks = sigs.map((s): SignatureCheck => {
    const r = verifyDetached(Buffer.from(s.cms, 'base64'), content, {
      trustedCaPem: ca === undefined ? [] : [ca],
    })
    if (!r.ok)
      return {
        signatureId: s.id,
        valid: false,
        trusted: false,
        reason: r.reason,
        contentSha256: sha,
        ...(r.signer ? { signer: r.signer.subject } : {}),
      }
    return {
      signatureId: s.id,
      valid: true,
      trusted: r.trusted,
      reason: r.trustReason,
      signer: r.signer.subject,
      ...(r.signer.signingTime ? { signedAt: r.signer.signingTime.toISOString() } : {}),
      contentSha256: sha,
    }
  })
  return { document: rev.document, checks }
}
