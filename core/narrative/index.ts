export { checkNarrative, visibleLength, type NarrativeSectionLike } from './check-narrative.js'
export { embeddedRefs, renderNarrativeText, type EmbeddedRef } from './embedded-refs.js'
export { numberOutline, type NumberingStyle } from './outline-numbering.js'
export { resolveNarrativeSection } from './resolve-narrative.js'
