/**
 * The hub's HTTP routes (exports, imports) from the console: the session cookie rides along, and
 * counts only with the session's CSRF token beside it.
 */
export function hubRequest(path: string, csrfToken: string | undefined, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(path, { ...init, credentials: 'same-origin', headers: { ...init.headers, ...(csrfToken ? { 'x-hub-csrf': csrfToken } : {}) } });
}

/** The hub's refusal of an HTTP request (`{ message, errors: [{ path, message }] }`), in its words, each problem naming what it is about. */
export function refusalMessages(body: unknown, status: number): string[] {
  const refusal = body as { message?: unknown; errors?: { path: string; message: string }[] } | undefined;
  if (refusal?.errors?.length) return refusal.errors.map((issue) => `${issue.path}: ${issue.message}`);
  return [typeof refusal?.message === 'string' ? refusal.message : `The hub answered HTTP ${status}`];
}
