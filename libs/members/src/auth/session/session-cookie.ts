/**
 * The console's session cookie. HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * sends it), Path=/; over TLS it is Secure and takes the __Host- prefix, which also forbids a Domain.
 */
export const SESSION_COOKIE = 'hub_session';
export const SECURE_SESSION_COOKIE = '__Host-hub_session';

/** The header a cookie-authenticated request must carry: the session's CSRF token, which only the console's own origin can read. */
export const CSRF_HEADER = 'x-hub-csrf';

// 32 random bytes, base64url: what session ids and CSRF tokens look like.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function isSessionToken(value: string | undefined): value is string {
  return value !== undefined && TOKEN_SHAPE.test(value);
}

/**
 * Whether the request reached the hub over TLS: directly (`socketSecure`) or through a proxy that
 * says so in X-Forwarded-Proto (the hub itself listens on plain HTTP).
 */
export function isTlsRequest(forwarded: string | string[] | undefined, socketSecure = false): boolean {
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return socketSecure || proto === 'https';
}

/**
 * The session id in a Cookie header, if it has the right shape; otherwise undefined. Over TLS only
 * the __Host- cookie counts: a plain-named one may have been planted by a sibling subdomain or over
 * plain HTTP (cookie tossing), and would sign the victim in as someone else.
 */
export function sessionIdFromCookies(cookieHeader: string | string[] | undefined, tls: boolean): string | undefined {
  const header = Array.isArray(cookieHeader) ? cookieHeader.join('; ') : cookieHeader;
  if (!header) return undefined;
  const wanted = tls ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  let found: string | undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== wanted) continue;
    const value = part.slice(separator + 1).trim();
    // Two different session cookies of one name: trust neither (one may have been planted).
    if (found !== undefined && found !== value) return undefined;
    found = value;
  }
  return isSessionToken(found) ? found : undefined;
}

/** Set-Cookie for a new session; the browser forgets it at the absolute expiry at the latest. */
export function sessionCookie(sessionId: string, secure: boolean, maxAgeSeconds: number): string {
  return [`${secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE}=${sessionId}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join('; ');
}

/** Set-Cookie headers that make the browser forget the session cookie, under either name. */
export function clearedSessionCookies(secure: boolean): string[] {
  return [
    `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`,
    ...(secure ? [`${SECURE_SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure`] : []),
  ];
}
