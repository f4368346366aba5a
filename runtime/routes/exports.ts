/**
 * Files over HTTP (DESIGN.md §3 step 7): downloads of a report in every export format, the signed
 * package of an approved report, a workbook imported as a template draft, a CSV prefilling a draft,
 * and exchange packets checked on arrival. The conversions are runtime/exports' pure functions.
 */
import type { Context } from 'hono'
import { diagnosticKey, expandDynamicRows, type SubmissionDocument } from '../../core/index.js'
import { canRead, requireRole } from '../auth/access.js'
import type { AppEnv, Auth } from '../context.js'
import { queryOne } from '../db/sql.js'
import { ApiError, badRequest, conflict, unprocessable } from '../errors.js'
import {
  checkUnzippedSize,
  exportCsv,
  exportDocx,
  exportPacket,
  exportPdf,
  exportReportPackage,
  exportXlsx,
  fileStem,
  importCsv,
  importPacket,
  importXlsxTemplate,
  MEDIA_TYPES,
  type FileDiagnostic,
} from '../exports/index.js'
import { flattenValues, withAddedValues } from '../services/cells.js'
import { saveRevision } from '../services/save-revision.js'
import {
  externalFor,
  evaluate,
  loadInstance,
  requireRead,
  templateOf,
  type InstanceContext,
} from '../services/instances.js'
import { caCertificatePem, ensureUnitCredential } from '../services/pki.js'
import { loadExportReport, type LoadedExport } from '../services/report-export.js'
import { getVersion, resolveDefinition, resolvedOf } from '../services/templates.js'
import { getUnit } from '../services/units.js'
import { intParam, readJson } from './body.js'
import { defineRoutes, type QueryParam, type RouteDef } from './define.js'
import { em, engine, now, optionalInt, tenantOf } from './helpers.js'
import { instanceFor, openDraft, requireNoVeto } from './report-guards.js'
import { newTemplate, storeDraftVersion } from './template-drafts.js'

/** Uploads are whole files held in memory; a form workbook or a report's CSV is far below this. */
export const UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024
/** The parser inflates the whole workbook: a form's XML is a few MiB, a zip bomb gigabytes. */
export const XLSX_INFLATED_LIMIT_BYTES = 100 * 1024 * 1024

const REVISION_QUERY: QueryParam = {
  name: 'revision',
  type: 'integer',
  description: 'Revision number (every revision is kept); the current one by default',
}

function revisionParam(c: Context<AppEnv>): number | undefined {
  const raw = c.req.query('revision')
  return raw === undefined || raw === '' ? undefined : intParam(raw, 'revision')
}

/** The revision `?revision=` asks for, as the exporters take it, once the caller may read it. */
async function readableExport(
  c: Context<AppEnv>,
  auth: Auth,
): Promise<{ ctx: InstanceContext; loaded: LoadedExport }> {
  const ctx = await instanceFor(c, auth)
  requireRead(auth, ctx)
  const loaded = await loadExportReport(
    em(c),
    engine(c),
    ctx,
    templateOf(ctx, engine(c)),
    revisionParam(c),
    now(c),
  )
  return { ctx, loaded }
}

/** `attachment` with an ASCII `filename` for old clients and the exact name in `filename*` (RFC 6266). */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (d) => (d === 'đ' ? 'd' : 'D'))
    .replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

function download(
  data: Uint8Array | string,
  mediaType: string,
  name: string,
  extra: Record<string, string> = {},
): Response {
  const body = typeof data === 'string' ? data : new Uint8Array(data)
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': mediaType,
      'content-disposition': contentDisposition(name),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      ...extra,
    },
  })
}

const signaturesOf = (loaded: LoadedExport) =>
  loaded.signatures.map(({ signerName: _n, ...s }) => s)

function packetOf(loaded: LoadedExport, at: Date) {
  const r = loaded.report
  return exportPacket(r, {
    sender: r.unit,
    ...(r.receiver === undefined ? {} : { receiver: r.receiver }),
    createdAt: at,
    signatures: signaturesOf(loaded),
  })
}

/** Proxies refuse headers of more than a few KiB: the count is exact, the messages are the first ones. */
const HEADER_MESSAGES = 20

/** Diagnostics of a lossy export travel in headers: the file itself stays the plain format. */
function diagnosticsHeader(diagnostics: readonly FileDiagnostic[]): Record<string, string> {
  return diagnostics.length === 0
    ? {}
    : {
        'x-export-diagnostic-count': String(diagnostics.length),
        'x-export-diagnostics': encodeURIComponent(
          JSON.stringify(diagnostics.slice(0, HEADER_MESSAGES).map((d) => d.message)),
        ),
      }
}

