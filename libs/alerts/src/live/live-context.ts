import { HubError } from '@hub/platform';
import type { LiveContext } from './live-transport';
import type { SubscriberConnection } from './subscriber-connection';

/** The WebSocket connection behind a subscription; a subscription sent over HTTP has none. */
export function liveConnectionOf(context: Partial<LiveContext>): SubscriberConnection {
  if (!context.connection) {
    throw HubError.badInput('Subscriptions are served over WebSocket (graphql-ws) on /graphql, not over HTTP POST');
  }
  return context.connection;
}
