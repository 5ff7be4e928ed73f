import type { CredentialHeaders } from '@hub/members';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The credential of a WebSocket connection, in the form the HTTP headers have. Browsers cannot set
 * headers on a WebSocket, so clients send it in the graphql-ws connection_init payload
 * (`{ "authorization": "Bearer …" }` or `{ "x-api-key": "hubk_…" }`, any letter case); other
 * clients may send the usual headers with the upgrade request. The payload wins when it holds one;
 * the two are never mixed. The console, signed in with its session cookie (sent by the browser with
 * the upgrade request), puts the session's CSRF token in the payload as `x-hub-csrf`: a page of another
 * origin can open a WebSocket carrying the cookie, but cannot know the token.
 */
export function connectionCredential(connectionParams: Readonly<Record<string, unknown>> | undefined, upgradeHeaders: IncomingHttpHeaders): CredentialHeaders {
  const fromParams: CredentialHeaders = {};
  for (const [name, value] of Object.entries(connectionParams ?? {})) {
    const header = name.toLowerCase();
    if (header !== 'authorization' && header !== 'x-api-key') continue;
    // Anything but text is passed on as an unusable credential, so it is refused rather than ignored.
    const text = typeof value === 'string' ? value : '(not text)';
    fromParams[header] = fromParams[header] === undefined ? text : [...[fromParams[header]].flat(), text];
  }
  if (fromParams.authorization !== undefined || fromParams['x-api-key'] !== undefined) return fromParams;
  const fromHeaders: CredentialHeaders = {};
  if (upgradeHeaders.authorization !== undefined) fromHeaders.authorization = upgradeHeaders.authorization;
  if (upgradeHeaders['x-api-key'] !== undefined) fromHeaders['x-api-key'] = upgradeHeaders['x-api-key'];
  if (fromHeaders.authorization !== undefined || fromHeaders['x-api-key'] !== undefined) return fromHeaders;
  const csrf = connectionParams?.['x-hub-csrf'];
  if (upgradeHeaders.cookie !== undefined && typeof csrf === 'string') {
    // Whether the connection came over TLS decides which session cookie name counts (session-cookie.ts).
    return { cookie: upgradeHeaders.cookie, 'x-hub-csrf': csrf, 'x-forwarded-proto': upgradeHeaders['x-forwarded-proto'] };
  }
  return fromHeaders;
}
