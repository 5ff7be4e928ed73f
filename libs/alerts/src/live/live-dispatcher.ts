import type { Viewer } from '@hub/access';
import type { Logger } from 'pino';
import { DeliveryRounds } from './delivery-rounds';
import { LiveFeed } from './live-feed';
import { mapLimited } from './map-limited';
import { CLOSE_TOO_SLOW, SubscriberConnection } from './subscriber-connection';

/**
 * Reads what one event brought for one viewer, in SQL under that viewer's access rules, for
 * `deliveries` subscriptions at once (each delivery is a read of its own for the audit).
 */
export type LiveFetch<T> = (viewer: Viewer, keys: string[], deliveries: number) => Promise<T[]>;

/** What the dispatcher needs of SubscriberConnections: the credential check before a delivery. */
export interface ConnectionChecker {
  recheck(connections: Iterable<SubscriberConnection>): Promise<SubscriberConnection[]>;
}

interface LiveSubscription<T> {
  connection: SubscriberConnection;
  feed: LiveFeed<T>;
  /** Subscriptions with the same query key and the same credential get the same values: one read serves them all. */
  queryKey: string;
  fetch: LiveFetch<T>;
}

// Credentials of one round are served this many at a time, leaving database connections for requests.
const CONCURRENCY = 8;

/**
 * The live subscriptions of one kind (objectAdded, alertRaised) on this replica. An event's keys
 * (row keys, alert ids) are delivered in rounds: the credentials of the connections are checked
 * again (a revoked key or an ended session closes its socket and gets nothing), then each
 * subscription reads the keys under its connection's current viewer. Nothing is filtered here:
 * what a subscriber receives is what its SQL read returned.
 */
export class LiveDispatcher<T> {
  private readonly subscriptions = new Set<LiveSubscription<T>>();
  private readonly rounds: DeliveryRounds;

  constructor(
    private readonly connections: ConnectionChecker,
    private readonly logger: Logger,
  ) {
    this.rounds = new DeliveryRounds(
      (keys) => this.deliver(keys),
      (error) => this.logger.error({ err: error }, 'a live delivery failed'),
    );
  }

  get size(): number {
    return this.subscriptions.size;
  }

  /** The feed a subscription resolver returns; it unregisters itself when the client stops it. */
  subscribe(connection: SubscriberConnection, queryKey: string, fetch: LiveFetch<T>): LiveFeed<T> {
    const subscription: LiveSubscription<T> = { connection, queryKey, fetch, feed: new LiveFeed<T>(() => this.subscriptions.delete(subscription)) };
    this.subscriptions.add(subscription);
    return subscription.feed;
  }

  /** Queues the keys of an event; they are delivered in the next round. */
  add(keys: string[]): void {
    if (keys.length && this.subscriptions.size) this.rounds.add(keys);
  }

  /** Resolves when every key added so far has been delivered (for shutdown and tests). */
  idle(): Promise<void> {
    return this.rounds.idle();
  }

  /**
   * One round: the subscriptions are taken credential by credential (the same credential from the
   * same address is checked once), and each credential's subscriptions are served as soon as it is
   * checked, so the first subscribers do not wait for every check of the round.
   */
  private async deliver(keys: string[]): Promise<void> {
    const started = performance.now();
    const byCredential = groupBy(
      [...this.subscriptions].filter((subscription) => !subscription.feed.isEnded),
      (subscription) => JSON.stringify([subscription.connection.credential, subscription.connection.ip]),
    );
    await mapLimited([...byCredential.values()], CONCURRENCY, async (sameCredential) => {
      const checked = new Set(await this.connections.recheck(sameCredential.map((subscription) => subscription.connection)));
      const sameQuery = groupBy(
        sameCredential.filter((subscription) => checked.has(subscription.connection)),
        (subscription) => subscription.queryKey,
      );
      for (const group of sameQuery.values()) {
        const [first] = group;
        try {
          const values = await first.fetch(first.connection.viewer, keys, group.length);
          for (const subscription of group) this.push(subscription, values);
        } catch (error) {
          // One failed read (say, a statement timeout) must not keep the round from the others.
          this.logger.error({ err: error, connections: group.map((subscription) => subscription.connection.number) }, 'a live delivery failed for some subscribers');
        }
      }
    });
    this.logger.debug({ keys: keys.length, subscriptions: this.subscriptions.size, credentials: byCredential.size, ms: Math.round(performance.now() - started) }, 'delivered a live round');
  }

  private push(subscription: LiveSubscription<T>, values: T[]): void {
    for (const value of values) {
      if (subscription.feed.push(value)) continue;
      // A client that falls too far behind would hold memory for ever: it reconnects and reads what it missed.
      if (!subscription.feed.isEnded) subscription.connection.close(CLOSE_TOO_SLOW, 'The subscriber fell too far behind; reconnect');
      return;
    }
  }
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
