import { gql } from '../api/graphql';
import type {
  ApiKey,
  AuditLogEntry,
  AuditLogFilterInput,
  CreateApiKeyInput,
  CreateOrganizationInput,
  CreateSharingGroupInput,
  CreateUserInput,
  Organization,
  PageInfo,
  Role,
  SharingGroup,
  UpdateOrganizationInput,
  User,
  UserFilterInput,
} from '../api/schema-types';

// The operators' documents (ADMIN). The server refuses every one of them to other roles.

export type AdminOrganization = Pick<Organization, 'id' | 'name' | 'kind' | 'sector' | 'country' | 'size' | 'active' | 'createdAt'>;
const ORGANIZATION_FIELDS = 'id name kind sector country size active createdAt';

export const ADMIN_ORGANIZATIONS = gql<{ organizations: AdminOrganization[] }>(`query AdminOrganizations { organizations { ${ORGANIZATION_FIELDS} } }`);

export const CREATE_ORGANIZATION = gql<{ createOrganization: AdminOrganization }, { input: CreateOrganizationInput }>(
  `mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { ${ORGANIZATION_FIELDS} } }`,
);

export const UPDATE_ORGANIZATION = gql<{ updateOrganization: AdminOrganization }, { id: string; input: UpdateOrganizationInput }>(
  `mutation UpdateOrganization($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { ${ORGANIZATION_FIELDS} } }`,
);

export const DEACTIVATE_ORGANIZATION = gql<{ deactivateOrganization: AdminOrganization }, { id: string }>(
  `mutation DeactivateOrganization($id: ID!) { deactivateOrganization(id: $id) { ${ORGANIZATION_FIELDS} } }`,
);

export const REACTIVATE_ORGANIZATION = gql<{ reactivateOrganization: AdminOrganization }, { id: string }>(
  `mutation ReactivateOrganization($id: ID!) { reactivateOrganization(id: $id) { ${ORGANIZATION_FIELDS} } }`,
);

export type AdminUser = Pick<User, 'id' | 'email' | 'role' | 'active' | 'mustChangePassword' | 'lastLoginAt' | 'createdAt'> & { organization: Pick<Organization, 'id' | 'name'> };
const USER_FIELDS = 'id email role active mustChangePassword lastLoginAt createdAt organization { id name }';

export const ADMIN_USERS = gql<
  { users: { edges: { node: AdminUser }[]; pageInfo: PageInfo; totalCount: number } },
  { filter?: UserFilterInput; first?: number; after?: string | null }
>(`query AdminUsers($filter: UserFilterInput, $first: Int, $after: String) {
  users(filter: $filter, first: $first, after: $after) { edges { node { ${USER_FIELDS} } } pageInfo { hasNextPage endCursor } totalCount }
}`);

export const CREATE_USER = gql<{ createUser: AdminUser }, { input: CreateUserInput }>(
  `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`,
);

export const CHANGE_USER_ROLE = gql<{ changeUserRole: AdminUser }, { id: string; role: Role }>(
  `mutation ChangeUserRole($id: ID!, $role: Role!) { changeUserRole(id: $id, role: $role) { ${USER_FIELDS} } }`,
);

export const DEACTIVATE_USER = gql<{ deactivateUser: AdminUser }, { id: string }>(`mutation DeactivateUser($id: ID!) { deactivateUser(id: $id) { ${USER_FIELDS} } }`);

export const REACTIVATE_USER = gql<{ reactivateUser: AdminUser }, { id: string }>(`mutation ReactivateUser($id: ID!) { reactivateUser(id: $id) { ${USER_FIELDS} } }`);

export const LIFT_SIGN_IN_LOCK = gql<{ liftSignInLock: AdminUser }, { id: string }>(`mutation LiftSignInLock($id: ID!) { liftSignInLock(id: $id) { ${USER_FIELDS} } }`);

export const RESET_USER_PASSWORD = gql<{ resetUserPassword: AdminUser }, { id: string; password: string }>(
  `mutation ResetUserPassword($id: ID!, $password: String!) { resetUserPassword(id: $id, password: $password) { ${USER_FIELDS} } }`,
);

export type AdminSharingGroup = Pick<SharingGroup, 'id' | 'name' | 'description' | 'memberCount'> & { organizations: Pick<Organization, 'id' | 'name'>[] | null };
const GROUP_FIELDS = 'id name description memberCount organizations { id name }';

export const ADMIN_SHARING_GROUPS = gql<{ sharingGroups: AdminSharingGroup[]; organizations: Pick<Organization, 'id' | 'name' | 'active'>[] }>(
  `query AdminSharingGroups { sharingGroups { ${GROUP_FIELDS} } organizations { id name active } }`,
);

export const CREATE_SHARING_GROUP = gql<{ createSharingGroup: AdminSharingGroup }, { input: CreateSharingGroupInput }>(
  `mutation CreateSharingGroup($input: CreateSharingGroupInput!) { createSharingGroup(input: $input) { ${GROUP_FIELDS} } }`,
);

export const ADD_SHARING_GROUP_MEMBERS = gql<{ addSharingGroupMembers: AdminSharingGroup }, { id: string; organizationIds: string[] }>(
  `mutation AddSharingGroupMembers($id: ID!, $organizationIds: [ID!]!) { addSharingGroupMembers(id: $id, organizationIds: $organizationIds) { ${GROUP_FIELDS} } }`,
);

export const REMOVE_SHARING_GROUP_MEMBERS = gql<{ removeSharingGroupMembers: AdminSharingGroup }, { id: string; organizationIds: string[] }>(
  `mutation RemoveSharingGroupMembers($id: ID!, $organizationIds: [ID!]!) { removeSharingGroupMembers(id: $id, organizationIds: $organizationIds) { ${GROUP_FIELDS} } }`,
);

export type AdminApiKey = Pick<ApiKey, 'id' | 'name' | 'prefix' | 'distribution' | 'active' | 'createdAt' | 'createdByEmail' | 'expiresAt' | 'lastUsedAt' | 'revokedAt'>;
const KEY_FIELDS = 'id name prefix distribution active createdAt createdByEmail expiresAt lastUsedAt revokedAt';

export const ADMIN_API_KEYS = gql<{ apiKeys: AdminApiKey[] }, { includeRevoked: boolean }>(
  `query AdminApiKeys($includeRevoked: Boolean) { apiKeys(includeRevoked: $includeRevoked) { ${KEY_FIELDS} } }`,
);

export const CREATE_API_KEY = gql<{ createApiKey: { key: string; apiKey: AdminApiKey } }, { input: CreateApiKeyInput }>(
  `mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { ${KEY_FIELDS} } } }`,
);

export const REVOKE_API_KEY = gql<{ revokeApiKey: boolean }, { id: string }>(`mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) }`);

export type AdminAuditEntry = Pick<AuditLogEntry, 'id' | 'occurredAt' | 'action' | 'outcome' | 'actorKind' | 'actorUserId' | 'actorKeyId' | 'actorOrganizationId' | 'targetType' | 'targetId' | 'ip' | 'details'>;

export const AUDIT_LOG = gql<
  { auditLog: { edges: { node: AdminAuditEntry }[]; pageInfo: PageInfo; totalCount: number } },
  { filter?: AuditLogFilterInput; first?: number; after?: string | null }
>(`query AuditLog($filter: AuditLogFilterInput, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    edges { node { id occurredAt action outcome actorKind actorUserId actorKeyId actorOrganizationId targetType targetId ip details } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`);
