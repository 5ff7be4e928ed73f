/*
 * The client of the exports benchmark, run as its own process: the hub's memory and CPU are sampled
 * in the bench process, and a reader there counted its own allocations as the hub's (fetch's web
 * stream gave it a new Uint8Array and promises per network chunk, garbage of the same size as the
 * bundle). Reads a job as JSON from argv, downloads the export through node:http, counts its bytes
 * and lines as they arrive (nothing kept), and prints one JSON line with the result.
 */
import { get } from 'node:http';

interface ExportJob {
  url: string;
  token: string;
}

export interface ExportDownload {
  status: number;
  bytes: number;
  /** Objects in the bundle: one a line between its head line and its `]}` line. */
  objects: number;
  /** From sending the request to the last byte. */
  seconds: number;
}

const job = JSON.parse(process.argv[2]) as ExportJob;
const started = process.hrtime.bigint();
get(job.url, { headers: { authorization: `Bearer ${job.token}` } }, (response) => {
  let bytes = 0;
  let lines = 0;
  response.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) lines++;
  });
  response.on('end', () => {
    // A response cut short (no final chunk) is an error, not a smaller export.
    if (!response.complete) return;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const result: ExportDownload = { status: response.statusCode ?? 0, bytes, objects: Math.max(0, lines - 2), seconds };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });
  response.on('error', (error) => {
    process.stderr.write(`${error.stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}).on('error', (error) => {
  process.stderr.write(`${error.stack ?? String(error)}\n`);
  process.exitCode = 1;
});
