/**
 * The version of core's public API that plugins name in `coreApi` (kept equal to package.json's
 * version; a test checks it). Bump the major (or, before 1.0, the minor) on a breaking change.
 *
 * @example
 * definePlugin({ id: 'x', version: '1.0.0', coreApi: `^${CORE_VERSION}` })
 */
export const CORE_VERSION = '0.1.0'
