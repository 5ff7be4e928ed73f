import { createClient } from 'graphql-ws/client';
import type { Client } from 'graphql-ws/client';
import type { TypedDocument } from './graphql';

/**
 * Subscriptions over graphql-ws on /graphql. The browser sends the session cookie with the upgrade
 * request itself; the CSRF token goes in the connection_init payload, as the hub requires.
 */
export function createLiveClient(csrfToken: string | undefined): Client {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createClient({
    url: `${scheme}://${window.location.host}/graphql`,
    connectionParams: csrfToken ? { 'x-hub-csrf': csrfToken } : {},
    lazy: true,
    retryAttempts: 3,
  });
}

export function subscribe<TResult, TVariables>(
  client: Client,
  document: TypedDocument<TResult, TVariables>,
  variables: TVariables,
  onData: (data: TResult) => void,
  onError: (message: string) => void,
): () => void {
  return client.subscribe<TResult>(
    { query: document.source, variables: variables as Record<string, unknown> },
    {
      next: (result) => {
        if (result.data) onData(result.data as TResult);
        if (result.errors?.length) onError(result.errors.map((error) => error.message).join('; '));
      },
      error: (error: unknown) => onError(error instanceof Error ? error.message : 'The live connection closed'),
      complete: () => undefined,
    },
  );
}
