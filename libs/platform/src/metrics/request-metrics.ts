import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationDefinitionNode, parse } from 'graphql';
import type { NextFunction, Request, Response } from 'express';
import type { HubMetrics } from './metrics.module';
import { PROMETHEUS_CONTENT_TYPE } from './metrics-registry';

const OPERATION = Symbol('metricsOperation');
const OUTCOME = Symbol('metricsOutcome');

type LabelledRequest = Request & { [OPERATION]?: string; [OUTCOME]?: string };

/**
 * Counts every HTTP request and its time when the answer is sent. The operation is the GraphQL
 * root field (set by requestMetricsPlugin), else the route pattern Nest matched (never the raw
 * path, which a caller chooses), else `graphql`, `taxii` or `other`.
 */
export function requestMetricsMiddleware(metrics: HubMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const labelled = request as LabelledRequest;
      const operation = labelled[OPERATION] ?? (response.statusCode === 200 ? servedWithoutApollo(request) : undefined) ?? routeOf(request);
      const status = response.statusCode;
      const outcome = status >= 500 ? 'server_error' : (labelled[OUTCOME] ?? (status >= 400 ? 'client_error' : 'ok'));
      metrics.requests.inc({ operation, outcome });
      metrics.requestSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9, { operation });
    });
    next();
  };
}

function routeOf(request: Request): string {
  const path = request.originalUrl ?? request.url;
  if (path.startsWith('/graphql')) return 'graphql';
  const route = (request as { route?: { path?: unknown } }).route?.path;
  if (typeof route === 'string') return `${request.method} ${route}`;
  return path.startsWith('/taxii2') ? 'taxii' : 'other';
}

/** The operation's name as a label: its kind and root field, or `(several)`. */
function operationLabel(operation: OperationDefinitionNode): string {
  const fields = new Set(operation.selectionSet.selections.map((selection) => (selection.kind === Kind.FIELD ? selection.name.value : '(fragment)')));
  fields.delete('__typename');
  const name = fields.size === 1 ? [...fields][0] : fields.size === 0 ? '__typename' : '(several)';
  return `${operation.operation} ${name}`;
}

// As the answer cache takes them: longer documents are never served from it.
const MAX_CACHED_QUERY_LENGTH = 8_192;

/**
 * A GraphQL read answered with a 200 before Apollo saw it: served from the answer cache, which only
 * serves the answers Apollo built (and validated) earlier for the very same document.
 */
function servedWithoutApollo(request: Request): string | undefined {
  const body = request.body as { query?: unknown; operationName?: unknown } | undefined;
  if (request.method !== 'POST' || typeof body?.query !== 'string' || body.query.length > MAX_CACHED_QUERY_LENGTH) return undefined;
  try {
    const operations = parse(body.query, { noLocation: true }).definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    const operation = typeof body.operationName === 'string' ? operations.find((candidate) => candidate.name?.value === body.operationName) : operations.length === 1 ? operations[0] : undefined;
    return operation ? operationLabel(operation) : undefined;
  } catch {
    return undefined;
  }
}

/** Names the GraphQL operation of a request (its root field, from the schema) and its outcome (ok or the first error's code). */
export function requestMetricsPlugin(): ApolloServerPlugin<{ req?: Request }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!contextValue.req || !operation) return;
          (contextValue.req as LabelledRequest)[OPERATION] = operationLabel(operation);
        },
        async willSendResponse({ response, contextValue }) {
          if (!contextValue.req) return;
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          const code = errors?.[0]?.extensions?.code;
          (contextValue.req as LabelledRequest)[OUTCOME] = errors?.length ? (typeof code === 'string' ? code.toLowerCase() : 'error') : 'ok';
        },
      };
    },
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * GET /metrics for a scraper that sends `Authorization: Bearer <HUB_METRICS_TOKEN>`; 401 for
 * anyone else. It is served before the hub's authentication: the metrics token is no member credential.
 */
export function metricsEndpoint(metrics: HubMetrics, token: string) {
  const expected = digest(`Bearer ${token}`);
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.path !== '/metrics') return next();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.status(405).set('Allow', 'GET, HEAD').json({ statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: 'Use GET' });
      return;
    }
    const sent = request.headers.authorization;
    if (typeof sent !== 'string' || !timingSafeEqual(digest(sent), expected)) {
      response.status(401).set('WWW-Authenticate', 'Bearer realm="hub metrics"').json({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Send the metrics token as Authorization: Bearer <HUB_METRICS_TOKEN>' });
      return;
    }
    metrics.registry.render().then(
      (text) => response.status(200).set('Content-Type', PROMETHEUS_CONTENT_TYPE).set('Cache-Control', 'no-store').end(text),
      next,
    );
  };
}
