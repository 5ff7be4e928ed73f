import type { ApolloServerPlugin } from '@apollo/server';
import { HubError } from '@hub/platform';

/**
 * POST /graphql refuses subscription operations: over HTTP graphql-js would only call the
 * subscription fields' resolvers once, with nothing to deliver. They belong on the WebSocket.
 */
export function subscriptionsOverHttpRefusedPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription') {
            throw HubError.badInput('Subscriptions are served over WebSocket (graphql-ws) on /graphql, not over HTTP POST');
          }
        },
      };
    },
  };
}
