import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { ForbiddenException, HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ANONYMOUS_VIEWER, isMember } from '@hub/access';
import type { Role, Viewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import {
  BEFORE_PASSWORD_CHANGE_KEY,
  clientIpOf,
  graphqlContextOf,
  HubError,
  IS_PUBLIC_KEY,
  isGraphqlContext,
  requestOf,
  ROLES_KEY,
  USERS_ONLY_KEY,
} from '@hub/platform';
import type { RequestWithViewer } from '@hub/platform';
import { HubPassport } from './hub-passport';

/**
 * Runs before every GraphQL operation and HTTP route (APP_GUARD). It builds the viewer from the
 * request's credential, then applies what the operation declares: authentication is required
 * unless @Public(); @Roles(...) and @UsersOnly() narrow it further. Refusals are audited.
 */
@Injectable()
export class HubAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly passport: HubPassport,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      const viewer = await this.viewerOf(context);
      await this.assertAllowed(context, viewer);
      return true;
    } catch (error) {
      // HTTP routes (TAXII, health) answer with status codes; GraphQL maps HubError in its formatter.
      if (error instanceof HubError && !isGraphqlContext(context)) throw toHttpException(error);
      throw error;
    }
  }

  private viewerOf(context: ExecutionContext): Promise<Viewer> {
    const request = requestOf(context);
    const graphql = isGraphqlContext(context) ? graphqlContextOf(context) : undefined;
    // A subscription's viewer is set at the WebSocket handshake.
    if (graphql?.viewer) return Promise.resolve(graphql.viewer);
    if (!request) return Promise.resolve(ANONYMOUS_VIEWER);
    // Several guarded fields of one request (and the answer cache) ask: HubPassport authenticates each request once.
    return this.passport.authenticate(request).then((resolved) => this.remember(resolved, request, graphql));
  }

  private remember(viewer: Viewer, request: RequestWithViewer, graphql: { viewer?: Viewer } | undefined): Viewer {
    request.user = viewer;
    if (graphql) graphql.viewer = viewer;
    return viewer;
  }

  private async assertAllowed(context: ExecutionContext, viewer: Viewer): Promise<void> {
    const targets = [context.getHandler(), context.getClass()];
    // Before the public check: a person still holding an admin-set password may not even read the
    // public feed with it (they can do so signed out); a key is a machine's and never has to.
    if (viewer.kind === 'user' && viewer.passwordChangeRequired && !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_KEY, targets)) {
      await this.deny(context, viewer, 'password_change_required', HubError.passwordChangeRequired());
    }
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return;
    if (!isMember(viewer)) throw HubError.unauthenticated('Sign in, or send an API key, to use this operation');

    if (this.reflector.getAllAndOverride<boolean>(USERS_ONLY_KEY, targets) && viewer.kind === 'key') {
      await this.deny(context, viewer, 'api_key', HubError.forbidden('This operation needs a person signed in; API keys may not call it'));
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(viewer.role)) {
      await this.deny(context, viewer, 'role', HubError.forbidden(`This operation needs the role ${roles.join(' or ')}`));
    }
  }

  private async deny(context: ExecutionContext, viewer: Viewer, reason: string, refusal: HubError): Promise<never> {
    await this.audit.record({
      action: 'access.denied',
      outcome: 'denied',
      viewer,
      ip: clientIpOf(requestOf(context)),
      details: { operation: operationName(context), reason },
    });
    throw refusal;
  }
}

function operationName(context: ExecutionContext): string {
  if (isGraphqlContext(context)) {
    const info = GqlExecutionContext.create(context).getInfo<{ parentType: { name: string }; fieldName: string }>();
    return `${info.parentType.name}.${info.fieldName}`;
  }
  const request = context.switchToHttp().getRequest<RequestWithViewer>();
  return `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`;
}

function toHttpException(error: HubError): HttpException {
  const body = { statusCode: 0, code: error.code, message: error.message, ...(error.reason ? { reason: error.reason } : {}) };
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return new UnauthorizedException({ ...body, statusCode: HttpStatus.UNAUTHORIZED });
    case 'FORBIDDEN':
      return new ForbiddenException({ ...body, statusCode: HttpStatus.FORBIDDEN });
    case 'RATE_LIMITED':
      return new HttpException({ ...body, statusCode: HttpStatus.TOO_MANY_REQUESTS }, HttpStatus.TOO_MANY_REQUESTS);
    case 'NOT_FOUND':
      return new HttpException({ ...body, statusCode: HttpStatus.NOT_FOUND }, HttpStatus.NOT_FOUND);
    default:
      return new HttpException({ ...body, statusCode: HttpStatus.BAD_REQUEST }, HttpStatus.BAD_REQUEST);
  }
}
