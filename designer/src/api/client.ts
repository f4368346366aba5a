import type {
  Assignment,
  Consolidation,
  DraftInput,
  DraftSaved,
  InstanceDetail,
  InstanceSummary,
  Me,
  TemplateListItem,
  TemplateVersion,
  Tracking,
} from './types.js'
import type { OrgUnit, PluginInstallResult, PluginList } from './plugin-types.js'
import type { ExternalReportsData, TemplateDefinition } from '../../../core/index.js'
import type { CsvImported, ExportFormat, XlsxImported } from './file-types.js'
import type { RevisionSignature, SignatureVerification } from './signature-types.js'
import type {
  AssignmentDetail,
  AssignmentRow,
  CreatedAssignment,
  NewAssignment,
  UnitRow,
} from './assignment-types.js'

/** The runtime's error body `{ error: { code, message, details? } }` as an exception. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export const CSRF_COOKIE = 'rb_csrf'
export const CSRF_HEADER = 'x-csrf-token'

export interface ApiClientOptions {
  /** Default `/api/v1` (same origin: the runtime serves the app at `/`). */
  base?: string
  fetch?: typeof fetch
  /** Reads the cookie string (default `document.cookie`), for the double-submit CSRF header. */
  cookies?: () => string
}

function readCookie(cookies: string, name: string): string | undefined {
  for (const part of cookies.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return decodeURIComponent(v.join('='))
  }
  return undefined
}

