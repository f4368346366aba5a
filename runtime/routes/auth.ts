import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.js'
import {
  CSRF_COOKIE,
  SESSION_COOKIE,
  createSession,
  deleteOtherSessions,
  deleteSession,
  loadGrants,
} from '../auth/session.js'
import type { AppEnv, Auth } from '../context.js'
import { query, queryOne } from '../db/sql.js'
import { ApiError, badRequest } from '../errors.js'
import { appendAudit } from '../services/audit.js'
import { defineRoutes } from './define.js'

interface LoginRow {
  id: number
  username: string
  fullName: string
  unitId: number
  passwordHash: string
  failedLogins: number
  lockedUntil: string | null
  active: boolean
  tenantId: number
}

function setSessionCookies(
  c: Context<AppEnv>,
  token: string,
  csrfToken: string,
  expires: Date,
): void {
  const secure = c.get('ctx').config.cookieSecure
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure,
    expires,
  })
  // Readable by the page's script, which echoes it in the X-CSRF-Token header (double submit).
  setCookie(c, CSRF_COOKIE, csrfToken, {
    httpOnly: false,
    sameSite: 'Lax',
    path: '/',
    secure,
    expires,
  })
}

function describeAuth(auth: Pick<Auth, 'user' | 'grants'>) {
  return { user: auth.user, roles: auth.grants.map((g) => ({ role: g.role, unitId: g.unitId })) }
}

export const authRoutes = defineRoutes([
  {
    method: 'post',
    path: '/auth/login',
    operationId: 'login',
    summary: 'Sign in with username and password; sets the session and CSRF cookies',
    tag: 'auth',
    public: true,
    body: {
      type: 'object',
      required: ['username', 'password'],
      additionalProperties: false,
      properties: {
        username: { type: 'string', minLength: 1 },
        password: { type: 'string', minLength: 1 },
      },
    },
    async handler(c, body) {
      const { username, password } = body as { username: string; password: string }
      const { config } = c.get('ctx')
      const em = c.get('em')
      const now = config.now()
      const user = await queryOne<LoginRow>(
        em,
        `select u.id, u.username, u.full_name as "fullName", u.unit_id as "unitId", u.password_hash as "passwordHash",
                u.failed_logins as "failedLogins", u.locked_until as "lockedUntil", u.active, o.root_id as "tenantId"
           from app_user u join org_unit o on o.id = u.unit_id where u.username = ? for update of u`,
        [username],
      )
      const invalid = new ApiError(401, 'invalid_credentials', 'Wrong username or password')
      if (user === undefined || !user.active) {
        // Spend the same scrypt time as a real check, so response time does not reveal which usernames exist.
        await hashPassword(password, config.scryptCost)
        throw invalid
      }
      if (user.lockedUntil !== null && new Date(user.lockedUntil) > now) {
        throw new ApiError(
          423,
          'account_locked',
          `Account locked after ${config.maxFailedLogins} failed sign-ins until ${new Date(user.lockedUntil).toISOString()}`,
        )
      }
      if (!(await verifyPassword(password, user.passwordHash))) {
        // Returned, not thrown: the failure count must be committed.
        const failures = user.failedLogins + 1
        const locks = failures >= config.maxFailedLogins
        const lockedUntil = locks ? new Date(now.getTime() + config.lockoutMs) : null
        await query(em, 'update app_user set failed_logins = ?, locked_until = ? where id = ?', [
          locks ? 0 : failures,
          lockedUntil,
          user.id,
        ])
        if (locks) {
          await appendAudit(
            em,
            {
              actorId: null,
              tenantId: user.tenantId,
              action: 'auth.lockout',
              entity: 'user',
              entityId: user.id,
              after: { lockedUntil },
            },
            now,
          )
        }
        return c.json(invalid.toBody(), 401)
      }
      await query(em, 'update app_user set failed_logins = 0, locked_until = null where id = ?', [
        user.id,
      ])
      const session = await createSession(em, user.id, now, config.sessionTtlMs)
      setSessionCookies(c, session.token, session.csrfToken, session.expiresAt)
      const grants = await loadGrants(em, user.id)
      await appendAudit(
        em,
        {
          actorId: user.id,
          tenantId: user.tenantId,
          action: 'auth.login',
          entity: 'user',
          entityId: user.id,
        },
        now,
      )
      return {
        ...describeAuth({
          user: {
            id: user.id,
            username: user.username,
            fullName: user.fullName,
            unitId: user.unitId,
          },
          grants,
        }),
        csrfToken: session.csrfToken,
      }
    },
  },
  {
    method: 'post',
    path: '/auth/logout',
    operationId: 'logout',
    summary: 'End the current session',
    tag: 'auth',
    async handler(c, _body, auth) {
      await deleteSession(c.get('em'), auth.sessionId)
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      deleteCookie(c, CSRF_COOKIE, { path: '/' })
      return { ok: true }
    },
  },
  {
    method: 'get',
    path: '/auth/me',
    operationId: 'me',
    summary: 'The signed-in user and their roles per unit',
    tag: 'auth',
    async handler(_c, _body, auth) {
      return describeAuth(auth)
    },
  },
  {
    method: 'post',
    path: '/auth/password',
    operationId: 'changePassword',
    summary: 'Change the own password; other sessions of the user end',
    tag: 'auth',
    body: {
      type: 'object',
      required: ['currentPassword', 'newPassword'],
      additionalProperties: false,
      properties: { currentPassword: { type: 'string' }, newPassword: { type: 'string' } },
    },
    async handler(c, body, auth) {
      const { currentPassword, newPassword } = body as {
        currentPassword: string
        newPassword: string
      }
      const em = c.get('em')
      const { config } = c.get('ctx')
      const row = await queryOne<{ hash: string }>(
        em,
        'select password_hash as hash from app_user where id = ?',
        [auth.user.id],
      )
      if (row === undefined || !(await verifyPassword(currentPassword, row.hash))) {
        throw new ApiError(403, 'invalid_credentials', 'Current password is wrong')
      }
      const problem = passwordProblem(newPassword)
      if (problem !== undefined) throw badRequest(problem, { pointer: '/newPassword' })
      const hash = await hashPassword(newPassword, config.scryptCost)
      await query(em, 'update app_user set password_hash = ? where id = ?', [hash, auth.user.id])
      await deleteOtherSessions(em, auth.user.id, auth.sessionId)
      await appendAudit(
        em,
        {
          actorId: auth.user.id,
          tenantId: null,
          action: 'auth.password-change',
          entity: 'user',
          entityId: auth.user.id,
        },
        config.now(),
      )
      return { ok: true }
    },
  },
])
