import { Migrator } from '@mikro-orm/migrations'
import { MikroORM } from '@mikro-orm/postgresql'
import { entities } from './entities/index.js'
import { migrations } from './migrations/index.js'

export type Orm = MikroORM

export interface OrmOptions {
  /** Pool size; the default suits one app server. */
  poolMax?: number
  debug?: boolean
}

/**
 * Connects MikroORM to PostgreSQL. Migrations are listed explicitly (no folder scan), so the
 * same code runs under tsx, Node's type stripping and a bundle.
 */
export async function createOrm(clientUrl: string, opts: OrmOptions = {}): Promise<Orm> {
  return MikroORM.init({
    clientUrl,
    entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: migrations,
      path: 'runtime/db/migrations',
      emit: 'ts',
      snapshot: false,
      silent: true,
    },
    pool: { min: 0, max: opts.poolMax ?? 20 },
    debug: opts.debug ?? false,
    // Entities are defined with defineEntity; there is nothing to discover on disk.
    discovery: { warnWhenNoEntities: true },
  })
}

/** Applies pending migrations (never schema.update: the migration files are the schema). */
export async function migrate(orm: Orm): Promise<string[]> {
  const done = await orm.migrator.up()
  return done.map((m) => m.name)
}
