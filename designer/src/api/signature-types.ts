/** A signature of a revision as GET /instances/:id/revisions/:no lists it. */
export interface RevisionSignature {
  id: number
  contentSha256: string
  signedAt: string
  /** Username of the leader who signed. */
  signer: string
}

/** One CMS signature checked against the revision's stored content and the CA. */
export interface SignatureCheck {
  signatureId: number
  valid: boolean
  trusted: boolean
  reason?: string
  /** The certificate's subject (`CN=…, O=…`). */
  signer?: string
  signedAt?: string
  contentSha256: string
}

/** GET /revisions/:id/signatures/verify: the latest signature is the one that must hold. */
export interface SignatureVerification {
  revisionId: number
  signed: boolean
  valid: boolean
  signatures: SignatureCheck[]
}
