import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { adminToken, createOrganization, createUser } from '../support/members';
import { queryDatabase } from '../support/test-database';
import { startTestHub, TestHub } from '../support/test-hub';

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
      expect(audited.map(({ outcome }) => outcome)).toEqual([...Array(ACCOUNT_LIMIT).fill('failure'), 'denied']);
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

    beforeAll(async () => {
      hub = await startTestHub();
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
      expect((await tryLogin(hub, 'admin@hub.test', 'correct horse battery staple 42')).code).toBe('RATE_LIMITED');
    });
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
  });
});

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
