import { clearedSessionCookies, isSessionToken, isTlsRequest, sessionCookie, sessionIdFromCookies } from './session-cookie';

const ID = 'A'.repeat(43);
const OTHER = 'B'.repeat(43);

describe('session cookie', () => {
  it('reads the session id among other cookies: the plain name over HTTP, the __Host- name over TLS', () => {
    expect(sessionIdFromCookies(`theme=dark; hub_session=${ID}; x=1`, false)).toBe(ID);
    expect(sessionIdFromCookies([`a=1`, `hub_session=${ID}`], false)).toBe(ID);
    expect(sessionIdFromCookies(`__Host-hub_session=${ID}`, true)).toBe(ID);
  });

  it('over TLS, ignores a plain-named cookie (one planted by a sibling subdomain or over HTTP), beside the real one or alone', () => {
    expect(sessionIdFromCookies(`hub_session=${OTHER}`, true)).toBeUndefined();
    expect(sessionIdFromCookies(`hub_session=${OTHER}; __Host-hub_session=${ID}`, true)).toBe(ID);
    expect(sessionIdFromCookies(`__Host-hub_session=${ID}`, false)).toBeUndefined();
  });

  it('ignores a missing, malformed or ambiguous session cookie', () => {
    expect(sessionIdFromCookies(undefined, false)).toBeUndefined();
    expect(sessionIdFromCookies('hub_session=short', false)).toBeUndefined();
    expect(sessionIdFromCookies(`hub_session=${ID}; hub_session=${OTHER}`, false)).toBeUndefined();
    expect(sessionIdFromCookies(`not_hub_session=${ID}`, false)).toBeUndefined();
  });

  it('knows a TLS request by its socket or by the proxy that says so', () => {
    expect(isTlsRequest(undefined, true)).toBe(true);
    expect(isTlsRequest('https')).toBe(true);
    expect(isTlsRequest('HTTPS, http')).toBe(true);
    expect(isTlsRequest(['https'])).toBe(true);
    expect(isTlsRequest('http')).toBe(false);
    expect(isTlsRequest(undefined)).toBe(false);
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
