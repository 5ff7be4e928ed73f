import { Injectable } from '@nestjs/common';
import { hash, parseOptions, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { PASSWORD_POLICY } from './password-policy';

// @node-rs/argon2 declares Algorithm as a const enum, which is not available at run time: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

/** OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane (about 50 ms here). */
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

function isOverLong(password: string): boolean {
  return password.length > PASSWORD_POLICY.maxLength * 2 || [...password].length > PASSWORD_POLICY.maxLength;
}

@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    // Over-long input can never be a valid password; still spend the usual time on it.
    const candidate = isOverLong(password) ? '' : password;
    try {
      return await verify(passwordHash, candidate);
    } catch {
      return false;
    }
  }

  /**
   * Spends the time of a real verification, for an unknown e-mail address, so the answer time
   * does not tell whether an account exists.
   */
  async verifyDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.dummyHash, password);
    return false;
  }

  /** True when the hash was made with other parameters than today's, so it should be remade at the next login. */
  needsRehash(passwordHash: string): boolean {
    try {
      const options = parseOptions(passwordHash);
      return (
        options.algorithm !== ARGON2_OPTIONS.algorithm ||
        options.memoryCost !== ARGON2_OPTIONS.memoryCost ||
        options.timeCost !== ARGON2_OPTIONS.timeCost ||
        options.parallelism !== ARGON2_OPTIONS.parallelism
      );
    } catch {
      return true;
    }
  }
}
