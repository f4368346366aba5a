/** CLI wrapper; see runtime/cli/backup.ts. */
import { backupMain } from '../runtime/cli/backup.js'

process.exitCode = await backupMain(process.argv.slice(2), process.env, (line) => console.log(line))
