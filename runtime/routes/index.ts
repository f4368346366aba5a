import { assignmentRoutes } from './assignments.js'
import { auditRoutes } from './audit.js'
import { authRoutes } from './auth.js'
import { dashboardRoutes } from './dashboard.js'
import { exportRoutes } from './exports.js'
import { externalValueRoutes } from './external-values.js'
import type { RouteDef } from './define.js'
import { instanceRoutes } from './instances.js'
import { notificationRoutes } from './notifications.js'
import { orgUnitRoutes } from './org-units.js'
import { pluginRoutes } from './plugins.js'
import { templateRoutes } from './templates.js'
import { userRoutes } from './users.js'

/** Every API route, in OpenAPI order. */
export function apiRoutes(): RouteDef[] {
  return [
    ...authRoutes,
    ...orgUnitRoutes,
    ...userRoutes,
    ...templateRoutes,
    ...pluginRoutes,
    ...assignmentRoutes,
    ...instanceRoutes,
    ...externalValueRoutes,
    ...exportRoutes,
    ...dashboardRoutes,
    ...notificationRoutes,
    ...auditRoutes,
  ]
}
