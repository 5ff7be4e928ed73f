import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { HubError } from '@hub/platform';
import jwt from 'jsonwebtoken';
import { JWT_SECRET } from './jwt-secret';

/** Login tokens live one hour: long enough for a working session, short enough to limit a stolen one. */
export const TOKEN_LIFETIME_SECONDS = 3600;
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

  issue(user: { id: string; sessionVersion: number }, now: Date = new Date()): { token: string; expiresAt: Date } {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + TOKEN_LIFETIME_SECONDS;
    const token = jwt.sign({ sv: user.sessionVersion, iat: issuedAt, exp: expiresAt }, this.key, {
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

  private remember(token: string, claims: TokenClaims & { expiresAt: number }): void {
    if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, claims);
  }
}
