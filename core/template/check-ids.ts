import type { TemplateDefinition } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import { jsonPointer } from './json-pointer.js'

/**
 * Ids are what references, submissions and exports key on, so each must be unique in its scope:
 * sections and constraints in the template; columns, rows and narrative items in their section.
 * Reported as `core/duplicate-id` at the later occurrence's `/id`.
 */
export function checkDuplicateIds(def: Readonly<TemplateDefinition>): Diagnostic[] {
  const out: Diagnostic[] = []
  const scan = (what: string, ids: readonly string[], base: Array<string | number>): void => {
    const first = new Map<string, number>()
    ids.forEach((id, i) => {
      const earlier = first.get(id)
      if (earlier === undefined) {
        first.set(id, i)
        return
      }
      const pointer = jsonPointer(...base, i, 'id')
      out.push({
        ruleId: 'core/duplicate-id',
        severity: 'error',
        message: `${pointer}: ${what} id '${id}' is already used at ${jsonPointer(...base, earlier)}`,
        place: { pointer },
      })
    })
  }
  scan(
    'section',
    def.sections.map((s) => s.id),
    ['sections'],
  )
  def.sections.forEach((section, s) => {
    if (section.kind === 'grid') {
      scan(
        'column',
        section.columns.map((c) => c.id),
        ['sections', s, 'columns'],
      )
      scan(
        'row',
        section.rows.map((r) => r.id),
        ['sections', s, 'rows'],
      )
    } else {
      scan(
        'narrative item',
        section.items.map((item) => item.id),
        ['sections', s, 'items'],
      )
    }
  })
  scan(
    'constraint',
    (def.constraints ?? []).map((c) => c.id),
    ['constraints'],
  )
  return out
}
