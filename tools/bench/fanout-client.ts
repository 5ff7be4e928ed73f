/*
 * The subscribers of the fan-out benchmark, run as their own process so that they do not share an
 * event loop with the hubs or the submitter. Reads a job as JSON from argv; opens the subscriptions,
 * prints "ready", then records when each delivery arrives and prints the arrivals as JSON on stdout.
 */
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface FanoutJob {
  /** The replicas; subscriber n connects to urls[n % urls.length]. */
  urls: string[];
  /** Login tokens; subscriber n signs in with tokens[n % tokens.length]. */
  tokens: string[];
  subscribers: number;
  /** The label every probe carries: the subscriptions filter on it. */
  label: string;
  /** Deliveries each subscriber should get before the client stops. */
  expected: number;
  timeoutSeconds: number;
}

export interface FanoutArrivals {
  /** Epoch milliseconds (sub-millisecond precision) of each arrival, by object id. */
  arrivals: Record<string, number[]>;
  /** The same object delivered twice to one subscriber. */
  duplicates: number;
  /** Subscribers that got an error or a closed socket. */
  failures: number;
}

const OBJECT_ADDED = 'subscription ($filter: ObjectFilterInput) { objectAdded(filter: $filter) { id } }';
// graphql-ws has no "subscribed" acknowledgement: leave the hubs this long to register every subscription.
const REGISTRATION_GRACE_MS = 3_000;

const now = () => performance.timeOrigin + performance.now();
const job = JSON.parse(process.argv[2]) as FanoutJob;
const result: FanoutArrivals = { arrivals: {}, duplicates: 0, failures: 0 };
const received = Array.from({ length: job.subscribers }, () => new Set<string>());
let finish!: () => void;
const finished = new Promise<void>((resolve) => (finish = resolve));
const complete = () => received.every((ids) => ids.size >= job.expected);

async function subscribe(index: number): Promise<Client> {
  const client = createClient({
    url: `${job.urls[index % job.urls.length].replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: { authorization: `Bearer ${job.tokens[index % job.tokens.length]}` },
  });
  await new Promise<void>((resolve) => {
    client.on('connected', () => resolve());
    client.on('closed', () => resolve());
  });
  client.subscribe<{ objectAdded: { id: string } }>(
    { query: OBJECT_ADDED, variables: { filter: { types: ['indicator'], labels: [job.label] } } },
    {
      next: ({ data }) => {
        const at = now();
        const id = data?.objectAdded.id;
        if (!id) return;
        if (received[index].has(id)) result.duplicates += 1;
        received[index].add(id);
        (result.arrivals[id] ??= []).push(at);
        if (complete()) finish();
      },
      error: () => (result.failures += 1),
      complete: () => undefined,
    },
  );
  return client;
}

// Fifty handshakes at a time: the hubs check each credential as the socket opens.
const clients: Client[] = [];
for (let start = 0; start < job.subscribers; start += 50) {
  const batch = Array.from({ length: Math.min(50, job.subscribers - start) }, (_, offset) => subscribe(start + offset));
  clients.push(...(await Promise.all(batch)));
}
await new Promise((resolve) => setTimeout(resolve, REGISTRATION_GRACE_MS));
process.stdout.write('ready\n');
await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, job.timeoutSeconds * 1000))]);
await Promise.all(clients.map((client) => client.dispose()));
// Exit only once the (large) line is flushed to the pipe, or the reader gets half of it.
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
