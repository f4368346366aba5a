/**
 * admin-tiers: the administrative tiers that send and receive reports, versioned (the district tier
 * was abolished on 1/7/2025). Other plugins name these tier codes in their templates.
 */
import { definePlugin } from '../../core/index.js'
import { tierCatalogs } from './tiers.js'

export * from './tiers.js'

export default definePlugin({
  id: 'admin-tiers',
  version: '1.0.0',
  coreApi: '^0.1.0',
  name: 'Cấp hành chính gửi, nhận báo cáo',
  catalogs: tierCatalogs,
})
