/**
 * example-small: a complete regime plugin in one screen. One template (JSON), one formula function,
 * fixtures, and nothing else. Copy this folder to start a new plugin (docs/PLUGINS.md).
 */
import { definePlugin, isFormulaError } from '../../core/index.js'
import type { FormulaFunction, TemplateDefinition } from '../../core/index.js'
import donThu from './templates/don-thu-v1.0.json' with { type: 'json' }

/** TY_LE(part, whole): part / whole, and 0 when whole is 0 or empty (a rate of nothing is shown as 0). */
export const TY_LE: FormulaFunction = {
  name: 'TY_LE',
  minArgs: 2,
  maxArgs: 2,
  description: 'Tỷ lệ = tử số / mẫu số; bằng 0 khi mẫu số bằng 0 hoặc để trống',
  evaluate([part = null, whole = null]) {
    if (Array.isArray(part) || Array.isArray(whole))
      return { error: '#VALUE!', detail: 'TY_LE takes two cells, not ranges' }
    if (isFormulaError(part)) return part
    if (isFormulaError(whole)) return whole
    const p = part ?? 0
    const w = whole ?? 0
    if (typeof p !== 'number' || typeof w !== 'number')
      return { error: '#VALUE!', detail: 'TY_LE needs numbers' }
    return w === 0 ? 0 : p / w
  },
}

export default definePlugin({
  id: 'example-small',
  version: '1.0.0',
  coreApi: '^0.1.0',
  name: 'Ví dụ: tình hình tiếp nhận, giải quyết đơn thư',
  templates: [donThu as TemplateDefinition],
  functions: [TY_LE],
})