function qs(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(
    (e): e is [string, string | number] => e[1] !== undefined,
  )
  return entries.length === 0
    ? ''
    : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`
}

// A type, not an interface: qs() takes it as a plain record.
export type InstanceFilter = {
  assignmentId?: number
  period?: string
  unitId?: number
}

/** GET /instances: one page of reports and how many match in all. */
export interface InstancePage {
  instances: InstanceSummary[]
  total: number
  limit: number
  offset: number
}

/** The runtime's largest page of GET /instances. */
const MAX_PAGE = 500

export type WorkflowActionName =
  | 'submit'
  | 'approve'
  | 'reject'
  | 'send'
  | 'accept'
  | 'return'
  | 'request-correction'
  | 'grant-correction'
  | 'deny-correction'

/** Actions whose route requires `{ reason }`. */
export const REASON_ACTIONS: ReadonlySet<string> = new Set([
  'reject',
  'return',
  'request-correction',
  'deny-correction',
])

/**
 * A small typed client of the runtime's /api/v1: session cookies travel with `credentials:
 * 'same-origin'`; state-changing calls echo the CSRF cookie in `x-csrf-token`.
 */
export function createApiClient(opts: ApiClientOptions = {}) {
  const base = opts.base ?? '/api/v1'
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a))
  const cookies = opts.cookies ?? (() => (typeof document === 'undefined' ? '' : document.cookie))

  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    file?: { data: Blob; type: string },
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (file !== undefined) headers['content-type'] = file.type
    else if (body !== undefined) headers['content-type'] = 'application/json'
    if (method !== 'GET') {
      const token = readCookie(cookies(), CSRF_COOKIE)
      if (token !== undefined) headers[CSRF_HEADER] = token
    }
    const res = await doFetch(`${base}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(file !== undefined
        ? { body: file.data }
        : body === undefined
          ? {}
          : { body: JSON.stringify(body) }),
    })
    const text = await res.text()
    let data: unknown
    try {
      data = text === '' ? undefined : JSON.parse(text)
    } catch {
      data = undefined
    }
    if (!res.ok) {
      const err = (
        data as { error?: { code?: string; message?: string; details?: unknown } } | undefined
      )?.error
      throw new ApiError(
        res.status,
        err?.code ?? 'http_error',
        err?.message ?? `${res.status} ${res.statusText}`,
        err?.details,
      )
    }
    return data as T
  }

  /** A file upload: the bytes as the body, the CSRF header as for any change. */
  function upload<T>(path: string, file: Blob, type: string): Promise<T> {
    return call<T>('POST', path, undefined, { data: file, type })
  }

  function listInstancesPage(filter: InstanceFilter & { limit?: number; offset?: number } = {}) {
    return call<InstancePage>('GET', `/instances${qs(filter)}`)
  }

  /**
   * The reports matching the filter, page after page, stopping after `max` (a bound on what one
   * screen loads); `total` says how many the runtime has, so a caller can tell when it stopped short.
   */
  async function listAllInstances(filter: InstanceFilter = {}, max = Number.POSITIVE_INFINITY) {
    const instances: InstanceSummary[] = []
    let total = 0
    do {
      const limit = Math.min(MAX_PAGE, max - instances.length)
      const page = await listInstancesPage({ ...filter, limit, offset: instances.length })
      instances.push(...page.instances)
      total = page.total
      if (page.instances.length === 0) break
    } while (instances.length < Math.min(total, max))
    return { instances, total }
  }

  return {
    login: (username: string, password: string) =>
      call<Me>('POST', '/auth/login', { username, password }),
    logout: () => call<unknown>('POST', '/auth/logout'),
    me: () => call<Me>('GET', '/auth/me'),

    /** Every report matching the filter, read page by page (the runtime gives at most 500 a request). */
    listInstances: (filter: InstanceFilter = {}) =>
      listAllInstances(filter).then((r) => r.instances),
    /** One page of GET /instances, with `total` counting every match. */
    listInstancesPage,
    listAllInstances,
    getInstance: (id: number) => call<InstanceDetail>('GET', `/instances/${id}`),
    /** What the report's period functions read from other reports (core's externalValuesFromData takes it). */
    getExternalValues: (id: number) =>
      call<ExternalReportsData>('GET', `/instances/${id}/external-values`),
    saveDraft: (id: number, input: DraftInput) =>
      call<DraftSaved>('PUT', `/instances/${id}/draft`, input),
    /** Download address of a report file (a plain link: the session cookie goes with it). */
    exportUrl: (id: number, format: ExportFormat, revision?: number) =>
      `${base}/instances/${id}/${format === 'zip' ? 'package.zip' : `export.${format}`}${qs({ revision })}`,
    importCsv: (id: number, version: number, file: Blob) =>
      upload<CsvImported>(`/instances/${id}/import.csv${qs({ version })}`, file, 'text/csv'),
    importXlsxTemplate: (file: Blob, ownerUnitId?: number) =>
      upload<XlsxImported>(
        `/templates/import-xlsx${qs({ ownerUnitId })}`,
        file,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ),
    /** Who signed a revision and when (the leader's username, the server's time). */
    revisionSignatures: (id: number, revisionNo: number) =>
      call<{ signatures: RevisionSignature[] }>(
        'GET',
        `/instances/${id}/revisions/${revisionNo}`,
      ).then((r) => r.signatures),
    verifySignatures: (revisionId: number) =>
      call<SignatureVerification>('GET', `/revisions/${revisionId}/signatures/verify`),
    act: (id: number, action: WorkflowActionName, reason?: string) =>
      call<InstanceDetail>(
        'POST',
        `/instances/${id}/${action}`,
        REASON_ACTIONS.has(action) ? { reason: reason ?? '' } : undefined,
      ),

    listTemplates: (
      filter: { q?: string; status?: string; page?: number; pageSize?: number } = {},
    ) =>
      call<{ items: TemplateListItem[]; total: number; page: number; pageSize: number }>(
        'GET',
        `/templates${qs(filter)}`,
      ),
    getTemplateVersion: (id: number) => call<TemplateVersion>('GET', `/template-versions/${id}`),
    createTemplate: (definition: TemplateDefinition, ownerUnitId?: number) =>
      call<TemplateVersion>(
        'POST',
        '/templates',
        ownerUnitId === undefined ? { definition } : { definition, ownerUnitId },
      ),
    createTemplateVersion: (templateId: number, definition: TemplateDefinition) =>
      call<TemplateVersion>('POST', `/templates/${templateId}/versions`, { definition }),
    updateTemplateVersion: (id: number, definition: TemplateDefinition, lockVersion: number) =>
      call<TemplateVersion>('PUT', `/template-versions/${id}`, { definition, lockVersion }),
    setTemplateStatus: (id: number, status: TemplateDefinition['status']) =>
      call<TemplateVersion>('POST', `/template-versions/${id}/status`, { status }),

    listAssignments: () =>
      call<{ assignments: Assignment[] }>('GET', '/assignments').then((r) => r.assignments),
    /** The same list with what the assigning screen shows (assigning unit, schedule, counts). */
    listAssignmentRows: () =>
      call<{ assignments: AssignmentRow[] }>('GET', '/assignments').then((r) => r.assignments),
    createAssignment: (input: NewAssignment) =>
      call<CreatedAssignment>('POST', '/assignments', input),
    getAssignment: (id: number) => call<AssignmentDetail>('GET', `/assignments/${id}`),
    listUnits: () => call<{ units: UnitRow[] }>('GET', '/org-units').then((r) => r.units),
    tracking: (assignmentId: number, period: string) =>
      call<Tracking>('GET', `/assignments/${assignmentId}/tracking${qs({ period })}`),
    aggregate: (assignmentId: number, period: string) =>
      call<Consolidation>('GET', `/assignments/${assignmentId}/aggregate${qs({ period })}`),

    getUnit: (id: number) => call<OrgUnit>('GET', `/org-units/${id}`),
    listPlugins: () => call<PluginList>('GET', '/plugins'),
    installPlugin: (folder: string) =>
      call<PluginInstallResult>('POST', '/plugins', { plugin: folder }),
  }
}

export type ApiClient = ReturnType<typeof createApiClient>
