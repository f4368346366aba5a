/**
 * Connector settings: where a plugin's prefill hook gets its data. A deployment sets defaults in the
 * environment (`RB_CONNECTOR_<PLUGIN_ID>`); a tenant's admin may set an HTTP connector in the
 * `plugin_setting` table, which wins. File connectors come only from the deployment: a folder on
 * the server is not something a tenant may point at.
 */
export interface FileConnectorConfig {
  kind: 'file'
  /** Connector id recorded with the figures; default `<plugin>-file`. */
  id?: string
  /** Folder holding the exports (absolute, or relative to the project root). */
  dir: string
  /** File inside the folder; `{unit}`, `{period}`, `{template}`, `{version}` are filled in. */
  path?: string
}

export interface HttpConnectorConfig {
  kind: 'http'
  /** Default `<plugin>-http`. */
  id?: string
  /** `{unit}`, `{period}`, `{template}`, `{version}` are filled in (URL-encoded); without any, they go in the query string. */
  url: string
  /** Default 10 000 ms. */
  timeoutMs?: number
  /** Sent with every request (e.g. an API key); never shown back. */
  headers?: Record<string, string>
}

export type ConnectorConfig = FileConnectorConfig | HttpConnectorConfig

export const DEFAULT_FILE_PATH = '{unit}/{period}.json'
export const DEFAULT_TIMEOUT_MS = 10_000
const MAX_TIMEOUT_MS = 120_000

