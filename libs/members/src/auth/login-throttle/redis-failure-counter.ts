import type { OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { FailureCounter } from './failure-counter';

/**
 * Shared by every replica. The window starts at the first failure: `SET NX PX` creates the counter
 * with its expiry only when absent, and INCR keeps that expiry (the same as INCR + PEXPIRE on the
 * first hit, in one MULTI, without letting each new failure push the end of the window back).
 */
export class RedisFailureCounter implements FailureCounter, OnApplicationShutdown {
  private readonly keyPrefix: string;

  /** `hubPrefix` (HUB_REDIS_PREFIX) keeps the counts of hubs that share one Redis apart. */
  constructor(
    private readonly redis: Redis,
    hubPrefix: string,
  ) {
    this.keyPrefix = `${hubPrefix}login-failures:`;
  }

  async hit(key: string, windowMs: number): Promise<number> {
    const results = await this.redis.multi().set(this.redisKey(key), '0', 'PX', windowMs, 'NX').incr(this.redisKey(key)).exec();
    const [, [error, failures]] = results ?? [[null, null], [new Error('transaction aborted'), null]];
    if (error) throw error;
    return Number(failures);
  }

  async count(key: string): Promise<{ failures: number; resetInMs: number }> {
    const results = await this.redis.multi().get(this.redisKey(key)).pttl(this.redisKey(key)).exec();
    const [[getError, value], [ttlError, ttl]] = results ?? [[new Error('transaction aborted'), null], [null, null]];
    if (getError || ttlError) throw getError ?? ttlError;
    const failures = Number(value ?? 0);
    return failures > 0 ? { failures, resetInMs: Math.max(0, Number(ttl)) } : { failures: 0, resetInMs: 0 };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.redisKey(key));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** E-mail addresses and IP addresses are personal data: Redis only sees their hash. */
  private redisKey(key: string): string {
    return this.keyPrefix + createHash('sha256').update(key).digest('hex');
  }
}
