import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Viewer } from '@hub/access';
import { ViewerService } from '@hub/members';
import type { CredentialHeaders } from '@hub/members';
import { HUB_LOGGER, HubError } from '@hub/platform';
import type { Logger } from 'pino';
import { mapLimited } from './map-limited';
import { CLOSE_FORBIDDEN, SubscriberConnection } from './subscriber-connection';

// Idle connections are checked this often, so a revoked key or an expired token is cut off even
// when nothing is delivered; before each delivery the check runs anyway.
export const RECHECK_INTERVAL_MS = 30_000;
// Credential checks of one round run this many at a time, leaving database connections for requests.
const RECHECK_CONCURRENCY = 8;

/**
 * The WebSocket connections of this replica and the credential behind each. A connection is
 * opened with a valid credential (or none: the public, CLEAR only) and closed (4403) as soon as a
 * later check finds the token expired or ended, the key revoked or expired, or the user or
 * organisation deactivated. Each check also refreshes the viewer, so a change of role, group or
 * organisation applies to the next delivery.
 */
@Injectable()
export class SubscriberConnections implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly connections = new Map<object, SubscriberConnection>();
  private timer?: NodeJS.Timeout;
  private sweep?: Promise<unknown>;

  constructor(
    private readonly viewers: ViewerService,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
  ) {}

  /** Checks the credential and registers the connection under `key`; UNAUTHENTICATED (HubError) when it is not valid. */
  async open(key: object, credential: CredentialHeaders, ip: string | undefined, socket: { close(code: number, reason: string): void }): Promise<SubscriberConnection> {
    const viewer: Viewer = await this.viewers.resolveViewer(credential, ip);
    const connection = new SubscriberConnection(credential, ip, viewer, socket);
    this.connections.set(key, connection);
    return connection;
  }

  connectionOf(key: object): SubscriberConnection | undefined {
    return this.connections.get(key);
  }

  forget(key: object): void {
    this.connections.get(key)?.markClosed();
    this.connections.delete(key);
  }

  get openCount(): number {
    return this.connections.size;
  }

  /**
   * Checks the credentials again; closes the connections whose credential no longer holds and
   * returns the others, each with its current viewer. A connection that cannot be checked (the
   * database does not answer) is left open but not returned: nothing is delivered unchecked.
   * Connections with the same credential from the same address are checked once.
   */
  async recheck(connections: Iterable<SubscriberConnection>): Promise<SubscriberConnection[]> {
    const sameCredential = new Map<string, SubscriberConnection[]>();
    for (const connection of new Set(connections)) {
      if (!connection.isOpen) continue;
      const key = JSON.stringify([connection.credential, connection.ip]);
      sameCredential.set(key, [...(sameCredential.get(key) ?? []), connection]);
    }
    const checked = await mapLimited([...sameCredential.values()], RECHECK_CONCURRENCY, (group) => this.recheckGroup(group));
    return checked.flat();
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep ??= this.recheck(this.connections.values()).finally(() => {
        this.sweep = undefined;
      });
    }, RECHECK_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweep;
  }

  private async recheckGroup(group: SubscriberConnection[]): Promise<SubscriberConnection[]> {
    const [first] = group;
    // The public has no credential to lose.
    if (!first.hasCredential) return group;
    try {
      // A key's use is audited once, when the connection opens (as one HTTP request is one use); the
      // re-checks before each delivery and every RECHECK_INTERVAL_MS are not new uses and write no
      // audit row, or every submission would write one per key subscriber. A refusal is still audited.
      const viewer = await this.viewers.resolveViewer(first.credential, first.ip, { recordUse: false });
      for (const connection of group) connection.viewer = viewer;
      return group;
    } catch (error) {
      if (error instanceof HubError && error.code === 'UNAUTHENTICATED') {
        this.logger.info({ connections: group.map((connection) => connection.number), reason: error.message }, 'closed subscriptions whose credential no longer holds');
        for (const connection of group) connection.close(CLOSE_FORBIDDEN, error.message);
      } else {
        this.logger.warn({ err: error, connections: group.map((connection) => connection.number) }, 'could not check a subscriber credential; nothing is delivered to it this time');
      }
      return [];
    }
  }
}
