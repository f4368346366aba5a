/**
 * External tools for the file acceptance tests: LibreOffice (headless, with a private profile that
 * recalculates every formula on load) and poppler's pdftoppm / pdftotext. `ensureTools` installs what is
 * missing through scripts/ensure-libreoffice.sh and throws, with the script's output, when it cannot:
 * a missing tool fails the test, it never skips it.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, extname, join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')

/** `fonts`: only the TTF font the PDF export needs; `all`: LibreOffice and poppler too. */
export function ensureTools(scope: 'all' | 'fonts' = 'all'): void {
  const args = [
    join(root, 'scripts', 'ensure-libreoffice.sh'),
    ...(scope === 'fonts' ? ['--fonts-only'] : []),
  ]
  const r = spawnSync('bash', args, { encoding: 'utf8' })
  if (r.status !== 0) {
    throw new Error(
      `scripts/ensure-libreoffice.sh failed (exit ${r.status ?? r.signal}): the tests that need LibreOffice, poppler or a Vietnamese TTF font cannot run.\n${r.stdout}\n${r.stderr}`,
    )
  }
}

// 0 = always recalculate on load (the default for xlsx is "never": LibreOffice would keep our cached values)
const RECALC_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

let profile: string | undefined

function profileDir(): string {
  if (profile === undefined) {
    profile = mkdtempSync(join(tmpdir(), 'lo-profile-'))
    mkdirSync(join(profile, 'user'), { recursive: true })
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), RECALC_PROFILE)
  }
  return profile
}

/** `soffice --headless --convert-to <filter> <file>`; returns the converted file's path. */
export function sofficeConvert(
  file: string,
  to: string,
  outDir = mkdtempSync(join(tmpdir(), 'lo-out-')),
): string {
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profileDir()}`,
      '--headless',
      '--norestore',
      '--convert-to',
      to,
      '--outdir',
      outDir,
      file,
    ],
    { encoding: 'utf8', timeout: 240_000 },
  )
  const ext = to.split(':')[0] as string
  const out = join(outDir, `${basename(file, extname(file))}.${ext}`)
  if (r.status !== 0 || !existsSync(out)) {
    throw new Error(
      `soffice --convert-to ${to} ${file} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`,
    )
  }
  return out
}

export function pdfToText(pdf: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })
}

/** Renders every page to PNG; returns the files in page order. */
export function pdfToPng(pdf: string, dpi = 60): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-png-'))
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', pdf, join(dir, 'page')])
  return readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f))
}

export function pdfPages(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1])
}
