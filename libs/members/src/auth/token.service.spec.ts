import jwt from 'jsonwebtoken';
import { HubError } from '@hub/platform';
import { SESSION_LIMIT_SECONDS, TOKEN_LIFETIME_SECONDS, TokenService } from './token.service';

describe('TokenService', () => {
  const secret = 'a-secret-that-is-long-enough-for-hs256-signing';
  const tokens = new TokenService(secret);

  it('issues HS256 tokens valid for one hour that carry the user and session version', () => {
    const now = new Date();
    const { token, expiresAt } = tokens.issue({ id: '5b0c7a2e-8c5e-4a57-9a53-4d0f9c1e2a11', sessionVersion: 3 }, now);
    expect(jwt.decode(token, { complete: true })?.header.alg).toBe('HS256');
    expect(expiresAt.getTime()).toBe((Math.floor(now.getTime() / 1000) + TOKEN_LIFETIME_SECONDS) * 1000);
    expect(tokens.verify(token)).toEqual({ userId: '5b0c7a2e-8c5e-4a57-9a53-4d0f9c1e2a11', sessionVersion: 3 });
  });

  it('refuses expired tokens, other secrets and other algorithms', () => {
    const expired = tokens.issue({ id: 'u', sessionVersion: 1 }, new Date(Date.now() - 2 * TOKEN_LIFETIME_SECONDS * 1000)).token;
    const otherSecret = new TokenService('another-secret-that-is-long-enough-too').issue({ id: 'u', sessionVersion: 1 }).token;
    const unsigned = jwt.sign({ sub: 'u', sv: 1 }, '', { algorithm: 'none', issuer: 'health-isac-hub', audience: 'hub-api' });
    for (const token of [expired, otherSecret, unsigned, 'a.b.c']) {
      expect(() => tokens.verify(token)).toThrow(HubError);
    }
  });

  it('still refuses a token it has already accepted once it expires', () => {
    const issuedAt = new Date('2026-06-01T10:00:00Z');
    const { token } = tokens.issue({ id: 'u', sessionVersion: 1 }, issuedAt);
    expect(tokens.verify(token, new Date('2026-06-01T10:30:00Z'))).toEqual({ userId: 'u', sessionVersion: 1 });
    expect(tokens.verify(token, new Date('2026-06-01T10:59:59Z'))).toEqual({ userId: 'u', sessionVersion: 1 });
    expect(() => tokens.verify(token, new Date('2026-06-01T11:00:00Z'))).toThrow(HubError);
  });

  it('refuses a token whose signature was tampered with even after accepting the original', () => {
    const { token } = tokens.issue({ id: 'u', sessionVersion: 1 });
    expect(tokens.verify(token).userId).toBe('u');
    const [header, , signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...(jwt.decode(token) as object), sub: 'admin' })).toString('base64url');
    expect(() => tokens.verify(`${header}.${forgedPayload}.${signature}`)).toThrow(HubError);
  });

  describe('renew', () => {
    const user = { id: 'u', sessionVersion: 1 };
    const signIn = new Date('2026-06-01T08:00:00Z');
    const at = (iso: string) => new Date(iso);

    it('exchanges a valid token for a fresh one that keeps the sign-in time', () => {
      const first = tokens.issue(user, signIn);
      const renewed = tokens.renew(first.token, user, at('2026-06-01T08:50:00Z'));
      expect(renewed.expiresAt).toEqual(at('2026-06-01T09:50:00Z'));
      expect(tokens.verify(renewed.token, at('2026-06-01T09:30:00Z'))).toEqual({ userId: 'u', sessionVersion: 1 });
      expect((jwt.decode(renewed.token) as { auth_time: number }).auth_time).toBe(signIn.getTime() / 1000);
    });

    it('never lets a renewed token outlive the session limit, and refuses renewal past it', () => {
      let current = tokens.issue(user, signIn);
      // Renewed every 50 minutes, the last time at 11:40 after sign-in.
      for (let step = 1; step * 50 * 60 < SESSION_LIMIT_SECONDS; step++) {
        current = tokens.renew(current.token, user, new Date(signIn.getTime() + step * 50 * 60_000));
      }
      expect(current.expiresAt).toEqual(new Date(signIn.getTime() + SESSION_LIMIT_SECONDS * 1000));
      expect(() => tokens.renew(current.token, user, new Date(signIn.getTime() + SESSION_LIMIT_SECONDS * 1000))).toThrow(HubError);
    });

    it('refuses an expired token, and a token of an ended session (another session version) or of someone else', () => {
      const { token } = tokens.issue(user, signIn);
      expect(() => tokens.renew(token, user, at('2026-06-01T09:00:00Z'))).toThrow(HubError);
      expect(() => tokens.renew(token, { id: 'u', sessionVersion: 2 }, at('2026-06-01T08:10:00Z'))).toThrow(HubError);
      expect(() => tokens.renew(token, { id: 'other', sessionVersion: 1 }, at('2026-06-01T08:10:00Z'))).toThrow(HubError);
    });
  });
});
