import { defineEntity, p } from '@mikro-orm/core'
import { AppUser } from './identity.js'
import { OrgUnit } from './org.js'
import { ReportRevision } from './reporting.js'

/** Demo PKI: the CA (kind 'ca', no unit) and one signing certificate per unit. */
export const PkiCredential = defineEntity({
  name: 'PkiCredential',
  tableName: 'pki_credential',
  properties: {
    id: p.integer().primary(),
    kind: p.string().length(10).check(`kind in ('ca', 'unit')`),
    unit: () => p.manyToOne(OrgUnit).nullable(),
    subject: p.string().length(500),
    serial: p.string().length(64),
    certPem: p.text(),
    keyPem: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['kind', 'unit'] }],
})

/** A CMS (PKCS#7, detached) signature over the canonical JSON of a revision. */
export const RevisionSignature = defineEntity({
  name: 'RevisionSignature',
  tableName: 'revision_signature',
  properties: {
    id: p.integer().primary(),
    tenantId: p.integer(),
    revision: () => p.manyToOne(ReportRevision).index(),
    signer: () => p.manyToOne(AppUser),
    unit: () => p.manyToOne(OrgUnit),
    contentSha256: p.string().length(64),
    /** DER, base64. */
    cms: p.text(),
    certPem: p.text(),
    signedAt: p.datetime().onCreate(() => new Date()),
  },
})
