/**
 * direction-review: the 6-monthly and yearly review of the Government's direction and administration
 * (TT 01/2020/TT-VPCP Điều 9): figures and a narrative outline in one linked template.
 */
import { definePlugin } from '../../core/index.js'
import type { TemplateDefinition } from '../../core/index.js'
import kiemDiem6t from './templates/kiem-diem-6t-v1.0.json' with { type: 'json' }
import kiemDiemNam from './templates/kiem-diem-nam-v1.0.json' with { type: 'json' }

export default definePlugin({
  id: 'direction-review',
  version: '1.0.0',
  coreApi: '^0.1.0',
  name: 'Kiểm điểm công tác chỉ đạo, điều hành của Chính phủ, Thủ tướng Chính phủ (TT 01/2020/TT-VPCP, Điều 9)',
  templates: [kiemDiem6t, kiemDiemNam] as TemplateDefinition[],
})
