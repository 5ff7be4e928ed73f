import type { Request } from 'express';

/**
 * The hub's address as the client reached it. Behind a TLS-terminating load balancer the request
 * arrives over http, so X-Forwarded-Proto (https or http only) names the scheme the client used;
 * it only shapes the URLs this caller is told, never who the caller is.
 */
export function publicBaseUrl(request: Pick<Request, 'protocol' | 'headers'> & { get(name: string): string | undefined }): string {
  const forwarded = String(request.headers['x-forwarded-proto'] ?? '').split(',')[0].trim().toLowerCase();
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : request.protocol;
  return `${scheme}://${request.get('host')}`;
}
