import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { createGraphqlErrorFormatter, queryLimitsPlugin } from '@hub/platform';
import type { Request } from 'express';
import type { Logger } from 'pino';

export interface GraphqlContext {
  req: Request;
}

export function graphqlOptions(logger: Logger): ApolloDriverConfig {
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: true,
    context: ({ req }: { req: Request }): GraphqlContext => ({ req }),
    formatError: createGraphqlErrorFormatter(logger),
    // No HTTP cache hints: answers depend on who asks; the cache-control plugin only costs time per field.
    plugins: [queryLimitsPlugin(), ApolloServerPluginCacheControlDisabled()],
  };
}
