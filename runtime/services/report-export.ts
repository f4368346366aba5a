/**
 * A stored report instance as the exporters of runtime/exports take it: the template with the
 * reporter's added rows, every value computed with the instance's external values (period
 * functions, other templates, sub-units), and the thể thức of ND 30/2020 from the units and the
 * revision's signatures.
 */
import type { EntityManager } from '@mikro-orm/postgresql'
import { cutoffWindow, periodLabel, periodType, type Engine } from '../../core/index.js'
import type { Signature, StatusPacket } from '../../schemas/generated/index.js'
import { query, queryOne } from '../db/sql.js'
import { notFound } from '../errors.js'
import type { DocumentMeta, ExportReport, PeriodInfo } from '../exports/index.js'
import { evaluate, externalFor, type InstanceContext, type RevisionRow } from './instances.js'

const PACKET_STATES = new Set<string>([
  'draft',
  'submitted',
  'approved',
  'sent',
  'accepted',
  'returned',
  'rejected',
])

/** The revision asked for (`?revision=N`), the current one by default; 404 names the missing one. */
export function revisionOf(ctx: InstanceContext, no?: number): RevisionRow {
  const want = no ?? ctx.currentRevision
  const rev = ctx.revisions.find((r) => r.revisionNo === want)
  if (rev === undefined) throw notFound(`Revision ${want} of report ${ctx.id}`)
  return rev
}

export interface StoredPacketSignature extends Signature {
  signerName: string
}

/** The CMS signatures of a revision, in the packet's shape (they cover the same canonical JSON). */
export async function revisionSignatures(
  em: EntityManager,
  tenantId: number,
  revisionId: number,
): Promise<StoredPacketSignature[]> {
  const rows = await query<{
    cms: string
    certPem: string
    contentSha256: string
    signedAt: Date | string
    fullName: string
    unitCode: string
  }>(
    em,
    `select s.cms, s.cert_pem as "certPem", s.content_sha256 as "contentSha256", s.signed_at as "signedAt",
            u.full_name as "fullName", ou.code as "unitCode"
       from revision_signature s join app_user u on u.id = s.signer_id join org_unit ou on ou.id = s.unit_id
      where s.tenant_id = ? and s.revision_id = ? order by s.id`,
    [tenantId, revisionId],
  )
  return rows.map((r) => ({
    format: 'cms-detached',
    signer: { name: r.fullName, unitCode: r.unitCode },
    signedAt: new Date(r.signedAt).toISOString(),
    contentSha256: r.contentSha256,
    cms: r.cms,
    certificatePem: r.certPem,
    signerName: r.fullName,
  }))
}

function periodInfo(ctx: InstanceContext): PeriodInfo {
  const info: PeriodInfo = { code: ctx.period }
  // Ad-hoc reports (`none`) have no label or window: the code alone is what they print.
  try {
    info.type = periodType(ctx.period)
    info.label = periodLabel(ctx.period, 'vi')
    const w = cutoffWindow(ctx.period, ctx.version.definition.cutoff ?? 'nd09')
    info.startDate = w.start
    info.endDate = w.end
  } catch {
    // keep what was computed
  }
  return info
}

/** "Ủy ban nhân dân tỉnh Đồng Tháp" -> "Đồng Tháp": the địa danh of ND 30/2020 is the province's name. */
function placeOf(rootName: string): string {
  const m = /(?:tỉnh|thành phố)\s+(.+)$/iu.exec(rootName)
  return (m?.[1] ?? rootName).trim()
}

async function documentMeta(
  em: EntityManager,
  ctx: InstanceContext,
  rev: RevisionRow,
  signatures: readonly StoredPacketSignature[],
  now: Date,
): Promise<DocumentMeta> {
  const units = await queryOne<{ parentName: string | null; rootName: string }>(
    em,
    `select p.name as "parentName", r.name as "rootName"
       from org_unit u left join org_unit p on p.id = u.parent_id join org_unit r on r.id = u.root_id
      where u.id = ?`,
    [ctx.unit.id],
  )
  const signed = signatures.at(-1)
  const date = (rev.approvedAt ?? rev.submittedAt ?? now.toISOString()).slice(0, 10)
  const label = periodInfo(ctx).label
  return {
    ...(units?.parentName != null ? { parentAgency: units.parentName } : {}),
    agency: ctx.unit.name,
    place: placeOf(units?.rootName ?? ctx.unit.name),
    date,
    // "Quý III năm 2026" -> "quý III năm 2026": only the first letter, Roman numerals stay
    title: `${ctx.version.definition.name}${label === undefined ? '' : ` ${label.charAt(0).toLocaleLowerCase('vi-VN')}${label.slice(1)}`}`,
    ...(signed !== undefined
      ? {
          // The runtime keeps no job titles: the head of the unit signs for it (ND 30/2020 "Thủ trưởng").
          signer: {
            position: 'Thủ trưởng đơn vị',
            name: signed.signerName,
            signedNote: '(Đã ký số)',
          },
        }
      : {}),
    recipients: [`- ${ctx.receivingUnit.name};`, '- Lưu: VT.'],
  }
}

export interface LoadedExport {
  report: ExportReport
  revision: RevisionRow
  signatures: StoredPacketSignature[]
}

/** Builds the export input of one revision of an instance. */
export async function loadExportReport(
  em: EntityManager,
  engine: Engine,
  ctx: InstanceContext,
  template: ExportReport['template'],
  revisionNo: number | undefined,
  now: Date,
): Promise<LoadedExport> {
  const revision = revisionOf(ctx, revisionNo)
  const doc = revision.document
  const book = evaluate(engine, template, doc, await externalFor(em, engine, ctx, template))
  const signatures = await revisionSignatures(em, ctx.tenantId, revision.id)
  const report: ExportReport = {
    template: book.template,
    submission: doc,
    values: book.snapshot(),
    unit: { code: ctx.unit.code, name: ctx.unit.name },
    receiver: { code: ctx.receivingUnit.code, name: ctx.receivingUnit.name },
    period: periodInfo(ctx),
    document: await documentMeta(em, ctx, revision, signatures, now),
    ...(PACKET_STATES.has(revision.status)
      ? { status: revision.status as StatusPacket['status'] }
      : {}),
  }
  return { report, revision, signatures }
}
