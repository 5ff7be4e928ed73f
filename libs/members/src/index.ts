// Who is asking: the members feature (organisations, users, sharing groups, API keys, sign-in).
export { MembersModule } from './members.module';
export { membersMigrations } from './migrations';

// Authentication and authorisation, for every other module.
export { ViewerService } from './auth/viewer.service';
export { HubPassport } from './auth/hub-passport';
export { HubAuthGuard } from './auth/hub-auth.guard';
export { TokenService, TOKEN_LIFETIME_SECONDS } from './auth/token.service';
export { readCredential } from './auth/credential';
export { CSRF_HEADER, SESSION_COOKIE, SECURE_SESSION_COOKIE } from './auth/session/session-cookie';
export { SESSION_IDLE_SECONDS, SESSION_ABSOLUTE_SECONDS } from './auth/session/session.service';
export type { Credential, CredentialHeaders } from './auth/credential';
export { LOGIN_LIMITS } from './auth/login-throttle/login-throttle';
export type { FailureCounter } from './auth/login-throttle/failure-counter';
export { AdminOnly, ClientIp, CurrentViewer, Public, Roles, UsersOnly } from '@hub/platform';

// Services, also used by the operators' command line.
export { OrganizationsService } from './organizations/organizations.service';
export type { OrganizationSummary } from './organizations/organizations.service';
export { UsersService } from './users/users.service';
export { SharingGroupsService } from './sharing-groups/sharing-groups.service';
export { ApiKeysService } from './api-keys/api-keys.service';
export { SignInLockLifts } from './auth/login-throttle/sign-in-lock-lifts';
export { API_KEY_PREFIX } from './api-keys/api-key-format';
export type { Actor } from './shared/actor';

// GraphQL types and enums (registered once, here).
export { OrganizationType } from './organizations/organization.type';
export { UserType } from './users/user.type';
export { SharingGroupType } from './sharing-groups/sharing-group.type';
export { ApiKeyType } from './api-keys/api-key.type';
export { KeyDistributionEnum, OrganizationKindEnum, OrganizationSizeEnum, RoleEnum, SectorEnum, KEY_DISTRIBUTIONS, ORGANIZATION_KINDS, ROLES } from './shared/enums';
export { SECTORS, STIX_INDUSTRY_SECTORS } from './organizations/sector';
export { ORGANIZATION_SIZES } from './organizations/size';
export type { OrganizationSize } from './organizations/size';
export type { Sector } from './organizations/sector';
export type { OrganizationIdentity } from './organizations/stix-identity';
