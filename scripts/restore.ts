/** CLI wrapper; see runtime/cli/restore.ts. */
import { restoreMain } from '../runtime/cli/restore.js'

process.exitCode = await restoreMain(process.argv.slice(2), process.env, (line) =>
  console.log(line),
)
