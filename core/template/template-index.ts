import type {
  GridSection,
  NarrativeSection,
  TemplateDefinition,
} from '../../schemas/generated/index.js'

export interface GridInfo {
  /** Position in `sections`, for JSON pointers. */
  index: number
  section: GridSection
  rows: ReadonlyMap<string, number>
  cols: ReadonlyMap<string, number>
}

export interface NarrativeInfo {
  index: number
  section: NarrativeSection
}

/** Id lookups of a schema-valid definition; with duplicate ids the first one wins. */
export interface TemplateIndex {
  grids: ReadonlyMap<string, GridInfo>
  narratives: ReadonlyMap<string, NarrativeInfo>
  /**
   * The section unqualified references of constraints and narrative texts resolve to:
   * the first grid section (most templates have exactly one).
   */
  defaultSection: string | undefined
}

function firstIndex(ids: readonly string[]): Map<string, number> {
  const map = new Map<string, number>()
  ids.forEach((id, i) => {
    if (!map.has(id)) map.set(id, i)
  })
  return map
}

export function indexTemplate(def: Readonly<TemplateDefinition>): TemplateIndex {
  const grids = new Map<string, GridInfo>()
  const narratives = new Map<string, NarrativeInfo>()
  def.sections.forEach((section, index) => {
    if (grids.has(section.id) || narratives.has(section.id)) return
    if (section.kind === 'grid') {
      grids.set(section.id, {
        index,
        section,
        rows: firstIndex(section.rows.map((r) => r.id)),
        cols: firstIndex(section.columns.map((c) => c.id)),
      })
    } else narratives.set(section.id, { index, section })
  })
  return { grids, narratives, defaultSection: grids.keys().next().value }
}
