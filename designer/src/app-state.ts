import { createApiClient, type ApiClient } from './api/client.js'
import type { Me } from './api/types.js'

/** What every page of the app shares: the API client and the signed-in user. */
export interface AppState {
  api: ApiClient
  me: Me | undefined
}

export const appState: AppState = { api: createApiClient(), me: undefined }

export function navigate(hash: string): void {
  if (location.hash !== hash) location.hash = hash
}

/** Formats an ISO date (YYYY-MM-DD or a timestamp) as dd/mm/yyyy, the Vietnamese way. */
export function formatDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m === null ? iso : `${m[3]}/${m[2]}/${m[1]}`
}
