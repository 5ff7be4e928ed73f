import { Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { HUB_CONFIG, HubConfig } from '../config/hub-config';
import { HUB_LOGGER } from '../logging/logger';
import { HubEventBus } from './hub-event-bus';
import { InProcessEventBus } from './in-process-event-bus';
import { RedisEventBus } from './redis-event-bus';

/** One replica: events stay in the process. Several (REDIS_URL set): they go through Redis pub/sub. */
export function eventBusFor(config: HubConfig, logger: Logger): HubEventBus {
  return config.redisUrl ? new RedisEventBus(config.redisUrl, config.redisPrefix, logger) : new InProcessEventBus(logger);
}

/** Provides the HubEventBus to every module. */
@Global()
@Module({
  providers: [{ provide: HubEventBus, inject: [HUB_CONFIG, HUB_LOGGER], useFactory: eventBusFor }],
  exports: [HubEventBus],
})
export class EventsModule {}
