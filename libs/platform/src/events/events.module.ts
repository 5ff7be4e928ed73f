import { Global, Module } from '@nestjs/common';
import { HubEventBus } from './hub-event-bus';
import { InProcessEventBus } from './in-process-event-bus';

/** Provides the HubEventBus to every module. */
@Global()
@Module({
  providers: [{ provide: HubEventBus, useClass: InProcessEventBus }],
  exports: [HubEventBus],
})
export class EventsModule {}
