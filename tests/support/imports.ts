import { setTimeout as sleep } from 'node:timers/promises';

/** Helpers for POST /import and the job it starts. */

export interface ImportJobStatus {
  jobId: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  format: string;
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  errors: { path: string; message: string }[];
  created: string;
  finished: string | null;
}

export interface ImportResultRow {
  index: number;
  line: number | null;
  stixId: string | null;
  status: 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';
  errors: { path: string; message: string }[];
}

export async function postImport(
  url: string,
  token: string | undefined,
  query: Record<string, string | string[]>,
  body: Uint8Array | string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) for (const item of Array.isArray(value) ? value : [value]) search.append(key, item);
  const response = await fetch(`${url}/import?${search}`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/octet-stream', ...headers },
    body: typeof body === 'string' ? body : Buffer.from(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export async function getJob(url: string, token: string | undefined, jobId: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/import/${jobId}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls the job until it ends. */
export async function waitForJob(url: string, token: string, jobId: string, timeoutMs = 60_000): Promise<ImportJobStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await getJob(url, token, jobId);
    if (status !== 200) throw new Error(`GET /import/${jobId} answered ${status}: ${JSON.stringify(body)}`);
    const job = body as unknown as ImportJobStatus;
    if (job.status === 'done' || job.status === 'failed' || job.status === 'cancelled') return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

export async function jobResults(url: string, token: string, jobId: string): Promise<ImportResultRow[]> {
  const response = await fetch(`${url}/import/${jobId}/results`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`results answered ${response.status}`);
  const text = await response.text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ImportResultRow);
}

/** Starts an import and waits for its end. */
export async function importFile(url: string, token: string, query: Record<string, string | string[]>, body: Uint8Array | string, headers: Record<string, string> = {}): Promise<ImportJobStatus> {
  const started = await postImport(url, token, query, body, headers);
  if (started.status !== 202) throw new Error(`POST /import answered ${started.status}: ${JSON.stringify(started.body)}`);
  return waitForJob(url, token, String(started.body.jobId));
}
