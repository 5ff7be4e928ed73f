import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Role } from '@hub/access';
import { AuditService } from '@hub/audit';
import { HubError } from '@hub/platform';
import type { Connection } from '@hub/platform';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';
import { escapeLike } from '../organizations/organizations.service';
import type { Actor } from '../shared/actor';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { isUniqueViolation } from '../shared/database-errors';
import { parseId, parseInput, parsePageSize } from '../shared/input-validation';
import { assertAnotherAdminRemains } from '../shared/last-admin';
import { LoginThrottle } from '../auth/login-throttle/login-throttle';
import type { LoginAttempt } from '../auth/login-throttle/login-throttle';
import { accountSubject, SignInLockLifts } from '../auth/login-throttle/sign-in-lock-lifts';
import { createUserSchema, newPasswordSchema, roleSchema, userFilterSchema } from './dto/user.inputs';
import { emailSchema, normalizeEmail } from './email';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';

const EMAIL_TAKEN = { path: 'email', message: 'is already used by another user' };
const LAST_ADMIN = 'This is the last active admin of the hub; make another admin first';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
    private readonly lockLifts: SignInLockLifts,
  ) {}

  /**
   * `mustChangePassword`: an admin chose the password, so the person must replace it at first
   * sign-in (the API's createUser); the first admin and the command line choose their own.
   */
  async create(input: unknown, actor: Actor, manager?: EntityManager, { mustChangePassword = false }: { mustChangePassword?: boolean } = {}): Promise<UserEntity> {
    const fields = parseInput(createUserSchema, input);
    const passwordHash = await this.hasher.hash(fields.password);
    const work = async (transaction: EntityManager) => {
      const organization = await transaction.findOneBy(OrganizationEntity, { id: fields.organizationId });
      if (!organization) throw HubError.badInput('No organisation has this id', [{ path: 'organizationId', message: 'is not the id of an organisation' }]);
      if (!organization.active) throw HubError.badInput('The organisation is deactivated', [{ path: 'organizationId', message: 'is a deactivated organisation' }]);
      const user = await transaction.save(
        transaction.create(UserEntity, {
          email: fields.email,
          passwordHash,
          role: fields.role,
          organizationId: organization.id,
          active: true,
          sessionVersion: 1,
          mustChangePassword,
          lastLoginAt: null,
          deactivatedAt: null,
        }),
      );
      user.organization = organization;
      await this.audit.record(
        {
          action: 'user.create',
          viewer: actor.viewer,
          ip: actor.ip,
          targetType: 'user',
          targetId: user.id,
          details: { email: user.email, role: user.role, organizationId: organization.id, changeRequiredAtSignIn: mustChangePassword },
        },
        transaction,
      );
      return user;
    };
    try {
      return await (manager ? work(manager) : this.dataSource.transaction(work));
    } catch (error) {
      if (isUniqueViolation(error, 'hub_user_email_key')) throw HubError.badInput('A user with this e-mail address already exists', [EMAIL_TAKEN]);
      throw error;
    }
  }

  /** Users ordered by e-mail address, a page at a time. */
  async page(filterInput: unknown, first: number | null | undefined, after: string | null | undefined): Promise<Connection<UserEntity>> {
    const filter = parseInput(userFilterSchema, filterInput, 'filter') ?? {};
    const size = parsePageSize(first);
    const afterEmail = decodeCursor(after, (email) => email.includes('@'));
    const query = this.users.createQueryBuilder('u').innerJoinAndSelect('u.organization', 'o');
    if (filter.organizationId) query.andWhere('u.organization_id = :organizationId', { organizationId: filter.organizationId });
    if (filter.role) query.andWhere('u.role = :role', { role: filter.role });
    if (filter.active !== undefined && filter.active !== null) query.andWhere('u.active = :active', { active: filter.active });
    if (filter.search) query.andWhere("u.email ILIKE :pattern ESCAPE '\\'", { pattern: `%${escapeLike(filter.search)}%` });
    const totalCount = await query.clone().getCount();
    if (afterEmail) query.andWhere('u.email > :afterEmail', { afterEmail });
    const rows = await query.orderBy('u.email', 'ASC').take(size + 1).getMany();
    const page = rows.slice(0, size);
    const edges = page.map((user) => ({ cursor: encodeCursor(user.email), node: user }));
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
  }

  async findById(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id: parseId(id) }, relations: { organization: true } });
  }

  async findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { email: normalizeEmail(email) }, relations: { organization: true } });
  }

  /** For login only: the user with its password hash. */
  async findForLogin(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .innerJoinAndSelect('u.organization', 'o')
      .where('u.email = :email', { email: normalizeEmail(email) })
      .getOne();
  }

  async recordLogin(userId: string, newPasswordHash?: string): Promise<void> {
    await this.users.update({ id: userId }, { lastLoginAt: new Date(), ...(newPasswordHash ? { passwordHash: newPasswordHash } : {}) });
  }

  async changeRole(id: string, roleInput: unknown, actor: Actor): Promise<UserEntity> {
    const role: Role = parseInput(roleSchema, roleInput, 'role');
    return this.changeLocked(id, actor, async (user, manager) => {
      if (user.role === role) return false;
      if (user.role === 'ADMIN' && user.active) await assertAnotherAdminRemains(manager, { userId: user.id }, LAST_ADMIN);
      const from = user.role;
      user.role = role;
      return { action: 'user.role_change', details: { from, to: role } };
    });
  }

  async changeEmail(id: string, emailInput: unknown, actor: Actor): Promise<UserEntity> {
    const email = parseInput(emailSchema, emailInput, 'email');
    try {
      return await this.changeLocked(id, actor, async (user) => {
        if (user.email === email) return false;
        const from = user.email;
        user.email = email;
        return { action: 'user.email_change', details: { from, to: email } };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'hub_user_email_key')) throw HubError.badInput('A user with this e-mail address already exists', [EMAIL_TAKEN]);
      throw error;
    }
  }

  /**
   * An admin sets a new password (e.g. a forgotten one); the user's existing tokens stop working,
   * and a sign-in lock on the account is lifted, so the new password works at once.
   */
  async resetPassword(id: string, passwordInput: unknown, actor: Actor, { mustChangePassword = false }: { mustChangePassword?: boolean } = {}): Promise<UserEntity> {
    const user = await this.findById(id);
    if (!user) throw HubError.notFound('No user has this id');
    const password = parseInput(newPasswordSchema(user.email), passwordInput, 'password');
    const passwordHash = await this.hasher.hash(password);
    return this.changeLocked(user.id, actor, async (locked, manager) => {
      locked.passwordHash = passwordHash;
      locked.sessionVersion += 1;
      locked.mustChangePassword = mustChangePassword;
      await this.lockLifts.lift(accountSubject(locked.email), manager);
      return { action: 'user.password_reset', details: { signInLockLifted: true, changeRequiredAtSignIn: mustChangePassword } };
    });
  }

  /** An admin lets a person whose account is locked after failed sign-ins try again at once. */
  async liftSignInLock(id: string, actor: Actor): Promise<UserEntity> {
    return this.changeLocked(id, actor, async (user, manager) => {
      await this.lockLifts.lift(accountSubject(user.email), manager);
      return { action: 'auth.sign_in_lock_lift', details: { email: user.email } };
    });
  }

  /** A person changes their own password; their other tokens stop working. Failures count as failed logins. */
  async changeOwnPassword(userId: string, currentPassword: string, newPassword: string, actor: Actor): Promise<UserEntity> {
    const user = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :userId', { userId }).getOne();
    if (!user) throw HubError.unauthenticated();
    // Guessing the current password here must cost as much as guessing it at sign-in: a stolen
    // token would otherwise let its holder try passwords freely and keep the account for good.
    let attempt: LoginAttempt;
    try {
      attempt = await this.throttle.begin(user.email, actor.ip);
    } catch (error) {
      if (error instanceof HubError && error.code === 'RATE_LIMITED') {
        await this.audit.record({ action: 'auth.password_change', viewer: actor.viewer, ip: actor.ip, outcome: 'denied', targetType: 'user', targetId: userId, details: { reason: 'rate_limited' } });
      }
      throw error;
    }
    // The hasher answers false rather than throwing, so the attempt always gets its verdict.
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      await attempt.failed();
      await this.audit.record({ action: 'auth.password_change', viewer: actor.viewer, ip: actor.ip, outcome: 'failure', targetType: 'user', targetId: userId, details: { reason: 'wrong_current_password' } });
      throw HubError.badInput('The current password is not correct', [{ path: 'currentPassword', message: 'is not your current password' }]);
    }
    await attempt.succeeded();
    const password = parseInput(newPasswordSchema(user.email), newPassword, 'newPassword');
    if (password === currentPassword) throw HubError.badInput('The new password must differ from the current one', [{ path: 'newPassword', message: 'must differ from the current password' }]);
    const passwordHash = await this.hasher.hash(password);
    return this.changeLocked(userId, actor, async (locked) => {
      locked.passwordHash = passwordHash;
      locked.sessionVersion += 1;
      locked.mustChangePassword = false;
      return { action: 'auth.password_change', details: {} };
    });
  }

  /** Deactivation cuts the user's tokens and keys at once; their old tokens stay dead after a reactivation. */
  async setActive(id: string, active: boolean, actor: Actor): Promise<UserEntity> {
    return this.changeLocked(id, actor, async (user, manager) => {
      if (user.active === active) return false;
      if (!active && user.role === 'ADMIN') await assertAnotherAdminRemains(manager, { userId: user.id }, LAST_ADMIN);
      user.active = active;
      user.deactivatedAt = active ? null : new Date();
      if (!active) user.sessionVersion += 1;
      return { action: active ? 'user.reactivate' : 'user.deactivate', details: {} };
    });
  }

  /**
   * Loads and locks the user, lets `change` modify it, then saves it and writes the audit row in the
   * same transaction. `change` returns false when there is nothing to do (no row, no audit).
   */
  private async changeLocked(
    id: string,
    actor: Actor,
    change: (user: UserEntity, manager: EntityManager) => Promise<{ action: string; details: Record<string, unknown> } | false>,
  ): Promise<UserEntity> {
    const userId = parseId(id);
    await this.dataSource.transaction(async (manager) => {
      const user = await manager
        .createQueryBuilder(UserEntity, 'u')
        .addSelect('u.passwordHash')
        .where('u.id = :userId', { userId })
        .setLock('pessimistic_write')
        .getOne();
      if (!user) throw HubError.notFound('No user has this id');
      const outcome = await change(user, manager);
      if (!outcome) return;
      await manager.save(user);
      await this.audit.record({ action: outcome.action, viewer: actor.viewer, ip: actor.ip, targetType: 'user', targetId: user.id, details: outcome.details }, manager);
    });
    return (await this.findById(userId))!;
  }
}
