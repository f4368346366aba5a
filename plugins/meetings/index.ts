/**
 * meetings: the yearly report on meetings of TT 01/2020/TT-VPCP Điều 11 (QĐ 45/2018/QĐ-TTg).
 */
import { definePlugin } from '../../core/index.js'
import type { TemplateDefinition } from '../../core/index.js'
import hopNamV10 from './templates/hop-nam-v1.0.json' with { type: 'json' }
import hopNamV11 from './templates/hop-nam-v1.1.json' with { type: 'json' }
import { resolveMeetingsVersion } from './version.js'

export default definePlugin({
  id: 'meetings',
  version: '1.0.0',
  coreApi: '^0.1.0',
  name: 'Báo cáo về tổ chức các cuộc họp (TT 01/2020/TT-VPCP, Điều 11)',
  templates: [hopNamV10, hopNamV11] as TemplateDefinition[],
  hooks: { resolveTemplateVersion: resolveMeetingsVersion },
})
