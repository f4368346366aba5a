/** Every migration, in order. `runtime/db/create-migration.ts` appends new ones here. */
import { Migration20261122214128 } from './Migration20261122214128.js'
import { Migration20261122223103 } from './Migration20261122223103.js'
import { Migration20261203162425 } from './Migration20261203162425.js'
import { Migration20261203163500 } from './Migration20261203163500.js'

export const migrations = [
  Migration20261122214128,
  Migration20261122223103,
  Migration20261203162425,
  Migration20261203163500,
]
