/* eslint-disable */
/**
 * DO NOT EDIT. Generated from schemas/*.schema.json by `npm run gen`.
 * Change the JSON Schema and regenerate instead.
 */
export type * from './catalog.js'
export type * from './common.js'
export type * from './packet.js'
export type * from './submission.js'
export type * from './template.js'
