import { createHash, randomBytes } from 'node:crypto'
import type { EntityManager } from '@mikro-orm/postgresql'
import type { Role } from '../db/entities/index.js'
import { query, queryOne } from '../db/sql.js'
import type { Auth } from '../context.js'

export const SESSION_COOKIE = 'rb_session'
export const CSRF_COOKIE = 'rb_csrf'
export const CSRF_HEADER = 'x-csrf-token'

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

export interface NewSession {
  token: string
  csrfToken: string
  expiresAt: Date
}

/** The cookie carries a random token; the table keeps only its hash, so a DB leak yields no sessions. */
export async function createSession(
  em: EntityManager,
  userId: number,
  now: Date,
  ttlMs: number,
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + ttlMs)
  await query(em, 'delete from user_session where expires_at < ?', [now])
  await query(
    em,
    'insert into user_session (id, user_id, csrf_token, created_at, expires_at) values (?, ?, ?, ?, ?)',
    [sha256(token), userId, csrfToken, now, expiresAt],
  )
  return { token, csrfToken, expiresAt }
}

export async function deleteSession(em: EntityManager, sessionId: string): Promise<void> {
  await query(em, 'delete from user_session where id = ?', [sessionId])
}

/** Ends every session of a user except one (after a password change). */
export async function deleteOtherSessions(
  em: EntityManager,
  userId: number,
  keep: string,
): Promise<void> {
  await query(em, 'delete from user_session where user_id = ? and id <> ?', [userId, keep])
}

interface SessionRow {
  sid: string
  csrf: string
  id: number
  username: string
  fullName: string
  unitId: number
}

export async function loadSession(
  em: EntityManager,
  token: string,
  now: Date,
): Promise<Auth | undefined> {
  const row = await queryOne<SessionRow>(
    em,
    `select s.id as sid, s.csrf_token as csrf, u.id, u.username, u.full_name as "fullName", u.unit_id as "unitId"
       from user_session s join app_user u on u.id = s.user_id
      where s.id = ? and s.expires_at > ? and u.active`,
    [sha256(token), now],
  )
  if (row === undefined) return undefined
  const grants = await loadGrants(em, row.id)
  return {
    user: { id: row.id, username: row.username, fullName: row.fullName, unitId: row.unitId },
    sessionId: row.sid,
    csrfToken: row.csrf,
    grants,
  }
}

export async function loadGrants(em: EntityManager, userId: number): Promise<Auth['grants']> {
  const rows = await query<{ role: Role; unitId: number; unitCode: string; path: string }>(
    em,
    `select r.role, r.unit_id as "unitId", u.code as "unitCode", u.path from user_role r join org_unit u on u.id = r.unit_id where r.user_id = ?`,
    [userId],
  )
  return rows
}
