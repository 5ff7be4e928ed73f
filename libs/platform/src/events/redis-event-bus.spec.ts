import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { HubEvents } from './hub-event-bus';
import { RedisEventBus } from './redis-event-bus';

// These tests need the Redis of the machine (CI runs one); without it they are skipped, not failed.
const REDIS_URL = process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisAnswers = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(REDIS_URL);
  const socket = connect({ host: hostname, port: Number(port || 6379) });
  socket.setTimeout(1000, () => socket.destroy());
  socket.once('connect', () => resolve(true)).once('error', () => resolve(false)).once('close', () => resolve(false));
  socket.once('connect', () => socket.end());
});
if (!redisAnswers) console.warn(`Redis is not reachable at ${REDIS_URL}: the RedisEventBus tests are skipped`);

const quietLogger = () => ({ error: jest.fn(), warn: jest.fn() }) as unknown as Logger & { error: jest.Mock; warn: jest.Mock };

/** Waits until Redis has delivered what was published before (a round trip through the same channel order). */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 150));
}

(redisAnswers ? describe : describe.skip)('RedisEventBus (needs Redis at 127.0.0.1:6379)', () => {
  const buses: RedisEventBus[] = [];
  const prefix = `hub-test-${randomBytes(4).toString('hex')}:`;

  async function startBus(busPrefix = prefix, logger = quietLogger()): Promise<RedisEventBus> {
    const bus = new RedisEventBus(REDIS_URL, busPrefix, logger);
    await bus.onModuleInit();
    buses.push(bus);
    return bus;
  }

  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.onApplicationShutdown()));
  });

  it('delivers an event once to every replica, the publishing one included, and not to another hub', async () => {
    const [a, b, otherHub] = [await startBus(), await startBus(), await startBus(`${prefix}other:`)];
    const heard = { a: [] as string[][], b: [] as string[][], otherHub: [] as string[][] };
    a.subscribe('object.added', (message) => heard.a.push(message.pks));
    b.subscribe('object.added', (message) => heard.b.push(message.pks));
    otherHub.subscribe('object.added', (message) => heard.otherHub.push(message.pks));

    await a.publish('object.added', { pks: ['10', '11'] });
    await b.publish('object.added', { pks: ['12'] });
    await settle();

    expect(heard).toEqual({ a: [['10', '11'], ['12']], b: [['10', '11'], ['12']], otherHub: [] });
  });

  it('keeps the events apart and stops calling a handler after it unsubscribes', async () => {
    const bus = await startBus();
    const alerts: HubEvents['alert.raised'][] = [];
    const objects: HubEvents['object.added'][] = [];
    const stop = bus.subscribe('alert.raised', (message) => alerts.push(message));
    bus.subscribe('object.added', (message) => objects.push(message));

    await bus.publish('alert.raised', { alertIds: ['5'] });
    await settle();
    stop();
    await bus.publish('alert.raised', { alertIds: ['6'] });
    await settle();

    expect(alerts).toEqual([{ alertIds: ['5'] }]);
    expect(objects).toEqual([]);
  });

  it('ignores a message that is not JSON, with a warning', async () => {
    const logger = quietLogger();
    const bus = await startBus(prefix, logger);
    const heard: unknown[] = [];
    bus.subscribe('object.added', (message) => heard.push(message));
    const raw = new Redis(REDIS_URL);
    try {
      await raw.publish(`${prefix}events:object.added`, 'not json');
      await settle();
    } finally {
      raw.disconnect();
    }
    expect(heard).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ event: 'object.added' }), 'ignored an event that is not JSON');
  });
});

describe('RedisEventBus without Redis', () => {
  it('refuses to start when Redis does not answer, naming the variable', async () => {
    // Port 1 on the loopback refuses connections at once.
    const bus = new RedisEventBus('redis://127.0.0.1:1', 'hub:', quietLogger());
    await expect(bus.onModuleInit()).rejects.toThrow();
  }, 15_000);
});
