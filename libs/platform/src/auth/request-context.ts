import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GqlContextType } from '@nestjs/graphql';
import { ANONYMOUS_VIEWER } from '@hub/access';
import type { Viewer } from '@hub/access';
import type { Request } from 'express';

/** What a GraphQL operation's context holds: the HTTP request, and the viewer once the guard has set it. */
export interface HubGraphqlContext {
  req?: Request;
  /** Set by the global guard; a subscription handshake may set it up front (then the guard uses it). */
  viewer?: Viewer;
}

/** passport types `req.user` as its own User; in this hub it is always the Viewer the guard built. */
export type RequestWithViewer = Omit<Request, 'user'> & { user?: Viewer };

export function isGraphqlContext(context: ExecutionContext): boolean {
  return context.getType<GqlContextType>() === 'graphql';
}

export function graphqlContextOf(context: ExecutionContext): HubGraphqlContext {
  return GqlExecutionContext.create(context).getContext<HubGraphqlContext>();
}

/** The HTTP request behind a GraphQL operation or an HTTP route (undefined for a WebSocket operation without one). */
export function requestOf(context: ExecutionContext): RequestWithViewer | undefined {
  return (isGraphqlContext(context) ? graphqlContextOf(context).req : context.switchToHttp().getRequest<Request>()) as RequestWithViewer | undefined;
}

/**
 * The caller's address as the socket sees it. X-Forwarded-For is not trusted: Express only honours it
 * when `trust proxy` is configured, which this hub does not do.
 */
export function clientIpOf(request: Pick<Request, 'ip' | 'socket'> | undefined): string | undefined {
  return request?.ip ?? request?.socket?.remoteAddress ?? undefined;
}

export function viewerOf(context: ExecutionContext): Viewer {
  if (isGraphqlContext(context)) {
    const graphql = graphqlContextOf(context);
    return graphql.viewer ?? (graphql.req as RequestWithViewer | undefined)?.user ?? ANONYMOUS_VIEWER;
  }
  return context.switchToHttp().getRequest<RequestWithViewer>().user ?? ANONYMOUS_VIEWER;
}

/** The viewer the global guard built for this request (anonymous on a @Public() operation called without credential). */
export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext): Viewer => viewerOf(context));

/** The caller's network address, for the audit log and rate limits. */
export const ClientIp = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined =>
  clientIpOf(requestOf(context)),
);
