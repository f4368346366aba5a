/**
 * Verifies a signed report package offline.
 *   npx tsx scripts/verify-package.ts <package.zip> [--ca <ca.pem>]... [--json]
 * Exit code 0 = intact (and trusted when --ca is given), 1 = verification failed, 2 = bad usage.
 */
import { readFileSync } from 'node:fs'
import { verifySignedPackage } from '../runtime/exports/signed-package.js'

function usage(message: string): never {
  console.error(`${message}\nusage: verify-package <package.zip> [--ca <ca.pem>]... [--json]`)
  process.exit(2)
}

const args = process.argv.slice(2)
let file: string | undefined
const cas: string[] = []
let json = false
for (let i = 0; i < args.length; i++) {
  const a = args[i] as string
  if (a === '--json') json = true
  else if (a === '--ca') {
    const p = args[++i]
    if (p === undefined) usage('--ca needs a file')
    cas.push(readFileSync(p, 'utf8'))
  } else if (a.startsWith('--')) usage(`unknown option ${a}`)
  else if (file === undefined) file = a
  else usage(`unexpected argument ${a}`)
}
if (file === undefined) usage('no package given')

let bytes: Uint8Array
try {
  bytes = readFileSync(file)
} catch (e) {
  usage(`cannot read ${file}: ${(e as Error).message}`)
}
const v = await verifySignedPackage(bytes, cas.length > 0 ? { trustedCaPem: cas } : {})
if (json) {
  console.log(
    JSON.stringify(
      {
        ok: v.ok,
        trusted: v.trusted,
        problems: v.problems,
        files: v.files.map(({ signer, ...f }) => ({
          ...f,
          signer: signer?.subject,
          signedAt: signer?.signingTime?.toISOString(),
        })),
      },
      null,
      2,
    ),
  )
} else {
  for (const f of v.files) {
    const who = f.signer
      ? ` — ${f.signer.subject}${f.signer.signingTime ? `, ${f.signer.signingTime.toISOString()}` : ''}`
      : ''
    console.log(`${f.ok ? 'OK  ' : 'FAIL'} ${f.name}${who}`)
    for (const p of f.problems) console.log(`       ${p}`)
  }
  for (const p of v.problems) console.log(`FAIL ${p}`)
  const trust =
    cas.length === 0 ? ' (integrity only: no --ca given)' : v.trusted ? ', signatures trusted' : ''
  console.log(v.ok ? `package intact${trust}` : 'package NOT intact')
}
process.exit(v.ok ? 0 : 1)