type Format = 'xlsx' | 'docx' | 'pdf' | 'csv' | 'json'

const RENDER: Record<
  Format,
  (
    l: LoadedExport,
    at: Date,
  ) => Promise<{ data: Uint8Array | string; extra?: Record<string, string> }>
> = {
  xlsx: async (l, at) => {
    const x = await exportXlsx(l.report, { createdAt: at })
    return { data: x.data, extra: diagnosticsHeader(x.diagnostics) }
  },
  docx: async (l) => ({ data: await exportDocx(l.report) }),
  pdf: async (l, at) => ({ data: await exportPdf(l.report, { createdAt: at }) }),
  csv: async (l) => Promise.resolve({ data: exportCsv(l.report) }),
  json: async (l, at) => Promise.resolve({ data: JSON.stringify(packetOf(l, at), null, 2) + '\n' }),
}

const FORMAT_SUMMARY: Record<Format, string> = {
  xlsx: 'The report as .xlsx: one sheet per grid section with merged headers, live formulas and cached values (formulas Excel cannot compute are values, listed in the X-Export-Diagnostics header)',
  docx: 'The report as .docx in the ND 30/2020 layout (quốc hiệu, agency, title, content, tables, signature block)',
  pdf: 'The report as .pdf in the ND 30/2020 layout (Vietnamese fonts embedded)',
  csv: 'Cell values as .csv: one line per unit x period x section x row x column (UTF-8 with BOM); POST import.csv reads it back',
  json: 'The QCVN 125:2021/BTTTT exchange packet (schemas/packet.schema.json) with the revision’s signatures',
}

function exportRoute(format: Format): RouteDef {
  const ext = format === 'json' ? 'packet.json' : format
  return {
    method: 'get',
    path: `/instances/:id/export.${format}`,
    operationId: `export${format[0]!.toUpperCase()}${format.slice(1)}`,
    summary: `${FORMAT_SUMMARY[format]}. Response ${MEDIA_TYPES[format]}, as an attachment`,
    tag: 'files',
    roles: 'as for reading the instance',
    query: [REVISION_QUERY],
    produces: MEDIA_TYPES[format],
    async handler(c, _body, auth) {
      const { loaded } = await readableExport(c, auth)
      const out = await RENDER[format](loaded, now(c))
      return download(
        out.data,
        MEDIA_TYPES[format],
        `${fileStem(loaded.report)}.${ext}`,
        out.extra ?? {},
      )
    },
  }
}

const PACKAGE_STATES = new Set(['approved', 'sent', 'accepted'])

/** The upload as bytes: the raw body, or the `file` field of a multipart form. */
async function readUpload(c: Context<AppEnv>, what: string): Promise<Uint8Array> {
  const type = c.req.header('content-type') ?? ''
  const declared = Number(c.req.header('content-length') ?? '0')
  const tooLarge = () =>
    new ApiError(413, 'payload_too_large', `The ${what} exceeds ${UPLOAD_LIMIT_BYTES} bytes`)
  if (declared > UPLOAD_LIMIT_BYTES) throw tooLarge()
  let bytes: Uint8Array
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.parseBody()
    const file = form.file
    if (!(file instanceof File))
      throw badRequest(`Multipart upload without a 'file' field holding the ${what}`, {
        pointer: 'file',
      })
    bytes = new Uint8Array(await file.arrayBuffer())
  } else {
    bytes = new Uint8Array(await c.req.arrayBuffer())
  }
  if (bytes.byteLength > UPLOAD_LIMIT_BYTES) throw tooLarge()
  if (bytes.byteLength === 0) throw badRequest(`The request body is empty; send the ${what}`)
  return bytes
}

/** The first error of a file's diagnostics as the message of a 422 carrying all of them. */
function fileRefusal(code: string, what: string, diagnostics: readonly FileDiagnostic[]): ApiError {
  const errors = diagnostics.filter((d) => d.severity === 'error')
  return unprocessable(
    code,
    `${what}: ${errors.length} error(s); first ${errors[0]?.message ?? ''}`,
    { diagnostics },
  )
}

/**
 * CSV -> draft, with the same guards as saving a draft: entry role, draft state, the version the
 * caller read, the plugins' save hook, then the draft save itself (saveRevision: core's judgement of
 * each value, the versioned update, cells and audit). Any bad line refuses
 * the whole file, so the draft is either fully updated or untouched.
 */
