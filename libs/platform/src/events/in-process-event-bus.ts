import type { Logger } from 'pino';
import { HubEventBus, HubEventName, HubEvents } from './hub-event-bus';
import { LocalHandlers } from './local-handlers';

/** The bus of a single replica (no REDIS_URL). */
export class InProcessEventBus extends HubEventBus {
  private readonly handlers: LocalHandlers;

  constructor(logger?: Logger) {
    super();
    this.handlers = new LocalHandlers((error, event) => logger?.error({ err: error, event }, 'an event handler failed'));
  }

  async publish<E extends HubEventName>(event: E, message: HubEvents[E]): Promise<void> {
    this.handlers.dispatch(event, message);
  }

  subscribe<E extends HubEventName>(event: E, handler: (message: HubEvents[E]) => void): () => void {
    return this.handlers.add(event, handler);
  }
}
