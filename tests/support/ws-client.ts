import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveCredential {
  /** A login token or an API key, sent as `Bearer …` in the connection_init payload. */
  bearer?: string;
  /** An API key, sent as `x-api-key`. */
  apiKey?: string;
  /** A Cookie header for the upgrade request (the console's session cookie), as a browser sends it. */
  cookie?: string;
  /** The session's CSRF token, sent as `x-hub-csrf` in the connection_init payload (the console does). */
  csrf?: string;
}

export interface LiveSubscription<T> {
  /** Everything received so far, in order. */
  values: T[];
  /** GraphQL errors the server sent instead of values (the subscription then ended). */
  errors: unknown[];
  /** Resolves once `count` values have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  stop(): void;
}

export interface LiveClient {
  subscribe<T>(query: string, variables?: Record<string, unknown>): Promise<LiveSubscription<T>>;
  /** The close code and reason once the server (or dispose) closed the socket. */
  closed: Promise<{ code: number; reason: string }>;
  /** The close code and reason if the socket closes within `ms`, else 'still open'. */
  closedWithin(ms: number): Promise<{ code: number; reason: string } | 'still open'>;
  close(): Promise<void>;
}

// The server answers no "subscribed" message (graphql-ws has none): give it this long to register a
// subscription before the test starts the traffic the subscription is meant to hear.
const REGISTRATION_GRACE_MS = 400;

function webSocketWithCookie(cookie: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  } as typeof WebSocket;
}

/** A graphql-ws client on `<baseUrl>/graphql` that never reconnects, so a close is seen by the test. */
export async function connectLive(baseUrl: string, credential: LiveCredential = {}): Promise<LiveClient> {
  let resolveClosed!: (value: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClosed = resolve));
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const client: Client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: credential.cookie ? webSocketWithCookie(credential.cookie) : WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: {
      ...(credential.bearer ? { authorization: `Bearer ${credential.bearer}` } : {}),
      ...(credential.apiKey ? { 'x-api-key': credential.apiKey } : {}),
      ...(credential.csrf ? { 'x-hub-csrf': credential.csrf } : {}),
    },
    on: {
      connected: () => connected(),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        resolveClosed({ code, reason: String(reason) });
        connected();
      },
    },
    onNonLazyError: () => undefined,
  });
  await ready;

  return {
    closed,
    closedWithin: async (ms) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'still open'>((resolve) => (timer = setTimeout(() => resolve('still open'), ms)));
      try {
        return await Promise.race([closed, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => client.dispose() as Promise<void>,
    subscribe: async <T>(query: string, variables: Record<string, unknown> = {}) => {
      const values: T[] = [];
      const errors: unknown[] = [];
      const waiters: (() => void)[] = [];
      const notify = () => waiters.splice(0).forEach((wake) => wake());
      const stop = client.subscribe<Record<string, T>>(
        { query, variables },
        {
          next: (result) => {
            if (result.errors) errors.push(...result.errors);
            if (result.data) values.push(Object.values(result.data)[0]);
            notify();
          },
          error: (error) => {
            // graphql-ws hands over the list of GraphQL errors, or the close event of the socket.
            errors.push(...(Array.isArray(error) ? error : [error]));
            notify();
          },
          complete: notify,
        },
      );
      await new Promise((resolve) => setTimeout(resolve, REGISTRATION_GRACE_MS));
      return {
        values,
        errors,
        stop,
        waitFor: async (count, timeoutMs = 10_000) => {
          const deadline = Date.now() + timeoutMs;
          while (values.length < count) {
            if (Date.now() > deadline) throw new Error(`waited for ${count} values, got ${values.length}: ${JSON.stringify({ values, errors }).slice(0, 2000)}`);
            await new Promise<void>((resolve) => {
              waiters.push(resolve);
              setTimeout(resolve, 100);
            });
          }
          return values;
        },
      };
    },
  };
}

/** Waits a moment for anything that should NOT arrive, so its absence is seen. */
export function settle(ms = 1_000): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
