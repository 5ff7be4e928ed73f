import { HttpException } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { isStatementTimeout, statementTimeoutError } from '../database/statement-timeout';
import { HubError } from './hub-error';

// Codes that graphql-js and Apollo assign to malformed operations: the caller's fault, safe to show.
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo refuses some requests (a persisted query whose hash does not match its text, an unknown
 * persisted-query version) with an HTTP 4xx but no code: they are the caller's mistake too.
 */
function isRefusedRequest(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  const status = (error.extensions?.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && (error.originalError === undefined || error.originalError === error);
}

/**
 * Maps every error leaving GraphQL to the contract's codes. Anything unexpected becomes a generic
 * INTERNAL_SERVER_ERROR, logged here, so no stack trace, SQL or object content reaches a caller.
 */
export function createGraphqlErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let original = error instanceof GraphQLError ? error.originalError : error;
    if (isStatementTimeout(original)) original = statementTimeoutError();
    if (original instanceof HubError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: original.code, ...(original.reason ? { reason: original.reason } : {}), ...(original.issues.length ? { errors: original.issues } : {}) },
      };
    }
    if (original instanceof HttpException) {
      const status = original.getStatus();
      const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
      if (code !== 'INTERNAL_SERVER_ERROR') {
        return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code } };
      }
    }
    const code = isRefusedRequest(error) && formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' ? 'BAD_REQUEST' : String(formatted.extensions?.code ?? '');
    if (CLIENT_ERROR_CODES.has(code)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: code === 'BAD_REQUEST' ? 'BAD_USER_INPUT' : code } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
