import { defineEntity, p } from '@mikro-orm/core'
import type { TemplateDefinition } from '../../../schemas/generated/index.js'
import { AppUser } from './identity.js'
import { OrgUnit } from './org.js'

export const TEMPLATE_STATUSES = ['draft', 'testing', 'published', 'retired'] as const

/** A template identity (one official code per tenant); its content lives in versions. */
export const Template = defineEntity({
  name: 'Template',
  tableName: 'template',
  properties: {
    id: p.integer().primary(),
    tenantId: p.integer().index(),
    ownerUnit: () => p.manyToOne(OrgUnit).index(),
    code: p.string().length(100),
    name: p.string().length(1000),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['tenantId', 'code'] }],
})

/**
 * One version of a template. Drafts and testing versions are editable; a published version is
 * immutable (also enforced by a trigger, so no code path can change it).
 */
export const TemplateVersion = defineEntity({
  name: 'TemplateVersion',
  tableName: 'template_version',
  properties: {
    id: p.integer().primary(),
    template: () => p.manyToOne(Template).index(),
    version: p.string().length(50),
    status: p
      .string()
      .length(20)
      .check(`status in ('${TEMPLATE_STATUSES.join("','")}')`),
    definition: p.json<TemplateDefinition>(),
    lockVersion: p.integer().default(1),
    createdBy: () => p.manyToOne(AppUser).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
    publishedAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['template', 'version'] }],
  triggers: [
    {
      name: 'template_version_immutable',
      timing: 'before',
      events: ['update'],
      body: `if old.status in ('published', 'retired') and (new.definition is distinct from old.definition or new.version is distinct from old.version) then raise exception 'template_version % is % and immutable', old.id, old.status; end if; return new;`,
    },
    {
      name: 'template_version_no_delete',
      timing: 'before',
      events: ['delete'],
      body: `if old.status <> 'draft' then raise exception 'template_version % is % and cannot be deleted', old.id, old.status; end if; return old;`,
    },
  ],
})

/** A regime plugin installed into a tenant: its templates were loaded as versions (idempotently). */
export const PluginInstall = defineEntity({
  name: 'PluginInstall',
  tableName: 'plugin_install',
  properties: {
    id: p.integer().primary(),
    tenantId: p.integer(),
    pluginId: p.string().length(100),
    version: p.string().length(50),
    /** Where the module loads from: a folder path or an npm package name. */
    source: p.string().length(500),
    /** `code@version` of every template version the plugin brought. */
    templates: p.json<string[]>(),
    installedBy: () => p.manyToOne(AppUser).nullable(),
    installedAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['tenantId', 'pluginId'] }],
})

/**
 * Per-tenant settings of an installed plugin: the connector its prefill hook reads from
 * (overrides the deployment's default from the environment).
 */
export const PluginSetting = defineEntity({
  name: 'PluginSetting',
  tableName: 'plugin_setting',
  properties: {
    id: p.integer().primary(),
    tenantId: p.integer(),
    pluginId: p.string().length(100),
    connector: p.json<Record<string, unknown>>(),
    updatedBy: () => p.manyToOne(AppUser).nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['tenantId', 'pluginId'] }],
})
