import { publicBaseUrl } from './public-base-url';

function request(protocol: string, headers: Record<string, string> = {}) {
  return { protocol, headers, get: (name: string) => (name === 'host' ? 'hub.example:8443' : undefined) };
}

describe('publicBaseUrl', () => {
  it('uses the scheme the client used, as a load balancer reports it', () => {
    expect(publicBaseUrl(request('http'))).toBe('http://hub.example:8443');
    expect(publicBaseUrl(request('http', { 'x-forwarded-proto': 'https' }))).toBe('https://hub.example:8443');
    expect(publicBaseUrl(request('http', { 'x-forwarded-proto': 'HTTPS, http' }))).toBe('https://hub.example:8443');
  });

  it('ignores a forwarded scheme that is neither http nor https', () => {
    expect(publicBaseUrl(request('http', { 'x-forwarded-proto': 'javascript' }))).toBe('http://hub.example:8443');
  });
});
