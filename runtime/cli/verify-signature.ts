import { readFile } from 'node:fs/promises'
import { createOrm } from '../db/orm.js'
import { verifyDetached } from '../exports/cms.js'
import { verifyRevisionSignatures } from '../services/signing.js'
import { toolDatabase, type Log } from './tool-db.js'

/**
 * Verifies approval signatures (CMS, detached) of report revisions. Returns 0 when every signature
 * is valid and chains to the CA, 1 otherwise.
 *
 *   verify-signature --revision <id>                                 stored revision (database)
 *   verify-signature --content <file> --cms <file> [--ca <pem file>] offline files
 *
 * Files for offline checking come from GET /api/v1/revisions/<id>/signed-content.
 */
export async function verifySignatureMain(
  args: string[],
  env: NodeJS.ProcessEnv,
  log: Log,
): Promise<number> {
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`)
    return i >= 0 ? args[i + 1] : undefined
  }
  const revision = opt('revision')
  const content = opt('content')
  const cms = opt('cms')
  if (revision !== undefined) return (await fromDatabase(Number(revision), env, log)) ? 0 : 1
  if (content !== undefined && cms !== undefined)
    return (await fromFiles(content, cms, opt('ca'), log)) ? 0 : 1
  log('Usage: verify-signature --revision <id> | --content <file> --cms <file> [--ca <pem>]')
  return 2
}

async function fromFiles(
  contentFile: string,
  cmsFile: string,
  caFile: string | undefined,
  log: Log,
): Promise<boolean> {
  const content = await readFile(contentFile)
  const raw = await readFile(cmsFile)
  // DER starts with a SEQUENCE tag; anything else is taken as base64 text.
  const cms = raw[0] === 0x30 ? raw : Buffer.from(raw.toString('utf8').trim(), 'base64')
  const ca = caFile === undefined ? [] : [await readFile(caFile, 'utf8')]
  const r = verifyDetached(cms, content, { trustedCaPem: ca })
  if (!r.ok) {
    log(`INVALID: ${r.reason}`)
    return false
  }
  log(
    `valid signature by ${r.signer.subject}${r.signer.signingTime ? ` at ${r.signer.signingTime.toISOString()}` : ''}`,
  )
  log(r.trusted ? `trusted: ${r.trustReason}` : `NOT trusted: ${r.trustReason}`)
  return caFile === undefined ? true : r.trusted
}

async function fromDatabase(
  revisionId: number,
  env: NodeJS.ProcessEnv,
  log: Log,
): Promise<boolean> {
  const db = await toolDatabase(env)
  const orm = await createOrm(db.url, { poolMax: 2 })
  try {
    const result = await verifyRevisionSignatures(orm.em.fork(), revisionId)
    if (result === undefined) {
      log(`No revision ${revisionId}`)
      return false
    }
    if (result.checks.length === 0) {
      log(`Revision ${revisionId} is not signed`)
      return false
    }
    // The latest approval decides (a revision returned after approval is signed again).
    let ok = false
    for (const c of result.checks) {
      const good = c.valid && c.trusted
      ok = good
      log(
        `${good ? 'VALID' : 'INVALID'} signature #${c.signatureId}${c.signer ? ` by ${c.signer}` : ''}: ${c.reason} (content sha256 ${c.contentSha256})`,
      )
    }
    return ok
  } finally {
    await orm.close()
    await db.embedded?.stop()
  }
}
