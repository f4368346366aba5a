import {
  createEngine,
  createFunctionRegistry,
  type Engine,
  type FunctionRegistry,
} from '../../core/index.js'
import adminTiers from '../../plugins/admin-tiers/index.js'
import digitization from '../../plugins/digitization/index.js'
import directionReview from '../../plugins/direction-review/index.js'
import edocs from '../../plugins/edocs/index.js'
import exampleSmall from '../../plugins/example-small/index.js'
import gazette from '../../plugins/gazette/index.js'
import kstthc from '../../plugins/kstthc/index.js'
import meetings from '../../plugins/meetings/index.js'

const PLUGINS = [
  adminTiers,
  digitization,
  directionReview,
  edocs,
  exampleSmall,
  gazette,
  kstthc,
  meetings,
]
let engine: Engine | undefined
let functions: FunctionRegistry | undefined

/**
 * Formula functions of the bundled plugins, without building the whole engine (which loads every
 * bundled template, half a second in the browser): what the form sheet needs.
 */
export function bundledFunctions(): FunctionRegistry {
  functions ??=
    engine?.functions ?? createFunctionRegistry(PLUGINS.flatMap((p) => p.functions ?? []))
  return functions
}

/**
 * The engine of the plugins bundled with the designer: their formula functions are needed to
 * evaluate templates in the browser (the same core engine as the server), and their templates
 * are the library the offline designer can open. Plugins the runtime installs at run time from a
 * folder are not in this bundle; their templates still load, but their own functions show #NAME?.
 */
export function bundledEngine(): Engine {
  engine ??= createEngine({ plugins: PLUGINS })
  return engine
}
