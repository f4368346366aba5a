/** CLI wrapper; see runtime/cli/verify-signature.ts. */
import { verifySignatureMain } from '../runtime/cli/verify-signature.js'

process.exitCode = await verifySignatureMain(process.argv.slice(2), process.env, (line) =>
  console.log(line),
)
