/**
 * The public API of core: the only module plugins, runtime and designer import.
 * Pure TypeScript: no IO, no DOM, no Node built-ins.
 */
export * from './diagnostics.js'
export * from './formula/index.js'
export * from './template/index.js'
export * from './sheet/index.js'
export * from './rules/index.js'
export * from './narrative/index.js'
export * from './period/index.js'
export * from './workflow/index.js'
export * from './aggregate/index.js'
export * from './plugin/index.js'
export type * from '../schemas/generated/index.js'
