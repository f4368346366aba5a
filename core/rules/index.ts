export { resolveConstraints } from './resolve-constraints.js'
export { formatConstraintMessage, formatMessageValue } from './format-message.js'
