import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { HubError } from '@hub/platform';
import jwt from 'jsonwebtoken';
import { JWT_SECRET } from './jwt-secret';

/** Login tokens live one hour: long enough for a working session, short enough to limit a stolen one. */
export const TOKEN_LIFETIME_SECONDS = 3600;
/** A session may be renewed (renewToken) up to this long after the password sign-in; then the password is asked again. */
export const SESSION_LIMIT_SECONDS = 12 * 3600;
const ISSUER = 'health-isac-hub';
const AUDIENCE = 'hub-api';

export interface TokenClaims {
  userId: string;
  sessionVersion: number;
}

// Tokens remembered as verified at most; the oldest are forgotten first (and checked again if used).
const MAX_VERIFIED_TOKENS = 10_000;

/** HS256 login tokens. They only say who signed in; role, organisation and status are read per request. */
@Injectable()
export class TokenService {
  // Made once: jsonwebtoken would otherwise build a key object from the string on every request.
  private readonly key: KeyObject;
  // Tokens whose signature was checked, with their expiry: a signature never stops being valid, so a
  // token used again (every request of a session) is not checked again; its expiry is, every time.
  private readonly verified = new Map<string, TokenClaims & { expiresAt: number }>();

  constructor(@Inject(JWT_SECRET) secret: string) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  /** `signedInAt` (seconds): when the password was typed; renewed tokens keep it and never outlive the session limit. */
  issue(user: { id: string; sessionVersion: number }, now: Date = new Date(), signedInAt?: number): { token: string; expiresAt: Date } {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const authTime = signedInAt ?? issuedAt;
    const expiresAt = Math.min(issuedAt + TOKEN_LIFETIME_SECONDS, authTime + SESSION_LIMIT_SECONDS);
    const token = jwt.sign({ sv: user.sessionVersion, iat: issuedAt, exp: expiresAt, auth_time: authTime }, this.key, {
      algorithm: 'HS256',
      subject: user.id,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  verify(token: string, now: Date = new Date()): TokenClaims {
    const known = this.verified.get(token);
    // jsonwebtoken's rule: expired from the second `exp` on.
    if (known && Math.floor(now.getTime() / 1000) < known.expiresAt) return { userId: known.userId, sessionVersion: known.sessionVersion };
    try {
      const claims = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, clockTimestamp: Math.floor(now.getTime() / 1000) });
      if (typeof claims === 'string' || typeof claims.sub !== 'string' || typeof claims.sv !== 'number' || typeof claims.exp !== 'number') throw new Error('unexpected claims');
      this.remember(token, { userId: claims.sub, sessionVersion: claims.sv, expiresAt: claims.exp });
      return { userId: claims.sub, sessionVersion: claims.sv };
    } catch {
      throw HubError.unauthenticated('The login token is invalid or has expired; sign in again');
    }
  }

  /**
   * A fresh token for the session of a valid, unexpired token, with the same sign-in time; refused
   * once the session limit is reached. The caller checks that the person is still active.
   */
  renew(token: string, user: { id: string; sessionVersion: number }, now: Date = new Date()): { token: string; expiresAt: Date } {
    const claims = this.verify(token, now);
    if (claims.userId !== user.id || claims.sessionVersion !== user.sessionVersion) throw HubError.unauthenticated('Your session has ended; sign in again');
    const decoded = jwt.decode(token) as { auth_time?: unknown; iat?: unknown } | null;
    // Tokens issued before renewal existed carry no auth_time: their issue time is their sign-in time.
    const signedInAt = typeof decoded?.auth_time === 'number' ? decoded.auth_time : Number(decoded?.iat);
    const nowSeconds = Math.floor(now.getTime() / 1000);
    if (!Number.isFinite(signedInAt) || nowSeconds >= signedInAt + SESSION_LIMIT_SECONDS) {
      throw HubError.unauthenticated('The session has reached its limit of 12 hours; sign in again');
    }
    return this.issue(user, now, signedInAt);
  }

  private remember(token: string, claims: TokenClaims & { expiresAt: number }): void {
    if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, claims);
  }
}
