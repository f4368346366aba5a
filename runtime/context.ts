import type { EntityManager } from '@mikro-orm/postgresql'
import type { Role } from './db/entities/index.js'
import type { Orm } from './db/orm.js'
import type { ScryptCost } from './auth/password.js'
import type { ConnectorConfig } from './services/connectors/config.js'
import type { EngineHolder } from './services/engine.js'

export interface RuntimeConfig {
  /** Secure cookies (HTTPS); off for local http://localhost. */
  cookieSecure: boolean
  /** Largest accepted request body, in bytes (413 above). */
  bodyLimitBytes: number
  sessionTtlMs: number
  /** Failed logins before the account is locked, and for how long. */
  maxFailedLogins: number
  lockoutMs: number
  scryptCost?: ScryptCost
  /** The clock; tests pass a fixed one. */
  now: () => Date
  /**
   * Connector of each plugin's prefill hook, by plugin id (server.ts reads `RB_CONNECTOR_<PLUGIN>`);
   * a tenant's setting in `plugin_setting` wins over these.
   */
  connectors: Readonly<Record<string, ConnectorConfig>>
  /** Hosts a tenant's admin may point an HTTP connector at (`RB_CONNECTOR_HOSTS`); see connectorHostRefusal. */
  connectorHosts: readonly string[]
  /** Handsontable licence key the web app's grids use (`HANDSONTABLE_LICENSE_KEY`); the evaluation key when unset. */
  gridLicenseKey?: string
  /** Receiving windows close this many days after each unit's deadline unless an assignment says otherwise. */
  receivingDaysAfterDeadline: number
}

export const defaultConfig: RuntimeConfig = {
  cookieSecure: false,
  bodyLimitBytes: 5 * 1024 * 1024,
  sessionTtlMs: 8 * 60 * 60 * 1000,
  maxFailedLogins: 5,
  lockoutMs: 15 * 60 * 1000,
  now: () => new Date(),
  connectors: {},
  connectorHosts: [],
  receivingDaysAfterDeadline: 15,
}

export interface AppContext {
  orm: Orm
  config: RuntimeConfig
  /** Core engine of the installed plugins (formula functions, rules). */
  engine: EngineHolder
  /** Project root: bundled plugins live in `<rootDir>/plugins`. */
  rootDir: string
}

export interface AuthUser {
  id: number
  username: string
  fullName: string
  unitId: number
}

/** A role held on a unit; `path` is the unit's ancestor path, for subtree checks. */
export interface Grant {
  role: Role
  unitId: number
  unitCode: string
  path: string
}

export interface Auth {
  user: AuthUser
  sessionId: string
  csrfToken: string
  grants: Grant[]
}

export interface AppEnv {
  Variables: {
    ctx: AppContext
    /** Request-scoped entity manager; inside a transaction for state-changing methods. */
    em: EntityManager
    auth: Auth | undefined
  }
}
