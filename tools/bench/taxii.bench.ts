import type { BenchSuite } from './bench-suite';
import { percentile, round } from './stats';

const TAXII = 'application/taxii+json;version=2.1';
const OBJECTS_TO_PULL = 100_000;
const PAGE = 1_000;

interface Envelope {
  more?: boolean;
  next?: string;
  objects?: unknown[];
}

/** A fresh INTERNAL key of the bench member: TAXII clients authenticate with keys. */
async function createKey(url: string, memberToken: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${memberToken}` },
    body: JSON.stringify({
      query: 'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }',
      variables: { input: { name: `taxii bench ${new Date().toISOString()}`, distribution: 'INTERNAL' } },
    }),
  });
  const body = (await response.json()) as { data?: { createApiKey: { key: string } }; errors?: unknown };
  if (!body.data) throw new Error(`createApiKey failed: ${JSON.stringify(body.errors)}`);
  return body.data.createApiKey.key;
}

async function taxiiGet<T>(url: string, key: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: TAXII, authorization: `Bearer ${key}` } });
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * A SIEM's first pull: 100,000 objects of the TLP:GREEN collection, page by page (limit 1,000),
 * following `next`, one request at a time, as the bench member's API key; the client parses every page.
 */
export const taxiiSuite: BenchSuite = {
  name: 'taxii',
  async run(seededHub) {
    const { hub, memberToken } = await seededHub();
    const key = await createKey(hub.url, memberToken);
    const { collections } = await taxiiGet<{ collections: { id: string; title: string }[] }>(`${hub.url}/taxii2/hub/collections/`, key);
    const green = collections.find((collection) => collection.title === 'TLP:GREEN');
    if (!green) throw new Error('the bench member has no TLP:GREEN collection');
    const objectsUrl = `${hub.url}/taxii2/hub/collections/${green.id}/objects/`;

    // Warm up the plan cache and the connections with a few pages first.
    await taxiiGet<Envelope>(`${objectsUrl}?limit=${PAGE}`, key);

    const pageTimes: number[] = [];
    let pulled = 0;
    let next: string | undefined;
    const started = process.hrtime.bigint();
    while (pulled < OBJECTS_TO_PULL) {
      const pageStarted = process.hrtime.bigint();
      const page = await taxiiGet<Envelope>(`${objectsUrl}?limit=${PAGE}${next ? `&next=${encodeURIComponent(next)}` : ''}`, key);
      pageTimes.push(Number(process.hrtime.bigint() - pageStarted) / 1e6);
      pulled += page.objects?.length ?? 0;
      if (!page.more || !page.next) break;
      next = page.next;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (pulled < OBJECTS_TO_PULL) throw new Error(`the TLP:GREEN collection ran out after ${pulled} objects`);

    return [
      '| what | measured | target |',
      '| --- | --- | --- |',
      `| TAXII pull of ${OBJECTS_TO_PULL.toLocaleString('en')} objects (TLP:GREEN collection, limit ${PAGE.toLocaleString('en')}, following next), one client with an API key | ${Math.round(pulled / seconds).toLocaleString('en')} objects/s (${pageTimes.length} pages in ${round(seconds)} s; page p50 ${round(percentile(pageTimes, 50))} ms, p99 ${round(percentile(pageTimes, 99))} ms) | |`,
    ];
  },
};
