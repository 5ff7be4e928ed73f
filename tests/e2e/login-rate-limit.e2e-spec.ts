import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { adminToken, createOrganization, createUser } from '../support/members';
import { queryDatabase } from '../support/test-database';
import { startTestHub, TEST_ADMIN, TestHub } from '../support/test-hub';

const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
const ACCOUNT_LIMIT = 5;
const ADDRESS_LIMIT = 20;

async function tryLogin(hub: TestHub, email: string, password: string): Promise<{ code?: string; message?: string }> {
  const response = await hub.graphql(LOGIN, { email, password });
  return response.errors ? { code: response.errors[0].extensions?.code, message: response.errors[0].message } : {};
}

describe('login rate limits', () => {
  describe('per account', () => {
    let hub: TestHub;
    let user: { email: string; password: string };

    beforeAll(async () => {
      hub = await startTestHub();
      const admin = await adminToken(hub);
      const organizationId = (await createOrganization(hub, admin, { name: 'Hospital Gamma', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'PL' })).id;
      user = await createUser(hub, admin, { email: 'target@gamma.test', role: 'MEMBER', organizationId });
    });

    afterAll(async () => {
      await hub?.close();
    });

    it(`refuses the account after ${ACCOUNT_LIMIT} failures, even with the right password, saying when to retry`, async () => {
      for (let attempt = 0; attempt < ACCOUNT_LIMIT; attempt++) {
        expect((await tryLogin(hub, user.email, `guess number ${attempt}`)).code).toBe('UNAUTHENTICATED');
      }
      const refused = await tryLogin(hub, user.email, user.password);
      expect(refused.code).toBe('RATE_LIMITED');
      expect(refused.message).toMatch(/^Too many failed sign-in attempts; try again after \d{4}-\d\d-\d\dT[\d:.]+Z \(in 15 minutes\)$/);
      expect((await tryLogin(hub, user.email.toUpperCase(), user.password)).code).toBe('RATE_LIMITED');
      const [{ n }] = await queryDatabase<{ n: number }>(hub.databaseUrl, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login' AND outcome = 'denied'");
      expect(n).toBe(2);
    });

    it('counts wrong current passwords of changePassword against the same limit, so a stolen token cannot guess the password', async () => {
      const admin = await adminToken(hub);
      const organizationId = (await queryDatabase<{ id: string }>(hub.databaseUrl, "SELECT id FROM organization WHERE name = 'Hospital Gamma'"))[0].id;
      const holder = await createUser(hub, admin, { email: 'holder@gamma.test', role: 'MEMBER', organizationId });
      const change = 'mutation ($current: String!) { changePassword(currentPassword: $current, newPassword: "an attacker passphrase 1") { token } }';
      for (let attempt = 0; attempt < ACCOUNT_LIMIT; attempt++) {
        const guess = await hub.graphql(change, { current: `guess number ${attempt}` }, holder.token);
        expect(guess.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      }
      const refused = await hub.graphql(change, { current: holder.password }, holder.token);
      expect(refused.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      const audited = await queryDatabase<{ outcome: string }>(hub.databaseUrl, "SELECT outcome FROM audit_log WHERE action = 'auth.password_change' AND target_id = $1 ORDER BY seq", [holder.id]);
      // The first row is the person choosing their own password at first sign-in (tests/support/members.ts).
      expect(audited.map(({ outcome }) => outcome)).toEqual(['success', ...Array(ACCOUNT_LIMIT).fill('failure'), 'denied']);
      expect((await tryLogin(hub, holder.email, holder.password)).code).toBe('RATE_LIMITED');
      await expect(tryLogin(hub, holder.email, 'an attacker passphrase 1')).resolves.toMatchObject({ code: 'RATE_LIMITED' });
    });

    it('counts unknown e-mail addresses too, so the limit does not reveal which accounts exist', async () => {
      for (let attempt = 0; attempt < ACCOUNT_LIMIT; attempt++) await tryLogin(hub, 'ghost@gamma.test', `guess ${attempt}`);
      expect((await tryLogin(hub, 'ghost@gamma.test', 'guess again')).code).toBe('RATE_LIMITED');
    });
  });

  describe('per address', () => {
    let hub: TestHub;
    let admin: string;

    beforeAll(async () => {
      hub = await startTestHub();
      admin = await adminToken(hub);
    });

    afterAll(async () => {
      await hub?.close();
    });

    it(`refuses every sign-in from an address after ${ADDRESS_LIMIT} failures across accounts`, async () => {
      for (let attempt = 0; attempt < ADDRESS_LIMIT; attempt++) {
        expect((await tryLogin(hub, `user${attempt}@spray.test`, 'Winter2025!!')).code).toBe('UNAUTHENTICATED');
      }
      expect((await tryLogin(hub, 'someone-new@spray.test', 'Winter2025!!')).code).toBe('RATE_LIMITED');
      // The admin's correct password from the same address is refused too: the check comes before the password.
      expect((await tryLogin(hub, TEST_ADMIN.email, TEST_ADMIN.password)).code).toBe('RATE_LIMITED');
    });

    it('lets an admin lift the lock of an address, audited', async () => {
      const lifted = await hub.graphql<{ liftAddressSignInLock: string }>('mutation { liftAddressSignInLock(address: "127.0.0.1") }', {}, admin);
      expect(lifted.data?.liftAddressSignInLock).toBe('127.0.0.1');
      expect((await tryLogin(hub, TEST_ADMIN.email, TEST_ADMIN.password)).code).toBeUndefined();
      const refused = await hub.graphql('mutation { liftAddressSignInLock(address: "not an address") }', {}, admin);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'address', message: 'must be an IPv4 or IPv6 address' }] });
      const audited = await queryDatabase<{ details: unknown }>(hub.databaseUrl, "SELECT details FROM audit_log WHERE action = 'auth.sign_in_lock_lift'");
      expect(audited).toEqual([{ details: { address: '127.0.0.1' } }]);
    });

    it(`checks at most ${ADDRESS_LIMIT} passwords from one address when 100 attempts on different accounts arrive at once`, async () => {
      const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => tryLogin(hub, `burst${i}@spray.test`, 'Spring2026!!')));
      expect(outcomes.filter(({ code }) => code === 'UNAUTHENTICATED')).toHaveLength(ADDRESS_LIMIT);
      expect(outcomes.filter(({ code }) => code === 'RATE_LIMITED')).toHaveLength(100 - ADDRESS_LIMIT);
      const [{ verified }] = await queryDatabase<{ verified: number }>(
        hub.databaseUrl,
        "SELECT count(*)::int AS verified FROM audit_log WHERE action = 'auth.login' AND outcome = 'failure' AND details->>'email' LIKE 'burst%'",
      );
      expect(verified).toBe(ADDRESS_LIMIT);
      expect((await tryLogin(hub, TEST_ADMIN.email, TEST_ADMIN.password)).code).toBe('RATE_LIMITED');
    });
  });

  describe('under concurrency, and lifted by a password reset', () => {
    let hub: TestHub;
    let admin: string;
    let organizationId: string;

    beforeAll(async () => {
      hub = await startTestHub();
      admin = await adminToken(hub);
      organizationId = (await createOrganization(hub, admin, { name: 'Hospital Delta', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'SK' })).id;
    });

    afterAll(async () => {
      await hub?.close();
    });

    it(`checks at most ${ACCOUNT_LIMIT} passwords when 120 wrong attempts arrive at once, then refuses the right one`, async () => {
      const target = await createUser(hub, admin, { email: 'burst@delta.test', role: 'MEMBER', organizationId });
      const outcomes = await Promise.all(Array.from({ length: 120 }, (_, i) => tryLogin(hub, target.email, `wrong guess ${i}`)));
      expect(outcomes.filter(({ code }) => code === 'UNAUTHENTICATED')).toHaveLength(ACCOUNT_LIMIT);
      expect(outcomes.filter(({ code }) => code === 'RATE_LIMITED')).toHaveLength(120 - ACCOUNT_LIMIT);
      expect(await loginAudit(hub, target.email)).toEqual({ failure: ACCOUNT_LIMIT, denied: 120 - ACCOUNT_LIMIT });
      expect((await tryLogin(hub, target.email, target.password)).code).toBe('RATE_LIMITED');
    });

    it('lifts the lock when an admin resets the password, so the new password works at once', async () => {
      const target = await lockedUser('reset@delta.test');
      const reset = await hub.graphql('mutation ($id: ID!) { resetUserPassword(id: $id, password: "a brand new passphrase 7") { id } }', { id: target.id }, admin);
      expect(reset.errors).toBeUndefined();
      expect((await tryLogin(hub, target.email, 'a brand new passphrase 7')).code).toBeUndefined();
      const [row] = await queryDatabase<{ details: unknown }>(hub.databaseUrl, "SELECT details FROM audit_log WHERE action = 'user.password_reset' AND target_id = $1", [target.id]);
      expect(row.details).toEqual({ signInLockLifted: true, changeRequiredAtSignIn: true });
    });

    it('lets an admin (and only an admin) lift the lock of a person, audited', async () => {
      const target = await lockedUser('lift@delta.test');
      const member = await createUser(hub, admin, { email: 'colleague@delta.test', role: 'MEMBER', organizationId });
      const lift = 'mutation ($id: ID!) { liftSignInLock(id: $id) { email } }';
      expect((await hub.graphql(lift, { id: target.id }, member.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await hub.graphql('mutation { liftAddressSignInLock(address: "127.0.0.1") }', {}, member.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await tryLogin(hub, target.email, target.password)).code).toBe('RATE_LIMITED');
      expect((await hub.graphql(lift, { id: target.id }, admin)).data).toEqual({ liftSignInLock: { email: target.email } });
      expect((await tryLogin(hub, target.email, target.password)).code).toBeUndefined();
      const audited = await queryDatabase<{ actor_kind: string; details: unknown }>(
        hub.databaseUrl,
        "SELECT actor_kind, details FROM audit_log WHERE action = 'auth.sign_in_lock_lift' AND target_id = $1",
        [target.id],
      );
      expect(audited).toEqual([{ actor_kind: 'user', details: { email: target.email } }]);
    });

    async function lockedUser(email: string) {
      const user = await createUser(hub, admin, { email, role: 'MEMBER', organizationId });
      for (let attempt = 0; attempt < ACCOUNT_LIMIT; attempt++) await tryLogin(hub, email, `guess ${attempt}`);
      expect((await tryLogin(hub, email, user.password)).code).toBe('RATE_LIMITED');
      return user;
    }
  });

  const redisServer = spawnSync('redis-server', ['--version']).status === 0;
  (redisServer ? describe : describe.skip)('shared by replicas through Redis (REDIS_URL)', () => {
    let redis: ChildProcess;
    let replicas: TestHub[] = [];

    beforeAll(async () => {
      const port = await freePort();
      redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
      await new Promise<void>((resolve, reject) => {
        let output = '';
        redis.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Ready to accept connections')) resolve();
        });
        redis.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
      });
      const env = { REDIS_URL: `redis://127.0.0.1:${port}`, HUB_REDIS_PREFIX: 'hub-a:' };
      replicas = [await startTestHub(env), await startTestHub(env), await startTestHub({ ...env, HUB_REDIS_PREFIX: 'hub-b:' })];
    });

    afterAll(async () => {
      for (const replica of replicas) await replica.close();
      if (redis && redis.exitCode === null) {
        const exited = once(redis, 'exit');
        redis.kill('SIGTERM');
        await exited;
      }
    });

    it('counts failures on one replica against sign-ins on another', async () => {
      const [first, second] = replicas;
      for (let attempt = 0; attempt < ACCOUNT_LIMIT; attempt++) {
        await tryLogin(attempt % 2 ? first : second, 'shared@replicas.test', `guess ${attempt}`);
      }
      expect((await tryLogin(first, 'shared@replicas.test', 'guess again')).code).toBe('RATE_LIMITED');
      expect((await tryLogin(second, 'shared@replicas.test', 'guess again')).code).toBe('RATE_LIMITED');
      expect((await tryLogin(second, 'admin@hub.test', 'correct horse battery staple 42')).code).toBeUndefined();
    });

    it('keeps the counts of another hub on the same Redis (another HUB_REDIS_PREFIX) apart', async () => {
      const [first, , otherHub] = replicas;
      for (let attempt = 0; attempt < ACCOUNT_LIMIT; attempt++) await tryLogin(first, 'apart@replicas.test', `guess ${attempt}`);
      expect((await tryLogin(first, 'apart@replicas.test', 'guess again')).code).toBe('RATE_LIMITED');
      expect((await tryLogin(otherHub, 'apart@replicas.test', 'guess again')).code).toBe('UNAUTHENTICATED');
    });

    it(`checks at most ${ACCOUNT_LIMIT} passwords when 120 attempts arrive at once on two replicas, until an admin lifts the lock`, async () => {
      const [first, second] = replicas;
      const admin = await adminToken(first);
      const outcomes = await Promise.all(Array.from({ length: 120 }, (_, i) => tryLogin(i % 2 ? first : second, TEST_ADMIN.email, `wrong guess ${i}`)));
      expect(outcomes.filter(({ code }) => code === 'UNAUTHENTICATED')).toHaveLength(ACCOUNT_LIMIT);
      // Each replica has a database of its own here: the checked passwords add up across both.
      const [onFirst, onSecond] = [await loginAudit(first, TEST_ADMIN.email), await loginAudit(second, TEST_ADMIN.email)];
      expect((onFirst.failure ?? 0) + (onSecond.failure ?? 0)).toBe(ACCOUNT_LIMIT);
      expect((await tryLogin(first, TEST_ADMIN.email, TEST_ADMIN.password)).code).toBe('RATE_LIMITED');
      expect((await tryLogin(second, TEST_ADMIN.email, TEST_ADMIN.password)).code).toBe('RATE_LIMITED');

      const [{ id }] = await queryDatabase<{ id: string }>(first.databaseUrl, 'SELECT id FROM hub_user WHERE email = $1', [TEST_ADMIN.email]);
      expect((await first.graphql('mutation ($id: ID!) { liftSignInLock(id: $id) { id } }', { id }, admin)).errors).toBeUndefined();
      expect((await tryLogin(first, TEST_ADMIN.email, TEST_ADMIN.password)).code).toBeUndefined();
    });
  });
});

/** The failed and refused sign-ins of an e-mail address, from the audit log: a failure is one whose password was checked. */
async function loginAudit(hub: TestHub, email: string): Promise<{ failure?: number; denied?: number }> {
  const rows = await queryDatabase<{ outcome: string; n: number }>(
    hub.databaseUrl,
    "SELECT outcome, count(*)::int AS n FROM audit_log WHERE action = 'auth.login' AND outcome <> 'success' AND details->>'email' = $1 GROUP BY outcome",
    [email],
  );
  return Object.fromEntries(rows.map(({ outcome, n }) => [outcome, n]));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
