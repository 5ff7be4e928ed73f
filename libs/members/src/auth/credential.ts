import { isApiKeyFormat, looksLikeApiKey } from '../api-keys/api-key-format';
import { CSRF_HEADER, isTlsRequest, sessionIdFromCookies } from './session/session-cookie';

/** The credential a request carries, read from its headers without looking anything up. */
export type Credential =
  | { kind: 'none' }
  | { kind: 'token'; token: string }
  | { kind: 'api-key'; key: string }
  | { kind: 'session'; sessionId: string; csrfToken: string }
  | { kind: 'invalid'; reason: string };

export interface CredentialHeaders {
  authorization?: string | string[];
  'x-api-key'?: string | string[];
  cookie?: string | string[];
  [CSRF_HEADER]?: string | string[];
  'x-forwarded-proto'?: string | string[];
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Accepts `Authorization: Bearer <login token | API key>`, `X-API-Key: <API key>` and, for TAXII
 * clients, `Authorization: Basic base64(anything:<API key>)`. A credential that is present but
 * unusable is `invalid`, never silently ignored: the caller thinks it is signed in.
 */
export function readCredential(headers: CredentialHeaders): Credential {
  const authorization = single(headers.authorization);
  const apiKeyHeader = single(headers['x-api-key']);
  if (authorization === null || apiKeyHeader === null) return invalid('Send each authentication header once');
  if (authorization !== undefined && apiKeyHeader !== undefined) {
    return invalid('Send one credential: either the Authorization header or the X-API-Key header');
  }
  if (apiKeyHeader !== undefined) return isApiKeyFormat(apiKeyHeader) ? { kind: 'api-key', key: apiKeyHeader } : invalid('The X-API-Key header does not hold a hub API key');
  if (authorization === undefined) return sessionCredential(headers);

  const [scheme, value = ''] = authorization.split(/\s+/, 2);
  switch (scheme.toLowerCase()) {
    case 'bearer':
      if (looksLikeApiKey(value)) return isApiKeyFormat(value) ? { kind: 'api-key', key: value } : invalid('The API key is malformed');
      return JWT_SHAPE.test(value) ? { kind: 'token', token: value } : invalid('The bearer credential is neither a login token nor an API key');
    case 'basic': {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const password = decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : '';
      return isApiKeyFormat(password) ? { kind: 'api-key', key: password } : invalid('HTTP Basic authentication takes an API key as the password');
    }
    default:
      return invalid('Use Authorization: Bearer <token or API key>, Basic with an API key as password, or X-API-Key');
  }
}

/**
 * The console's session cookie counts only with the session's CSRF token in the x-hub-csrf header,
 * which a page of another origin cannot read nor send: without it the cookie is ignored (the request
 * is anonymous), so a forged request runs as nobody. An explicit credential always wins over the cookie.
 */
function sessionCredential(headers: CredentialHeaders): Credential {
  const sessionId = sessionIdFromCookies(headers.cookie, isTlsRequest(headers['x-forwarded-proto']));
  const csrfToken = single(headers[CSRF_HEADER]);
  return sessionId && csrfToken ? { kind: 'session', sessionId, csrfToken } : { kind: 'none' };
}

/** undefined: absent or blank; null: repeated. */
function single(value: string | string[] | undefined): string | undefined | null {
  if (Array.isArray(value)) return value.length > 1 ? null : single(value[0]);
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function invalid(reason: string): Credential {
  return { kind: 'invalid', reason };
}
