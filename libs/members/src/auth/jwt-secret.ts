import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const JWT_SECRET = Symbol('JWT_SECRET');
const SECRET_FILE = 'jwt-secret';
const MIN_SECRET_LENGTH = 32;

/**
 * HUB_JWT_SECRET when set; otherwise a secret generated on the first start and kept in the data
 * folder (mode 0600), so tokens survive a restart. Replicas must share HUB_JWT_SECRET instead.
 */
export async function resolveJwtSecret(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) return configured;
  const file = join(resolve(dataDir), SECRET_FILE);
  await mkdir(resolve(dataDir), { recursive: true });
  const generated = randomBytes(48).toString('base64url');
  try {
    await writeFile(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600);
    return generated;
  } catch (error) {
    // Another process (or an earlier start) wrote it first: use that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stored = (await readFile(file, 'utf8')).trim();
  if (stored.length < MIN_SECRET_LENGTH) throw new Error(`${file} must hold a secret of at least ${MIN_SECRET_LENGTH} characters`);
  return stored;
}
