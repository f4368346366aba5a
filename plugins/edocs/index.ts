/**
 * edocs: the quarterly and yearly e-document report of TT 01/2020/TT-VPCP Điều 12 (QĐ 28/2018/QĐ-TTg).
 */
import { definePlugin } from '../../core/index.js'
import type { TemplateDefinition } from '../../core/index.js'
import vbdtNam from './templates/vbdt-nam-v1.0.json' with { type: 'json' }
import vbdtQuy from './templates/vbdt-quy-v1.0.json' with { type: 'json' }

export default definePlugin({
  id: 'edocs',
  version: '1.0.0',
  coreApi: '^0.1.0',
  name: 'Gửi, nhận văn bản điện tử và xử lý hồ sơ công việc trên môi trường mạng (TT 01/2020/TT-VPCP, Điều 12)',
  templates: [vbdtQuy, vbdtNam] as TemplateDefinition[],
})
