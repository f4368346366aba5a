import { AuditLog, AuditPending } from './audit.js'
import { AppUser, UserRole, UserSession } from './identity.js'
import { Job } from './job.js'
import { OrgTier, OrgUnit } from './org.js'
import {
  Assignment,
  AssignmentTarget,
  CellValue,
  Notification,
  ReceivingWindow,
  ReportInstance,
  ReportRevision,
  WorkflowEvent,
} from './reporting.js'
import { PkiCredential, RevisionSignature } from './signature.js'
import { PluginInstall, PluginSetting, Template, TemplateVersion } from './template.js'

export * from './audit.js'
export * from './identity.js'
export * from './job.js'
export * from './org.js'
export * from './reporting.js'
export * from './signature.js'
export * from './template.js'

/** Every entity, in the order the ORM discovers them. */
export const entities = [
  OrgTier,
  OrgUnit,
  AppUser,
  UserRole,
  UserSession,
  Template,
  TemplateVersion,
  PluginInstall,
  PluginSetting,
  Assignment,
  AssignmentTarget,
  ReportInstance,
  ReportRevision,
  CellValue,
  WorkflowEvent,
  ReceivingWindow,
  Notification,
  PkiCredential,
  RevisionSignature,
  Job,
  AuditLog,
  AuditPending,
]
