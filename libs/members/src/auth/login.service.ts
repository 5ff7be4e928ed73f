import { Injectable } from '@nestjs/common';
import { ANONYMOUS_VIEWER } from '@hub/access';
import type { MemberViewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import { HubError } from '@hub/platform';
import { z } from 'zod';
import { normalizeEmail } from '../users/email';
import { PasswordHasher } from '../users/password-hasher';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { LoginThrottle } from './login-throttle/login-throttle';
import type { LoginAttempt } from './login-throttle/login-throttle';

/** One answer for every failure, so a caller cannot learn which e-mail addresses have an account. */
export const INVALID_CREDENTIALS = 'Invalid e-mail address or password';

// No account has a longer address; cutting there bounds what a huge input costs (look-up, counters).
const MAX_EMAIL_LENGTH = 254;

@Injectable()
export class LoginService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks an e-mail address and password. An unknown address, a wrong password and a deactivated
   * account fail alike and in about the same time (an unknown address is checked against a dummy
   * hash). Each attempt is counted towards the rate limits before its password is checked.
   */
  async verify(emailInput: string, password: string, ip: string | undefined): Promise<UserEntity> {
    const email = normalizeEmail(emailInput.slice(0, MAX_EMAIL_LENGTH * 2)).slice(0, MAX_EMAIL_LENGTH + 1);
    const auditedEmail = z.email().max(254).safeParse(email).success ? email : '(not an e-mail address)';
    let attempt: LoginAttempt;
    try {
      attempt = await this.throttle.begin(email, ip);
    } catch (error) {
      if (error instanceof HubError && error.code === 'RATE_LIMITED') {
        await this.audit.record({ action: 'auth.login', outcome: 'denied', viewer: ANONYMOUS_VIEWER, ip, details: { email: auditedEmail, reason: 'rate_limited' } });
      }
      throw error;
    }

    let decided = false;
    try {
      const user = email.length <= MAX_EMAIL_LENGTH ? await this.users.findForLogin(email) : null;
      const passwordMatches = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyDummy(password);
      const failure = !user
        ? 'unknown_email'
        : !passwordMatches
          ? 'wrong_password'
          : !user.active
            ? 'user_deactivated'
            : !user.organization.active
              ? 'organization_deactivated'
              : undefined;
      decided = true;
      if (!user || failure) {
        await attempt.failed();
        await this.audit.record({
          action: 'auth.login',
          outcome: 'failure',
          viewer: ANONYMOUS_VIEWER,
          ip,
          ...(user ? { targetType: 'user', targetId: user.id } : {}),
          details: { email: auditedEmail, reason: failure },
        });
        throw HubError.unauthenticated(INVALID_CREDENTIALS);
      }
      await attempt.succeeded();
      return await this.signedIn(user, password, ip);
    } finally {
      // A database failure before the verdict is no failed guess: it must not lock anybody out.
      if (!decided) await attempt.abandoned().catch(() => undefined);
    }
  }

  private async signedIn(user: UserEntity, password: string, ip: string | undefined): Promise<UserEntity> {
    const rehashed = this.hasher.needsRehash(user.passwordHash) ? await this.hasher.hash(password) : undefined;
    await this.users.recordLogin(user.id, rehashed);
    // The audit row needs who and from where; group membership is not part of it.
    const viewer: MemberViewer = {
      kind: 'user',
      userId: user.id,
      role: user.role,
      organizationId: user.organizationId,
      organizationKind: user.organization.kind,
      sharingGroupIds: [],
    };
    await this.audit.record({ action: 'auth.login', viewer, ip, targetType: 'user', targetId: user.id });
    return user;
  }
}
