import { Injectable } from '@nestjs/common';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { Viewer } from '@hub/access';
import { graphqlNestingExceeds, HubError, MAX_DOCUMENT_NESTING } from '@hub/platform';
import { getOperationAST, GraphQLError, parse } from 'graphql';
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import type { Context } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { IncomingMessage } from 'node:http';
import { connectionCredential } from './connection-credential';
import { CLOSE_UNAUTHORIZED, closeReason, SubscriberConnection } from './subscriber-connection';
import { SubscriberConnections } from './subscriber-connections.service';

/** What a subscription resolver gets as its GraphQL context over WebSocket. */
export interface LiveContext {
  /** The HTTP upgrade request, for the client address. */
  req: IncomingMessage;
  /** Read by the global guard and @CurrentViewer(): the viewer of the connection's credential. */
  viewer: Viewer;
  connection: SubscriberConnection;
}

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

const SUBSCRIPTIONS_ONLY = 'Over WebSocket the hub serves subscriptions only; send queries and mutations to POST /graphql';
// Each subscription may buffer values for a slow reader: a connection gets a bounded number of them.
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 20;

/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the GraphQL path: authenticates each
 * connection at connection_init with the same credentials as HTTP, keeps it in
 * SubscriberConnections, and gives each subscription the connection's viewer as its context.
 */
@Injectable()
export class LiveTransport {
  constructor(private readonly connections: SubscriberConnections) {}

  /** The `subscriptions['graphql-ws']` options of the GraphQL module. */
  graphqlWsOptions(path: string, formatError: FormatError): GraphQLWsSubscriptionsConfig {
    return {
      path,
      onConnect: (ctx) => this.onConnect(ctx),
      onClose: (ctx) => this.connections.forget(ctx),
      onSubscribe: (ctx, _id, payload) =>
        refuseTooMany(Object.keys(ctx.subscriptions).length) ?? refuseAllButSubscriptions(payload.query, payload.operationName ?? undefined),
      // graphql-ws sends execution errors as they are; they go through the hub's formatter like HTTP ones.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors?.length ? { ...result, errors: result.errors.map((error) => formatLiveError(error, formatError)) } : undefined,
    };
  }

  /** Whether the GraphQL context function was called by graphql-ws (for a subscription) rather than for an HTTP request. */
  isWebSocketContext(value: unknown): value is Context {
    return typeof value === 'object' && value !== null && 'extra' in value && 'connectionInitReceived' in value;
  }

  contextFor(ctx: Context): LiveContext {
    const connection = this.connections.connectionOf(ctx);
    // graphql-ws only runs operations after onConnect accepted the connection.
    if (!connection) throw HubError.unauthenticated('The connection was not authenticated');
    return { req: extraOf(ctx).request, viewer: connection.viewer, connection };
  }

  private async onConnect(ctx: Context): Promise<boolean> {
    const { socket, request } = extraOf(ctx);
    const credential = connectionCredential(ctx.connectionParams, request.headers);
    try {
      await this.connections.open(ctx, credential, request.socket.remoteAddress, socket);
      return true;
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      // Closed here with the reason; graphql-ws's own close (4403 Forbidden) then changes nothing.
      socket.close(CLOSE_UNAUTHORIZED, closeReason(error.message));
      return false;
    }
  }
}

function extraOf(ctx: Context): Extra {
  return ctx.extra as Extra;
}

/** `running` counts the subscription being started. */
function refuseTooMany(running: number): readonly GraphQLError[] | undefined {
  if (running <= MAX_SUBSCRIPTIONS_PER_CONNECTION) return undefined;
  return [new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection; complete one first`, { extensions: { code: 'BAD_USER_INPUT' } })];
}

/** Queries and mutations would skip the HTTP request pipeline (query limits, client address): they go to POST. */
function refuseAllButSubscriptions(query: string, operationName: string | undefined): readonly GraphQLError[] | undefined {
  // As on HTTP: the parser recurses once per level, so a document nested thousands deep never reaches it.
  if (graphqlNestingExceeds(query)) {
    return [new GraphQLError(`The GraphQL document nests selections or values more than ${MAX_DOCUMENT_NESTING} levels deep`, { extensions: { code: 'BAD_USER_INPUT' } })];
  }
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
  const operation = getOperationAST(document, operationName);
  if (operation && operation.operation !== 'subscription') {
    return [new GraphQLError(SUBSCRIPTIONS_ONLY, { extensions: { code: 'BAD_USER_INPUT' } })];
  }
  return undefined;
}

/** An error without an original error is graphql-js's own (a variable of the wrong type): the caller's fault. */
function formatLiveError(error: GraphQLError, formatError: FormatError): GraphQLFormattedError {
  if (!error.originalError) return { ...error.toJSON(), extensions: { code: 'BAD_USER_INPUT' } };
  return formatError(error.toJSON(), error);
}
