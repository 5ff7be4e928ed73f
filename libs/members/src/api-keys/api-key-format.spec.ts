import { createHash } from 'node:crypto';
import { API_KEY_PREFIX, displayPrefixOf, generateApiKey, hashApiKey, isApiKeyFormat } from './api-key-format';

describe('API keys', () => {
  it('carry 32 random bytes after a recognisable prefix', () => {
    const { key } = generateApiKey();
    expect(key.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(Buffer.from(key.slice(API_KEY_PREFIX.length), 'base64url')).toHaveLength(32);
    expect(isApiKeyFormat(key)).toBe(true);
  });

  it('are different every time', () => {
    const keys = new Set(Array.from({ length: 100 }, () => generateApiKey().key));
    expect(keys.size).toBe(100);
  });

  it('are stored as their SHA-256 only, with a short display prefix that does not reveal the key', () => {
    const { key, hash, displayPrefix } = generateApiKey();
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hash).toBe(hashApiKey(key));
    expect(hash).not.toContain(key.slice(API_KEY_PREFIX.length));
    expect(displayPrefix).toBe(displayPrefixOf(key));
    expect(displayPrefix).toHaveLength(API_KEY_PREFIX.length + 8);
  });

  it.each(['hubk_', 'hubk_short', `hubk_${'a'.repeat(44)}`, `xxxx_${'a'.repeat(43)}`, `hubk_${'a'.repeat(42)}!`])('tells a malformed key %j', (value) => {
    expect(isApiKeyFormat(value)).toBe(false);
  });
});
