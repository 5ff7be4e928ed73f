import { postGraphql } from './test-hub';
import type { GraphqlResponse, TestHub } from './test-hub';

/** A browser session as the console holds it: the cookie the browser keeps and the CSRF token the page keeps. */
export interface BrowserSession {
  /** `name=value`, as a browser sends it back in the Cookie header. */
  cookie: string;
  csrfToken: string;
  /** The Set-Cookie header the sign-in answered with. */
  setCookie: string;
  body: { user: { id: string; email: string; role: string; organizationId: string }; expiresAt: string; idleExpiresAt: string };
}

/** POST /auth/session as the console does; throws with the answer when the sign-in is refused. */
export async function signInSession(hub: TestHub, email: string, password: string, headers: Record<string, string> = {}): Promise<BrowserSession> {
  const response = await fetch(`${hub.url}/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`sign-in refused (${response.status}): ${text}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const body = JSON.parse(text) as BrowserSession['body'] & { csrfToken: string };
  return { cookie: setCookie.split(';')[0], csrfToken: body.csrfToken, setCookie, body };
}

/** POST /graphql with the session cookie and, unless `csrf` says otherwise, the session's CSRF token. */
export function sessionGraphql<T = Record<string, unknown>>(
  hub: TestHub,
  session: Pick<BrowserSession, 'cookie' | 'csrfToken'>,
  query: string,
  variables: Record<string, unknown> = {},
  { csrf = session.csrfToken, headers = {} }: { csrf?: string | null; headers?: Record<string, string> } = {},
): Promise<GraphqlResponse<T>> {
  return postGraphql<T>(hub.url, query, variables, undefined, { cookie: session.cookie, ...(csrf ? { 'x-hub-csrf': csrf } : {}), ...headers });
}

export async function sessionStatus(hub: TestHub, cookie?: string): Promise<{ status: number; body: { signedIn: boolean; reason?: string; message?: string; csrfToken?: string }; setCookie: string | null }> {
  const response = await fetch(`${hub.url}/auth/session`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, body: (await response.json()) as { signedIn: boolean; reason?: string }, setCookie: response.headers.get('set-cookie') };
}

export async function signOutSession(hub: TestHub, session: Pick<BrowserSession, 'cookie' | 'csrfToken'>): Promise<Response> {
  return fetch(`${hub.url}/auth/session`, { method: 'DELETE', headers: { cookie: session.cookie, 'x-hub-csrf': session.csrfToken } });
}
