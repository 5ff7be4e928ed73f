import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubMigrations } from '@hub/hub-api';
import { runMigrations } from '@hub/platform';
import { adminToken } from '../support/members';
import { createTestDatabase, queryDatabase, TestDatabase } from '../support/test-database';
import { startTestHub, TestHub } from '../support/test-hub';

// The command line as operators run it: bin/hub.mjs runs the built dist/ (npm test builds first).
const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/hub.mjs');
const BUILT_CLI = join(ROOT, 'dist/apps/hub-api/src/cli.js');

// Each run starts Node, Nest and a database connection (one or two seconds on a busy machine).
const CLI_TEST_TIMEOUT_MS = 180_000;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

describe('the operators’ command line', () => {
  let database: TestDatabase;
  let dataDir: string;
  // One hub runs on the database once the first organisation, user and key exist (started by the first test that needs it).
  let running: TestHub | undefined;
  const runningHub = async () => (running ??= await startTestHub({}, { database }));

  const hub = (args: string[], stdin = '') => run(process.execPath, [BIN, ...args], { DATABASE_URL: database.url, HUB_DATA_DIR: dataDir }, stdin);
  /** Runs with --json and returns the parsed result; standard output must hold nothing else. */
  async function hubJson<T = Record<string, unknown>>(args: string[], stdin = ''): Promise<T> {
    const result = await hub([...args, '--json'], stdin);
    if (result.code !== 0) throw new Error(`hub ${args.join(' ')} exited with ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    // A hub's database, without the first admin a started hub would add: the audit log starts empty.
    await runMigrations(database.url, hubMigrations);
    dataDir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
  });

  afterAll(async () => {
    await running?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Runs that change nothing go side by side: each is a Node process of its own, mostly starting up.
  it('explains its usage and exits with 2 for a wrong command line', async () => {
    const [none, unknown, missing] = await Promise.all([
      hub([]),
      hub(['org', 'frobnicate']),
      hub(['user', 'create', '--email', 'a@b.test', '--role', 'MEMBER', '--org', 'x']),
    ]);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toContain('org create');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('Unknown command: org frobnicate');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('exactly one of --password-stdin or --password');
  }, CLI_TEST_TIMEOUT_MS);

  it('has --help for every command, on standard output, with exit code 0', async () => {
    const overview = await hub(['--help']);
    expect(overview.code).toBe(0);
    const commands = [...overview.stdout.matchAll(/^ {2}([a-z]+ [a-z-]+) {2,}/gm)].map((match) => match[1]);
    expect(commands).toEqual(
      expect.arrayContaining(['group create', 'group add', 'group remove', 'user role', 'user deactivate', 'user unlock', 'user reset-password', 'key list', 'key revoke']),
    );
    const helps = await Promise.all(commands.map((command) => hub([...command.split(' '), '--help'])));
    for (const [index, command] of commands.entries()) {
      expect({ command, ...helps[index] }).toMatchObject({ command, code: 0, stderr: '' });
      expect(helps[index].stdout).toContain(`Usage: hub ${command} `);
    }
  }, CLI_TEST_TIMEOUT_MS);

  it('runs the built command line without rebuilding it, through npm run hub too', async () => {
    const builtAt = statSync(BUILT_CLI).mtimeMs;
    const [direct, throughNpm] = await Promise.all([
      hub(['org', 'list', '--json']),
      run('npm', ['run', '--silent', 'hub', '--', 'org', 'list', '--json'], { DATABASE_URL: database.url, HUB_DATA_DIR: dataDir }),
    ]);
    expect(direct).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(direct.stdout)).toEqual([]);
    expect(throughNpm.code).toBe(0);
    expect(JSON.parse(throughNpm.stdout)).toEqual([]);
    expect(statSync(BUILT_CLI).mtimeMs).toBe(builtAt);
  }, CLI_TEST_TIMEOUT_MS);

  it('refuses, with exit code 3, a data folder or a database that holds no hub, and creates nothing there', async () => {
    const emptyFolder = mkdtempSync(join(tmpdir(), 'hub-cli-empty-'));
    const emptyDatabase = await createTestDatabase();
    try {
      const [inFolder, inDatabase] = await Promise.all([
        run(process.execPath, [BIN, 'org', 'list'], { HUB_DATA_DIR: emptyFolder }),
        run(process.execPath, [BIN, 'org', 'create', '--name', 'X', '--kind', 'PUBLIC', '--sector', 'OTHER', '--country', 'CZ'], { DATABASE_URL: emptyDatabase.url }),
      ]);
      expect(inFolder).toMatchObject({ code: 3, stdout: '' });
      expect(inFolder.stderr).toContain(`HUB_DATA_DIR ${emptyFolder} holds no hub`);
      expect(readdirSync(emptyFolder)).toEqual([]);
      expect(inDatabase).toMatchObject({ code: 3, stdout: '' });
      expect(inDatabase.stderr).toContain('DATABASE_URL holds no hub');
      expect(await queryDatabase(emptyDatabase.url, "SELECT 1 FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
    } finally {
      rmSync(emptyFolder, { recursive: true, force: true });
      await emptyDatabase.drop();
    }
  }, CLI_TEST_TIMEOUT_MS);

  it('sets up an organisation, a user and a key that the hub then accepts', async () => {
    const organization = await hubJson(['org', 'create', '--name', 'Nemocnice Na Homolce', '--kind', 'public', '--sector', 'HEALTHCARE_PROVIDER', '--country', 'cz']);
    expect(organization).toMatchObject({ name: 'Nemocnice Na Homolce', kind: 'PUBLIC', country: 'CZ', identityId: expect.stringMatching(/^identity--/) });

    const user = await hubJson(['user', 'create', '--email', 'SOC@homolka.test', '--role', 'member', '--org', 'nemocnice na homolce', '--password-stdin'], 'a long passphrase for soc\n');
    expect(user).toMatchObject({ email: 'soc@homolka.test', role: 'MEMBER', organization: 'Nemocnice Na Homolce' });

    const created = await hub(['key', 'create', '--user', 'soc@homolka.test', '--name', 'SIEM', '--distribution', 'clients', '--json']);
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as { id: string; key: string; distribution: string };
    expect(key).toMatchObject({ key: expect.stringMatching(/^hubk_/), distribution: 'CLIENTS' });
    expect(created.stderr).toContain('not shown again');

    const [users, organizations, forPeople] = await Promise.all([hubJson(['user', 'list']), hubJson<unknown[]>(['org', 'list']), hub(['user', 'list'])]);
    expect(users).toEqual([{ id: expect.any(String), email: 'soc@homolka.test', role: 'MEMBER', active: true, organization: 'Nemocnice Na Homolce' }]);
    expect(organizations).toHaveLength(1);
    // Without --json, a table for people: a header, then one line per user.
    expect(forPeople.stdout.trim().split('\n').map((line) => line.split(/ {2,}/).slice(1))).toEqual([
      ['email', 'role', 'active', 'organization'],
      ['soc@homolka.test', 'MEMBER', 'true', 'Nemocnice Na Homolce'],
    ]);

    const [stored] = await queryDatabase<Record<string, unknown>>(database.url, 'SELECT * FROM api_key WHERE id = $1', [key.id]);
    expect(JSON.stringify(stored)).not.toContain(key.key.slice('hubk_'.length));
    const audit = await queryDatabase<{ action: string; actor_kind: string }>(database.url, 'SELECT action, actor_kind FROM audit_log ORDER BY seq');
    expect(audit).toEqual([
      { action: 'organization.create', actor_kind: 'system' },
      { action: 'user.create', actor_kind: 'system' },
      { action: 'api_key.create', actor_kind: 'system' },
    ]);

    const hubNow = await runningHub();
    const me = await hubNow.graphql<{ me: { email: string } }>('{ me { email } }', {}, key.key);
    expect(me.data?.me.email).toBe('soc@homolka.test');
    expect(await hubJson(['key', 'list'])).toEqual([expect.objectContaining({ id: key.id, name: 'SIEM', organization: 'Nemocnice Na Homolce', user: 'soc@homolka.test', revokedAt: null })]);
    expect((await hub(['key', 'revoke', '--id', key.id])).code).toBe(0);
    expect((await hubNow.graphql('{ me { email } }', {}, key.key)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const [unrevoked, revoked] = await Promise.all([hubJson(['key', 'list']), hubJson(['key', 'list', '--org', 'Nemocnice Na Homolce', '--revoked'])]);
    expect(unrevoked).toEqual([]);
    expect(revoked).toEqual([expect.objectContaining({ id: key.id, revokedAt: expect.any(String) })]);
    await expect(adminToken(hubNow)).resolves.toEqual(expect.any(String));
  }, CLI_TEST_TIMEOUT_MS);

  it('reports refused input on standard error with exit code 1', async () => {
    const [duplicate, weak, noSuchOrganization] = await Promise.all([
      hub(['org', 'create', '--name', 'NEMOCNICE NA HOMOLCE', '--kind', 'PUBLIC', '--sector', 'HEALTHCARE_PROVIDER', '--country', 'CZ']),
      hub(['user', 'create', '--email', 'x@homolka.test', '--role', 'MEMBER', '--org', 'Nemocnice Na Homolce', '--password', 'short']),
      hub(['user', 'create', '--email', 'x@homolka.test', '--role', 'MEMBER', '--org', 'Nowhere', '--password-stdin'], 'long enough password\n'),
    ]);
    expect(duplicate).toMatchObject({ code: 1, stdout: '' });
    expect(duplicate.stderr).toContain('org create: invalid input\n  name: is already used by another organisation');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('password: must have at least 12 characters');
    expect(noSuchOrganization.code).toBe(1);
    expect(noSuchOrganization.stderr).toContain('No organisation has the id or name Nowhere');
  }, CLI_TEST_TIMEOUT_MS);

  describe('every admin task, against a running hub', () => {
    const login = async (email: string, password: string) => (await (await runningHub()).graphql(LOGIN, { email, password })).errors?.[0].extensions?.code ?? 'OK';

    beforeAll(async () => {
      await runningHub();
      await hubJson(['org', 'create', '--name', 'Pharma Omega', '--kind', 'PRIVATE', '--sector', 'PHARMA', '--country', 'DE']);
      await hubJson(['user', 'create', '--email', 'analyst@omega.test', '--role', 'MEMBER', '--org', 'Pharma Omega', '--password-stdin'], 'omega analyst passphrase 1\n');
    }, CLI_TEST_TIMEOUT_MS);

    it('manages sharing groups and their members', async () => {
      const group = await hubJson(['group', 'create', '--name', 'Joint working group', '--description', 'pharma and hospitals', '--org', 'Pharma Omega', '--org', 'Nemocnice Na Homolce']);
      expect(group).toMatchObject({ name: 'Joint working group', description: 'pharma and hospitals', organizations: ['Nemocnice Na Homolce', 'Pharma Omega'] });
      expect(await hubJson(['group', 'remove', '--group', 'joint working group', '--org', 'Pharma Omega'])).toMatchObject({ organizations: ['Nemocnice Na Homolce'] });
      expect(await hubJson(['group', 'add', '--group', 'Joint working group', '--org', 'Pharma Omega'])).toMatchObject({ organizations: ['Nemocnice Na Homolce', 'Pharma Omega'] });
      expect(await hubJson(['group', 'update', '--group', 'Joint working group', '--name', 'JWG'])).toMatchObject({ name: 'JWG' });
      expect(await hubJson(['group', 'list'])).toEqual([expect.objectContaining({ name: 'JWG', organizations: ['Nemocnice Na Homolce', 'Pharma Omega'] })]);
      const actions = await queryDatabase<{ action: string }>(database.url, "SELECT action FROM audit_log WHERE target_type = 'sharing_group' AND actor_kind = 'system' ORDER BY seq");
      expect(actions.map(({ action }) => action)).toEqual(['sharing_group.create', 'sharing_group.members_remove', 'sharing_group.members_add', 'sharing_group.update']);
    }, CLI_TEST_TIMEOUT_MS);

    it('changes roles, deactivates and reactivates people and organisations', async () => {
      expect(await hubJson(['user', 'role', '--user', 'analyst@omega.test', '--role', 'analyst'])).toMatchObject({ role: 'ANALYST' });
      expect(await hubJson(['user', 'deactivate', '--user', 'analyst@omega.test'])).toMatchObject({ active: false });
      expect(await login('analyst@omega.test', 'omega analyst passphrase 1')).toBe('UNAUTHENTICATED');
      expect(await hubJson(['user', 'reactivate', '--user', 'analyst@omega.test'])).toMatchObject({ active: true });
      expect(await login('analyst@omega.test', 'omega analyst passphrase 1')).toBe('OK');
      expect(await hubJson(['org', 'deactivate', '--org', 'Pharma Omega'])).toMatchObject({ active: false });
      expect(await login('analyst@omega.test', 'omega analyst passphrase 1')).toBe('UNAUTHENTICATED');
      expect(await hubJson(['org', 'reactivate', '--org', 'Pharma Omega'])).toMatchObject({ active: true });
      expect(await hubJson(['org', 'update', '--org', 'Pharma Omega', '--country', 'AT'])).toMatchObject({ country: 'AT' });
      expect(await login('analyst@omega.test', 'omega analyst passphrase 1')).toBe('OK');
    }, CLI_TEST_TIMEOUT_MS);

    it('lifts the sign-in lock the running hub keeps, of a person and of an address, and a password reset lifts it too', async () => {
      const lock = async (email: string, password: string) => {
        for (let attempt = 0; attempt < 5; attempt++) await login(email, `wrong guess ${attempt}`);
        expect(await login(email, password)).toBe('RATE_LIMITED');
      };
      await lock('analyst@omega.test', 'omega analyst passphrase 1');
      expect(await hubJson(['user', 'unlock', '--user', 'analyst@omega.test'])).toMatchObject({ email: 'analyst@omega.test', signInLockLifted: true });
      expect(await login('analyst@omega.test', 'omega analyst passphrase 1')).toBe('OK');

      await lock('analyst@omega.test', 'omega analyst passphrase 1');
      await hubJson(['user', 'reset-password', '--user', 'analyst@omega.test', '--password-stdin'], 'a fresh omega passphrase 2\n');
      expect(await login('analyst@omega.test', 'a fresh omega passphrase 2')).toBe('OK');

      // Failures on other accounts, until the address itself is locked (20 failures) for everybody.
      for (let attempt = 0; attempt < 20 && (await login(`nobody${attempt}@omega.test`, 'wrong guess')) !== 'RATE_LIMITED'; attempt++);
      expect(await login('analyst@omega.test', 'a fresh omega passphrase 2')).toBe('RATE_LIMITED');
      expect(await hubJson(['address', 'unlock', '--address', '127.0.0.1'])).toEqual({ address: '127.0.0.1', signInLockLifted: true });
      expect(await login('analyst@omega.test', 'a fresh omega passphrase 2')).toBe('OK');

      const lifts = await queryDatabase<{ actor_kind: string; details: unknown }>(database.url, "SELECT actor_kind, details FROM audit_log WHERE action = 'auth.sign_in_lock_lift' ORDER BY seq");
      expect(lifts).toEqual([
        { actor_kind: 'system', details: { email: 'analyst@omega.test' } },
        { actor_kind: 'system', details: { address: '127.0.0.1' } },
      ]);
    }, CLI_TEST_TIMEOUT_MS);
  });
});
