import type { TestHub } from './test-hub';

export interface ExportResponse {
  status: number;
  contentType: string | null;
  contentDisposition: string | null;
  text: string;
}

/** GET /export/{format} with query parameters and an optional bearer token (JWT or API key). */
export async function getExport(hub: TestHub, format: string, params: Record<string, string> = {}, token?: string): Promise<ExportResponse> {
  const url = new URL(`${hub.url}/export/${format}`);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    contentDisposition: response.headers.get('content-disposition'),
    text: await response.text(),
  };
}

/** The objects of an exported STIX bundle. */
export function bundleObjects(text: string): Record<string, unknown>[] {
  const parsed = JSON.parse(text) as { type: string; objects: Record<string, unknown>[] };
  if (parsed.type !== 'bundle') throw new Error('not a STIX bundle');
  return parsed.objects;
}
