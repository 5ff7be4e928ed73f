/*
 * The load generator of the end-to-end benchmarks, run as its own process so that it does not share
 * the hub's event loop. Reads a job as JSON from argv, prints the samples as JSON on stdout.
 *
 * It speaks HTTP/1.1 with keep-alive through node:http rather than fetch: on a 2-core machine the
 * generator shares the CPU with the hub and PostgreSQL, and fetch's web streams cost it about twice
 * as much per response. For the same reason it does not parse every answer (for a feed page that
 * would cost it half as much CPU as the hub spends answering): every answer is read whole and must
 * be HTTP 200 starting with `{"data":` (Apollo writes `errors` first, so an answer with errors never
 * starts so), and every tenth is parsed and must hold data and no errors.
 */
import { Agent, request as httpRequest } from 'node:http';
import { runLoad } from './stats';

interface LoadJob {
  url: string;
  token: string;
  query: string;
  clients: number;
  seconds: number;
  /** When set, each request looks up a different address from 1 to this number. */
  lookupRange?: number;
  /** When set, no two requests are alike (see below). */
  unique?: boolean;
}

function ipOf(n: number): string {
  return `10.${(n >> 16) % 256}.${(n >> 8) % 256}.${n % 256}`;
}

const job = JSON.parse(process.argv[2]) as LoadJob;
const endpoint = new URL('/graphql', job.url);
const agent = new Agent({ keepAlive: true, maxSockets: job.clients });

function post(body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      endpoint,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${job.token}` },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

const PARSE_EVERY = 10;

function isCompleteAnswer(status: number, text: string, parse: boolean): boolean {
  if (status !== 200 || !text.startsWith('{"data":')) return false;
  if (!parse) return true;
  const body = JSON.parse(text) as { data?: unknown; errors?: unknown };
  return body.data !== undefined && body.data !== null && !body.errors;
}

const result = await runLoad(job.clients, job.seconds, async (client, iteration) => {
  const variables = {
    ...(job.lookupRange ? { ip: ipOf(1 + ((client * 100_003 + iteration * 7919) % job.lookupRange)) } : {}),
    // A variable the query does not declare: GraphQL ignores it, but no two requests are alike, so none is served from the answer cache.
    ...(job.unique ? { nonce: `${client}-${iteration}` } : {}),
  };
  const { status, text } = await post(JSON.stringify({ query: job.query, variables }));
  return isCompleteAnswer(status, text, iteration % PARSE_EVERY === 0);
});
agent.destroy();
process.stdout.write(JSON.stringify(result));
