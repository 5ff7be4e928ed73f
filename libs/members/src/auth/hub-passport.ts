import { Injectable } from '@nestjs/common';
import { ANONYMOUS_VIEWER } from '@hub/access';
import type { MemberViewer, Viewer } from '@hub/access';
import { HubError } from '@hub/platform';
import type { Request } from 'express';
import passport from 'passport';
import { UserEntity } from '../users/user.entity';
import { readCredential } from './credential';
import { LoginService } from './login.service';
import { createApiKeyStrategy, API_KEY_STRATEGY } from './strategies/api-key.strategy';
import { createLoginStrategy, LOGIN_STRATEGY } from './strategies/local.strategy';
import { createTokenStrategy, TOKEN_STRATEGY } from './strategies/token.strategy';
import { ViewerService } from './viewer.service';

type PassportRequest = Pick<Request, 'headers' | 'ip' | 'socket'> & { body?: unknown; res?: unknown };

/**
 * The passport strategies of this hub, on a passport instance of its own: the global one (which
 * @nestjs/passport uses) would let two hubs in one process, as in the tests, use each other's strategies.
 */
@Injectable()
export class HubPassport {
  private readonly passport = new passport.Passport();
  // The answer cache and the guard both ask for a request's viewer: one authentication (and one audited key use) per request.
  private readonly viewers = new WeakMap<object, Promise<Viewer>>();

  constructor(
    private readonly viewerService: ViewerService,
    logins: LoginService,
  ) {
    this.passport.use(LOGIN_STRATEGY, createLoginStrategy(logins));
    this.passport.use(TOKEN_STRATEGY, createTokenStrategy(viewerService));
    this.passport.use(API_KEY_STRATEGY, createApiKeyStrategy(viewerService));
  }

  /** The viewer for a request's credential, ANONYMOUS_VIEWER without one; UNAUTHENTICATED for a bad one. Once per request. */
  authenticate(request: PassportRequest): Promise<Viewer> {
    let viewer = this.viewers.get(request);
    if (!viewer) {
      viewer = this.authenticateCredential(request);
      this.viewers.set(request, viewer);
    }
    return viewer;
  }

  private async authenticateCredential(request: PassportRequest): Promise<Viewer> {
    const credential = readCredential(request.headers);
    if (credential.kind === 'invalid') throw HubError.unauthenticated(credential.reason);
    if (credential.kind === 'none') return ANONYMOUS_VIEWER;
    if (credential.kind === 'session') return this.viewerService.viewerForSession(credential.sessionId, credential.csrfToken);
    const viewer = await this.run<MemberViewer>([TOKEN_STRATEGY, API_KEY_STRATEGY], request);
    if (!viewer) throw HubError.unauthenticated();
    return viewer;
  }

  /** The user for an e-mail address and password (see LoginService for the failures). */
  async login(email: string, password: string, request: Pick<Request, 'ip' | 'socket'> | undefined): Promise<UserEntity> {
    const user = await this.run<UserEntity>([LOGIN_STRATEGY], { headers: {}, ip: request?.ip, socket: request?.socket, body: { email, password } } as PassportRequest);
    if (!user) {
      throw HubError.badInput('Enter an e-mail address and a password', [
        ...(email ? [] : [{ path: 'email', message: 'must not be empty' }]),
        ...(password ? [] : [{ path: 'password', message: 'must not be empty' }]),
      ]);
    }
    return user;
  }

  /** Runs passport's authenticate middleware and resolves with the user, or undefined when every strategy passed. */
  private run<T>(strategies: string[], request: PassportRequest): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve, reject) => {
      const middleware = this.passport.authenticate(strategies, { session: false }, (error: unknown, user: T | false) => {
        if (error) reject(error);
        else resolve(user || undefined);
      }) as (request: PassportRequest, response: unknown, next: (error?: unknown) => void) => void;
      middleware(request, request.res ?? {}, (error?: unknown) => (error ? reject(error) : resolve(undefined)));
    });
  }
}
