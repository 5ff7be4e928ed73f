import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createServer } from 'node:net';
import pg from 'pg';
import { adminToken, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator } from '../support/stix-builders';
import { createTestDatabase } from '../support/test-database';
import { postGraphql, TEST_ADMIN } from '../support/test-hub';
import type { TestHub } from '../support/test-hub';

// These tests run the built server (npm test builds first) the way `npm start` does.
const MAIN = join(import.meta.dirname, '../../dist/apps/hub-api/src/main.js');

interface RunningHub {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function startProcess(env: Record<string, string>): Promise<RunningHub> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', HUB_DEFAULT_WARNINGLISTS: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${output}`)), 45_000);
    child.stdout!.on('data', () => {
      const match = /"url":"(http:\/\/[^"]+)","msg":"hub listening"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code}:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

async function stopProcess(hub: RunningHub, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const exited = once(hub.child, 'exit');
  hub.child.kill(signal);
  const [code] = await exited;
  return code as number | null;
}

describe('the hub process', () => {
  it('stops at start with one clear line and a non-zero exit for PORT=abc', async () => {
    const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', PORT: 'abc' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual(['Invalid configuration: PORT must be an integer from 0 to 65535 (got "abc")']);
  });

  it('reports a port already in use in one line naming PORT, before the database starts', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-port-'));
    try {
      const child = spawn(process.execPath, [MAIN], {
        env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', HUB_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = await once(child, 'exit');
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([`PORT ${port} is already in use on 127.0.0.1: stop the program that uses it, or set PORT to a free port`]);
      expect(stdout).toBe('');
      // Nothing was started: no embedded PostgreSQL files, no migrations.
      expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('restarts its embedded PostgreSQL when it is killed, and /health, sign-in and submissions recover without an operator', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-revive-'));
    const running = await startProcess({ PORT: '0', HUB_DATA_DIR: dataDir, HUB_ADMIN_EMAIL: TEST_ADMIN.email, HUB_ADMIN_PASSWORD: TEST_ADMIN.password });
    let exitCode: number | null;
    try {
      const hub = { graphql: (query: string, variables?: Record<string, unknown>, token?: string) => postGraphql(running.url, query, variables, token) } as unknown as TestHub;
      expect((await fetch(`${running.url}/health`)).status).toBe(200);
      const postmasterPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(postmasterPid, 'SIGKILL');

      await waitFor(async () => (await fetch(`${running.url}/health`)).status === 503, 15_000);
      await waitFor(async () => (await fetch(`${running.url}/health`)).status === 200, 60_000);
      expect(running.output()).toContain('"msg":"the embedded PostgreSQL stopped unexpectedly; restarting it"');
      expect(running.output()).toContain('"msg":"the embedded PostgreSQL is running again"');
      const restartedPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      expect(restartedPid).not.toBe(postmasterPid);

      const operator = await adminToken(hub);
      const organizationId = (await createOrganization(hub, operator, { name: 'Hospital Epsilon', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'AT' })).id;
      const member = await createUser(hub, operator, { email: 'soc@epsilon.test', role: 'MEMBER', organizationId });
      const submitted = await submitBundle(hub, member.token, bundle([ipIndicator('198.51.100.77')]), 'GREEN');
      expect(submitted).toMatchObject({ accepted: 1, rejected: 0 });
    } finally {
      exitCode = await stopProcess(running);
      rmSync(dataDir, { recursive: true, force: true });
    }
    // The log says why when the shutdown after a restart goes wrong.
    if (exitCode !== 0) throw new Error(`the hub exited with ${exitCode} on SIGTERM:\n${running.output()}`);
  });

  it('starts an embedded PostgreSQL when DATABASE_URL is unset, stops it cleanly on SIGTERM and SIGINT, and keeps the data across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-process-'));
    const env = { PORT: '0', HUB_DATA_DIR: dataDir };

    const first = await startProcess(env);
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    // The embedded server's address is not published; reach it the way the hub does, via its migrations table.
    const { url: databaseUrl } = await embeddedDatabaseUrl(dataDir);
    await withClient(databaseUrl, (client) => client.query("CREATE TABLE restart_probe (note text); INSERT INTO restart_probe VALUES ('kept')"));
    const postmasterPid = join(dataDir, 'postgres', 'postmaster.pid');
    expect(existsSync(postmasterPid)).toBe(true);
    expect(await stopProcess(first)).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');
    // PostgreSQL removes its pid file only after a clean shutdown; a killed one would leave it behind.
    expect(existsSync(postmasterPid)).toBe(false);
    await expect(withClient(databaseUrl, (client) => client.query('SELECT 1'))).rejects.toThrow();

    const second = await startProcess(env);
    try {
      const { url } = await embeddedDatabaseUrl(dataDir);
      const rows = await withClient(url, (client) => client.query('SELECT note FROM restart_probe'));
      expect(rows.rows).toEqual([{ note: 'kept' }]);
      expect((await fetch(`${second.url}/health`)).status).toBe(200);
    } finally {
      expect(await stopProcess(second, 'SIGINT')).toBe(0);
      expect(existsSync(postmasterPid)).toBe(false);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('graceful shutdown', () => {
  const admin = { HUB_ADMIN_EMAIL: 'ops@isac.test', HUB_ADMIN_PASSWORD: 'a long operator passphrase 9' };

  it('on SIGTERM refuses new connections but finishes the request in flight, then exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-shutdown-'));
    // On the test server: the embedded PostgreSQL's own start and stop are the tests above (a cluster of its own costs seconds).
    const database = await createTestDatabase();
    const hub = await startProcess({ PORT: '0', HUB_DATA_DIR: dataDir, DATABASE_URL: database.url, ...admin });
    try {
      // A sign-in whose body is still arriving when the signal comes: the server has the request, not its end.
      const body = JSON.stringify({ query: `mutation { login(email: "${admin.HUB_ADMIN_EMAIL}", password: "${admin.HUB_ADMIN_PASSWORD}") { token } }` });
      const inFlight = slowPost(`${hub.url}/graphql`, body);
      await inFlight.headersSent;
      const exited = once(hub.child, 'exit');
      hub.child.kill('SIGTERM');
      // New connections are refused soon after the signal, while the request in flight is still open.
      await waitFor(() => fetch(`${hub.url}/health`).then(() => false, () => true));
      // The log line travels through a pipe: on a busy machine it may arrive a moment after the port closed.
      await waitFor(async () => hub.output().includes('"msg":"shutting down"'));

      inFlight.finish();
      const response = await inFlight.response;
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ data: { login: { token: expect.stringMatching(/^ey/) } } });
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (hub.child.exitCode === null) await stopProcess(hub);
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  });
});

/** A POST whose first half is sent at once and the rest only when `finish` is called. */
function slowPost(url: string, body: string) {
  const half = Math.floor(body.length / 2);
  const call = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    call.on('error', reject);
    call.on('response', (answer) => {
      let text = '';
      answer.on('data', (chunk: Buffer) => (text += chunk.toString()));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body: text }));
    });
  });
  const headersSent = new Promise<void>((resolve) => call.write(body.slice(0, half), () => setTimeout(resolve, 200)));
  return { headersSent, response, finish: () => call.end(body.slice(half)) };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 50) {
    if (waited > timeoutMs) throw new Error('condition not met in time');
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Reads the running cluster's port from its postmaster.pid and the password from the data folder. */
async function embeddedDatabaseUrl(dataDir: string): Promise<{ url: string }> {
  const { readFileSync } = await import('node:fs');
  const port = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3].trim();
  const password = readFileSync(join(dataDir, 'postgres.secret'), 'utf8').trim();
  return { url: `postgres://hub:${encodeURIComponent(password)}@127.0.0.1:${port}/hub` };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
