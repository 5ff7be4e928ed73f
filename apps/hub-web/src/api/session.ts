/** The browser session, as GET/POST /auth/session describe it (see docs/console.md). */
export interface SessionUser {
  id: string;
  email: string;
  role: 'MEMBER' | 'ANALYST' | 'FOCAL_POINT' | 'ADMIN';
  organizationId: string;
  /** An admin set the password: the person must choose their own before anything else (the server refuses the rest). */
  mustChangePassword: boolean;
}

export interface ActiveSession {
  signedIn: true;
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
  idleExpiresAt: string;
  idleSeconds: number;
}

export type SignedOutReason = 'signed_out' | 'idle' | 'expired' | 'unknown';

export interface NoSession {
  signedIn: false;
  reason?: SignedOutReason;
  message?: string;
}

export type SessionState = ActiveSession | NoSession;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

export async function fetchSession(): Promise<SessionState> {
  const response = await fetch('/auth/session', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) throw new HttpError(response.status, 'The hub did not answer; try again');
  return (await response.json()) as SessionState;
}

export async function signIn(email: string, password: string): Promise<ActiveSession> {
  const response = await fetch('/auth/session', { method: 'POST', headers: JSON_HEADERS, credentials: 'same-origin', body: JSON.stringify({ email, password }) });
  const body = (await response.json().catch(() => ({}))) as Partial<ActiveSession> & { message?: string; errors?: { path: string; message: string }[] };
  if (!response.ok) throw new HttpError(response.status, body.message ?? `Sign-in failed (HTTP ${response.status})`, body.errors ?? []);
  return body as ActiveSession;
}

/** Ends the session on the server; a session that had already ended counts as signed out too. */
export async function signOut(csrfToken: string): Promise<void> {
  const response = await fetch('/auth/session', { method: 'DELETE', headers: { 'x-hub-csrf': csrfToken }, credentials: 'same-origin' });
  if (!response.ok && response.status !== 401) throw new HttpError(response.status, 'Could not sign out; try again');
}

/** What the console says when a session ended without the person asking. */
export function signedOutMessage(reason: SignedOutReason | undefined): string | undefined {
  switch (reason) {
    case 'signed_out':
      return 'You signed out.';
    case 'idle':
      return 'You were signed out after 30 minutes without activity. Sign in again to continue.';
    case 'expired':
      return 'You were signed out: a session lasts at most 12 hours. Sign in again to continue.';
    case 'unknown':
      return 'Your session has ended. Sign in again to continue.';
    default:
      return undefined;
  }
}
