import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { HUB_LOGGER } from '../logging/logger';
import { HUB_CONFIG, HubConfig } from './hub-config';

/** Makes the configuration read at start, and the one logger, injectable everywhere. */
@Global()
@Module({})
export class HubConfigModule {
  static forRoot(config: HubConfig, logger: Logger): DynamicModule {
    return {
      module: HubConfigModule,
      providers: [
        { provide: HUB_CONFIG, useValue: config },
        { provide: HUB_LOGGER, useValue: logger },
      ],
      exports: [HUB_CONFIG, HUB_LOGGER],
    };
  }
}
