import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveJwtSecret } from './jwt-secret';

describe('resolveJwtSecret', () => {
  it('uses HUB_JWT_SECRET when set', async () => {
    await expect(resolveJwtSecret('x'.repeat(40), '/nonexistent')).resolves.toBe('x'.repeat(40));
  });

  it('otherwise generates a secret once, keeps it in the data folder with mode 0600, and reuses it', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'jwt-secret-')), 'nested');
    const first = await resolveJwtSecret(undefined, dataDir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim()).toBe(first);
    await expect(resolveJwtSecret(undefined, dataDir)).resolves.toBe(first);
  });

  it('refuses a stored secret that is too short', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jwt-secret-'));
    writeFileSync(join(dataDir, 'jwt-secret'), 'short\n');
    await expect(resolveJwtSecret(undefined, dataDir)).rejects.toThrow('at least 32 characters');
  });
});
