import { spawn, type ChildProcess } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { openDatabase } from '../../runtime/db/database.js'
import { createOrm, migrate } from '../../runtime/db/orm.js'
import { DEMO_PASSWORD } from '../../runtime/seed/demo-data.js'
import { seedDemo } from '../../runtime/seed/seed.js'

const root = path.resolve(import.meta.dirname, '../..')
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
const dirs: string[] = []
const children: ChildProcess[] = []

afterAll(async () => {
  // A failed assertion must not leave a server (and its PostgreSQL) running.
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM')
  await new Promise((r) => setTimeout(r, 500))
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

interface Running {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

/** Starts `tsx runtime/server.ts` and resolves once it prints its URL. */
async function start(env: NodeJS.ProcessEnv): Promise<Running> {
  const child = spawn(tsx, ['runtime/server.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (/listening on http/.test(out)) {
        clearInterval(timer)
        resolve()
      }
    }, 50)
    void exited.then((code) => {
      clearInterval(timer)
      reject(new Error(`server exited with ${code}:\n${out}`))
    })
  })
  return { child, output: () => out, exited }
}

async function sessionCookie(port: number, username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

async function login(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tinh.admin', password: DEMO_PASSWORD }),
  })
  return res.status
}

describe('server entry point (npm start)', { timeout: 90_000 }, () => {
  it('without DATABASE_URL: starts embedded PostgreSQL, migrates, seeds, serves, prints logins, and stops it all on SIGTERM', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rb-server-'))
    await chmod(dir, 0o755)
    dirs.push(dir)
    const dataDir = path.join(dir, 'pg')
    const pgPort = await freePort()
    const port = await freePort()
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      RB_DATA_DIR: dataDir,
      PGPORT: String(pgPort),
      PORT: String(port),
    }
    delete env.DATABASE_URL
    const s = await start(env)
    // Outside the project the folder is printed absolute, not as ../../tmp/…
    expect(s.output()).toContain(`embedded PostgreSQL (${dataDir})`)
    expect(s.output()).toMatch(/Migrations applied: Migration/)
    expect(s.output()).toMatch(/tinh\.admin\s+admin/)
    expect(s.output()).toMatch(/caolanh\.entry\s+entry\s+Phường Cao Lãnh/)
    const doc = (await (await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`)).json()) as {
      openapi: string
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(await login(port)).toBe(200)
    // One example template from schemas/examples/valid, assigned for the current period: communes have a report open.
    expect(s.output()).toMatch(
      /Example template .+ installed and assigned for period (\d{4}-\w+|none)/,
    )
    const cookie = await sessionCookie(port, 'caolanh.entry')
    const list = (await (
      await fetch(`http://127.0.0.1:${port}/api/v1/instances`, { headers: { cookie } })
    ).json()) as { instances: unknown[] }
    expect(list.instances.length).toBeGreaterThan(0)
    s.child.kill('SIGTERM')
    expect(await s.exited).toBe(0)
    // PostgreSQL went down with the server...
    await expect(
      new pg.Client({
        connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres`,
      }).connect(),
    ).rejects.toThrow()
    // ...and its data stayed: the next start finds the migrated, seeded database.
    const db = await openDatabase({ PGPORT: String(pgPort) }, dataDir)
    try {
      const orm = await createOrm(db.url, { poolMax: 1 })
      try {
        expect(await migrate(orm)).toEqual([])
        const seeded = await seedDemo(orm, { now: new Date() })
        expect(seeded.created).toBe(false)
      } finally {
        await orm.close()
      }
    } finally {
      await db.embedded?.stop()
    }
  })
})
