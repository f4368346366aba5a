import type { Role } from '../db/entities/index.js'

/**
 * A small province for the demo and the tests: Đồng Tháp after the 2025 reform (two-tier local
 * government: province -> communes/wards; departments report to the province).
 * Tiers are data: nothing in the code knows these codes.
 */
export const DEMO_TIERS = [
  { code: 'tinh', name: 'Cấp tỉnh', rank: 1 },
  { code: 'so', name: 'Sở, ban, ngành', rank: 2 },
  { code: 'xa', name: 'Cấp xã', rank: 3 },
]

export interface DemoUnit {
  code: string
  name: string
  tier: string
  parent?: string
  /** Username prefix of the unit's demo accounts. */
  login: string
  roles: Role[]
}

const ALL_ROLES: Role[] = [
  'admin',
  'designer',
  'entry',
  'aggregator',
  'approver',
  'sender',
  'viewer',
]
const REPORTING: Role[] = ['admin', 'entry', 'approver', 'sender', 'viewer']

export const DEMO_UNITS: DemoUnit[] = [
  {
    code: 'DT',
    name: 'Ủy ban nhân dân tỉnh Đồng Tháp',
    tier: 'tinh',
    login: 'tinh',
    roles: ALL_ROLES,
  },
  {
    code: 'DT-SNV',
    name: 'Sở Nội vụ tỉnh Đồng Tháp',
    tier: 'so',
    parent: 'DT',
    login: 'snv',
    roles: REPORTING,
  },
  {
    code: 'DT-STP',
    name: 'Sở Tư pháp tỉnh Đồng Tháp',
    tier: 'so',
    parent: 'DT',
    login: 'stp',
    roles: REPORTING,
  },
  {
    code: 'DT-P-CAOLANH',
    name: 'Phường Cao Lãnh',
    tier: 'xa',
    parent: 'DT',
    login: 'caolanh',
    roles: REPORTING,
  },
  {
    code: 'DT-P-SADEC',
    name: 'Phường Sa Đéc',
    tier: 'xa',
    parent: 'DT',
    login: 'sadec',
    roles: REPORTING,
  },
  {
    code: 'DT-X-THAPMUOI',
    name: 'Xã Tháp Mười',
    tier: 'xa',
    parent: 'DT',
    login: 'thapmuoi',
    roles: REPORTING,
  },
]

/** The one password of every demo account (printed at start; change it before real use). */
export const DEMO_PASSWORD = 'demo-dongthap-2025'

/** What each demo account is called in the app (its full name): the role as Vietnamese staff say it. */
export const DEMO_ROLE_TITLES: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  designer: 'Cán bộ thiết kế biểu mẫu',
  entry: 'Cán bộ nhập liệu',
  aggregator: 'Cán bộ tổng hợp',
  approver: 'Lãnh đạo đơn vị',
  sender: 'Văn thư',
  viewer: 'Cán bộ theo dõi',
}

/** @example demoFullName(DEMO_UNITS[3], 'entry') // 'Cán bộ nhập liệu - Phường Cao Lãnh' */
export function demoFullName(unit: DemoUnit, role: Role): string {
  return `${DEMO_ROLE_TITLES[role]} - ${unit.name}`
}

export function demoUsername(unit: DemoUnit, role: Role): string {
  return `${unit.login}.${role}`
}
