import type { OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { FailureCounter } from './failure-counter';

// Decrements only a counter that still exists (one whose window ended must not come back without
// an expiry) and ends the window when nothing is left in it; atomic, as a script.
const RELEASE = `
local left = 0
if redis.call('EXISTS', KEYS[1]) == 1 then left = redis.call('DECR', KEYS[1]) end
if left <= 0 then redis.call('DEL', KEYS[1]) end
return left`;

/**
 * Shared by every replica. The window starts at the first attempt: `SET NX PX` creates the counter
 * with its expiry only when absent, and INCR keeps that expiry (the same as INCR + PEXPIRE on the
 * first hit, in one MULTI, without letting each new attempt push the end of the window back).
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

  async hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const redisKey = this.redisKey(key);
    const results = await this.redis.multi().set(redisKey, '0', 'PX', windowMs, 'NX').incr(redisKey).pttl(redisKey).exec();
    if (!results) throw new Error('Redis transaction aborted');
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
    return { count: Number(results[1][1]), resetInMs: Math.max(0, Number(results[2][1])) };
  }

  async release(key: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.redisKey(key));
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
