import type { TestHub } from './test-hub';

export const TAXII = 'application/taxii+json;version=2.1';
export const API_ROOT = '/taxii2/hub/';

export interface TaxiiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface TaxiiRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  /** An API key (or login token), sent as `auth` says. */
  key?: string;
  auth?: 'bearer' | 'x-api-key' | 'basic';
  accept?: string | null;
  contentType?: string;
  body?: unknown;
}

function credentialHeaders(key: string | undefined, auth: TaxiiRequest['auth'] = 'bearer'): Record<string, string> {
  if (!key) return {};
  if (auth === 'x-api-key') return { 'x-api-key': key };
  if (auth === 'basic') return { authorization: `Basic ${Buffer.from(`siem:${key}`).toString('base64')}` };
  return { authorization: `Bearer ${key}` };
}

/** One TAXII request over HTTP; `path` is relative to the hub (e.g. /taxii2/hub/collections/). */
export async function taxii<T = Record<string, unknown>>(hub: TestHub, path: string, request: TaxiiRequest = {}): Promise<TaxiiResponse<T>> {
  const headers: Record<string, string> = { ...credentialHeaders(request.key, request.auth) };
  if (request.accept !== null) headers.accept = request.accept ?? TAXII;
  if (request.body !== undefined) headers['content-type'] = request.contentType ?? TAXII;
  const response = await fetch(`${hub.url}${path}`, {
    method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
    headers,
    body: request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T, text };
}

export interface CollectionResource {
  id: string;
  title: string;
  can_read: boolean;
  can_write: boolean;
  media_types: string[];
}

/** The caller's collections by title (e.g. "TLP:GREEN", "Submit", "Sharing group: …"). */
export async function collectionsByTitle(hub: TestHub, key?: string): Promise<Map<string, CollectionResource>> {
  const response = await taxii<{ collections?: CollectionResource[] }>(hub, `${API_ROOT}collections/`, { key });
  if (response.status !== 200) throw new Error(`collections failed: ${response.status} ${response.text}`);
  return new Map((response.body.collections ?? []).map((collection) => [collection.title, collection]));
}

export interface Envelope {
  more?: boolean;
  next?: string;
  objects?: Record<string, unknown>[];
}

/** Every object of a collection, following `next` until `more` is false. */
export async function pullAll(hub: TestHub, collectionId: string, key: string | undefined, query = '', limit = 100): Promise<Record<string, unknown>[]> {
  const objects: Record<string, unknown>[] = [];
  let next: string | undefined;
  do {
    const parameters = new URLSearchParams(query);
    parameters.set('limit', String(limit));
    if (next) parameters.set('next', next);
    const page = await taxii<Envelope>(hub, `${API_ROOT}collections/${collectionId}/objects/?${parameters}`, { key });
    if (page.status !== 200) throw new Error(`objects failed: ${page.status} ${page.text}`);
    objects.push(...(page.body.objects ?? []));
    next = page.body.more ? page.body.next : undefined;
  } while (next);
  return objects;
}
