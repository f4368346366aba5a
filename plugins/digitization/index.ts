/**
 * digitization: results of standardising and computerising reporting regimes and deploying the
 * reporting system (TT 01/2020/TT-VPCP Điều 13).
 */
import { definePlugin } from '../../core/index.js'
import type { TemplateDefinition } from '../../core/index.js'
import soHoaNam from './templates/so-hoa-nam-v1.0.json' with { type: 'json' }

export default definePlugin({
  id: 'digitization',
  version: '1.0.0',
  coreApi: '^0.1.0',
  name: 'Chuẩn hóa, điện tử hóa chế độ báo cáo và triển khai Hệ thống thông tin báo cáo (TT 01/2020/TT-VPCP, Điều 13)',
  templates: [soHoaNam] as TemplateDefinition[],
})
