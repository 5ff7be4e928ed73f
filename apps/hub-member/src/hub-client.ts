import { CliError, EXIT } from './exit-codes';

export interface Connection {
  url: string;
  /** An API key or a person's sign-in token, sent as a bearer credential. */
  key?: string;
}

/** The hub's base URL and credential from the options, else HUB_URL and HUB_API_KEY. */
export function connectionOf(url: string | undefined, key: string | undefined, env: NodeJS.ProcessEnv): Connection {
  const base = url ?? env.HUB_URL ?? 'http://127.0.0.1:3000';
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    throw new CliError(`--url ${base} is not a URL`, EXIT.USAGE);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new CliError('--url must be an http or https URL', EXIT.USAGE);
  const credential = key ?? env.HUB_API_KEY;
  return { url: base.replace(/\/+$/, ''), ...(credential ? { key: credential } : {}) };
}

export function authHeaders(connection: Connection): Record<string, string> {
  return connection.key ? { authorization: `Bearer ${connection.key}` } : {};
}

/** fetch, with a failure to connect turned into exit code 3. */
export async function request(connection: Connection, path: string, init: RequestInit & { duplex?: 'half' } = {}): Promise<Response> {
  try {
    return await fetch(`${connection.url}${path}`, { ...init, headers: { ...authHeaders(connection), ...(init.headers as Record<string, string> | undefined) } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(`cannot reach the hub at ${connection.url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`, EXIT.UNREACHABLE_OR_UNAUTHENTICATED);
  }
}

interface ErrorBody {
  message?: string | string[];
  errors?: { path: string; message: string }[];
  title?: string;
  description?: string;
}

/** An HTTP answer that is not a success, as the exit code and message it means. */
export async function failureOf(response: Response): Promise<CliError> {
  const text = await response.text().catch(() => '');
  let message = `HTTP ${response.status}`;
  try {
    const body = JSON.parse(text) as ErrorBody;
    if (body.errors?.length) message = body.errors.map((error) => `${error.path}: ${error.message}`).join('\n');
    else if (body.message) message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    else if (body.title) message = body.description ? `${body.title}: ${body.description}` : body.title;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  // A 404 without the hub's own error body is a path the hub does not have: --url names something else.
  if (response.status === 404 && !/"code"\s*:/.test(text)) {
    return new CliError(`${response.url}: not found; is --url the hub's address (e.g. https://hub.example.org)?`, EXIT.UNREACHABLE_OR_UNAUTHENTICATED);
  }
  return new CliError(message, exitCodeOfStatus(response.status));
}

export function exitCodeOfStatus(status: number): number {
  if (status === 401) return EXIT.UNREACHABLE_OR_UNAUTHENTICATED;
  if (status === 400 || status === 404 || status === 413 || status === 415) return EXIT.USAGE;
  return EXIT.REFUSED_OR_PARTIAL;
}

interface GraphqlError {
  message: string;
  extensions?: { code?: string; errors?: { path: string; message: string }[] };
}

/** POST /graphql; a GraphQL error becomes the exit code of its extensions.code. */
export async function graphql<T>(connection: Connection, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await request(connection, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  let body: { data?: T; errors?: GraphqlError[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new CliError(`the hub answered HTTP ${response.status} without a GraphQL answer`, exitCodeOfStatus(response.status));
  }
  const [error] = body.errors ?? [];
  if (error) {
    const issues = error.extensions?.errors?.map((issue) => `${issue.path}: ${issue.message}`) ?? [];
    throw new CliError([error.message, ...issues].join('\n'), exitCodeOfGraphqlCode(error.extensions?.code));
  }
  if (!body.data) throw new CliError(`the hub answered HTTP ${response.status} without data`, EXIT.REFUSED_OR_PARTIAL);
  return body.data;
}

function exitCodeOfGraphqlCode(code: string | undefined): number {
  if (code === 'UNAUTHENTICATED') return EXIT.UNREACHABLE_OR_UNAUTHENTICATED;
  if (code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED') return EXIT.USAGE;
  return EXIT.REFUSED_OR_PARTIAL;
}
