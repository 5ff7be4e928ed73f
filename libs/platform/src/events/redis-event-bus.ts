import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { HUB_EVENT_NAMES, HubEventBus, HubEventName, HubEvents, isHubEventName } from './hub-event-bus';
import { LocalHandlers } from './local-handlers';

// A replica that cannot reach Redis at start would serve subscriptions that never hear anything: refuse to start.
const STARTUP_TIMEOUT_MS = 10_000;

/**
 * The bus of several replicas: one connection publishes, one listens (a Redis connection that
 * subscribes can do nothing else). Messages are JSON on the channel `<prefix>events:<event>`.
 *
 * Exactly once per replica: a publisher does not call its own handlers directly; it hears its own
 * messages back from Redis like every other replica does.
 */
export class RedisEventBus extends HubEventBus implements OnModuleInit, OnApplicationShutdown {
  private readonly publisher: Redis;
  private readonly listener: Redis;
  private readonly handlers: LocalHandlers;
  private readonly channelPrefix: string;
  // Once stopped (shut down, or refused at start), neither connection tries to reconnect.
  private stopped = false;

  constructor(url: string, prefix: string, private readonly logger: Logger) {
    super();
    this.channelPrefix = `${prefix}events:`;
    this.handlers = new LocalHandlers((error, event) => logger.error({ err: error, event }, 'an event handler failed'));
    const retryStrategy = (attempt: number) => (this.stopped ? null : Math.min(attempt * 100, 2_000));
    // A publish waits for at most one reconnection: a submission must not hang on a Redis outage.
    this.publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy, connectionName: 'hub-events-publisher' });
    // The listener re-subscribes by itself after a reconnection (ioredis autoResubscribe).
    this.listener = new Redis(url, { lazyConnect: true, retryStrategy, connectionName: 'hub-events-listener' });
    for (const [role, connection] of [['publisher', this.publisher], ['listener', this.listener]] as const) {
      connection.on('error', (error: Error) => logger.warn({ err: error, component: 'redis', role }, 'Redis connection problem (events)'));
    }
    this.listener.on('message', (channel: string, text: string) => this.receive(channel, text));
  }

  async onModuleInit(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis (REDIS_URL) did not answer within ${STARTUP_TIMEOUT_MS / 1000} s`)), STARTUP_TIMEOUT_MS);
    });
    try {
      await Promise.race([Promise.all([this.publisher.connect(), this.listener.connect()]), timeout]);
      await Promise.race([this.listener.subscribe(...HUB_EVENT_NAMES.map((event) => this.channelOf(event))), timeout]);
    } catch (error) {
      this.stopped = true;
      this.publisher.disconnect();
      this.listener.disconnect();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async publish<E extends HubEventName>(event: E, message: HubEvents[E]): Promise<void> {
    try {
      await this.publisher.publish(this.channelOf(event), JSON.stringify(message));
    } catch (error) {
      this.logger.error({ err: error, event }, 'could not publish an event on Redis; live subscribers miss it');
    }
  }

  subscribe<E extends HubEventName>(event: E, handler: (message: HubEvents[E]) => void): () => void {
    return this.handlers.add(event, handler);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await Promise.all([this.listener, this.publisher].map((connection) => connection.quit().catch(() => connection.disconnect())));
  }

  private channelOf(event: HubEventName): string {
    return `${this.channelPrefix}${event}`;
  }

  private receive(channel: string, text: string): void {
    const event = channel.slice(this.channelPrefix.length);
    if (!channel.startsWith(this.channelPrefix) || !isHubEventName(event)) return;
    let message: HubEvents[typeof event];
    try {
      message = JSON.parse(text);
    } catch (error) {
      this.logger.warn({ err: error, event }, 'ignored an event that is not JSON');
      return;
    }
    this.handlers.dispatch(event, message);
  }
}
