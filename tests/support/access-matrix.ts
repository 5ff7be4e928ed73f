import { adminToken, createApiKey, createOrganization, createSharingGroup, createUser, RoleName } from './members';
import { AudienceSpec, TlpName } from './sharing';
import type { TestHub } from './test-hub';

/*
 * The access matrix of the policy (docs/access-policy.md): objects shared by one submitter with one
 * audience, and one viewer for every relation a viewer can have to them. The end-to-end files that
 * check a read path against the matrix build it here, and compare what they read with policyAllows.
 */

/** Every relation a viewer can have to an object of the matrix. */
export const RELATIONS = [
  'submitter',
  'colleague of the submitter',
  'named recipient organisation',
  'member of a recipient sharing group',
  'member of a built-in audience',
  'named recipient user',
  'colleague of the named user',
  'unrelated member',
  'unrelated analyst',
  'unrelated focal point',
  'hub admin',
  'admin of the source organisation',
  'INTERNAL key of the source',
  'CLIENTS key of the source',
  'INTERNAL key of the recipient organisation',
  'CLIENTS key of the recipient organisation',
  'CLIENTS key of a recipient sharing group member',
  "named user's own key",
  'unrelated INTERNAL key',
  'unauthenticated',
] as const;
export type Relation = (typeof RELATIONS)[number];

export const TLPS: readonly TlpName[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];

// The policy, written from docs/access-policy.md, independently of the hub's SQL: a test that
// reused the hub's own rules could not catch a mistake in them.
const AMBER_READERS: readonly Relation[] = [
  // Users and keys of the source organisation,
  'submitter',
  'colleague of the submitter',
  'admin of the source organisation',
  'INTERNAL key of the source',
  'CLIENTS key of the source',
  // of the named recipient organisation,
  'named recipient organisation',
  'INTERNAL key of the recipient organisation',
  'CLIENTS key of the recipient organisation',
  // of the members of a named sharing group and of a built-in audience,
  'member of a recipient sharing group',
  'CLIENTS key of a recipient sharing group member',
  'member of a built-in audience',
  // and the user the audience names.
  'named recipient user',
];

/** Whether the policy lets a viewer with this relation read an object of the matrix marked with this TLP level. */
export function policyAllows(relation: Relation, tlp: TlpName): boolean {
  switch (tlp) {
    case 'CLEAR':
      return true;
    case 'GREEN':
      return relation !== 'unauthenticated';
    case 'AMBER':
      return AMBER_READERS.includes(relation);
    case 'AMBER_STRICT':
      return AMBER_READERS.includes(relation) && !relation.startsWith('CLIENTS key');
    case 'RED':
      return relation === 'submitter' || relation === 'named recipient user';
  }
}

export interface AccessMatrix {
  /** The login token or API key of each relation, in the order of RELATIONS; undefined for the unauthenticated viewer. */
  viewers: Map<Relation, string | undefined>;
  submitter: { id: string; token: string };
  namedUser: { id: string; token: string };
  source: { id: string; identityId: string; name: string };
  recipient: { id: string; identityId: string; name: string };
  group: { id: string; name: string };
  /** Who an object of this level is shared with, so that every relation above means what it says. */
  audienceFor(tlp: TlpName): AudienceSpec | undefined;
}

/** Creates, through the real API, the organisations, sharing group, people and keys of the matrix. */
export async function buildAccessMatrix(hub: TestHub): Promise<AccessMatrix> {
  const admin = await adminToken(hub);
  const organization = (name: string, kind: 'PUBLIC' | 'PRIVATE') => createOrganization(hub, admin, { name, kind, sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
  const source = await organization('Source hospital group', 'PRIVATE');
  const recipient = await organization('Named recipient', 'PRIVATE');
  const grouped = await organization('Grouped pharma', 'PRIVATE');
  const publicBody = await organization('Ministry of Health', 'PUBLIC');
  const namedUsersOrganization = await organization('Named user employer', 'PRIVATE');
  const unrelated = await organization('Unrelated supplier', 'PRIVATE');
  const groupName = 'Joint working group';
  const group = await createSharingGroup(hub, admin, { name: groupName, organizationIds: [grouped.id] });

  const user = (email: string, role: RoleName, organizationId: string) => createUser(hub, admin, { email, role, organizationId });
  const key = async (token: string, name: string, distribution: 'INTERNAL' | 'CLIENTS') => (await createApiKey(hub, token, { name, distribution })).key;
  const submitter = await user('submitter@source.test', 'MEMBER', source.id);
  const namedUser = await user('named@named.test', 'MEMBER', namedUsersOrganization.id);
  const recipientUser = await user('reader@recipient.test', 'MEMBER', recipient.id);
  const groupMember = await user('member@grouped.test', 'ANALYST', grouped.id);
  const unrelatedKeyOwner = await user('keys@unrelated.test', 'MEMBER', unrelated.id);

  // A Record, so that the compiler refuses a relation without a viewer.
  const credentials: Record<Relation, string | undefined> = {
    submitter: submitter.token,
    'colleague of the submitter': (await user('colleague@source.test', 'MEMBER', source.id)).token,
    'named recipient organisation': recipientUser.token,
    'member of a recipient sharing group': groupMember.token,
    'member of a built-in audience': (await user('officer@ministry.test', 'FOCAL_POINT', publicBody.id)).token,
    'named recipient user': namedUser.token,
    'colleague of the named user': (await user('colleague@named.test', 'MEMBER', namedUsersOrganization.id)).token,
    'unrelated member': (await user('member@unrelated.test', 'MEMBER', unrelated.id)).token,
    'unrelated analyst': (await user('analyst@unrelated.test', 'ANALYST', unrelated.id)).token,
    'unrelated focal point': (await user('focal@unrelated.test', 'FOCAL_POINT', unrelated.id)).token,
    // The hub operator organisation is PRIVATE, so the admin is outside the PUBLIC_SECTOR audience used here.
    'hub admin': admin,
    'admin of the source organisation': (await user('admin@source.test', 'ADMIN', source.id)).token,
    'INTERNAL key of the source': await key(submitter.token, 'siem', 'INTERNAL'),
    'CLIENTS key of the source': await key(submitter.token, 'mssp', 'CLIENTS'),
    'INTERNAL key of the recipient organisation': await key(recipientUser.token, 'siem', 'INTERNAL'),
    'CLIENTS key of the recipient organisation': await key(recipientUser.token, 'mssp', 'CLIENTS'),
    // Reads AMBER shared with its group, but must not read AMBER+STRICT shared with it.
    'CLIENTS key of a recipient sharing group member': await key(groupMember.token, 'mssp', 'CLIENTS'),
    "named user's own key": await key(namedUser.token, 'script', 'INTERNAL'),
    'unrelated INTERNAL key': await key(unrelatedKeyOwner.token, 'tip', 'INTERNAL'),
    unauthenticated: undefined,
  };

  const fullAudience: AudienceSpec = { organizationIds: [recipient.id], sharingGroupIds: [group.id], audiences: ['PUBLIC_SECTOR'], userIds: [namedUser.id] };
  return {
    viewers: new Map(RELATIONS.map((relation) => [relation, credentials[relation]])),
    submitter,
    namedUser,
    source,
    recipient,
    group: { id: group.id, name: groupName },
    audienceFor: (tlp) => {
      switch (tlp) {
        case 'AMBER':
        case 'AMBER_STRICT':
          return fullAudience;
        case 'RED':
          return { userIds: [namedUser.id] };
        default:
          return undefined;
      }
    },
  };
}
