import { Ajv2020 } from 'ajv/dist/2020.js'
import type { ValidateFunction } from 'ajv/dist/2020.js'
import formats from 'ajv-formats'
import catalogSchema from '../../schemas/catalog.schema.json' with { type: 'json' }
import commonSchema from '../../schemas/common.schema.json' with { type: 'json' }
import type { CatalogDefinition } from '../../schemas/generated/index.js'

// ajv-formats is CommonJS: under NodeNext its default import is the module object's `default`.
const addFormats = formats as unknown as typeof formats.default

let compiled: ValidateFunction<CatalogDefinition> | undefined

function validator(): ValidateFunction<CatalogDefinition> {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true })
    addFormats(ajv)
    ajv.addSchema(commonSchema)
    compiled = ajv.compile<CatalogDefinition>(catalogSchema)
  }
  return compiled
}

/**
 * Problems of an indicator catalogue: schema errors (schemas/catalog.schema.json, ajv draft 2020-12)
 * with their JSON pointer, then duplicate indicator codes and unknown parents. Empty when valid.
 *
 * @example
 * catalogProblems({ id: 'x', name: 'X', version: '1.0', indicators: [{ code: 'A', name: 'A', parent: 'B' }] })
 * // ['/indicators/0/parent: unknown indicator "B"']
 */
export function catalogProblems(catalog: unknown): string[] {
  const validate = validator()
  if (!validate(catalog)) {
    return (validate.errors ?? []).map((e) => {
      const extra =
        e.keyword === 'additionalProperties' ? ` "${String(e.params.additionalProperty)}"` : ''
      return `${e.instancePath === '' ? '/' : e.instancePath}: ${e.message ?? e.keyword}${extra}`
    })
  }
  const out: string[] = []
  const first = new Map<string, number>()
  catalog.indicators.forEach((ind, i) => {
    const seen = first.get(ind.code)
    if (seen !== undefined)
      out.push(`/indicators/${i}/code: "${ind.code}" repeats /indicators/${seen}/code`)
    else first.set(ind.code, i)
  })
  catalog.indicators.forEach((ind, i) => {
    if (ind.parent !== undefined && !first.has(ind.parent)) {
      out.push(`/indicators/${i}/parent: unknown indicator "${ind.parent}"`)
    }
  })
  return out
}
