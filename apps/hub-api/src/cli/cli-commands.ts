// Only types from the hub here: reading the command line must not load Nest, so help and usage errors answer at once.
import type { OrganizationsService, SharingGroupsService, UsersService } from '@hub/members';
import { CommandError, text, texts, UsageError } from './command-line';
import type { CliIo, CommandSpec, Values } from './command-line';

const ROLES = 'MEMBER|ANALYST|FOCAL_POINT|ADMIN';
const SECTORS = 'HEALTHCARE_PROVIDER, PHARMA, MEDICAL_DEVICES, HEALTH_INSURANCE, PUBLIC_HEALTH, GOVERNMENT, IT_SUPPLIER, OTHER';
const PASSWORD_NOTE = 'Prefer --password-stdin: a password given with --password is visible to other users of this machine';

const passwordOptions = { password: { type: 'string' }, 'password-stdin': { type: 'boolean' } } as const;

function checkOnePassword(values: Values): void {
  if ((values.password === undefined) === (values['password-stdin'] === undefined)) {
    throw new UsageError('Give the password with exactly one of --password-stdin or --password', COMMANDS.filter((command) => command.check === checkOnePassword));
  }
}

async function passwordOf(values: Values, io: CliIo): Promise<string> {
  return values['password-stdin'] ? (await io.readStdin()).split(/\r?\n/)[0] : text(values.password)!;
}

