import { Inject, Injectable } from '@nestjs/common';
import { HubError } from '@hub/platform';
import { FAILURE_COUNTER } from './failure-counter';
import type { FailureCounter } from './failure-counter';
import { accountSubject, addressSubject, SignInLockLifts } from './sign-in-lock-lifts';

/**
 * Failed sign-ins allowed before further attempts are refused for the rest of the window. Per
 * account, so one password cannot be guessed; per address, so many accounts cannot be tried from
 * one place. Unknown e-mail addresses count like real ones, so the limit does not reveal accounts.
 */
export const LOGIN_LIMITS = {
  perAccount: { failures: 5, windowMs: 15 * 60_000 },
  perAddress: { failures: 20, windowMs: 15 * 60_000 },
};

/** One attempt, counted while its password is checked; say how it ended. */
export interface LoginAttempt {
  /** The password was wrong (or the account unusable): the attempt stays counted. */
  failed(): Promise<void>;
  /** Signed in: the account's failures are forgotten; the address gets its place back. */
  succeeded(): Promise<void>;
  /** Nothing was decided (e.g. the database failed): the attempt is taken back. */
  abandoned(): Promise<void>;
}

/** What the limits need from the lock lifts: the current generation of each subject. */
export type LockGenerations = Pick<SignInLockLifts, 'generations'>;

@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(FAILURE_COUNTER) private readonly counter: FailureCounter,
    @Inject(SignInLockLifts) private readonly lifts: LockGenerations,
  ) {}

  /**
   * Counts the attempt before its password is checked, and throws RATE_LIMITED (taking it back)
   * when the account or the address has no attempt left. Counting first is what makes the limit
   * hold when many attempts arrive at once: each one takes a place, and only `failures` places exist.
   */
  async begin(email: string, ip: string | undefined): Promise<LoginAttempt> {
    const subjects = [accountSubject(email), addressSubject(ip)];
    const generations = await this.lifts.generations(subjects);
    const [accountKey, addressKey] = subjects.map((subject) => `${subject}#${generations.get(subject) ?? 0}`);
    const [account, address] = await Promise.all([
      this.counter.hit(accountKey, LOGIN_LIMITS.perAccount.windowMs),
      this.counter.hit(addressKey, LOGIN_LIMITS.perAddress.windowMs),
    ]);
    const release = async () => {
      await Promise.all([this.counter.release(accountKey), this.counter.release(addressKey)]);
    };
    const waits = [
      account.count > LOGIN_LIMITS.perAccount.failures ? account.resetInMs : -1,
      address.count > LOGIN_LIMITS.perAddress.failures ? address.resetInMs : -1,
    ].filter((waitMs) => waitMs >= 0);
    if (waits.length) {
      await release();
      throw tooManyAttempts(Math.max(1_000, ...waits));
    }
    return {
      failed: async () => undefined,
      succeeded: async () => {
        await Promise.all([this.counter.reset(accountKey), this.counter.release(addressKey)]);
      },
      abandoned: release,
    };
  }
}

function tooManyAttempts(waitMs: number): HubError {
  const retryAt = new Date(Date.now() + waitMs);
  return HubError.rateLimited(
    `Too many failed sign-in attempts; try again after ${retryAt.toISOString()} (in ${Math.ceil(waitMs / 60_000)} minute${waitMs > 60_000 ? 's' : ''})`,
  );
}
