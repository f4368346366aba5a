import type { ErrorObject } from 'ajv/dist/2020.js'
import type { Diagnostic } from '../diagnostics.js'
import { jsonPointer, showPointer } from './json-pointer.js'

/**
 * Turns one ajv error into a readable `core/schema` diagnostic:
 * `/sections/0/columns/2/type must be one of number, integer, ... (got "numbr")`.
 */
export function schemaErrorToDiagnostic(e: ErrorObject, document: unknown): Diagnostic {
  const params = e.params as Record<string, unknown>
  let pointer = e.instancePath
  let text: string
  if (e.propertyName !== undefined) {
    // The error is about an object key, not a value: point at the key.
    pointer = `${e.instancePath}${jsonPointer(e.propertyName)}`
    text = `property name "${e.propertyName}" ${e.message ?? 'is not valid'}`
  } else {
    switch (e.keyword) {
      case 'required':
        text = `must have required property '${String(params['missingProperty'])}'`
        break
      case 'additionalProperties':
      case 'unevaluatedProperties': {
        const name = String(params['additionalProperty'] ?? params['unevaluatedProperty'])
        pointer = `${e.instancePath}${jsonPointer(name)}`
        text = `is not allowed here (unknown property '${name}')`
        break
      }
      case 'enum':
        text = `must be one of ${(params['allowedValues'] as unknown[]).map(String).join(', ')}`
        break
      case 'const':
        text = `must be ${JSON.stringify(params['allowedValue'])}`
        break
      default:
        text = e.message ?? `fails ${e.keyword}`
    }
    text += got(valueAt(document, pointer), e.keyword)
  }
  return {
    ruleId: 'core/schema',
    severity: 'error',
    message: `${showPointer(pointer)} ${text}`,
    place: { pointer },
  }
}

const SHOWS_VALUE = new Set([
  'enum',
  'const',
  'pattern',
  'type',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'format',
  'exclusiveMinimum',
  'exclusiveMaximum',
])

function got(value: unknown, keyword: string): string {
  if (!SHOWS_VALUE.has(keyword) || value === undefined) return ''
  const text = JSON.stringify(value)
  return text.length <= 60 ? ` (got ${text})` : ''
}

function valueAt(document: unknown, pointer: string): unknown {
  if (pointer === '') return document
  let node: unknown = document
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}
