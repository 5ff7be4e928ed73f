import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken } from '../support/members';
import { createTestDatabase, queryDatabase, TestDatabase } from '../support/test-database';
import { startTestHub } from '../support/test-hub';

// The built command line (npm test builds first), as `npm run hub -- ...` runs it.
const CLI = join(import.meta.dirname, '../../dist/apps/hub-api/src/cli.js');

// Each run starts Node, Nest and a database connection (about a second).
const CLI_TEST_TIMEOUT_MS = 60_000;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('the operators’ command line', () => {
  let database: TestDatabase;
  let dataDir: string;

  function hub(args: string[], stdin = ''): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], {
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, HUB_DATA_DIR: dataDir },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
  });

  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('explains its usage and exits with 2 for a wrong command line', async () => {
    const none = await hub([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('org create --name <name> --kind PUBLIC|PRIVATE');
    const unknown = await hub(['org', 'frobnicate']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('Unknown command: org frobnicate');
    const missing = await hub(['user', 'create', '--email', 'a@b.test', '--role', 'MEMBER', '--org', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('exactly one of --password-stdin or --password');
  }, CLI_TEST_TIMEOUT_MS);

  it('sets up an organisation, a user and a key that the hub then accepts', async () => {
    const organization = await hub(['org', 'create', '--name', 'Nemocnice Na Homolce', '--kind', 'public', '--sector', 'HEALTHCARE_PROVIDER', '--country', 'cz']);
    expect(organization.code).toBe(0);
    expect(JSON.parse(organization.stdout)).toMatchObject({ name: 'Nemocnice Na Homolce', kind: 'PUBLIC', country: 'CZ', identityId: expect.stringMatching(/^identity--/) });

    const user = await hub(['user', 'create', '--email', 'SOC@homolka.test', '--role', 'member', '--org', 'nemocnice na homolce', '--password-stdin'], 'a long passphrase for soc\n');
    expect(user.code).toBe(0);
    expect(JSON.parse(user.stdout)).toMatchObject({ email: 'soc@homolka.test', role: 'MEMBER', organization: 'Nemocnice Na Homolce' });

    const created = await hub(['key', 'create', '--user', 'soc@homolka.test', '--name', 'SIEM', '--distribution', 'clients']);
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as { id: string; key: string; distribution: string };
    expect(key).toMatchObject({ key: expect.stringMatching(/^hubk_/), distribution: 'CLIENTS' });
    expect(created.stderr).toContain('not shown again');

    const listed = await hub(['user', 'list']);
    expect(JSON.parse(listed.stdout)).toEqual([{ id: expect.any(String), email: 'soc@homolka.test', role: 'MEMBER', active: true, organization: 'Nemocnice Na Homolce' }]);
    expect(JSON.parse((await hub(['org', 'list'])).stdout)).toHaveLength(1);

    const [stored] = await queryDatabase<Record<string, unknown>>(database.url, 'SELECT * FROM api_key WHERE id = $1', [key.id]);
    expect(JSON.stringify(stored)).not.toContain(key.key.slice('hubk_'.length));
    const audit = await queryDatabase<{ action: string; actor_kind: string }>(database.url, 'SELECT action, actor_kind FROM audit_log ORDER BY seq');
    expect(audit).toEqual([
      { action: 'organization.create', actor_kind: 'system' },
      { action: 'user.create', actor_kind: 'system' },
      { action: 'api_key.create', actor_kind: 'system' },
    ]);

    const running = await startTestHub({}, { database });
    try {
      const me = await running.graphql<{ me: { email: string } }>('{ me { email } }', {}, key.key);
      expect(me.data?.me.email).toBe('soc@homolka.test');
      expect((await hub(['key', 'revoke', '--id', key.id])).code).toBe(0);
      expect((await running.graphql('{ me { email } }', {}, key.key)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      await expect(adminToken(running)).resolves.toEqual(expect.any(String));
    } finally {
      await running.close();
    }
  }, CLI_TEST_TIMEOUT_MS);

  it('reports refused input on standard error with exit code 1', async () => {
    const duplicate = await hub(['org', 'create', '--name', 'NEMOCNICE NA HOMOLCE', '--kind', 'PUBLIC', '--sector', 'HEALTHCARE_PROVIDER', '--country', 'CZ']);
    expect(duplicate).toMatchObject({ code: 1, stdout: '' });
    expect(duplicate.stderr).toContain('org create: invalid input\n  name: is already used by another organisation');
    const weak = await hub(['user', 'create', '--email', 'x@homolka.test', '--role', 'MEMBER', '--org', 'Nemocnice Na Homolce', '--password', 'short']);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('password: must have at least 12 characters');
    const noSuchOrganization = await hub(['user', 'create', '--email', 'x@homolka.test', '--role', 'MEMBER', '--org', 'Nowhere', '--password-stdin'], 'long enough password\n');
    expect(noSuchOrganization.code).toBe(1);
    expect(noSuchOrganization.stderr).toContain('No organisation has the id or name Nowhere');
  }, CLI_TEST_TIMEOUT_MS);
});
