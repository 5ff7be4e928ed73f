import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id (OWASP parameters) and a fresh salt each time', async () => {
    const first = await hasher.hash('correct horse battery staple');
    const second = await hasher.hash('correct horse battery staple');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toEqual(second);
    expect(hasher.needsRehash(first)).toBe(false);
  });

  it('verifies the right password only', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    await expect(hasher.verify(stored, 'correct horse battery staple')).resolves.toBe(true);
    await expect(hasher.verify(stored, 'correct horse battery stapler')).resolves.toBe(false);
    await expect(hasher.verify('not a hash', 'anything')).resolves.toBe(false);
  });

  it('spends time on a dummy hash for unknown accounts, and never succeeds', async () => {
    await expect(hasher.verifyDummy('anything at all')).resolves.toBe(false);
  });

  it('asks for a rehash of hashes made with other parameters', () => {
    expect(hasher.needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHQ$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A')).toBe(true);
    expect(hasher.needsRehash('garbage')).toBe(true);
  });
});
