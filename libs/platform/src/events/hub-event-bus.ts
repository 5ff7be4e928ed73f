/** Messages between hub replicas (new objects for subscriptions and alerts). */
export interface HubEvents {
  /** Object versions just stored, by their row keys; listeners re-read them under each viewer's access rules. */
  'object.added': { pks: string[] };
}

export type HubEventName = keyof HubEvents;

/**
 * Publish/subscribe between replicas. Without REDIS_URL a single process serves everyone through the
 * in-process bus; with it, messages go through Redis pub/sub so every replica hears every event.
 * Messages carry keys, never object contents: access is decided again by whoever reads them.
 */
export abstract class HubEventBus {
  abstract publish<E extends HubEventName>(event: E, message: HubEvents[E]): Promise<void>;
  /** Returns a function that stops the subscription. */
  abstract subscribe<E extends HubEventName>(event: E, handler: (message: HubEvents[E]) => void): () => void;
}
