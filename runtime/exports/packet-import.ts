/**
 * Exchange packet -> submission. Reproduces the submission the sender signed (so its signatures verify),
 * checks it against the template when one is given, and compares the sender's computed figures with ours.
 */
import { createHash } from 'node:crypto'
import {
  cellKey,
  isFormulaError,
  type CellKey,
  type ResolvedTemplate,
  type Value,
} from '../../core/index.js'
import type {
  ExchangePacket,
  StatusPacket,
  SubmissionDocument,
} from '../../schemas/generated/index.js'
import { verifyDetached, type CmsSignerInfo } from './cms.js'
import { submissionBytes } from './packet-export.js'
import { validatePacket } from './packet-schema.js'
import type { FileDiagnostic } from './types.js'

export interface PacketSignatureCheck {
  index: number
  ok: boolean
  trusted: boolean
  reason: string
  signer?: CmsSignerInfo
}

export type PacketImport =
  | {
      ok: true
      packet: ExchangePacket
      submission: SubmissionDocument
      status?: StatusPacket
      signatures: PacketSignatureCheck[]
      /** Problems against the template and mismatching computed figures (errors mean: do not accept). */
      diagnostics: FileDiagnostic[]
    }
  | { ok: false; diagnostics: FileDiagnostic[] }

export interface PacketImportOptions {
  /** The template version named in the packet, to check cells against. */
  template?: ResolvedTemplate
  /** Recomputes every cell of a submission (e.g. `s => createWorkbook(t, { values: s.values }).snapshot()`). */
  recompute?: (submission: SubmissionDocument) => ReadonlyMap<CellKey, Value>
  trustedCaPem?: readonly string[]
}

const diag = (
  severity: FileDiagnostic['severity'],
  rule: string,
  at: string,
  message: string,
  cell?: { section: string; row?: string; col?: string },
): FileDiagnostic => ({
  ruleId: `packet/${rule}`,
  severity,
  message: `${at}: ${message}`,
  place: { pointer: at, ...(cell ?? {}) },
  at,
})

function parse(input: string | Uint8Array | object): unknown {
  if (typeof input === 'string') return JSON.parse(input)
  if (input instanceof Uint8Array)
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(input))
  return input
}

const sameValue = (a: Value, b: Value) => {
  const x = isFormulaError(a) ? a.error : a
  const y = isFormulaError(b) ? b.error : b
  if (typeof x === 'number' && typeof y === 'number')
    return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y))
  return x === y
}

