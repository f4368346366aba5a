/** CLI wrapper; see runtime/cli/plugin.ts. */
import { pluginMain } from '../runtime/cli/plugin.js'

process.exitCode = await pluginMain(process.argv.slice(2), process.env, (line) => console.log(line))