/** Every admin task of the hub, as the GraphQL API offers it to admins; the same services, audited as the hub itself. */
export const COMMANDS: CommandSpec[] = [
  {
    name: 'org create',
    summary: 'Add a member organisation (and its STIX identity)',
    synopsis: `--name <name> --kind PUBLIC|PRIVATE --sector <sector> --country <ISO code>\n\nSectors: ${SECTORS}`,
    options: { name: { type: 'string' }, kind: { type: 'string' }, sector: { type: 'string' }, country: { type: 'string' } },
    required: ['name', 'kind', 'sector', 'country'],
    run: async (values, { organizations }) =>
      organizationOutput(
        await organizations.create({ name: values.name, kind: text(values.kind)?.toUpperCase(), sector: text(values.sector)?.toUpperCase(), country: values.country }, {}),
      ),
  },
  {
    name: 'org list',
    summary: 'Every organisation, deactivated ones too, by name',
    synopsis: '',
    options: {},
    run: async (_values, { organizations }) => (await organizations.list({}, true)).map(organizationOutput),
  },
  {
    name: 'org update',
    summary: 'Change the name, kind, sector or country of an organisation',
    synopsis: '--org <id or name> [--name <name>] [--kind PUBLIC|PRIVATE] [--sector <sector>] [--country <ISO code>]',
    options: { org: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, sector: { type: 'string' }, country: { type: 'string' } },
    required: ['org'],
    run: async (values, { organizations }) => {
      const organization = await findOrganization(organizations, text(values.org)!);
      const input = { name: values.name, kind: text(values.kind)?.toUpperCase(), sector: text(values.sector)?.toUpperCase(), country: values.country };
      return organizationOutput(await organizations.update(organization.id, input, {}));
    },
  },
  {
    name: 'org deactivate',
    summary: 'Cut the access of all the users and keys of an organisation at once',
    synopsis: '--org <id or name>',
    options: { org: { type: 'string' } },
    required: ['org'],
    run: async (values, { organizations }) => organizationOutput(await organizations.setActive((await findOrganization(organizations, text(values.org)!)).id, false, {})),
  },
  {
    name: 'org reactivate',
    summary: 'Give the active users and keys of an organisation their access back',
    synopsis: '--org <id or name>',
    options: { org: { type: 'string' } },
    required: ['org'],
    run: async (values, { organizations }) => organizationOutput(await organizations.setActive((await findOrganization(organizations, text(values.org)!)).id, true, {})),
  },
  {
    name: 'user create',
    summary: 'Add a person to an organisation',
    synopsis: `--email <address> --role ${ROLES} --org <id or name> (--password-stdin | --password <password>)\n\n${PASSWORD_NOTE}`,
    options: { email: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' }, ...passwordOptions },
    required: ['email', 'role', 'org'],
    check: checkOnePassword,
    run: async (values, { organizations, users }, io) => {
      const password = await passwordOf(values, io);
      const organization = await findOrganization(organizations, text(values.org)!);
      const user = await users.create({ email: values.email, password, role: text(values.role)?.toUpperCase(), organizationId: organization.id }, {});
      return { id: user.id, email: user.email, role: user.role, organizationId: organization.id, organization: organization.name };
    },
  },
  {
    name: 'user list',
    summary: 'People, by e-mail address',
    synopsis: '[--org <id or name>]',
    options: { org: { type: 'string' } },
    run: async (values, { organizations, users }) => {
      const organizationId = values.org ? (await findOrganization(organizations, text(values.org)!)).id : undefined;
      const listed = [];
      for (let after: string | undefined, hasNextPage = true; hasNextPage; ) {
        const page = await users.page({ organizationId }, 100, after);
        listed.push(...page.edges.map(({ node }) => userOutput(node)));
        ({ hasNextPage } = page.pageInfo);
        after = page.pageInfo.endCursor ?? undefined;
      }
      return listed;
    },
  },
  {
    name: 'user role',
    summary: 'Change the role of a person (their keys act with the new role from their next request)',
    synopsis: `--user <email> --role ${ROLES}`,
    options: { user: { type: 'string' }, role: { type: 'string' } },
    required: ['user', 'role'],
    run: async (values, { users }) => userOutput(await users.changeRole((await findUser(users, values)).id, text(values.role)?.toUpperCase(), {})),
  },
  {
    name: 'user deactivate',
    summary: 'Cut the access of a person and of their keys at once',
    synopsis: '--user <email>',
    options: { user: { type: 'string' } },
    required: ['user'],
    run: async (values, { users }) => userOutput(await users.setActive((await findUser(users, values)).id, false, {})),
  },
  {
    name: 'user reactivate',
    summary: 'Let a deactivated person sign in again (tokens issued before stay invalid)',
    synopsis: '--user <email>',
    options: { user: { type: 'string' } },
    required: ['user'],
    run: async (values, { users }) => userOutput(await users.setActive((await findUser(users, values)).id, true, {})),
  },
  {
    name: 'user reset-password',
    summary: 'Set a new password for a person; their tokens stop working and a sign-in lock is lifted',
    synopsis: `--user <email> (--password-stdin | --password <password>)\n\n${PASSWORD_NOTE}`,
    options: { user: { type: 'string' }, ...passwordOptions },
    required: ['user'],
    check: checkOnePassword,
    run: async (values, { users }, io) => {
      const password = await passwordOf(values, io);
      return { ...userOutput(await users.resetPassword((await findUser(users, values)).id, password, {})), signInLockLifted: true };
    },
  },
  {
    name: 'user unlock',
    summary: 'Lift the sign-in lock of a person locked out after failed sign-ins',
    synopsis: '--user <email>',
    options: { user: { type: 'string' } },
    required: ['user'],
    run: async (values, { users }) => ({ ...userOutput(await users.liftSignInLock((await findUser(users, values)).id, {})), signInLockLifted: true }),
  },
  {
    name: 'address unlock',
    summary: 'Lift the sign-in lock of an address (IPv6: of its /64) locked after failed sign-ins',
    synopsis: '--address <IP address>',
    options: { address: { type: 'string' } },
    required: ['address'],
    run: async (values, { lockLifts }) => ({ address: await lockLifts.liftAddress(text(values.address), {}), signInLockLifted: true }),
  },
  {
    name: 'group create',
    summary: 'Add a sharing group (a named set of organisations)',
    synopsis: '--name <name> [--description <text>] [--org <id or name>]...',
    options: { name: { type: 'string' }, description: { type: 'string' }, org: { type: 'string', multiple: true } },
    required: ['name'],
    run: async (values, { organizations, sharingGroups }) => {
      const organizationIds = await organizationIdsOf(organizations, values);
      return groupOutput(await sharingGroups.create({ name: values.name, description: values.description, organizationIds }, {}));
    },
  },
  {
    name: 'group list',
    summary: 'Every sharing group and its members, by name',
    synopsis: '',
    options: {},
    run: async (_values, { sharingGroups }) => (await sharingGroups.list()).map(groupOutput),
  },
  {
    name: 'group update',
    summary: 'Rename or describe a sharing group',
    synopsis: '--group <id or name> [--name <name>] [--description <text>]',
    options: { group: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' } },
    required: ['group'],
    run: async (values, { sharingGroups }) => groupOutput(await sharingGroups.update((await findGroup(sharingGroups, values)).id, { name: values.name, description: values.description }, {})),
  },
  {
    name: 'group add',
    summary: 'Add organisations to a sharing group (they read its objects from their next request)',
    synopsis: '--group <id or name> --org <id or name> [--org <id or name>]...',
    options: { group: { type: 'string' }, org: { type: 'string', multiple: true } },
    required: ['group', 'org'],
    run: async (values, { organizations, sharingGroups }) => {
      const group = await findGroup(sharingGroups, values);
      return groupOutput(await sharingGroups.addMembers(group.id, await organizationIdsOf(organizations, values), {}));
    },
  },
  {
    name: 'group remove',
    summary: 'Remove organisations from a sharing group (they stop reading its objects from their next request)',
    synopsis: '--group <id or name> --org <id or name> [--org <id or name>]...',
    options: { group: { type: 'string' }, org: { type: 'string', multiple: true } },
    required: ['group', 'org'],
    run: async (values, { organizations, sharingGroups }) => {
      const group = await findGroup(sharingGroups, values);
      return groupOutput(await sharingGroups.removeMembers(group.id, await organizationIdsOf(organizations, values), {}));
    },
  },
  {
    name: 'key create',
    summary: 'Make an API key for a person (it acts for their organisation with their role); shown only once',
    synopsis: '--user <email> --name <name> [--distribution INTERNAL|CLIENTS] [--expires <ISO date-time>]',
    options: { user: { type: 'string' }, name: { type: 'string' }, distribution: { type: 'string' }, expires: { type: 'string' } },
    required: ['user', 'name'],
    run: async (values, { users, apiKeys }, io) => {
      const user = await findUser(users, values);
      const { key, apiKey } = await apiKeys.create({ name: values.name, distribution: text(values.distribution)?.toUpperCase(), expiresAt: values.expires }, user.id, {});
      io.note('Store this key now: it is not shown again, and the hub keeps only its hash.');
      return { id: apiKey.id, key, prefix: apiKey.displayPrefix, name: apiKey.name, distribution: apiKey.distribution, organizationId: apiKey.organizationId, user: user.email, expiresAt: apiKey.expiresAt };
    },
  },
  {
    name: 'key list',
    summary: 'API keys (never the keys themselves), newest first',
    synopsis: '[--org <id or name>] [--revoked]   (--revoked lists revoked keys too)',
    options: { org: { type: 'string' }, revoked: { type: 'boolean' } },
    run: async (values, { organizations, apiKeys }) => {
      const chosen = values.org ? [await findOrganization(organizations, text(values.org)!)] : await organizations.list({}, true);
      const listed = [];
      for (const organization of chosen) {
        for (const apiKey of await apiKeys.listForOrganization(organization.id, values.revoked === true)) {
          listed.push({
            id: apiKey.id,
            prefix: apiKey.displayPrefix,
            name: apiKey.name,
            organization: organization.name,
            user: apiKey.createdBy.email,
            distribution: apiKey.distribution,
            createdAt: apiKey.createdAt,
            expiresAt: apiKey.expiresAt,
            lastUsedAt: apiKey.lastUsedAt,
            revokedAt: apiKey.revokedAt,
          });
        }
      }
      return listed;
    },
  },
  {
    name: 'key revoke',
    summary: 'Stop an API key at once',
    synopsis: '--id <key id>',
    options: { id: { type: 'string' } },
    required: ['id'],
    run: async (values, { apiKeys }) => ({ id: values.id, revoked: await apiKeys.revoke(text(values.id)!, {}) }),
  },
];

async function findOrganization(organizations: OrganizationsService, reference: string) {
  const organization = await organizations.findByIdOrName(reference);
  if (!organization) throw new CommandError(`No organisation has the id or name ${reference}`);
  return organization;
}

async function organizationIdsOf(organizations: OrganizationsService, values: Values): Promise<string[]> {
  const ids = [];
  for (const reference of texts(values.org)) ids.push((await findOrganization(organizations, reference)).id);
  return ids;
}

async function findUser(users: UsersService, values: Values) {
  const email = text(values.user)!;
  const user = await users.findByEmail(email);
  if (!user) throw new CommandError(`No user has the e-mail address ${email}`);
  return user;
}

async function findGroup(sharingGroups: SharingGroupsService, values: Values) {
  const reference = text(values.group)!.trim();
  const group = (await sharingGroups.list()).find((candidate) => candidate.id === reference || candidate.name.toLowerCase() === reference.toLowerCase());
  if (!group) throw new CommandError(`No sharing group has the id or name ${reference}`);
  return group;
}

function organizationOutput(organization: { id: string; name: string; kind: string; sector: string; country: string | null; identityId: string; active: boolean }) {
  const { id, name, kind, sector, country, identityId, active } = organization;
  return { id, name, kind, sector, country, identityId, active };
}

function userOutput(user: { id: string; email: string; role: string; active: boolean; organization: { name: string } }) {
  return { id: user.id, email: user.email, role: user.role, active: user.active, organization: user.organization.name };
}

function groupOutput(group: { id: string; name: string; description: string | null; organizations: { name: string }[] }) {
  return { id: group.id, name: group.name, description: group.description, organizations: group.organizations.map((organization) => organization.name).sort() };
}
