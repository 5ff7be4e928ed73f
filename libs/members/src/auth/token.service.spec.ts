import jwt from 'jsonwebtoken';
import { HubError } from '@hub/platform';
import { TOKEN_LIFETIME_SECONDS, TokenService } from './token.service';

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
});
