export { resolveConstraints } from './resolve-constraints.js'
export { formatConstraintMessage, formatMessageValue, formatNumberVi } from './format-message.js'
