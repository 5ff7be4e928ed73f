// Only types from the hub here: reading the command line must not load Nest, so usage errors answer at once.
import type { ApiKeysService, OrganizationsService, UsersService } from '@hub/members';
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run --silent hub -- <command> [options]

  org create --name <name> --kind PUBLIC|PRIVATE --sector <sector> --country <ISO code>
  org list
  user create --email <address> --role MEMBER|ANALYST|FOCAL_POINT|ADMIN --org <id or name>
              (--password-stdin | --password <password>)
  user list [--org <id or name>]
  key create --user <email> --name <name> [--distribution INTERNAL|CLIENTS] [--expires <ISO date-time>]
  key revoke --id <key id>

Sectors: HEALTHCARE_PROVIDER, PHARMA, MEDICAL_DEVICES, HEALTH_INSURANCE, PUBLIC_HEALTH, GOVERNMENT, IT_SUPPLIER, OTHER.
Results are printed as JSON on standard output. The database is DATABASE_URL, or the embedded one in HUB_DATA_DIR.
Prefer --password-stdin: a password given with --password is visible to other users of this machine.`;

/** A mistake in the command line itself: the usage is printed, exit code 2. */
export class UsageError extends Error {}

/** The command could not be done (e.g. an unknown organisation): exit code 1. */
export class CommandError extends Error {}

export interface CliServices {
  organizations: OrganizationsService;
  users: UsersService;
  apiKeys: ApiKeysService;
}

export interface CliIo {
  /** The whole standard input (read only by --password-stdin). */
  readStdin(): Promise<string>;
  /** Notes for the operator, on standard error. */
  note(message: string): void;
}

export interface CliCommand {
  name: string;
  run(services: CliServices, io: CliIo): Promise<unknown>;
}

type Options = Record<string, { type: 'string' | 'boolean' }>;

function parse(args: string[], options: Options, required: string[]): Record<string, string | boolean | undefined> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const missing = required.filter((option) => values[option] === undefined || values[option] === '');
  if (missing.length) throw new UsageError(`Missing ${missing.map((option) => `--${option}`).join(', ')}`);
  return values;
}

const text = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

/** Reads the command from the arguments; nothing touches the database until `run`. */
export function parseCommand(argv: string[]): CliCommand {
  const [noun, verb, ...args] = argv;
  switch (`${noun ?? ''} ${verb ?? ''}`) {
    case 'org create': {
      const values = parse(args, { name: { type: 'string' }, kind: { type: 'string' }, sector: { type: 'string' }, country: { type: 'string' } }, ['name', 'kind', 'sector', 'country']);
      return {
        name: 'org create',
        run: async ({ organizations }) => {
          const organization = await organizations.create(
            { name: values.name, kind: text(values.kind)?.toUpperCase(), sector: text(values.sector)?.toUpperCase(), country: values.country },
            {},
          );
          return organizationOutput(organization);
        },
      };
    }
    case 'org list':
      parse(args, {}, []);
      return { name: 'org list', run: async ({ organizations }) => (await organizations.list({}, true)).map(organizationOutput) };
    case 'user create': {
      const values = parse(
        args,
        { email: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' }, password: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
        ['email', 'role', 'org'],
      );
      if ((values.password === undefined) === (values['password-stdin'] === undefined)) throw new UsageError('Give the password with exactly one of --password-stdin or --password');
      return {
        name: 'user create',
        run: async ({ organizations, users }, io) => {
          const password = values['password-stdin'] ? firstLine(await io.readStdin()) : text(values.password)!;
          const organization = await findOrganization(organizations, text(values.org)!);
          const user = await users.create({ email: values.email, password, role: text(values.role)?.toUpperCase(), organizationId: organization.id }, {});
          return { id: user.id, email: user.email, role: user.role, organizationId: organization.id, organization: organization.name };
        },
      };
    }
    case 'user list': {
      const values = parse(args, { org: { type: 'string' } }, []);
      return {
        name: 'user list',
        run: async ({ organizations, users }) => {
          const organizationId = values.org ? (await findOrganization(organizations, text(values.org)!)).id : undefined;
          const listed = [];
          for (let after: string | undefined, hasNextPage = true; hasNextPage; ) {
            const page = await users.page({ organizationId }, 100, after);
            listed.push(...page.edges.map(({ node }) => ({ id: node.id, email: node.email, role: node.role, active: node.active, organization: node.organization.name })));
            ({ hasNextPage } = page.pageInfo);
            after = page.pageInfo.endCursor ?? undefined;
          }
          return listed;
        },
      };
    }
    case 'key create': {
      const values = parse(args, { user: { type: 'string' }, name: { type: 'string' }, distribution: { type: 'string' }, expires: { type: 'string' } }, ['user', 'name']);
      return {
        name: 'key create',
        run: async ({ users, apiKeys }, io) => {
          const user = await users.findByEmail(text(values.user)!);
          if (!user) throw new CommandError(`No user has the e-mail address ${text(values.user)}`);
          const { key, apiKey } = await apiKeys.create({ name: values.name, distribution: text(values.distribution)?.toUpperCase(), expiresAt: values.expires }, user.id, {});
          io.note('Store this key now: it is not shown again, and the hub keeps only its hash.');
          return { id: apiKey.id, key, prefix: apiKey.displayPrefix, name: apiKey.name, distribution: apiKey.distribution, organizationId: apiKey.organizationId, user: user.email, expiresAt: apiKey.expiresAt };
        },
      };
    }
    case 'key revoke': {
      const values = parse(args, { id: { type: 'string' } }, ['id']);
      return { name: 'key revoke', run: async ({ apiKeys }) => ({ id: values.id, revoked: await apiKeys.revoke(text(values.id)!, {}) }) };
    }
    default:
      throw new UsageError(noun ? `Unknown command: ${[noun, verb].filter(Boolean).join(' ')}` : 'No command given');
  }
}

async function findOrganization(organizations: OrganizationsService, reference: string) {
  const organization = await organizations.findByIdOrName(reference);
  if (!organization) throw new CommandError(`No organisation has the id or name ${reference}`);
  return organization;
}

function organizationOutput(organization: { id: string; name: string; kind: string; sector: string; country: string | null; identityId: string; active: boolean }) {
  const { id, name, kind, sector, country, identityId, active } = organization;
  return { id, name, kind, sector, country, identityId, active };
}

function firstLine(input: string): string {
  return input.split(/\r?\n/)[0];
}
