/**
 * The conformance test every plugin folder passes: the plugin builds an engine with core alone,
 * every template and catalogue file it carries loads, tier codes exist on the template's
 * effective date, and every fixture runs through core with the outcome its folder promises
 * (valid: no errors; invalid: fails with the rule of its `.expected.json`).
 * A new plugin folder is picked up automatically.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createEngine, hasErrors } from '../core/index.js'
import type {
  Diagnostic,
  Place,
  Plugin,
  Severity,
  SubmissionDocument,
  TemplateDefinition,
} from '../core/index.js'
import { tierCodesAt } from './admin-tiers/tiers.js'
import { diagnoseSubmission } from './diagnose.js'

const root = import.meta.dirname

interface Expected {
  ruleId: string
  severity?: Severity
  place?: Place
}

interface Fixture {
  name: string
  submission: SubmissionDocument
  expected?: Expected
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

function jsonFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
        .sort()
    : []
}

function fixtures(dir: string, kind: 'valid' | 'invalid'): Fixture[] {
  const at = join(dir, 'fixtures', kind)
  return jsonFiles(at).map((file) => {
    const name = file.replace(/\.json$/, '')
    const fixture: Fixture = { name: `${kind}/${name}`, submission: readJson(join(at, file)) }
    if (kind === 'invalid') {
      const expectedPath = join(at, `${name}.expected.json`)
      if (!existsSync(expectedPath)) throw new Error(`${at}/${file}: missing ${name}.expected.json`)
      fixture.expected = readJson<Expected>(expectedPath)
    }
    return fixture
  })
}

/** Folders holding a plugin: an index.ts next to a README.md. */
const pluginDirs = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'index.ts')))
  .map((d) => d.name)
  .sort()

const matches = (d: Diagnostic, e: Expected): boolean =>
  d.ruleId === e.ruleId &&
  d.severity === (e.severity ?? 'error') &&
  Object.entries(e.place ?? {}).every(([k, v]) => d.place[k as keyof Place] === v)

const show = (ds: readonly Diagnostic[]): string =>
  ds.map((d) => `${d.severity} ${d.ruleId} @${JSON.stringify(d.place)}: ${d.message}`).join('\n')

it('finds the plugin folders', () => {
  expect(pluginDirs).toEqual(expect.arrayContaining(['kstthc', 'example-small', 'admin-tiers']))
})

describe.each(pluginDirs)('plugin %s', (dir) => {
  const folder = join(root, dir)
  const load = async (): Promise<Plugin> =>
    ((await import(pathToFileURL(join(folder, 'index.ts')).href)) as { default: Plugin }).default

  it('is named after its folder, documented, and builds an engine with core alone', async () => {
    const plugin = await load()
    expect(plugin.id).toBe(dir)
    expect(existsSync(join(folder, 'README.md'))).toBe(true)
    expect(() => createEngine({ plugins: [plugin] })).not.toThrow()
  })

  it('ships every template and catalogue file of its folder, and nothing else', async () => {
    const plugin = await load()
    const key = (t: { code?: string; id?: string; version: string }): string =>
      `${t.code ?? t.id} ${t.version}`
    const onDisk = (sub: string): string[] =>
      jsonFiles(join(folder, sub)).map((f) => key(readJson(join(folder, sub, f))))
    expect(plugin.templates.map(key).sort()).toEqual(onDisk('templates').sort())
    expect(plugin.catalogs.map(key).sort()).toEqual(onDisk('catalogs').sort())
  })

  it('names only tiers that exist on each template’s effective date', async () => {
    const plugin = await load()
    for (const t of plugin.templates as readonly TemplateDefinition[]) {
      const on = t.effectiveFrom ?? '2020-12-15'
      const tiers = tierCodesAt(on)
      const named = [
        ...(t.reportingLevels ?? []),
        ...(t.deadlines ?? []).flatMap((d) => (d.level === undefined ? [] : [d.level])),
        ...(t.receivingLevel === undefined ? [] : [t.receivingLevel]),
      ]
      for (const level of named) {
        expect(tiers.has(level), `${t.code} ${t.version} (from ${on}) names tier "${level}"`).toBe(
          true,
        )
      }
    }
  })

  it('has a valid fixture for every template', async () => {
    const plugin = await load()
    const covered = new Set(
      fixtures(folder, 'valid').map(
        (f) => `${f.submission.template.code} ${f.submission.template.version}`,
      ),
    )
    for (const t of plugin.templates) {
      expect(
        covered.has(`${t.code} ${t.version}`),
        `${t.code} ${t.version} has no valid fixture`,
      ).toBe(true)
    }
  })

  const cases = [...fixtures(folder, 'valid'), ...fixtures(folder, 'invalid')]
  if (cases.length === 0) return
  it.each(cases.map((c) => [c.name, c] as const))('fixture %s', async (_name, fixture) => {
    const engine = createEngine({ plugins: [await load()] })
    const { code, version } = fixture.submission.template
    const template = engine.template(code, version)
    expect(template, `${code} ${version} is not loaded`).toBeDefined()
    if (template === undefined) return
    const diagnostics = diagnoseSubmission(engine, template, fixture.submission)
    if (fixture.expected === undefined) {
      expect(hasErrors(diagnostics), show(diagnostics)).toBe(false)
    } else {
      const expected = fixture.expected
      expect(
        diagnostics.some((d) => matches(d, expected)),
        `expected ${expected.severity ?? 'error'} ${expected.ruleId} at ${JSON.stringify(expected.place ?? {})}, got:\n${show(diagnostics)}`,
      ).toBe(true)
    }
  })
})
