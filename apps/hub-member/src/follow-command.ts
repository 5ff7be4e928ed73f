import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ParsedArgs, stringOption } from './args';
import { CliError, EXIT, usageError } from './exit-codes';
import { Connection } from './hub-client';

const OBJECT_ADDED = `subscription Follow($filter: ObjectFilterInput) {
  objectAdded(filter: $filter) { id type tlp created modified revoked dateAdded source { name anonymous } stix }
}`;

const list = (value: string | undefined) => value?.split(',').map((item) => item.trim()).filter(Boolean);

/**
 * Subscribes to objectAdded over graphql-ws and writes each new readable object as one JSON line,
 * until `stop` resolves (Ctrl-C). A lost connection ends the command with exit code 3: a follower
 * that reconnected silently would miss what was added meanwhile without saying so.
 */
export async function runFollow(connection: Connection, args: ParsedArgs, write: (line: string) => void, stop: Promise<void>): Promise<void> {
  if (args.positionals.length) throw usageError(`unexpected argument ${args.positionals[0]}`);
  const types = list(stringOption(args, 'types'));
  const labels = list(stringOption(args, 'labels'));
  const tlp = list(stringOption(args, 'tlp'));
  const filter = { ...(types ? { types } : {}), ...(labels ? { labels } : {}), ...(tlp ? { tlp } : {}) };
  let connected = false;
  const client = createClient({
    url: `${connection.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: connection.key ? { authorization: `Bearer ${connection.key}` } : {},
    on: { connected: () => (connected = true) },
    onNonLazyError: () => undefined,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const unsubscribe = client.subscribe<{ objectAdded: unknown }>(
        { query: OBJECT_ADDED, variables: { filter } },
        {
          next: (message) => {
            if (message.data) write(`${JSON.stringify(message.data.objectAdded)}\n`);
            else if (message.errors?.length) reject(errorOf(message.errors[0] as { message: string; extensions?: { code?: string } }));
          },
          error: (error) => reject(closeError(error, connected, connection.url)),
          complete: () => reject(new CliError('the hub ended the subscription', EXIT.REFUSED_OR_PARTIAL)),
        },
      );
      void stop.then(() => {
        unsubscribe();
        resolve();
      });
    });
  } finally {
    await client.dispose();
  }
}

function errorOf(error: { message: string; extensions?: { code?: string } }): CliError {
  const code = error.extensions?.code;
  return new CliError(error.message, code === 'UNAUTHENTICATED' ? EXIT.UNREACHABLE_OR_UNAUTHENTICATED : code === 'BAD_USER_INPUT' ? EXIT.USAGE : EXIT.REFUSED_OR_PARTIAL);
}

function closeError(error: unknown, connected: boolean, url: string): CliError {
  if (Array.isArray(error) && error.length) return errorOf(error[0] as { message: string; extensions?: { code?: string } });
  const close = error as { code?: number; reason?: string; message?: string };
  if (close.code === 4401 || close.code === 4403) return new CliError(`the hub refused the credential: ${close.reason ?? ''}`.trim(), EXIT.UNREACHABLE_OR_UNAUTHENTICATED);
  if (!connected) return new CliError(`cannot reach the hub at ${url}`, EXIT.UNREACHABLE_OR_UNAUTHENTICATED);
  return new CliError(`the connection to the hub was lost${close.reason ? `: ${close.reason}` : ''}`, EXIT.UNREACHABLE_OR_UNAUTHENTICATED);
}
