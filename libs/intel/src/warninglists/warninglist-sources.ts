import { readFile } from 'node:fs/promises';
import { ConfigError } from '@hub/platform';
import { parseWarninglistJson, type Warninglist } from '@hub/intel-rules';

// A list server that does not answer must not hold the start for long.
const FETCH_TIMEOUT_MS = 15_000;

/**
 * Reads and validates one operator list (a file path or an http(s) URL). Any problem stops the start
 * with one line naming the source and the first problems.
 */
export async function readWarninglistSource(source: string, fetchText: (url: string) => Promise<string> = fetchWarninglist): Promise<Warninglist> {
  let text: string;
  try {
    text = /^https?:\/\//i.test(source) ? await fetchText(source) : await readFile(source, 'utf8');
  } catch (error) {
    throw new ConfigError(`Invalid configuration: HUB_WARNINGLISTS entry ${JSON.stringify(source)} cannot be read (${reasonOf(error)})`);
  }
  const parsed = parseWarninglistJson(text);
  if (!parsed.ok) {
    const problems = parsed.errors.slice(0, 3).map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
    throw new ConfigError(`Invalid configuration: HUB_WARNINGLISTS entry ${JSON.stringify(source)} is not a valid MISP warninglist (${problems.join('; ')})`);
  }
  return parsed.list;
}

async function fetchWarninglist(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}
