import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { Redis } from 'ioredis';
import { RedisFailureCounter } from './redis-failure-counter';

// These tests need the Redis of the machine (CI runs one); without it they are skipped, not failed.
const REDIS_URL = process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisAnswers = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(REDIS_URL);
  const socket = connect({ host: hostname, port: Number(port || 6379) });
  socket.setTimeout(1000, () => socket.destroy());
  socket.once('connect', () => resolve(true)).once('error', () => resolve(false)).once('close', () => resolve(false));
  socket.once('connect', () => socket.end());
});
if (!redisAnswers) console.warn(`Redis is not reachable at ${REDIS_URL}: the RedisFailureCounter tests are skipped`);

(redisAnswers ? describe : describe.skip)('RedisFailureCounter (needs Redis at 127.0.0.1:6379)', () => {
  const prefix = `hub-test-${randomBytes(4).toString('hex')}:`;
  let redis: Redis;
  let counter: RedisFailureCounter;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    counter = new RedisFailureCounter(redis, prefix);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await counter.onApplicationShutdown();
  });

  it('counts simultaneous hits one by one, each seeing its own number', async () => {
    const hits = await Promise.all(Array.from({ length: 50 }, () => counter.hit('account:burst@example.org', 60_000)));
    expect(hits.map(({ count }) => count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(Math.min(...hits.map(({ resetInMs }) => resetInMs))).toBeGreaterThan(0);
  });

  it('takes hits back, ending the window at zero and never going below it', async () => {
    await counter.hit('account:release@example.org', 60_000);
    await counter.hit('account:release@example.org', 60_000);
    await counter.release('account:release@example.org');
    expect((await counter.hit('account:release@example.org', 60_000)).count).toBe(2);
    const keysBefore = (await redis.keys(`${prefix}*`)).length;
    for (let i = 0; i < 3; i++) await counter.release('account:release@example.org');
    expect(await redis.keys(`${prefix}*`)).toHaveLength(keysBefore - 1);
    expect((await counter.hit('account:release@example.org', 60_000)).count).toBe(1);
  });

  it('does not bring back, without an expiry, a window that ended', async () => {
    await counter.hit('account:expired@example.org', 50);
    await new Promise((done) => setTimeout(done, 120));
    await counter.release('account:expired@example.org');
    const { count, resetInMs } = await counter.hit('account:expired@example.org', 60_000);
    expect(count).toBe(1);
    expect(resetInMs).toBeGreaterThan(50_000);
  });
});
