/**
 * Builds designer/dist once for all e2e test files of a run. Test files run in parallel workers,
 * so a lock directory makes one build and the others wait; a stamp records the newest source
 * time the build saw, so unchanged sources are not rebuilt.
 */
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
export const distDir = path.join(repoRoot, 'designer/dist')
const stampFile = path.join(distDir, '.build-stamp')
const lockDir = path.join(repoRoot, 'test/e2e/.build-lock')
const SOURCES = [
  'designer/src',
  'designer/index.html',
  'designer/sandbox.html',
  'designer/vite.config.ts',
  'core',
  'plugins',
  'schemas/generated',
]

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0
  const st = statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  let max = st.mtimeMs
  for (const e of readdirSync(p)) {
    if (e === 'node_modules' || e === 'dist' || e.endsWith('.test.ts')) continue
    max = Math.max(max, newestMtime(path.join(p, e)))
  }
  return max
}

function sourcesTime(): number {
  return Math.max(...SOURCES.map((s) => newestMtime(path.join(repoRoot, s))))
}

function isFresh(): boolean {
  if (!existsSync(stampFile) || !existsSync(path.join(distDir, 'sandbox.html'))) return false
  return Number(readFileSync(stampFile, 'utf8')) >= sourcesTime()
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

export async function ensureDesignerBuilt(): Promise<void> {
  const deadline = Date.now() + 300_000
  for (;;) {
    if (isFresh()) return
    try {
      mkdirSync(lockDir)
    } catch {
      // Another worker builds; a lock older than 3 minutes is left over from a killed run.
      if (existsSync(lockDir) && Date.now() - statSync(lockDir).mtimeMs > 180_000)
        rmSync(lockDir, { recursive: true, force: true })
      if (Date.now() > deadline)
        throw new Error(`designer build did not finish: lock ${lockDir} still held`)
      await sleep(500)
      continue
    }
    try {
      const seen = sourcesTime()
      execFileSync(
        process.execPath,
        [
          path.join(repoRoot, 'node_modules/vite/bin/vite.js'),
          'build',
          '--config',
          'designer/vite.config.ts',
          '--logLevel',
          'warn',
        ],
        {
          cwd: repoRoot,
          // vitest sets NODE_ENV=test, which would make Vite bundle Lit's development build.
          env: { ...process.env, NODE_ENV: 'production' },
          stdio: 'inherit',
          timeout: 240_000,
        },
      )
      writeFileSync(stampFile, String(seen))
      return
    } finally {
      rmSync(lockDir, { recursive: true, force: true })
    }
  }
}
