import { Controller, Delete, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { isMember } from '@hub/access';
import { AuditService } from '@hub/audit';
import type { HubErrorCode, RequestWithViewer } from '@hub/platform';
import { AllowedBeforePasswordChange, clientIpOf, HubError, Public } from '@hub/platform';
import type { Request, Response } from 'express';
import { HubPassport } from '../hub-passport';
import { ViewerService } from '../viewer.service';
import { UsersService } from '../../users/users.service';
import { clearedSessionCookies, CSRF_HEADER, isTlsRequest, sessionCookie, sessionIdFromCookies } from './session-cookie';
import { SESSION_ENDED_MESSAGES, SESSION_IDLE_SECONDS, SessionService } from './session.service';
import type { LiveSession } from './session.service';

const STATUS_OF: Record<HubErrorCode, number> = {
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  BAD_USER_INPUT: HttpStatus.BAD_REQUEST,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  TIMEOUT: HttpStatus.SERVICE_UNAVAILABLE,
};

/**
 * Sign-in for people in a browser (the console): GET tells whether the cookie still opens a session
 * (and hands the console its CSRF token), POST signs in, DELETE signs out. API clients keep using the
 * `login` mutation and bearer tokens, or API keys. See docs/console.md.
 */
@Public()
@AllowedBeforePasswordChange()
@Controller('auth/session')
export class SessionController {
  constructor(
    private readonly passport: HubPassport,
    private readonly sessions: SessionService,
    private readonly viewers: ViewerService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async status(@Req() request: Request, @Res() response: Response): Promise<void> {
    noStore(response);
    const sessionId = sessionIdFromCookies(request.headers.cookie, isHttps(request));
    if (!sessionId) {
      response.status(HttpStatus.OK).json({ signedIn: false });
      return;
    }
    const session = await this.sessions.find(sessionId);
    const reason = 'ended' in session ? session.ended : await this.stillValid(session);
    if (reason) {
      response.status(HttpStatus.OK).setHeader('Set-Cookie', clearedSessionCookies(isHttps(request))).json({ signedIn: false, reason, message: SESSION_ENDED_MESSAGES[reason] });
      return;
    }
    await this.answerSession(response, session as LiveSession, HttpStatus.OK);
  }

  @Post()
  async signIn(@Req() request: Request, @Res() response: Response): Promise<void> {
    noStore(response);
    try {
      assertSameOrigin(request);
      if (!request.is('application/json')) throw HubError.badInput('Send the e-mail address and password as JSON');
      const body = (request.body ?? {}) as { email?: unknown; password?: unknown };
      const email = typeof body.email === 'string' ? body.email : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const user = await this.passport.login(email, password, request);
      // A cookie of an earlier session in this browser is ended, not left to linger.
      const earlier = sessionIdFromCookies(request.headers.cookie, isHttps(request));
      if (earlier) await this.sessions.end(earlier);
      const created = await this.sessions.create(user);
      const session = await this.sessions.find(created.sessionId, { touch: false });
      if ('ended' in session) throw HubError.unauthenticated(SESSION_ENDED_MESSAGES[session.ended]);
      response.setHeader('Set-Cookie', sessionCookie(created.sessionId, isHttps(request), Math.floor((created.expiresAt.getTime() - Date.now()) / 1000)));
      await this.answerSession(response, session, HttpStatus.CREATED);
    } catch (error) {
      sendError(response, error);
    }
  }

  /** The guard has already checked the cookie and the CSRF token (or found neither). */
  @Delete()
  async signOut(@Req() request: Request, @Res() response: Response): Promise<void> {
    noStore(response);
    try {
      assertSameOrigin(request);
      const sessionId = sessionIdFromCookies(request.headers.cookie, isHttps(request));
      if (!sessionId || !request.headers[CSRF_HEADER]) throw HubError.forbidden(`Signing out needs the session cookie and the ${CSRF_HEADER} header`);
      await this.sessions.end(sessionId);
      // The guard has set the viewer when the session was still live; signing out of an ended one is no event.
      const viewer = (request as unknown as RequestWithViewer).user;
      if (viewer && isMember(viewer)) await this.audit.record({ action: 'auth.logout', viewer, ip: clientIpOf(request), targetType: 'user', targetId: viewer.userId });
      response.status(HttpStatus.NO_CONTENT).setHeader('Set-Cookie', clearedSessionCookies(isHttps(request))).end();
    } catch (error) {
      sendError(response, error);
    }
  }

  private async stillValid(session: LiveSession): Promise<'unknown' | undefined> {
    try {
      await this.viewers.viewerForUser(session);
      return undefined;
    } catch (error) {
      if (error instanceof HubError) return 'unknown';
      throw error;
    }
  }

  private async answerSession(response: Response, session: LiveSession, status: number): Promise<void> {
    const user = await this.users.findById(session.userId);
    if (!user) throw HubError.unauthenticated();
    response.status(status).json({
      signedIn: true,
      user: { id: user.id, email: user.email, role: user.role, organizationId: user.organizationId, mustChangePassword: user.mustChangePassword },
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
      idleExpiresAt: session.idleExpiresAt.toISOString(),
      idleSeconds: SESSION_IDLE_SECONDS,
    });
  }
}

function noStore(response: Response): void {
  response.setHeader('Cache-Control', 'no-store');
}

function isHttps(request: Request): boolean {
  return isTlsRequest(request.headers['x-forwarded-proto'], request.secure);
}

/** A browser names the page that sent a request: one of another origin may not sign anyone in or out. */
function assertSameOrigin(request: Request): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const expected = `${isHttps(request) ? 'https' : 'http'}://${request.headers.host ?? ''}`;
  if (origin !== expected) throw HubError.forbidden('Requests from another site may not sign in or out');
}

function sendError(response: Response, error: unknown): void {
  if (!(error instanceof HubError)) throw error;
  response.status(STATUS_OF[error.code]).json({ code: error.code, message: error.message, errors: error.issues });
}
