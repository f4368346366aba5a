import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { signDetached, verifyDetached } from './cms.js'
import { createDemoCa } from './demo-credentials.js'

const ca = createDemoCa('Cơ quan chứng thực thử nghiệm')
const cred = ca.issue('Nguyễn Văn A')
const content = new TextEncoder().encode('Báo cáo số liệu quý III')

describe('CMS detached signatures', () => {
  it('signs and verifies, chaining to the CA when it is given as trust anchor', () => {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000)
    const cms = signDetached(content, cred, at)
    const plain = verifyDetached(cms, content)
    expect(plain.ok).toBe(true)
    if (!plain.ok) return
    expect(plain.trusted).toBe(false)
    expect(plain.signer.subject).toContain('Nguyễn Văn A')
    expect(plain.signer.signingTime?.toISOString()).toBe(at.toISOString())
    const trusted = verifyDetached(cms, content, { trustedCaPem: [ca.certificatePem] })
    expect(trusted.ok && trusted.trusted).toBe(true)
    const other = verifyDetached(cms, content, {
      trustedCaPem: [createDemoCa('Other').certificatePem],
    })
    expect(other.ok && other.trusted).toBe(false)
    // signed at a time the certificate was not yet valid: intact but not trusted
    const early = verifyDetached(
      signDetached(content, cred, new Date('2001-01-01T00:00:00Z')),
      content,
      {
        trustedCaPem: [ca.certificatePem],
      },
    )
    expect(early).toMatchObject({ ok: true, trusted: false, trustReason: /not valid at 2001/ })
  })

  it('detects any changed byte of the content and of the signature', () => {
    const cms = signDetached(content, cred)
    for (let i = 0; i < content.length; i += 7) {
      const changed = content.slice()
      changed[i] = (changed[i] ?? 0) ^ 1
      const r = verifyDetached(cms, changed)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.reason).toMatch(/changed/)
    }
    const sig = cms.slice()
    sig[sig.length - 3] = (sig[sig.length - 3] ?? 0) ^ 0x40
    expect(verifyDetached(sig, content).ok).toBe(false)
    expect(verifyDetached(new Uint8Array([1, 2, 3]), content)).toMatchObject({
      ok: false,
      reason: /cannot read/,
    })
  })

  it('is a CMS structure that OpenSSL verifies too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cms-'))
    writeFileSync(join(dir, 'c.txt'), content)
    writeFileSync(join(dir, 'c.p7s'), signDetached(content, cred))
    writeFileSync(join(dir, 'ca.pem'), ca.certificatePem)
    const out = execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        join(dir, 'c.p7s'),
        '-content',
        join(dir, 'c.txt'),
        '-CAfile',
        join(dir, 'ca.pem'),
        '-purpose',
        'any',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    expect(out.toString()).toBe('Báo cáo số liệu quý III')
  })
})
