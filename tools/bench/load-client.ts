/*
 * The load generator of the end-to-end benchmarks, run as its own process so that it does not share
 * the hub's event loop. Reads a job as JSON from argv, prints the samples as JSON on stdout.
 */
import { runLoad } from './stats';

interface LoadJob {
  url: string;
  token: string;
  query: string;
  clients: number;
  seconds: number;
  /** When set, each request looks up a different address from 1 to this number. */
  lookupRange?: number;
}

function ipOf(n: number): string {
  return `10.${(n >> 16) % 256}.${(n >> 8) % 256}.${n % 256}`;
}

const job = JSON.parse(process.argv[2]) as LoadJob;
const result = await runLoad(job.clients, job.seconds, async (client, iteration) => {
  const variables = job.lookupRange ? { ip: ipOf(1 + ((client * 100_003 + iteration * 7919) % job.lookupRange)) } : {};
  const response = await fetch(`${job.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
    body: JSON.stringify({ query: job.query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown };
  return response.ok && !body.errors;
});
process.stdout.write(JSON.stringify(result));
