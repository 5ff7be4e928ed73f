/** The one media type of every TAXII 2.1 request and response body (spec 1.6.8 / 3.1). */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
/** The media type of the STIX objects a collection holds, as listed in collections and manifests. */
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

interface MediaRange {
  type: string;
  subtype: string;
  parameters: Map<string, string>;
  quality: number;
}

function parseMediaRange(text: string): MediaRange | undefined {
  const [essence, ...rawParameters] = text.split(';').map((part) => part.trim());
  const [type, subtype] = essence.toLowerCase().split('/');
  if (!type || !subtype) return undefined;
  const parameters = new Map<string, string>();
  for (const parameter of rawParameters) {
    const separator = parameter.indexOf('=');
    if (separator <= 0) continue;
    parameters.set(parameter.slice(0, separator).trim().toLowerCase(), parameter.slice(separator + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  const quality = parameters.has('q') ? Number(parameters.get('q')) : 1;
  return { type, subtype, parameters, quality: Number.isFinite(quality) ? quality : 0 };
}

/** TAXII JSON without a version means the newest the server speaks, which is 2.1. */
function isTaxii21(range: MediaRange): boolean {
  const version = range.parameters.get('version');
  return range.type === 'application' && range.subtype === 'taxii+json' && (version === undefined || version === '2.1');
}

/**
 * Whether a response in TAXII 2.1 JSON satisfies the Accept header. A missing header accepts
 * anything (RFC 9110); wildcards accept it too, so that curl and browsers work.
 */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || !accept.trim()) return true;
  return accept
    .split(',')
    .map(parseMediaRange)
    .some(
      (range) =>
        range !== undefined &&
        range.quality > 0 &&
        (isTaxii21(range) || (range.type === '*' && range.subtype === '*') || (range.type === 'application' && range.subtype === '*')),
    );
}

/** Whether a request body is declared as TAXII 2.1 JSON (the only body TAXII accepts). */
export function isTaxiiContentType(contentType: string | undefined): boolean {
  const range = contentType === undefined ? undefined : parseMediaRange(contentType);
  return range !== undefined && isTaxii21(range);
}
