import { createHash, randomBytes } from 'node:crypto';

/** Every hub key starts with this, so the hub (and secret scanners) can tell a key from a login token. */
export const API_KEY_PREFIX = 'hubk_';
const SECRET_BYTES = 32;
const DISPLAY_CHARACTERS = 8;
const API_KEY_PATTERN = /^hubk_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  /** Shown once to its creator, never stored. */
  key: string;
  /** SHA-256 of the key, hex: keys are random, so a fast hash is enough to make the stored value useless. */
  hash: string;
  /** The first characters, to recognise a key in lists; too short to help guess it. */
  displayPrefix: string;
}

export function generateApiKey(): NewApiKey {
  const key = `${API_KEY_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { key, hash: hashApiKey(key), displayPrefix: displayPrefixOf(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function displayPrefixOf(key: string): string {
  return key.slice(0, API_KEY_PREFIX.length + DISPLAY_CHARACTERS);
}

export function isApiKeyFormat(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX);
}
