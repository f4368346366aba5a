import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDemoCa } from '../../runtime/exports/demo-credentials.js'
import { createSignedPackage } from '../../runtime/exports/signed-package.js'

const root = join(import.meta.dirname, '..', '..')
const run = (...args: string[]) =>
  spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', 'verify-package.ts'), ...args],
    { cwd: root, encoding: 'utf8' },
  )

describe('scripts/verify-package.ts', () => {
  it('exits 0 on an intact package, 1 on a changed one, 2 on bad usage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-cli-'))
    const ca = createDemoCa('CA kiểm thử')
    const pkg = await createSignedPackage(
      [{ name: 'bao-cao.pdf', data: new TextEncoder().encode('%PDF-1.7 ...') }],
      ca.issue('Lê Văn C'),
    )
    writeFileSync(join(dir, 'ca.pem'), ca.certificatePem)
    writeFileSync(join(dir, 'ok.zip'), pkg)
    const bad = pkg.slice()
    const at = Math.floor(bad.length / 3)
    bad[at] = (bad[at] ?? 0) ^ 0xff
    writeFileSync(join(dir, 'bad.zip'), bad)

    const ok = run(join(dir, 'ok.zip'), '--ca', join(dir, 'ca.pem'))
    expect(ok.stdout).toContain('OK   bao-cao.pdf — ')
    expect(ok.stdout).toContain('package intact, signatures trusted')
    expect(ok.status).toBe(0)

    const changed = run(join(dir, 'bad.zip'))
    expect(changed.stdout).toContain('package NOT intact')
    expect(changed.status).toBe(1)

    const json = run(join(dir, 'ok.zip'), '--json')
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, trusted: false })

    expect(run().status).toBe(2)
    expect(run(join(dir, 'nope.zip')).stderr).toMatch(/cannot read/)
  }, 60_000)
})
