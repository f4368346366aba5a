/** Validation of exchange packets against schemas/packet.schema.json (ajv, draft 2020-12). */
import { readFileSync } from 'node:fs'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import formats from 'ajv-formats'
import type { ExchangePacket } from '../../schemas/generated/index.js'

const addFormats = formats as unknown as typeof formats.default
const schemaDir = new URL('../../schemas/', import.meta.url)
const load = (name: string) => JSON.parse(readFileSync(new URL(name, schemaDir), 'utf8')) as object

let validator: ValidateFunction<ExchangePacket> | undefined

function compile(): ValidateFunction<ExchangePacket> {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true })
  addFormats(ajv)
  ajv.addSchema(load('common.schema.json'))
  return ajv.compile<ExchangePacket>(load('packet.schema.json'))
}

export interface PacketSchemaError {
  /** JSON pointer into the packet. */
  pointer: string
  message: string
}

/** Schema-checks a parsed packet; errors carry the JSON pointer of the offending member. */
export function validatePacket(
  doc: unknown,
): { ok: true; packet: ExchangePacket } | { ok: false; errors: PacketSchemaError[] } {
  validator ??= compile()
  if (validator(doc)) return { ok: true, packet: doc }
  const errors = (validator.errors ?? []).map((e: ErrorObject) => ({
    pointer: e.instancePath,
    message: `${e.message ?? 'is invalid'}${e.params !== undefined && Object.keys(e.params).length > 0 ? ` (${JSON.stringify(e.params)})` : ''}`,
  }))
  return { ok: false, errors }
}
