import { EventEmitter } from 'node:events';
import { HubEventName, HubEvents } from './hub-event-bus';

/**
 * The handlers one replica registered, and the one place that calls them. A handler that throws is
 * reported to `onError` and does not keep the others from hearing the event.
 */
export class LocalHandlers {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  constructor(private readonly onError: (error: unknown, event: HubEventName) => void) {}

  add<E extends HubEventName>(event: E, handler: (message: HubEvents[E]) => void): () => void {
    const safe = (message: HubEvents[E]) => {
      try {
        handler(message);
      } catch (error) {
        this.onError(error, event);
      }
    };
    this.emitter.on(event, safe);
    return () => this.emitter.off(event, safe);
  }

  dispatch<E extends HubEventName>(event: E, message: HubEvents[E]): void {
    this.emitter.emit(event, message);
  }
}
