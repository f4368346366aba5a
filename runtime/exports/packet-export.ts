/**
 * Report instance -> exchange packet (schemas/packet.schema.json, after QCVN 125:2021/BTTTT): the số liệu,
 * danh sách, đề cương and trạng thái packets of one instance, plus its signatures.
 */
import { createHash, randomUUID } from 'node:crypto'
import { isFormulaError, type ResolvedTemplate, type Value } from '../../core/index.js'
import type {
  CellValue,
  ExchangePacket,
  ListPacket,
  NarrativePacket,
  Signature,
  SubmissionDocument,
  ValueEntry,
  ValuesPacket,
} from '../../schemas/generated/index.js'
import { canonicalJson } from './canonical-json.js'
import { signDetached, type SigningCredential } from './cms.js'
import type { ExportReport, Party } from './types.js'

export interface PacketExportOptions {
  sender: Party
  receiver?: Party
  reportMode?: { code: string; name?: string }
  packetId?: string
  createdAt?: Date
  /** Signatures over the submission (see `signSubmission`). */
  signatures?: Signature[]
  /** Send formula results too, flagged `computed` (default true). */
  includeComputed?: boolean
}

/** What a signature in a packet covers: the canonical JSON of the submission, UTF-8. */
export function submissionBytes(submission: SubmissionDocument): Uint8Array {
  return new TextEncoder().encode(canonicalJson(submission))
}

/** A packet signature over `submission` (CMS detached, SHA-256). */
export function signSubmission(
  submission: SubmissionDocument,
  credential: SigningCredential,
  signer?: Signature['signer'],
  signedAt = new Date(),
): Signature {
  const bytes = submissionBytes(submission)
  return {
    format: 'cms-detached',
    ...(signer !== undefined ? { signer } : {}),
    signedAt: signedAt.toISOString(),
    contentSha256: createHash('sha256').update(bytes).digest('hex'),
    cms: Buffer.from(signDetached(bytes, credential, signedAt)).toString('base64'),
    certificatePem: credential.certificatePem,
  }
}

const asCellValue = (v: Value): CellValue => (isFormulaError(v) ? v.error : v)

function valueEntries(report: ExportReport, includeComputed: boolean): ValueEntry[] {
  const { template, submission } = report
  const entries: ValueEntry[] = []
  const sent = new Set<string>()
  const given = submission.values
  for (const section of template.sections) {
    if (section.kind !== 'grid') continue
    const rowsById = new Map(section.rows.map((r) => [r.id, r]))
    for (const cell of section.cells) {
      const row = rowsById.get(cell.row)
      const meta = {
        ...(row?.code !== undefined ? { rowCode: row.code } : {}),
        ...(row?.indicator !== undefined ? { indicator: row.indicator } : {}),
      }
      const input = given[cell.section]?.[cell.row]
      if (input !== undefined && Object.hasOwn(input, cell.col)) {
        entries.push({
          section: cell.section,
          row: cell.row,
          col: cell.col,
          ...meta,
          value: input[cell.col] as CellValue,
        })
        sent.add(cell.key)
      } else if (includeComputed && cell.kind === 'formula') {
        const v = report.values.get(cell.key)
        if (v !== undefined)
          entries.push({
            section: cell.section,
            row: cell.row,
            col: cell.col,
            ...meta,
            value: asCellValue(v),
            computed: true,
          })
      }
    }
  }
  // Inputs the template does not list (e.g. rows added by the reporter) still travel: the packet must reproduce the submission.
  for (const [section, rows] of Object.entries(given)) {
    for (const [row, cols] of Object.entries(rows)) {
      for (const [col, value] of Object.entries(cols)) {
        if (!sent.has(`${section}!${row}.${col}`)) entries.push({ section, row, col, value })
      }
    }
  }
  return entries
}

