/**
 * Prefilling a draft from an external system: each installed plugin with a prefill hook and a
 * configured connector is tried in turn (the plugin that shipped the template first). The runtime
 * fetches with the plugin's connector (IO stays here); the plugin's hook, which is pure, maps the
 * data to values with their provenance. The first plugin that answers wins (hook kind `first`).
 */
import type { EntityManager } from '@mikro-orm/postgresql'
import {
  createHookRunner,
  type Engine,
  type PrefillResult,
  type ResolvedTemplate,
  type SubmissionDocument,
} from '../../core/index.js'
import type { RuntimeConfig } from '../context.js'
import { ApiError, unprocessable } from '../errors.js'
import { connectorHostRefusal, connectorVariable } from './connectors/config.js'
import { ConnectorError, createConnector } from './connectors/connector.js'
import { connectorSetting } from './plugin-settings.js'

export interface PrefillRequest {
  tenantId: number
  template: ResolvedTemplate
  unit: string
  period: string
  current: SubmissionDocument['values']
}

export interface PrefillOutcome {
  result: PrefillResult
  plugin: string
  connector: { id: string; kind: 'file' | 'http' }
  /** When the runtime fetched the data (ISO 8601). */
  fetchedAt: string
}

function connectorFailure(e: ConnectorError): ApiError {
  switch (e.failure) {
    case 'no-data':
      return unprocessable('no_source_data', e.message)
    case 'timeout':
      return new ApiError(504, 'connector_timeout', e.message)
    default:
      return new ApiError(502, 'connector_failed', e.message)
  }
}

/**
 * @example
 * const { result, plugin } = await runPrefill(em, config, rootDir, engine, { tenantId, template, unit: 'H01', period: '2025-Q3', current: {} }, now)
 */
export async function runPrefill(
  em: EntityManager,
  config: RuntimeConfig,
  rootDir: string,
  engine: Engine,
  request: PrefillRequest,
  now: () => Date,
): Promise<PrefillOutcome> {
  const owner = engine.templates().find((t) => t.code === request.template.code)?.plugin
  const hooked = engine.plugins
    .filter((p) => p.hooks.prefill !== undefined)
    .sort((a, b) => Number(b.id === owner) - Number(a.id === owner))
  if (hooked.length === 0) {
    throw unprocessable(
      'prefill_unavailable',
      `No installed plugin can prefill ${request.template.code}: none has a prefill hook`,
    )
  }
  const unconfigured: string[] = []
  for (const plugin of hooked) {
    const setting = await connectorSetting(em, config, request.tenantId, plugin.id)
    if (setting === undefined) {
      unconfigured.push(plugin.id)
      continue
    }
    // A host allowed when the admin set the connector may have been struck off the list since.
    const refusal =
      setting.source === 'tenant' && setting.config.kind === 'http'
        ? connectorHostRefusal(setting.config.url, config.connectorHosts)
        : undefined
    if (refusal !== undefined)
      throw unprocessable(
        'connector_not_allowed',
        `connector of plugin ${plugin.id}: ${refusal}; an admin must set another one (PUT /plugins/${plugin.id}/connector)`,
      )
    const connector = createConnector(plugin.id, setting.config, rootDir)
    let data: unknown
    try {
      data = await connector.fetch({
        template: { code: request.template.code, version: request.template.version },
        unit: request.unit,
        period: request.period,
      })
    } catch (e) {
      if (e instanceof ConnectorError) throw connectorFailure(e)
      throw e
    }
    const fetchedAt = now().toISOString()
    let answer
    try {
      answer = createHookRunner([plugin]).first('prefill', {
        template: request.template,
        unit: request.unit,
        period: request.period,
        source: { connector: connector.id, data, fetchedAt },
        current: request.current,
      })
    } catch (e) {
      throw unprocessable('prefill_failed', (e as Error).message, { plugin: plugin.id })
    }
    if (answer !== undefined) {
      return {
        result: answer.value,
        plugin: answer.plugin,
        connector: { id: connector.id, kind: connector.kind },
        fetchedAt,
      }
    }
  }
  const configured = hooked.filter((p) => !unconfigured.includes(p.id)).map((p) => p.id)
  throw unprocessable(
    'prefill_unavailable',
    configured.length === 0
      ? `No connector is configured for ${unconfigured.join(', ')}: set ${unconfigured.map(connectorVariable).join(' or ')} on the server, or PUT /plugins/{id}/connector`
      : `No installed plugin prefills ${request.template.code} (asked: ${configured.join(', ')}${unconfigured.length > 0 ? `; without a connector: ${unconfigured.join(', ')}` : ''})`,
    { withoutConnector: unconfigured },
  )
}
