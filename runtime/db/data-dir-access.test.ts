import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  blockedParents,
  ensureReachable,
  postgresUser,
  shownPath,
  type RunAs,
} from './data-dir-access.js'
import { startEmbeddedPostgres } from './embedded.js'

// An account that owns nothing here, as the `postgres` user does (or will, once created).
const stranger: RunAs = { name: 'postgres', uid: 424242, gids: [424242] }
const made: string[] = []

async function tempDir(mode: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rb-access-'))
  made.push(dir)
  await chmod(dir, mode)
  return dir
}

afterEach(async () => {
  for (const d of made.splice(0)) await rm(d, { recursive: true, force: true })
})

describe('data folder access for the postgres user', () => {
  it('names the private folder above the data folder (mktemp -d is 0700)', async () => {
    const base = await tempDir(0o700)
    expect(await blockedParents(path.join(base, 'pg'), stranger)).toEqual([base])
    await chmod(base, 0o711)
    expect(await blockedParents(path.join(base, 'pg'), stranger)).toEqual([])
  })

  it('refuses with a message naming the folder and what to do, and changes nothing', async () => {
    const base = await tempDir(0o700)
    const dir = path.join(base, 'pg')
    const err = await ensureReachable(dir, stranger, undefined).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Error)
    const message = (err as Error).message
    expect(message).toContain(`cannot enter ${base},`)
    expect(message).toContain(`chmod o+x ${base}`)
    expect(message).toContain('RB_DATA_DIR')
    expect((await stat(base)).mode & 0o777).toBe(0o700)
  })

  it('opens for passing through only the folders this run created', async () => {
    const base = await tempDir(0o755)
    const ours = path.join(base, 'data')
    await mkdir(path.join(ours, 'inner'), { recursive: true })
    await chmod(ours, 0o700) // as a umask of 077 would make it
    await ensureReachable(path.join(ours, 'inner', 'pg'), stranger, ours)
    expect((await stat(ours)).mode & 0o777).toBe(0o701)
    expect(await blockedParents(path.join(ours, 'inner', 'pg'), stranger)).toEqual([])
  })

  it.runIf(process.getuid?.() === 0)(
    'as root, starting the embedded server under a 0700 folder fails with that message before initdb',
    async () => {
      const base = await tempDir(0o700)
      const dir = path.join(base, 'pg')
      await expect(startEmbeddedPostgres({ dir, port: 1, persistent: false })).rejects.toThrow(
        `chmod o+x ${base}`,
      )
      await expect(stat(dir)).rejects.toThrow() // initdb never ran
    },
  )
})

describe('postgresUser', () => {
  it.runIf(process.getuid?.() === 0)(
    'reads the ids of the postgres system user with its groups',
    async () => {
      const who = await postgresUser()
      expect(who.name).toBe('postgres')
      expect(who.uid === -1 || who.uid > 0).toBe(true)
      expect(who.uid === -1 ? who.gids : who.gids.length).toBeTruthy()
    },
  )
})

describe('shownPath', () => {
  it('is relative inside the project and absolute outside it', () => {
    expect(shownPath('/work/main', '/work/main/.data/pg')).toBe('.data/pg')
    expect(shownPath('/work/main', '/tmp/tmp.abc/pg')).toBe('/tmp/tmp.abc/pg')
    expect(shownPath('/work/main', '../other/pg')).toBe('/work/other/pg')
  })
})
