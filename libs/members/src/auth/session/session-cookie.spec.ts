import { clearedSessionCookies, isSessionToken, sessionCookie, sessionIdFromCookies } from './session-cookie';

const ID = 'A'.repeat(43);
const OTHER = 'B'.repeat(43);

describe('session cookie', () => {
  it('reads the session id under either name, among other cookies', () => {
    expect(sessionIdFromCookies(`theme=dark; hub_session=${ID}; x=1`)).toBe(ID);
    expect(sessionIdFromCookies(`__Host-hub_session=${ID}`)).toBe(ID);
    expect(sessionIdFromCookies([`a=1`, `hub_session=${ID}`])).toBe(ID);
  });

  it('ignores a missing, malformed or ambiguous session cookie', () => {
    expect(sessionIdFromCookies(undefined)).toBeUndefined();
    expect(sessionIdFromCookies('hub_session=short')).toBeUndefined();
    expect(sessionIdFromCookies(`hub_session=${ID}; __Host-hub_session=${OTHER}`)).toBeUndefined();
    expect(sessionIdFromCookies(`not_hub_session=${ID}`)).toBeUndefined();
  });

  it('is HttpOnly and SameSite=Strict, and Secure with the __Host- prefix over TLS', () => {
    expect(sessionCookie(ID, false, 60)).toBe(`hub_session=${ID}; Path=/; HttpOnly; SameSite=Strict; Max-Age=60`);
    expect(sessionCookie(ID, true, 60)).toBe(`__Host-hub_session=${ID}; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure`);
    expect(clearedSessionCookies(true)).toEqual([expect.stringContaining('hub_session=; '), expect.stringMatching(/^__Host-hub_session=; .*Max-Age=0; Secure$/)]);
  });

  it('knows the shape of a token', () => {
    expect(isSessionToken(ID)).toBe(true);
    expect(isSessionToken(`${ID}A`)).toBe(false);
    expect(isSessionToken('A'.repeat(42) + '=')).toBe(false);
  });
});