async function importCsvIntoDraft(c: Context<AppEnv>, auth: Auth) {
  const version = intParam(c.req.query('version'), 'version')
  const bytes = await readUpload(c, 'CSV file')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw badRequest('The CSV file is not UTF-8 text (export it as "CSV UTF-8")')
  }
  const draft = await openDraft(c, auth, version, {
    lock: true,
    retry: 'Reload and import again.',
  })
  const { ctx, rev, template, at } = draft
  const read = importCsv(text, template)
  if (read.diagnostics.some((d) => d.severity === 'error'))
    throw fileRefusal('invalid_csv', 'The CSV file is refused', read.diagnostics)
  const others = read.submissions.filter((s) => s.unit !== ctx.unit.code || s.period !== ctx.period)
  if (others.length > 0)
    throw unprocessable(
      'wrong_report',
      `The CSV file holds values of ${others.map((s) => `unit ${s.unit} period ${s.period}`).join(', ')}; this report is unit ${ctx.unit.code} period ${ctx.period}`,
    )
  const mine = read.submissions[0]
  if (mine === undefined) throw unprocessable('empty_csv', 'The CSV file holds no input values')
  const doc = withAddedValues(rev.document, mine.values, mine.dynamicRows)
  requireNoVeto(c, auth, ctx, 'save', template, doc, at)
  // Row lists the file makes invalid (past maxRows…) refuse it; problems the draft already had do not.
  const listProblems = (d: SubmissionDocument) =>
    (expandDynamicRows(template, d.dynamicRows ?? {}).expansion?.diagnostics ?? []).filter(
      (x) => x.severity === 'error',
    )
  const had = new Set(listProblems(rev.document).map((x) => x.message))
  const added = listProblems(doc).filter((x) => !had.has(x.message))
  if (added.length > 0)
    throw unprocessable(
      'invalid_csv',
      `The CSV file is refused: its rows make ${added[0]!.message}`,
      { diagnostics: added },
    )
  const changes = flattenValues(mine.values)
  const saved = await saveRevision(em(c), engine(c), {
    ...draft,
    doc,
    changes,
    actorId: auth.user.id,
    action: 'report.import-csv',
    auditAfter: { source: 'csv' },
    staleMessage: 'Report changed while importing; reload',
  })
  return {
    version: saved.version,
    cells: changes.length,
    dynamicRows: doc.dynamicRows ?? {},
    diagnostics: saved.diagnostics,
    keys: saved.diagnostics.map(diagnosticKey),
    fileDiagnostics: read.diagnostics,
  }
}

async function importWorkbook(c: Context<AppEnv>, auth: Auth) {
  const ownerId = optionalInt(c, 'ownerUnitId') ?? auth.user.unitId
  const owner = await getUnit(em(c), ownerId)
  requireRole(auth, 'designer', owner)
  const bytes = await readUpload(c, '.xlsx workbook')
  // An .xlsx is a zip (PK\3\4): anything else is refused before the parser guesses at it.
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04)
    throw badRequest(
      'The file is not an .xlsx workbook (Office Open XML); save it from Excel or LibreOffice as .xlsx',
      { code: 'not_xlsx' },
    )
  const inflated = await checkUnzippedSize(bytes, XLSX_INFLATED_LIMIT_BYTES)
  if (!inflated.ok)
    throw inflated.reason.startsWith('not a zip')
      ? badRequest(`The file is not a readable .xlsx workbook: ${inflated.reason}`, {
          code: 'not_xlsx',
        })
      : new ApiError(413, 'payload_too_large', `The workbook is refused: ${inflated.reason}`)
  const code = c.req.query('code')
  const name = c.req.query('name')
  let read
  try {
    read = await importXlsxTemplate(bytes, {
      functions: engine(c).functions,
      ...(code === undefined || code === '' ? {} : { code }),
      ...(name === undefined || name === '' ? {} : { name }),
    })
  } catch (e) {
    throw badRequest(`The file is not a readable .xlsx workbook: ${(e as Error).message}`, {
      code: 'not_xlsx',
    })
  }
  if (read.resolved === undefined)
    throw unprocessable(
      'invalid_template',
      `The workbook does not make a template: ${read.diagnostics.filter((d) => d.severity === 'error').length} error(s); first ${read.diagnostics.find((d) => d.severity === 'error')?.message ?? ''}`,
      { diagnostics: read.diagnostics, definition: read.template },
    )
  const { template, diagnostics } = resolveDefinition(
    { ...read.template, status: 'draft' },
    engine(c),
  )
  const taken = await queryOne<{ id: number }>(
    em(c),
    'select id from template where tenant_id = ? and code = ?',
    [owner.rootId, template.code],
  )
  if (taken !== undefined)
    throw conflict(
      'duplicate',
      `A template with code '${template.code}' already exists (id ${taken.id}); import with ?code= to give another code, or add a version to it`,
      { templateId: taken.id, pointer: '/code' },
    )
  const row = await storeDraftVersion(
    c,
    auth,
    newTemplate(c, owner, template),
    template,
    'template.import-xlsx',
    { diagnostics: read.diagnostics.length },
  )
  return {
    id: row.id,
    templateId: row.templateId,
    code: row.code,
    version: row.version,
    status: row.status,
    lockVersion: row.lockVersion,
    ownerUnitId: row.ownerUnitId,
    definition: row.definition,
    /** What the workbook held that the template does not carry, and template warnings. */
    diagnostics: [...read.diagnostics, ...diagnostics],
    /** Values found in input cells, a prefill for a first report. */
    values: read.values,
    /** Results the spreadsheet program cached for formula cells, by cell key (to compare with ours). */
    cached: Object.fromEntries(read.cached),
  }
}

