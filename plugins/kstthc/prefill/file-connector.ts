/**
 * Reference connector that reads one-stop exports from files (a drop folder or a test fixture).
 * The runtime owns the real connectors (HTTP, file); IO is passed in, so this stays pure.
 */
import { parseOneStopExport } from './parse-export.js'
import type { OneStopConnector } from './types.js'

export interface FileConnectorOptions {
  id: string
  /** Reads a file as text (e.g. `(p) => readFile(p, 'utf8')` in Node). */
  readText(path: string): Promise<string>
  /** Where the export for a unit and period lives. */
  pathFor(request: { unit: string; period: string }): string
}

/**
 * @example
 * const connector = createFileConnector({ id: 'drop', readText: (p) => readFile(p, 'utf8'), pathFor: (r) => `exports/${r.unit}/${r.period}.json` })
 */
export function createFileConnector(options: FileConnectorOptions): OneStopConnector {
  return {
    id: options.id,
    kind: 'file',
    async fetch(request) {
      const path = options.pathFor(request)
      return parseOneStopExport(JSON.parse(await options.readText(path)), path)
    },
  }
}