function fail(where: string, message: string): never {
  throw new Error(`${where}: ${message}`)
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Checks a connector setting (from JSON), naming the first bad field.
 *
 * @example
 * parseConnectorConfig({ kind: 'http', url: 'https://motcua.example/api/{unit}/{period}' }, 'RB_CONNECTOR_KSTTHC')
 */
export function parseConnectorConfig(value: unknown, where: string): ConnectorConfig {
  if (!isObject(value)) fail(where, 'must be an object with a kind (file or http)')
  const id = value.id
  if (id !== undefined && (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(id)))
    fail(`${where}.id`, 'must be kebab-case')
  for (const key of Object.keys(value)) {
    const allowed =
      value.kind === 'file'
        ? ['kind', 'id', 'dir', 'path']
        : ['kind', 'id', 'url', 'timeoutMs', 'headers']
    if (!allowed.includes(key))
      fail(`${where}.${key}`, `is not a setting of a ${String(value.kind)} connector`)
  }
  if (value.kind === 'file') {
    if (typeof value.dir !== 'string' || value.dir.trim() === '')
      fail(`${where}.dir`, 'must be a folder path')
    if (value.path !== undefined && (typeof value.path !== 'string' || value.path.trim() === ''))
      fail(`${where}.path`, 'must be a file path inside the folder')
    return {
      kind: 'file',
      dir: value.dir,
      ...(id === undefined ? {} : { id: id as string }),
      ...(value.path === undefined ? {} : { path: value.path as string }),
    }
  }
  if (value.kind === 'http') {
    let url: URL
    try {
      url = new URL(String(value.url).replace(/[{}]/g, ''))
    } catch {
      fail(`${where}.url`, `must be an absolute http(s) URL (got ${JSON.stringify(value.url)})`)
    }
    if (typeof value.url !== 'string' || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      fail(`${where}.url`, `must be an absolute http(s) URL (got ${JSON.stringify(value.url)})`)
    const t = value.timeoutMs
    if (
      t !== undefined &&
      (typeof t !== 'number' || !Number.isInteger(t) || t < 1 || t > MAX_TIMEOUT_MS)
    )
      fail(`${where}.timeoutMs`, `must be an integer from 1 to ${MAX_TIMEOUT_MS}`)
    const headers = value.headers
    if (
      headers !== undefined &&
      (!isObject(headers) || !Object.values(headers).every((h) => typeof h === 'string'))
    )
      fail(`${where}.headers`, 'must be an object of header names to strings')
    return {
      kind: 'http',
      url: value.url,
      ...(id === undefined ? {} : { id: id as string }),
      ...(t === undefined ? {} : { timeoutMs: t }),
      ...(headers === undefined ? {} : { headers: headers as Record<string, string> }),
    }
  }
  return fail(`${where}.kind`, `must be "file" or "http" (got ${JSON.stringify(value.kind)})`)
}

/** `kstthc` <-> `RB_CONNECTOR_KSTTHC`, `example-small` <-> `RB_CONNECTOR_EXAMPLE_SMALL`. */
export function connectorVariable(pluginId: string): string {
  return `RB_CONNECTOR_${pluginId.toUpperCase().replace(/-/g, '_')}`
}

/**
 * Connector defaults from the environment: `RB_CONNECTOR_<PLUGIN_ID>` holds JSON, or the shorthands
 * `file:<folder>` and an http(s) URL.
 *
 * @example
 * connectorsFromEnv({ RB_CONNECTOR_KSTTHC: 'file:./exports' }) // { kstthc: { kind: 'file', dir: './exports' } }
 */
export function connectorsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, ConnectorConfig> {
  const out: Record<string, ConnectorConfig> = {}
  for (const [name, raw] of Object.entries(env)) {
    const m = /^RB_CONNECTOR_([A-Z0-9_]+)$/.exec(name)
    if (m === null || raw === undefined || raw.trim() === '') continue
    const plugin = m[1]!.toLowerCase().replace(/_/g, '-')
    const text = raw.trim()
    let value: unknown
    if (text.startsWith('{')) {
      try {
        value = JSON.parse(text)
      } catch (e) {
        fail(name, `is not valid JSON: ${(e as Error).message}`)
      }
    } else if (text.startsWith('file:')) {
      value = { kind: 'file', dir: text.slice('file:'.length) }
    } else {
      value = { kind: 'http', url: text }
    }
    out[plugin] = parseConnectorConfig(value, name)
  }
  return out
}

/** A setting as shown to an admin: header values are secrets and are masked. */
export function redactConnector(config: ConnectorConfig): ConnectorConfig {
  if (config.kind !== 'http' || config.headers === undefined) return config
  return {
    ...config,
    headers: Object.fromEntries(Object.keys(config.headers).map((k) => [k, '***'])),
  }
}

/**
 * The hosts a tenant's admin may point an HTTP connector at: `RB_CONNECTOR_HOSTS`, comma-separated
 * `host` (any port) or `host:port`. Connectors set on the server (`RB_CONNECTOR_<PLUGIN>`) are the
 * operator's own and need no entry; without the list, tenants cannot set HTTP connectors at all,
 * so an admin account cannot make the server fetch from an arbitrary address.
 *
 * @example
 * connectorHostsFromEnv({ RB_CONNECTOR_HOSTS: 'motcua.dongthap.gov.vn, 10.0.0.5:8080' }) // ['motcua.dongthap.gov.vn', '10.0.0.5:8080']
 */
export function connectorHostsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const hosts = (env.RB_CONNECTOR_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '')
  for (const h of hosts) {
    if (!/^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/.test(h))
      fail('RB_CONNECTOR_HOSTS', `"${h}" is not a host or host:port`)
  }
  return hosts
}

/**
 * Why a tenant's HTTP connector may not be used, or undefined when its host is allowed.
 *
 * @example
 * connectorHostRefusal('https://motcua.example/api', ['motcua.example']) // undefined
 */
export function connectorHostRefusal(url: string, allowed: readonly string[]): string | undefined {
  const u = new URL(url.replace(/[{}]/g, ''))
  const host = u.host.toLowerCase()
  if (allowed.includes(host) || allowed.includes(u.hostname.toLowerCase())) return undefined
  return allowed.length === 0
    ? `host ${host} is not allowed: this server lets no tenant set HTTP connectors (RB_CONNECTOR_HOSTS is empty)`
    : `host ${host} is not allowed: RB_CONNECTOR_HOSTS lists ${allowed.join(', ')}`
}
