import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { createGraphqlErrorFormatter, HubDateTime, queryLimitsPlugin, requestMetricsPlugin } from '@hub/platform';
import { subscriptionsOverHttpRefusedPlugin } from '@hub/alerts';
import { answerCachePlugin } from '@hub/sharing';
import type { LiveContext, LiveTransport } from '@hub/alerts';
import type { Request } from 'express';
import type { Logger } from 'pino';

export interface GraphqlContext {
  req: Request;
}

export const GRAPHQL_PATH = '/graphql';

/**
 * POST /graphql for queries and mutations; GraphQL over WebSocket (graphql-ws) on the same path for
 * subscriptions, authenticated at the handshake by `live` (see libs/alerts).
 */
export function graphqlOptions(logger: Logger, live: LiveTransport): ApolloDriverConfig {
  const formatError = createGraphqlErrorFormatter(logger);
  return {
    path: GRAPHQL_PATH,
    autoSchemaFile: true,
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: HubDateTime }] },
    sortSchema: true,
    playground: false,
    introspection: true,
    // graphql-ws calls this with its own connection context; Apollo with `{ req }` for HTTP.
    context: (argument: unknown): GraphqlContext | LiveContext =>
      live.isWebSocketContext(argument) ? live.contextFor(argument) : { req: (argument as GraphqlContext).req },
    formatError,
    subscriptions: { 'graphql-ws': live.graphqlWsOptions(GRAPHQL_PATH, formatError) },
    // No HTTP cache hints: answers depend on who asks; the cache-control plugin only costs time per field.
    plugins: [requestMetricsPlugin(), queryLimitsPlugin(), subscriptionsOverHttpRefusedPlugin(), ApolloServerPluginCacheControlDisabled(), answerCachePlugin()],
  };
}
