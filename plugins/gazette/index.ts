/**
 * gazette: the Công báo report of TT 01/2020/TT-VPCP Điều 14.
 */
import { definePlugin } from '../../core/index.js'
import type { TemplateDefinition } from '../../core/index.js'
import congBaoNam from './templates/cong-bao-nam-v1.0.json' with { type: 'json' }

export default definePlugin({
  id: 'gazette',
  version: '1.0.0',
  coreApi: '^0.1.0',
  name: 'Tình hình tổ chức thực hiện các quy định của pháp luật về Công báo (TT 01/2020/TT-VPCP, Điều 14)',
  templates: [congBaoNam] as TemplateDefinition[],
})
