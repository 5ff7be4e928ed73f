import { EventEmitter } from 'node:events';
import { HubEventBus, HubEventName, HubEvents } from './hub-event-bus';

/** The bus of a single replica. */
export class InProcessEventBus extends HubEventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish<E extends HubEventName>(event: E, message: HubEvents[E]): Promise<void> {
    this.emitter.emit(event, message);
  }

  subscribe<E extends HubEventName>(event: E, handler: (message: HubEvents[E]) => void): () => void {
    this.emitter.on(event, handler);
    return () => this.emitter.off(event, handler);
  }
}
