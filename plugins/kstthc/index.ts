/**
 * kstthc: the regime of TT 01/2020/TT-VPCP Điều 10 (kiểm soát TTHC, một cửa, một cửa liên thông,
 * TTHC trên môi trường điện tử): the Phụ lục II data forms, the QĐ 766 indicator catalogue, the
 * provenance rules of prefilled figures, the one-stop prefill hook and the indicators hook.
 */
import { defineRule, definePlugin } from '../../core/index.js'
import type { CatalogDefinition, TemplateDefinition } from '../../core/index.js'
import boChiSo766 from './catalogs/bo-chi-so-766.json' with { type: 'json' }
import { indicators } from './indicators/hook.js'
import { PREFILLED_TEMPLATE, prefill } from './prefill/hook.js'
import {
  OVERRIDE_RULE,
  PROVENANCE_RULE,
  provenanceProblems,
  unexplainedOverrides,
} from './rules/provenance.js'
import ii02a from './templates/ii-02a-v1.0.json' with { type: 'json' }
import ii03a from './templates/ii-03a-v1.0.json' with { type: 'json' }
import ii04a from './templates/ii-04a-v1.0.json' with { type: 'json' }
import ii06aV10 from './templates/ii-06a-v1.0.json' with { type: 'json' }
import ii06aV11 from './templates/ii-06a-v1.1.json' with { type: 'json' }
import ii07bV10 from './templates/ii-07b-v1.0.json' with { type: 'json' }
import ii07bV11 from './templates/ii-07b-v1.1.json' with { type: 'json' }
import ii08 from './templates/ii-08-v1.0.json' with { type: 'json' }
import soLieu766 from './templates/so-lieu-766-v1.0.json' with { type: 'json' }

export { prefill } from './prefill/hook.js'
export { FIGURES_TEMPLATE, indicators } from './indicators/hook.js'
export type * from './prefill/types.js'
export { createFileConnector } from './prefill/file-connector.js'
export { parseOneStopExport } from './prefill/parse-export.js'
export * from './indicators/compute.js'

export const provenanceRule = defineRule({
  id: PROVENANCE_RULE,
  severity: 'error',
  description:
    'Số liệu lấy từ hệ thống một cửa phải ghi nguồn, thời điểm lấy (ISO 8601) và số liệu gốc đọc được',
  templates: [PREFILLED_TEMPLATE],
  check: (ctx) => provenanceProblems(ctx.submission.values),
})

export const overrideRule = defineRule({
  id: OVERRIDE_RULE,
  severity: 'error',
  description: 'Điều chỉnh số liệu lấy từ hệ thống một cửa phải có giải trình',
  templates: [PREFILLED_TEMPLATE],
  check: (ctx) => unexplainedOverrides(ctx.submission.values),
})

export const indicatorCatalog = boChiSo766 as CatalogDefinition

export default definePlugin({
  id: 'kstthc',
  version: '1.0.0',
  coreApi: '^0.1.0',
  name: 'Kiểm soát thủ tục hành chính, một cửa, một cửa liên thông (TT 01/2020/TT-VPCP, Điều 10)',
  templates: [
    ii06aV10,
    ii06aV11,
    ii07bV10,
    ii07bV11,
    ii02a,
    ii03a,
    ii04a,
    ii08,
    soLieu766,
  ] as TemplateDefinition[],
  catalogs: [indicatorCatalog],
  rules: [provenanceRule, overrideRule],
  hooks: { prefill, indicators },
})
