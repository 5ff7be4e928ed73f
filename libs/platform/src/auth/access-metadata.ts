import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { Role } from '@hub/access';

// Read by the global guard of @hub/members. They live here, below every feature library, so that
// any module (health, audit, sharing) can state who may call it without depending on members.
export const IS_PUBLIC_KEY = 'hub:public';
export const ROLES_KEY = 'hub:roles';
export const USERS_ONLY_KEY = 'hub:users-only';
export const BEFORE_PASSWORD_CHANGE_KEY = 'hub:before-password-change';

/** Callable without a credential; the viewer may be anonymous. Without it, every operation needs a token or key. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/** Only viewers with one of these roles; everyone else gets FORBIDDEN. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** Only people signed in with a login token; API keys get FORBIDDEN. */
export const UsersOnly = (): MethodDecorator & ClassDecorator => SetMetadata(USERS_ONLY_KEY, true);

/**
 * Hub administration: an ADMIN signed in as a person. An admin's API key may not administer the hub,
 * so a leaked script credential cannot create users or change memberships.
 */
export const AdminOnly = (): MethodDecorator & ClassDecorator => applyDecorators(Roles('ADMIN'), UsersOnly());

/**
 * Open to a person who must still replace the password an admin set (everything else answers
 * FORBIDDEN with reason PASSWORD_CHANGE_REQUIRED): who am I, change my password, sign in and out.
 */
export const AllowedBeforePasswordChange = (): MethodDecorator & ClassDecorator => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);
