import type { ScryptCost } from '../../runtime/auth/password.js'

/** What the global setup hands to test files. */
export interface TestPg {
  /** Maintenance URL of the server (database `postgres`). */
  serverUrl: string
  /** Migrated, seeded database that each test file clones. */
  templateDb: string
  /** Prefix of every database this run creates (dropped at the end). */
  prefix: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    pg: TestPg
  }
}

/** scrypt at a test cost: the hashing code path is the same, only N is smaller. */
export const TEST_SCRYPT_COST: ScryptCost = { N: 1024, r: 8, p: 1 }

/** When the test template database is seeded (demo certificates are valid from 400 days before, for 2 years). */
export const SEED_DATE = new Date('2026-09-01T00:00:00Z')
