import { Ajv2020 } from 'ajv/dist/2020.js'
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import formats from 'ajv-formats'
import commonSchema from '../../schemas/common.schema.json' with { type: 'json' }
import templateSchema from '../../schemas/template.schema.json' with { type: 'json' }
import type { TemplateDefinition } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import { schemaErrorToDiagnostic } from './schema-messages.js'

// ajv-formats is CommonJS; under NodeNext its default import is the module object (stack-feasibility §6).
const addFormats = formats as unknown as typeof formats.default

interface Validators {
  template: ValidateFunction<TemplateDefinition>
  /** The two branches of `sections[*].oneOf`, to report a section's errors against its own kind only. */
  section: Record<'grid' | 'narrative', ValidateFunction>
}

let validators: Validators | undefined

// Compiling takes milliseconds; do it once, on first use, so importing core stays cheap.
function getValidators(): Validators {
  if (validators !== undefined) return validators
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true })
  addFormats(ajv)
  ajv.addSchema(commonSchema)
  const template = ajv.compile<TemplateDefinition>(templateSchema)
  const branch = (name: string): ValidateFunction => {
    const v = ajv.getSchema(`${templateSchema.$id}#/$defs/${name}`)
    /* v8 ignore next */
    if (v === undefined) throw new Error(`template.schema.json has no $defs/${name}`)
    return v
  }
  validators = {
    template,
    section: { grid: branch('GridSection'), narrative: branch('NarrativeSection') },
  }
  return validators
}

const SECTION_ONE_OF = '#/properties/sections/items/oneOf'

/**
 * Checks a template document against `schemas/template.schema.json` (draft 2020-12). Every
 * problem becomes a `core/schema` error naming its JSON pointer; an empty list means the
 * document is a schema-valid `TemplateDefinition`. Runs in Node and in the browser.
 *
 * @example
 * validateTemplateDocument({ code: 'X' })[0]
 * // { ruleId: 'core/schema', severity: 'error', place: { pointer: '' },
 * //   message: "(root) must have required property 'name'" }
 */
export function validateTemplateDocument(json: unknown): Diagnostic[] {
  const v = getValidators()
  if (v.template(json)) return []
  const errors = v.template.errors ?? []
  // A section that matches neither oneOf branch gets the errors of both branches; keep only
  // those of the branch its `kind` names, which is what the designer meant.
  const badSections = new Set(
    errors.filter((e) => e.schemaPath === SECTION_ONE_OF).map((e) => e.instancePath),
  )
  const kept = errors.filter((e) => ![...badSections].some((p) => isWithin(e.instancePath, p)))
  const sections = (json as { sections?: unknown[] } | null)?.sections ?? []
  for (const path of badSections) {
    const index = Number(path.slice('/sections/'.length))
    kept.push(...sectionErrors(v, sections[index], path))
  }
  return dropGenericPropertyNameErrors(kept).map((e) => schemaErrorToDiagnostic(e, json))
}

function isWithin(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`)
}

function sectionErrors(v: Validators, section: unknown, path: string): ErrorObject[] {
  const kind = (section as { kind?: unknown } | null)?.kind
  if (kind === 'grid' || kind === 'narrative') {
    const branch = v.section[kind]
    branch(section)
    return (branch.errors ?? []).map((e) => ({ ...e, instancePath: path + e.instancePath }))
  }
  const missing = typeof section !== 'object' || section === null || !('kind' in section)
  return [
    missing
      ? {
          instancePath: path,
          schemaPath: SECTION_ONE_OF,
          keyword: 'required',
          params: { missingProperty: 'kind' },
        }
      : {
          instancePath: `${path}/kind`,
          schemaPath: SECTION_ONE_OF,
          keyword: 'enum',
          params: { allowedValues: ['grid', 'narrative'] },
        },
  ]
}

/** `propertyNames` reports the failing name twice: once in detail, once as "must be valid". */
function dropGenericPropertyNameErrors(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter(
    (e) =>
      e.keyword !== 'propertyNames' ||
      !errors.some(
        (d) =>
          d !== e &&
          d.instancePath === e.instancePath &&
          d.propertyName === (e.params as { propertyName?: string }).propertyName,
      ),
  )
}
