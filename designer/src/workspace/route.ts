/** The app's pages, addressed by the URL hash so the runtime can serve one index.html. */
export type Route =
  | { page: 'login' }
  | { page: 'inbox' }
  | { page: 'report'; id: number }
  | { page: 'templates' }
  | { page: 'designer'; versionId: string }
  | { page: 'tracking'; assignmentId?: number }
  | { page: 'aggregate' }
  | { page: 'dashboard' }
  | { page: 'plugins' }
  | { page: 'assignments' }

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p !== '')
  const [head, arg] = parts
  switch (head) {
    case 'login':
      return { page: 'login' }
    case 'report':
      return arg !== undefined && /^\d+$/.test(arg)
        ? { page: 'report', id: Number(arg) }
        : { page: 'inbox' }
    case 'templates':
      return { page: 'templates' }
    case 'designer':
      return { page: 'designer', versionId: arg !== undefined && /^\d+$/.test(arg) ? arg : 'new' }
    case 'tracking':
      // An assignment's own board (from the assignments list); anything else is the general board.
      return arg !== undefined && /^\d+$/.test(arg)
        ? { page: 'tracking', assignmentId: Number(arg) }
        : { page: 'tracking' }
    case 'aggregate':
    case 'dashboard':
    case 'plugins':
    case 'assignments':
      return { page: head }
    default:
      return { page: 'inbox' }
  }
}