/**
 * Checks an exchange packet on arrival: schema (JSON pointers), the template version it names in
 * the caller's tenant, the sender's computed figures against ours, and every CMS signature against
 * the installation's CA. Nothing is stored: a report reaches its receiver through the workflow.
 */
async function checkPacket(c: Context<AppEnv>, auth: Auth) {
  const input = await readJson(c)
  const tenant = await tenantOf(c, auth)
  // What the packet claims to be, read before validation only to find the local template and report.
  const peek = input as {
    report?: {
      form?: { code?: unknown; version?: unknown }
      unit?: { code?: unknown }
      period?: { code?: unknown }
    }
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : '')
  const [form, unit, period] = [
    { code: text(peek.report?.form?.code), version: text(peek.report?.form?.version) },
    text(peek.report?.unit?.code),
    text(peek.report?.period?.code),
  ]
  const version = await queryOne<{ id: number }>(
    em(c),
    `select v.id from template_version v join template t on t.id = v.template_id
      where t.tenant_id = ? and t.code = ? and v.version = ? order by v.id desc limit 1`,
    [tenant, form.code, form.version],
  )
  const resolved =
    version === undefined ? undefined : resolvedOf(await getVersion(em(c), version.id), engine(c))
  const local = await queryOne<{ id: number }>(
    em(c),
    `select i.id from report_instance i join org_unit u on u.id = i.unit_id
       join assignment a on a.id = i.assignment_id
       join template_version v on v.id = coalesce(i.template_version_id, a.template_version_id) join template t on t.id = v.template_id
      where i.tenant_id = ? and u.code = ? and i.period = ? and t.code = ? and v.version = ?`,
    [tenant, unit, period, form.code, form.version],
  )
  const ctx = local === undefined ? undefined : await loadInstance(em(c), local.id, tenant)
  // Period functions (PREV_PERIOD…) read the stored reports of the packet's unit: without its
  // report here they read empty, and a differing figure is reported, not hidden.
  const external =
    ctx === undefined || resolved === undefined
      ? undefined
      : await externalFor(em(c), engine(c), ctx, resolved)
  const ca = await caCertificatePem(em(c))
  const result = importPacket(input as object, {
    ...(resolved === undefined
      ? {}
      : {
          template: resolved,
          recompute: (s) => evaluate(engine(c), resolved, s, external).snapshot(),
        }),
    trustedCaPem: ca === undefined ? [] : [ca],
  })
  if (!result.ok) throw fileRefusal('invalid_packet', 'The packet is refused', result.diagnostics)
  const diagnostics: FileDiagnostic[] = [...result.diagnostics]
  if (resolved === undefined)
    diagnostics.push({
      ruleId: 'packet/unknown-template',
      severity: 'warning',
      message: `/report/form: no template ${result.packet.report.form.code} version ${result.packet.report.form.version} in this installation; cells were not checked`,
      place: { pointer: '/report/form' },
      at: '/report/form',
    })
  // The local report of the same unit, period and template, when the caller may read it.
  let match: Record<string, unknown> | null = null
  if (
    ctx !== undefined &&
    (canRead(auth, ctx.unit) || auth.grants.some((g) => g.unitId === ctx.receivingUnit.id))
  ) {
    const rev = ctx.revisions.find((r) => r.revisionNo === (result.submission.revision ?? 0))
    match = {
      instanceId: ctx.id,
      revision: rev?.revisionNo ?? null,
      status: rev?.status ?? null,
      sameContent:
        rev !== undefined &&
        JSON.stringify(canonical(rev.document)) === JSON.stringify(canonical(result.submission)),
    }
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  return {
    valid: errors === 0,
    trusted: result.signatures.length > 0 && result.signatures.every((s) => s.ok && s.trusted),
    header: result.packet.header,
    report: result.packet.report,
    submission: result.submission,
    ...(result.status === undefined ? {} : { status: result.status }),
    signatures: result.signatures,
    diagnostics,
    match,
  }
}

/** Key order does not matter when comparing documents. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical)
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => [k, canonical(x)]),
    )
  return v
}

export const exportRoutes = defineRoutes([
  exportRoute('xlsx'),
  exportRoute('docx'),
  exportRoute('pdf'),
  exportRoute('csv'),
  exportRoute('json'),
  {
    method: 'get',
    path: '/instances/:id/package.zip',
    operationId: 'exportSignedPackage',
    summary:
      'The signed package of an approved, sent or accepted revision: .xlsx, .docx, .pdf and the exchange packet, each with a detached CMS signature of the reporting unit, and a signed manifest (409 naming the state otherwise). Response application/zip',
    tag: 'files',
    roles: 'as for reading the instance',
    query: [REVISION_QUERY],
    produces: MEDIA_TYPES.zip,
    async handler(c, _body, auth) {
      const { ctx, loaded } = await readableExport(c, auth)
      const state = loaded.revision.status
      if (!PACKAGE_STATES.has(state))
        throw conflict(
          'wrong_state',
          `Revision ${loaded.revision.revisionNo} is ${state}: only an approved, sent or accepted revision is packaged`,
          { state, revision: loaded.revision.revisionNo },
        )
      const credential = await ensureUnitCredential(em(c), ctx.unit, now(c))
      const r = loaded.report
      const signer = loaded.signatures.at(-1)?.signer
      const pkg = await exportReportPackage(r, credential, {
        sender: r.unit,
        ...(r.receiver === undefined ? {} : { receiver: r.receiver }),
        signatures: signaturesOf(loaded),
        ...(signer === undefined ? {} : { signer }),
        createdAt: now(c),
      })
      return download(
        pkg.data,
        MEDIA_TYPES.zip,
        `${fileStem(r)}.zip`,
        diagnosticsHeader(pkg.diagnostics),
      )
    },
  },
  {
    method: 'post',
    path: '/templates/import-xlsx',
    operationId: 'importXlsxTemplate',
    summary:
      'Create a template (first draft version) from an .xlsx form. Body: the workbook bytes, or multipart/form-data with a `file` field (at most 5 MiB). Returns the version, the import diagnostics (everything the template does not carry, by Sheet!A1), the values found in input cells and the formula results the spreadsheet cached; 400 when the file is not an .xlsx, 422 with the diagnostics when it makes no valid template, 409 when the code exists',
    tag: 'files',
    roles: 'designer on the owner unit',
    status: 201,
    upload: { mediaTypes: [MEDIA_TYPES.xlsx, 'multipart/form-data'] },
    query: [
      { name: 'ownerUnitId', type: 'integer', description: 'Owner unit; the caller’s by default' },
      { name: 'code', type: 'string', description: 'Template code (else read from "Biểu số …")' },
      { name: 'name', type: 'string', description: 'Template name (else the sheet’s title)' },
    ],
    async handler(c, _body, auth) {
      return importWorkbook(c, auth)
    },
  },
  {
    method: 'post',
    path: '/instances/:id/import.csv',
    operationId: 'importCsvDraft',
    summary:
      'Prefill the draft from a .csv in the layout of export.csv (input cells only; rows added to lists included). Body: the CSV text, or multipart/form-data with a `file` field. A bad line refuses the whole file (422 naming line and column) and the draft is unchanged; `version` as for saving (409 when stale)',
    tag: 'files',
    roles: 'entry on the reporting unit',
    upload: { mediaTypes: ['text/csv', 'multipart/form-data'] },
    query: [
      {
        name: 'version',
        type: 'integer',
        description: 'The draft version the caller read',
        required: true,
      },
    ],
    async handler(c, _body, auth) {
      return importCsvIntoDraft(c, auth)
    },
  },
  {
    method: 'post',
    path: '/exchange/packets',
    operationId: 'checkExchangePacket',
    summary:
      'Check an incoming QCVN 125 exchange packet without storing it: schema errors with JSON pointers (422), cells against the named template version, the sender’s computed figures against ours, each CMS signature against this installation’s CA, and the local report it matches (when the caller may read it). Body: the packet JSON',
    tag: 'files',
    roles: 'any signed-in user',
    upload: { mediaTypes: [MEDIA_TYPES.json] },
    async handler(c, _body, auth) {
      return checkPacket(c, auth)
    },
  },
])