/** Reads a packet (JSON text, bytes or parsed object). Schema errors name the JSON pointer; nothing is thrown. */
export function importPacket(
  input: string | Uint8Array | object,
  opts: PacketImportOptions = {},
): PacketImport {
  let doc: unknown
  try {
    doc = parse(input)
  } catch (e) {
    return {
      ok: false,
      diagnostics: [diag('error', 'json', '', `not JSON: ${(e as Error).message}`)],
    }
  }
  const checked = validatePacket(doc)
  if (!checked.ok)
    return {
      ok: false,
      diagnostics: checked.errors.map((e) => diag('error', 'schema', e.pointer, e.message)),
    }
  const packet = checked.packet
  const diagnostics: FileDiagnostic[] = []
  const r = packet.report
  const submission: SubmissionDocument = {
    template: { code: r.form.code, version: r.form.version },
    unit: r.unit.code,
    period: r.period.code,
    ...(r.revision !== undefined ? { revision: r.revision } : {}),
    values: {},
  }
  const computed: { at: string; section: string; row: string; col: string; value: Value }[] = []
  let status: StatusPacket | undefined
  const seen = new Map<string, string>()
  packet.packets.forEach((p, pi) => {
    const base = `/packets/${pi}`
    if (p.type === 'so-lieu-bao-cao') {
      p.values.forEach((v, vi) => {
        const at = `${base}/values/${vi}`
        const key = cellKey(v.section, v.row, v.col)
        const first = seen.get(key)
        if (first !== undefined) {
          diagnostics.push(
            diag('error', 'duplicate-cell', at, `cell ${key} was already given at ${first}`, v),
          )
          return
        }
        seen.set(key, at)
        if (v.computed === true) {
          computed.push({ at, section: v.section, row: v.row, col: v.col, value: v.value })
          return
        }
        const rows = (submission.values[v.section] ??= {})
        ;(rows[v.row] ??= {})[v.col] = v.value
      })
      if (p.explanations !== undefined)
        submission.explanations = Object.fromEntries(p.explanations.map((e) => [e.key, e.text]))
    } else if (p.type === 'so-lieu-bao-cao-danh-sach') {
      submission.dynamicRows = Object.fromEntries(p.lists.map((l) => [l.section, l.rows]))
    } else if (p.type === 'gui-de-cuong-bao-cao') {
      const narrative: NonNullable<SubmissionDocument['narrative']> = {}
      for (const item of p.items) (narrative[item.section] ??= {})[item.item] = item.text
      submission.narrative = narrative
    } else {
      status = p
    }
  })
  if (opts.template !== undefined)
    checkAgainstTemplate(packet, submission, opts.template, seen, diagnostics)
  if (opts.recompute !== undefined && !diagnostics.some((d) => d.severity === 'error')) {
    const ours = opts.recompute(submission)
    for (const c of computed) {
      const mine = ours.get(cellKey(c.section, c.row, c.col))
      if (mine === undefined)
        diagnostics.push(
          diag(
            'warning',
            'unknown-computed-cell',
            c.at,
            `computed cell ${cellKey(c.section, c.row, c.col)} is not a cell of the template`,
            c,
          ),
        )
      else if (!sameValue(mine, c.value)) {
        diagnostics.push(
          diag(
            'warning',
            'computed-mismatch',
            c.at,
            `the sender computed ${JSON.stringify(c.value)} for ${cellKey(c.section, c.row, c.col)}, the template gives ${JSON.stringify(isFormulaError(mine) ? mine.error : mine)}`,
            c,
          ),
        )
      }
    }
  }
  const bytes = submissionBytes(submission)
  const sha = createHash('sha256').update(bytes).digest('hex')
  const signatures = (packet.signatures ?? []).map((s, index): PacketSignatureCheck => {
    if (s.contentSha256 !== sha)
      return {
        index,
        ok: false,
        trusted: false,
        reason: `the packet's content hash ${sha} differs from the signed ${s.contentSha256}`,
      }
    const v = verifyDetached(
      Buffer.from(s.cms, 'base64'),
      bytes,
      opts.trustedCaPem !== undefined ? { trustedCaPem: opts.trustedCaPem } : {},
    )
    return v.ok
      ? { index, ok: true, trusted: v.trusted, reason: v.trustReason, signer: v.signer }
      : {
          index,
          ok: false,
          trusted: false,
          reason: v.reason,
          ...(v.signer ? { signer: v.signer } : {}),
        }
  })
  signatures.forEach((s) => {
    if (!s.ok) diagnostics.push(diag('error', 'signature', `/signatures/${s.index}`, s.reason))
  })
  return {
    ok: true,
    packet,
    submission,
    ...(status !== undefined ? { status } : {}),
    signatures,
    diagnostics,
  }
}

function checkAgainstTemplate(
  packet: ExchangePacket,
  submission: SubmissionDocument,
  t: ResolvedTemplate,
  where: ReadonlyMap<string, string>,
  out: FileDiagnostic[],
): void {
  if (t.code !== packet.report.form.code || t.version !== packet.report.form.version) {
    out.push(
      diag(
        'error',
        'template-mismatch',
        '/report/form',
        `the packet is for ${packet.report.form.code} version ${packet.report.form.version}, not ${t.code} version ${t.version}`,
      ),
    )
    return
  }
  const added = new Set(
    Object.entries(submission.dynamicRows ?? {}).flatMap(([s, rows]) =>
      rows.map((r) => `${s}!${r}`),
    ),
  )
  for (const [section, rows] of Object.entries(submission.values)) {
    const s = t.sectionIndex.get(section)
    for (const [row, cols] of Object.entries(rows)) {
      for (const col of Object.keys(cols)) {
        const key = cellKey(section, row, col)
        const at = where.get(key) ?? '/packets'
        if (s === undefined || s.kind !== 'grid') {
          out.push(
            diag(
              'error',
              'unknown-cell',
              at,
              `section "${section}" is not a grid section of ${t.code}`,
              { section, row, col },
            ),
          )
          continue
        }
        const ri = s.rowIndex.get(row)
        const ci = s.colIndex.get(col)
        if (ci === undefined)
          out.push(
            diag('error', 'unknown-cell', at, `column "${col}" is not in section "${section}"`, {
              section,
              row,
              col,
            }),
          )
        else if (ri === undefined) {
          if (!added.has(`${section}!${row}`))
            out.push(
              diag(
                'error',
                'unknown-cell',
                at,
                `row "${row}" is neither in section "${section}" nor an added row`,
                { section, row, col },
              ),
            )
        } else {
          const kind = s.cells[ri * s.columns.length + ci]?.kind
          if (kind !== 'input')
            out.push(
              diag(
                'error',
                'not-an-input',
                at,
                `${key} is a ${kind ?? 'missing'} cell, not an input`,
                { section, row, col },
              ),
            )
        }
      }
    }
  }
}
