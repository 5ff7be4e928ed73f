/**
 * The console's only way to the data: POST /graphql with the session's CSRF token (the cookie rides
 * along on its own). Documents are typed by hand against types generated from schema.graphql
 * (schema-types.ts); a unit test validates every document against that schema.
 */
export interface TypedDocument<TResult, TVariables> {
  readonly source: string;
  /** Only carries the types; never set. */
  readonly __types?: { result: TResult; variables: TVariables };
}

export function gql<TResult, TVariables = Record<string, never>>(source: string): TypedDocument<TResult, TVariables> {
  return { source };
}

export interface GraphqlIssue {
  message: string;
  code?: string;
  path?: string[];
  fieldErrors: { path: string; message: string }[];
}

/** The server's words, kept as they came, so each can be shown where it belongs. */
export class GraphqlRequestError extends Error {
  constructor(readonly issues: GraphqlIssue[]) {
    super(issues.map((issue) => issue.message).join('; '));
  }

  get unauthenticated(): boolean {
    return this.issues.some((issue) => issue.code === 'UNAUTHENTICATED');
  }

  /** The message for an input field (e.g. `input.pattern`), if the server named it. */
  fieldError(path: string): string | undefined {
    for (const issue of this.issues) {
      const found = issue.fieldErrors.find((error) => error.path === path);
      if (found) return found.message;
    }
    return undefined;
  }
}

interface RawError {
  message?: string;
  path?: (string | number)[];
  extensions?: { code?: string; errors?: { path: string; message: string }[] };
}

export function issuesOf(errors: RawError[]): GraphqlIssue[] {
  return errors.map((error) => ({
    message: error.message ?? 'Unknown error',
    code: error.extensions?.code,
    path: error.path?.map(String),
    fieldErrors: error.extensions?.errors ?? [],
  }));
}

export interface GraphqlClient {
  request<TResult, TVariables>(document: TypedDocument<TResult, TVariables>, variables: TVariables): Promise<TResult>;
}

/** `onUnauthenticated` runs when the server no longer accepts the session (ended, idle or expired). */
export function createGraphqlClient(csrfToken: () => string | undefined, onUnauthenticated: () => void, onActivity: () => void): GraphqlClient {
  return {
    async request(document, variables) {
      const token = csrfToken();
      const response = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { 'x-hub-csrf': token } : {}) },
        body: JSON.stringify({ query: document.source, variables }),
      });
      onActivity();
      const body = (await response.json().catch(() => undefined)) as { data?: unknown; errors?: RawError[] } | undefined;
      if (!body) throw new GraphqlRequestError([{ message: `The hub answered HTTP ${response.status} without a GraphQL answer`, fieldErrors: [] }]);
      if (body.errors?.length) {
        const error = new GraphqlRequestError(issuesOf(body.errors));
        if (error.unauthenticated && token) onUnauthenticated();
        throw error;
      }
      return body.data as never;
    },
  };
}
