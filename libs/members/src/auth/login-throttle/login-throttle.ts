import { Inject, Injectable } from '@nestjs/common';
import { HubError } from '@hub/platform';
import { addressBucket } from './address-bucket';
import { FAILURE_COUNTER } from './failure-counter';
import type { FailureCounter } from './failure-counter';

/**
 * Failed sign-ins allowed before further attempts are refused for the rest of the window. Per
 * account, so one password cannot be guessed; per address, so many accounts cannot be tried from
 * one place. Unknown e-mail addresses count like real ones, so the limit does not reveal accounts.
 */
export const LOGIN_LIMITS = {
  perAccount: { failures: 5, windowMs: 15 * 60_000 },
  perAddress: { failures: 20, windowMs: 15 * 60_000 },
};

@Injectable()
export class LoginThrottle {
  constructor(@Inject(FAILURE_COUNTER) private readonly counter: FailureCounter) {}

  /** Throws RATE_LIMITED when the account or the address used up its failures; checked before the password. */
  async assertMayTry(email: string, ip: string | undefined): Promise<void> {
    const [account, address] = await Promise.all([this.counter.count(accountKey(email)), this.counter.count(addressKey(ip))]);
    const blocked = [
      account.failures >= LOGIN_LIMITS.perAccount.failures ? account.resetInMs : 0,
      address.failures >= LOGIN_LIMITS.perAddress.failures ? address.resetInMs : 0,
    ].filter((waitMs) => waitMs > 0);
    if (!blocked.length) return;
    const waitMs = Math.max(...blocked);
    const retryAt = new Date(Date.now() + waitMs);
    throw HubError.rateLimited(
      `Too many failed sign-in attempts; try again after ${retryAt.toISOString()} (in ${Math.ceil(waitMs / 60_000)} minute${waitMs > 60_000 ? 's' : ''})`,
    );
  }

  async recordFailure(email: string, ip: string | undefined): Promise<void> {
    await Promise.all([
      this.counter.hit(accountKey(email), LOGIN_LIMITS.perAccount.windowMs),
      this.counter.hit(addressKey(ip), LOGIN_LIMITS.perAddress.windowMs),
    ]);
  }

  /** A successful sign-in clears the account's failures; the address keeps its count, so one known account cannot unlock guessing others. */
  async recordSuccess(email: string): Promise<void> {
    await this.counter.reset(accountKey(email));
  }
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (ip: string | undefined) => `address:${addressBucket(ip)}`;
