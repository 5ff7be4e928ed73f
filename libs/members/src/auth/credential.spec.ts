import { generateApiKey } from '../api-keys/api-key-format';
import { readCredential } from './credential';

describe('readCredential', () => {
  const { key } = generateApiKey();
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  it('reads no credential as none', () => {
    expect(readCredential({})).toEqual({ kind: 'none' });
    expect(readCredential({ authorization: '  ' })).toEqual({ kind: 'none' });
  });

  it('tells a login token from an API key in a bearer header', () => {
    expect(readCredential({ authorization: `Bearer ${jwt}` })).toEqual({ kind: 'token', token: jwt });
    expect(readCredential({ authorization: `bearer ${key}` })).toEqual({ kind: 'api-key', key });
  });

  it('reads X-API-Key and HTTP Basic with the key as password (TAXII clients)', () => {
    expect(readCredential({ 'x-api-key': key })).toEqual({ kind: 'api-key', key });
    expect(readCredential({ authorization: basic('taxii-client', key) })).toEqual({ kind: 'api-key', key });
    expect(readCredential({ authorization: basic('', key) })).toEqual({ kind: 'api-key', key });
  });

  it.each([
    [{ authorization: 'Bearer not-a-token' }, 'neither a login token nor an API key'],
    [{ authorization: 'Bearer hubk_tooshort' }, 'malformed'],
    [{ authorization: basic('user', 'password') }, 'API key as the password'],
    [{ authorization: 'Digest abc' }, 'Use Authorization'],
    [{ 'x-api-key': 'secret' }, 'does not hold a hub API key'],
    [{ authorization: `Bearer ${jwt}`, 'x-api-key': key }, 'one credential'],
    [{ 'x-api-key': [key, key] }, 'once'],
  ])('refuses a present but unusable credential %j', (headers, reason) => {
    const credential = readCredential(headers);
    expect(credential.kind).toBe('invalid');
    expect(credential.kind === 'invalid' && credential.reason).toContain(reason);
  });
});
