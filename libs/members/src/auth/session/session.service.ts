import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HubError } from '@hub/platform';
import { DataSource } from 'typeorm';

/** A session ends after this long without a request (the console's own requests count)... */
export const SESSION_IDLE_SECONDS = 30 * 60;
/** ...and this long after sign-in whatever happens: then the person signs in again. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
// Writing last_seen_at on every request would cost a write per request; a minute's slack is harmless.
const TOUCH_AFTER_SECONDS = 60;

/** Why a session no longer opens anything; the console says it in plain words. */
export type SessionEndReason = 'signed_out' | 'idle' | 'expired' | 'unknown';

export interface NewSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface LiveSession {
  userId: string;
  sessionVersion: number;
  csrfToken: string;
  expiresAt: Date;
  idleExpiresAt: Date;
}

interface SessionRow {
  user_id: string;
  session_version: number;
  csrf_token: string;
  expires_at: Date;
  last_seen_at: Date;
  end_reason: string | null;
  expired: boolean;
  idle: boolean;
  stale: boolean;
}

const SESSION_SQL = `
  SELECT user_id, session_version, csrf_token, expires_at, last_seen_at, end_reason,
         expires_at <= now() AS expired,
         last_seen_at <= now() - make_interval(secs => $2) AS idle,
         last_seen_at <= now() - make_interval(secs => $3) AS stale
    FROM browser_session WHERE id_hash = $1`;

export const SESSION_ENDED_MESSAGES: Record<SessionEndReason, string> = {
  signed_out: 'You signed out; sign in again',
  idle: 'You were signed out after 30 minutes without activity; sign in again',
  expired: 'You were signed out: a session lasts at most 12 hours; sign in again',
  unknown: 'Your session has ended; sign in again',
};

/**
 * Browser sessions, kept on the server so that signing out ends one for good: the cookie holds a
 * random id, the table its hash, the user's session version (a password change ends every session)
 * and the CSRF token the console must echo in a header.
 */
@Injectable()
export class SessionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(user: { id: string; sessionVersion: number }): Promise<NewSession> {
    const sessionId = randomToken();
    const csrfToken = randomToken();
    const [row] = (await this.dataSource.query(
      `INSERT INTO browser_session (id_hash, user_id, session_version, csrf_token, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) RETURNING expires_at`,
      [hashOf(sessionId), user.id, user.sessionVersion, csrfToken, SESSION_ABSOLUTE_SECONDS],
    )) as { expires_at: Date }[];
    // Rows are kept a day past their end for "why was I signed out"; then nobody asks any more.
    await this.dataSource.query(`DELETE FROM browser_session WHERE expires_at < now() - interval '1 day'`);
    return { sessionId, csrfToken, expiresAt: row.expires_at };
  }

  /** The live session of an id, or why it is not live. `touch: false` looks without counting as activity. */
  async find(sessionId: string, { touch = true }: { touch?: boolean } = {}): Promise<LiveSession | { ended: SessionEndReason }> {
    const idHash = hashOf(sessionId);
    const [row] = (await this.dataSource.query(SESSION_SQL, [idHash, SESSION_IDLE_SECONDS, TOUCH_AFTER_SECONDS])) as SessionRow[];
    if (!row) return { ended: 'unknown' };
    if (row.end_reason) return { ended: row.end_reason as SessionEndReason };
    if (row.expired || row.idle) {
      const reason = row.expired ? 'expired' : 'idle';
      await this.dataSource.query(`UPDATE browser_session SET ended_at = now(), end_reason = $2 WHERE id_hash = $1 AND ended_at IS NULL`, [idHash, reason]);
      return { ended: reason };
    }
    let lastSeen = row.last_seen_at;
    if (touch && row.stale) {
      const [touched] = (await this.dataSource.query(`UPDATE browser_session SET last_seen_at = now() WHERE id_hash = $1 RETURNING last_seen_at`, [idHash])) as { last_seen_at: Date }[];
      lastSeen = touched?.last_seen_at ?? lastSeen;
    }
    const idleExpiresAt = new Date(Math.min(lastSeen.getTime() + SESSION_IDLE_SECONDS * 1000, row.expires_at.getTime()));
    return { userId: row.user_id, sessionVersion: row.session_version, csrfToken: row.csrf_token, expiresAt: row.expires_at, idleExpiresAt };
  }

  /**
   * The session behind a cookie-authenticated request, which must echo the session's CSRF token;
   * UNAUTHENTICATED when the session is over or the token does not match.
   */
  async authenticate(sessionId: string, csrfToken: string, options: { touch?: boolean } = {}): Promise<LiveSession> {
    const session = await this.find(sessionId, options);
    if ('ended' in session) throw HubError.unauthenticated(SESSION_ENDED_MESSAGES[session.ended]);
    if (!sameToken(session.csrfToken, csrfToken)) throw HubError.unauthenticated('The request did not carry this session\'s CSRF token; reload the console');
    return session;
  }

  async end(sessionId: string, reason: SessionEndReason = 'signed_out'): Promise<void> {
    await this.dataSource.query(`UPDATE browser_session SET ended_at = now(), end_reason = $2 WHERE id_hash = $1 AND ended_at IS NULL`, [hashOf(sessionId), reason]);
  }
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

function hashOf(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function sameToken(expected: string, given: string): boolean {
  return timingSafeEqual(hashOf(expected), hashOf(given));
}
