import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupMain } from '../../runtime/cli/backup.js'
import { pluginMain } from '../../runtime/cli/plugin.js'
import { restoreMain } from '../../runtime/cli/restore.js'
import { verifySignatureMain } from '../../runtime/cli/verify-signature.js'
import { as, assign, instanceOf, publishFixture, reportThrough } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * The command-line tools against a test database: their entry functions in-process (fast), and
 * one real `tsx scripts/…` run to prove the wrapper that npm calls.
 */
const root = path.resolve(import.meta.dirname, '../..')
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
let t: TestApp
let dir: string
let revisionId: number
const clock = new Date('2026-09-10T03:00:00Z')

type Main = (args: string[], env: NodeJS.ProcessEnv, log: (line: string) => void) => Promise<number>

const MAINS: Record<string, Main> = {
  'scripts/verify-signature.ts': verifySignatureMain,
  'scripts/backup.ts': backupMain,
  'scripts/restore.ts': restoreMain,
  'scripts/plugin.ts': pluginMain,
}

/** Runs a tool's entry function in-process, as its script would, against this file's database. */
async function run(script: string, args: string[]): Promise<{ code: number | null; out: string }> {
  let out = ''
  const code = await MAINS[script]!(
    args,
    { ...process.env, DATABASE_URL: t.url },
    (line) => (out += `${line}\n`),
  )
  return { code, out }
}

/** Runs the script itself in a child process (tsx), as `npm run …` does. */
function spawnScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [script, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url, ...env },
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.on('exit', (code) => resolve({ code, out }))
  })
}

beforeAll(async () => {
  t = await startTestApp({ now: () => clock })
  dir = await mkdtemp(path.join(tmpdir(), 'rb-cli-'))
  const assignmentId = await assign(
    t,
    await publishFixture(t),
    ['DT-P-CAOLANH'],
    '2026-Q3',
    () => clock,
  )
  const instance = await instanceOf(t, assignmentId, 'DT-P-CAOLANH')
  await reportThrough(t, instance, 'caolanh', { main: { r1: { c1: 8, c2: 6 } } }, 'approved')
  revisionId = (await (await as(t, 'caolanh.viewer')).get(`/instances/${instance}`)).body.revision
    .id
}, 60_000)
afterAll(async () => {
  await t.close()
  await rm(dir, { recursive: true, force: true })
})

describe('command-line tools', { timeout: 60_000 }, () => {
  it('verify-signature checks a stored revision and fails once a byte of it changed', async () => {
    const ok = await spawnScript('scripts/verify-signature.ts', ['--revision', String(revisionId)])
    expect(ok.out).toMatch(/VALID signature/)
    expect(ok.code).toBe(0)
    await t.sql(
      `update report_revision set document = jsonb_set(document, '{values,main,r1,c2}', '7') where id = ?`,
      [revisionId],
    )
    const bad = await run('scripts/verify-signature.ts', ['--revision', String(revisionId)])
    expect(bad.out).toMatch(/INVALID/)
    expect(bad.code).toBe(1)
    await t.sql(
      `update report_revision set document = jsonb_set(document, '{values,main,r1,c2}', '6') where id = ?`,
      [revisionId],
    )
  })

  it('verify-signature checks downloaded files offline, and a flipped byte in the content fails', async () => {
    const res = await (await as(t, 'caolanh.viewer')).get(`/revisions/${revisionId}/signed-content`)
    const content = path.join(dir, 'content.json')
    const cms = path.join(dir, 'signature.p7s')
    const ca = path.join(dir, 'ca.pem')
    await writeFile(content, res.body.content)
    await writeFile(cms, Buffer.from(res.body.signatures[0].cms, 'base64'))
    await writeFile(ca, res.body.caCertificatePem)
    const ok = await run('scripts/verify-signature.ts', [
      '--content',
      content,
      '--cms',
      cms,
      '--ca',
      ca,
    ])
    expect(ok.out).toMatch(/trusted/)
    expect(ok.code).toBe(0)
    const bytes = await readFile(content)
    const at = bytes.length - 2
    bytes[at] = bytes[at]! ^ 0x01
    await writeFile(content, bytes)
    const bad = await run('scripts/verify-signature.ts', [
      '--content',
      content,
      '--cms',
      cms,
      '--ca',
      ca,
    ])
    expect(bad.code).toBe(1)
  })

  it('npm run backup / restore: a backup restored into a new database holds the same reports', async () => {
    const file = path.join(dir, 'cli-backup.jsonl.gz')
    const backup = await run('scripts/backup.ts', [file])
    expect(backup.out, backup.out).toMatch(/Backup written/)
    expect(backup.code).toBe(0)
    const name = `${path.basename(new URL(t.url).pathname)}_r`
    const restore = await run('scripts/restore.ts', [file, '--into', name])
    expect(restore.out, restore.out).toMatch(/Restored \d+ rows/)
    expect(restore.code).toBe(0)
    const url = new URL(t.url)
    url.pathname = `/${name}`
    const client = new pg.Client({ connectionString: url.toString() })
    await client.connect()
    try {
      const r = await client.query<{ document: { values: unknown } }>(
        'select document from report_revision where id = $1',
        [revisionId],
      )
      expect(r.rows[0]!.document.values).toEqual({ main: { r1: { c1: 8, c2: 6 } } })
    } finally {
      await client.end()
    }
    const again = await run('scripts/restore.ts', [file, '--into', name])
    expect(again.code).not.toBe(0)
    expect(again.out).toMatch(/not empty/)
  })

  it('npm run plugin installs a plugin folder idempotently and lists it', async () => {
    const first = await run('scripts/plugin.ts', ['install', './plugins/example-small'])
    expect(first.out, first.out).toMatch(
      /Installed example-small 1\.0\.0 into DT: 1 template version\(s\) added/,
    )
    expect(first.code).toBe(0)
    const again = await run('scripts/plugin.ts', ['install', './plugins/example-small'])
    expect(again.out).toMatch(/0 template version\(s\) added, 1 unchanged/)
    const list = await run('scripts/plugin.ts', ['list'])
    expect(list.out).toMatch(/"pluginId":"example-small".*"source":".\/plugins\/example-small"/)
    const bad = await run('scripts/plugin.ts', ['install', './plugins/no-such-plugin'])
    expect(bad.code).toBe(1)
    expect(bad.out).toMatch(/no-such-plugin/)
  })
})
