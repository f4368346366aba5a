/**
 * Connectors fetch a plugin's source data for one report (one unit, one period) and return the
 * parsed JSON unchanged: the plugin's prefill hook checks and maps it. Failures are
 * `ConnectorError`s whose message names the connector, the place (file or URL) and the cause.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import {
  DEFAULT_FILE_PATH,
  DEFAULT_TIMEOUT_MS,
  type ConnectorConfig,
  type FileConnectorConfig,
  type HttpConnectorConfig,
} from './config.js'

export interface ConnectorRequest {
  template: { code: string; version: string }
  unit: string
  period: string
}

export interface Connector {
  id: string
  kind: 'file' | 'http'
  fetch(request: ConnectorRequest): Promise<unknown>
}

/** `no-data`: nothing for this unit and period; `timeout`: no answer in time; `failed`: anything else. */
export type ConnectorFailure = 'no-data' | 'timeout' | 'failed'

export class ConnectorError extends Error {
  constructor(
    readonly failure: ConnectorFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'ConnectorError'
  }
}

function fill(template: string, r: ConnectorRequest, encode: (s: string) => string): string {
  const parts: Record<string, string> = {
    unit: r.unit,
    period: r.period,
    template: r.template.code,
    version: r.template.version,
  }
  return template.replace(/\{(unit|period|template|version)\}/g, (_m, k: string) =>
    encode(parts[k]!),
  )
}

/** One path segment from a value: no separators, no `..`, so a unit code cannot leave the folder. */
function segment(value: string): string {
  const s = value.replace(/[/\\]/g, '_')
  return s === '.' || s === '..' ? '_' : s
}

function fileConnector(config: FileConnectorConfig, id: string, rootDir: string): Connector {
  const dir = path.resolve(rootDir, config.dir)
  return {
    id,
    kind: 'file',
    async fetch(request) {
      const rel = fill(config.path ?? DEFAULT_FILE_PATH, request, segment)
      const file = path.resolve(dir, rel)
      if (!file.startsWith(dir + path.sep)) {
        throw new ConnectorError('failed', `connector ${id} (file): ${rel} lies outside its folder`)
      }
      let text: string
      try {
        text = await readFile(file, 'utf8')
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code
        if (code === 'ENOENT') {
          throw new ConnectorError(
            'no-data',
            `connector ${id} (file): no export for unit "${request.unit}", period "${request.period}" (expected ${rel})`,
          )
        }
        throw new ConnectorError(
          'failed',
          `connector ${id} (file): cannot read ${rel}: ${code ?? String(e)}`,
          {
            cause: e,
          },
        )
      }
      try {
        return JSON.parse(text) as unknown
      } catch (e) {
        throw new ConnectorError(
          'failed',
          `connector ${id} (file): ${rel} is not JSON: ${(e as Error).message}`,
        )
      }
    },
  }
}

function requestUrl(config: HttpConnectorConfig, request: ConnectorRequest): string {
  if (/\{(unit|period|template|version)\}/.test(config.url)) {
    return fill(config.url, request, encodeURIComponent)
  }
  const url = new URL(config.url)
  url.searchParams.set('unit', request.unit)
  url.searchParams.set('period', request.period)
  url.searchParams.set('template', request.template.code)
  url.searchParams.set('version', request.template.version)
  return url.toString()
}

/** The URL without its query string: query parameters may carry credentials. */
function shown(url: string): string {
  const u = new URL(url)
  return `${u.origin}${u.pathname}`
}

function httpConnector(config: HttpConnectorConfig, id: string): Connector {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS
  return {
    id,
    kind: 'http',
    async fetch(request) {
      const url = requestUrl(config, request)
      const where = `connector ${id} (http): ${shown(url)}`
      let res: Response
      try {
        res = await fetch(url, {
          headers: { accept: 'application/json', ...(config.headers ?? {}) },
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        })
      } catch (e) {
        const name = (e as Error).name
        if (name === 'TimeoutError' || name === 'AbortError') {
          throw new ConnectorError('timeout', `${where} did not answer within ${timeoutMs} ms`, {
            cause: e,
          })
        }
        const cause = (e as { cause?: { code?: string; message?: string } }).cause
        throw new ConnectorError(
          'failed',
          `${where} cannot be reached: ${cause?.code ?? cause?.message ?? (e as Error).message}`,
          { cause: e },
        )
      }
      let text: string
      try {
        text = await res.text()
      } catch (e) {
        const name = (e as Error).name
        if (name === 'TimeoutError' || name === 'AbortError') {
          throw new ConnectorError(
            'timeout',
            `${where} did not finish answering within ${timeoutMs} ms`,
            {
              cause: e,
            },
          )
        }
        throw new ConnectorError(
          'failed',
          `${where}: reading the answer failed: ${(e as Error).message}`,
        )
      }
      if (res.status === 404) {
        throw new ConnectorError(
          'no-data',
          `${where} has no data for unit "${request.unit}", period "${request.period}" (HTTP 404)`,
        )
      }
      if (!res.ok) {
        throw new ConnectorError(
          'failed',
          `${where} answered HTTP ${res.status}${res.statusText === '' ? '' : ` ${res.statusText}`}`,
        )
      }
      try {
        return JSON.parse(text) as unknown
      } catch (e) {
        throw new ConnectorError(
          'failed',
          `${where} answered something that is not JSON (${res.headers.get('content-type') ?? 'no content type'}): ${(e as Error).message}`,
        )
      }
    },
  }
}

/**
 * The connector of a plugin from its setting.
 *
 * @example
 * await createConnector('kstthc', { kind: 'file', dir: 'plugins/kstthc/fixtures/connector' }, root).fetch({ template, unit: 'UBND-TINH-MAU', period: '2025-Q3' })
 */
export function createConnector(
  pluginId: string,
  config: ConnectorConfig,
  rootDir: string,
): Connector {
  const id = config.id ?? `${pluginId}-${config.kind}`
  return config.kind === 'file' ? fileConnector(config, id, rootDir) : httpConnector(config, id)
}
