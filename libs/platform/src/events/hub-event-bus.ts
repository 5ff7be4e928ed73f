/** Messages between hub replicas (new objects and new alerts, for subscriptions). */
export interface HubEvents {
  /** Object versions just stored, by their row keys; listeners re-read them under each viewer's access rules. */
  'object.added': { pks: string[] };
  /** Alerts just kept for their owners, by their ids; listeners re-read them for the owner's live subscriptions. */
  'alert.raised': { alertIds: string[] };
}

export type HubEventName = keyof HubEvents;

/** Every event name, at run time (a replica listens to all of them on Redis from the start). */
export const HUB_EVENT_NAMES: readonly HubEventName[] = ['object.added', 'alert.raised'];

export function isHubEventName(name: string): name is HubEventName {
  return (HUB_EVENT_NAMES as readonly string[]).includes(name);
}

/**
 * Publish/subscribe between replicas. Without REDIS_URL a single process serves everyone through the
 * in-process bus; with it, messages go through Redis pub/sub so every replica hears every event.
 * Messages carry keys, never object contents: access is decided again by whoever reads them.
 *
 * Each replica hears each event exactly once, its own included. Delivery is at most once: a message
 * published while a replica is cut off from Redis is lost for that replica (alerts are kept in the
 * database, so nothing a watch filter matched is lost).
 */
export abstract class HubEventBus {
  /** Never throws: a live notification that cannot be sent is logged, it does not fail the caller's work. */
  abstract publish<E extends HubEventName>(event: E, message: HubEvents[E]): Promise<void>;
  /** Returns a function that stops the subscription. Handlers should not throw; what they throw is logged. */
  abstract subscribe<E extends HubEventName>(event: E, handler: (message: HubEvents[E]) => void): () => void;
}
