/**
 * A page that mounts one component on a template given at run time: end-to-end tests call
 * `window.rbSandbox.mountForm(definition)` / `mountDesigner(definition?)` through the page.
 * It needs no server.
 */
import { loadTemplate, type TemplateDefinition } from '../../core/index.js'
import type { RbFormSheet } from './components/rb-form-sheet.js'
import type { RbTemplateDesigner } from './components/rb-template-designer.js'
import './components/rb-form-sheet.js'
import './components/rb-template-designer.js'
import { bundledEngine, bundledFunctions } from './engine.js'
import { setLocale, type Locale } from './i18n/i18n.js'

interface Sandbox {
  mountForm(
    definition: unknown,
    opts?: { values?: RbFormSheet['values']; readonly?: boolean },
  ): string[]
  mountDesigner(definition?: TemplateDefinition): void
  bundledTemplate(code: string, version?: string): TemplateDefinition | undefined
  setLocale(locale: Locale): void
  events: Array<{ type: string; detail: unknown }>
}

const root = document.getElementById('root')!
const events: Sandbox['events'] = []
for (const type of ['values-changed', 'template-save', 'template-status', 'reload-requested']) {
  root.addEventListener(type, (e) => events.push({ type, detail: (e as CustomEvent).detail }))
}

const sandbox: Sandbox = {
  events,
  mountForm(definition, opts = {}) {
    const functions = bundledFunctions()
    const r = loadTemplate(definition, { functions })
    if (!r.ok) return r.diagnostics.map((d) => `${d.place.pointer ?? ''}: ${d.message}`)
    const el = document.createElement('rb-form-sheet')
    el.functions = functions
    el.template = r.template
    if (opts.values !== undefined) el.values = opts.values
    el.readonly = opts.readonly === true
    root.replaceChildren(el)
    return []
  },
  mountDesigner(definition) {
    const el = document.createElement('rb-template-designer') as RbTemplateDesigner
    if (definition !== undefined) el.definition = definition
    root.replaceChildren(el)
  },
  bundledTemplate(code, version) {
    // Any status: the sandbox shows testing and draft templates too, not only published ones.
    const entries = bundledEngine()
      .templates()
      .filter((e) => e.code === code && (version === undefined || e.version === version))
    return entries.at(-1)?.template.definition as TemplateDefinition | undefined
  },
  setLocale,
}

;(window as unknown as { rbSandbox: Sandbox }).rbSandbox = sandbox
document.documentElement.dataset.ready = 'true'