function narrativePacket(
  template: ResolvedTemplate,
  narrative: NonNullable<SubmissionDocument['narrative']>,
): NarrativePacket {
  const items: NarrativePacket['items'] = []
  const known = new Set<string>()
  for (const s of template.sections) {
    if (s.kind !== 'narrative') continue
    for (const item of s.items) {
      const text = narrative[s.id]?.[item.id]
      if (text === undefined) continue
      known.add(`${s.id}/${item.id}`)
      items.push({ section: s.id, item: item.id, number: item.number, title: item.title, text })
    }
  }
  for (const [section, texts] of Object.entries(narrative)) {
    for (const [item, text] of Object.entries(texts))
      if (!known.has(`${section}/${item}`)) items.push({ section, item, text })
  }
  return { type: 'gui-de-cuong-bao-cao', items }
}

/** Builds the exchange packet of a report instance. Throws when the submission contradicts the instance. */
export function exportPacket(report: ExportReport, opts: PacketExportOptions): ExchangePacket {
  const s = report.submission
  if (s.unit !== undefined && s.unit !== report.unit.code)
    throw new Error(
      `submission unit "${s.unit}" differs from the report's unit "${report.unit.code}"`,
    )
  if (s.period !== undefined && s.period !== report.period.code)
    throw new Error(
      `submission period "${s.period}" differs from the report's period "${report.period.code}"`,
    )
  if (s.template.code !== report.template.code)
    throw new Error(
      `submission template "${s.template.code}" differs from "${report.template.code}"`,
    )
  const values: ValuesPacket = {
    type: 'so-lieu-bao-cao',
    values: valueEntries(report, opts.includeComputed ?? true),
  }
  if (s.explanations !== undefined)
    values.explanations = Object.entries(s.explanations).map(([key, text]) => ({ key, text }))
  const packets: ExchangePacket['packets'] = [values]
  if (s.dynamicRows !== undefined) {
    const list: ListPacket = {
      type: 'so-lieu-bao-cao-danh-sach',
      lists: Object.entries(s.dynamicRows).map(([section, rows]) => ({ section, rows })),
    }
    packets.push(list)
  }
  if (s.narrative !== undefined) packets.push(narrativePacket(report.template, s.narrative))
  if (report.status !== undefined)
    packets.push({
      type: 'trang-thai-bao-cao',
      status: report.status,
      at: (opts.createdAt ?? new Date()).toISOString(),
    })
  const p = report.period
  const d = report.document
  return {
    standard: 'QCVN 125:2021/BTTTT',
    formatVersion: '1.0',
    header: {
      packetId: opts.packetId ?? randomUUID(),
      createdAt: (opts.createdAt ?? new Date()).toISOString(),
      sender: opts.sender,
      ...(opts.receiver !== undefined
        ? { receiver: opts.receiver }
        : report.receiver !== undefined
          ? { receiver: report.receiver }
          : {}),
    },
    report: {
      ...(opts.reportMode !== undefined ? { reportMode: opts.reportMode } : {}),
      form: {
        code: s.template.code,
        version: s.template.version,
        name: report.template.definition.name,
      },
      period: {
        code: p.code,
        ...(p.type !== undefined ? { type: p.type } : {}),
        ...(p.label !== undefined ? { name: p.label } : {}),
        ...(p.startDate !== undefined ? { startDate: p.startDate } : {}),
        ...(p.endDate !== undefined ? { endDate: p.endDate } : {}),
      },
      unit: report.unit,
      ...(s.revision !== undefined ? { revision: s.revision } : {}),
      ...(d !== undefined
        ? {
            document: {
              ...(d.number !== undefined ? { number: d.number } : {}),
              place: d.place,
              ...(d.date !== undefined ? { date: d.date } : {}),
              title: d.title,
            },
          }
        : {}),
    },
    packets,
    ...(opts.signatures !== undefined && opts.signatures.length > 0
      ? { signatures: opts.signatures }
      : {}),
  }
}
