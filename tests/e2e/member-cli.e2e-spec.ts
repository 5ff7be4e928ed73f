import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * The member command line (bin/hub-member.mjs, built by `npm run build`) against a running hub, as
 * a member runs it: a separate process that knows only the hub's URL and a key. Exit codes are
 * part of its contract (0 ok, 1 refused/partial, 2 usage, 3 cannot reach/authenticate).
 */

const BIN = join(import.meta.dirname, '../../bin/hub-member.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  // HUB_URL and HUB_API_KEY of the environment running the tests must not leak into these runs.
  const { HUB_URL: _url, HUB_API_KEY: _key, ...inherited } = process.env;
  return spawn(process.execPath, [BIN, ...args], { env: { ...inherited, ...env } });
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = start(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('hub-member, the member command line', () => {
  let hub: TestHub;
  let key: string;
  let submitter: { token: string };
  let known: { id: string; ip: string };
  let workDir: string;

  beforeAll(async () => {
    expect(existsSync(join(import.meta.dirname, '../../dist/apps/hub-member/src/main.js'))).toBe(true);
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const org = await createOrganization(hub, admin, { name: 'CLI hospital', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    submitter = await createUser(hub, admin, { email: 'cli@hospital.test', role: 'MEMBER', organizationId: org.id });
    key = (await createApiKey(hub, submitter.token, { name: 'cli', distribution: 'INTERNAL' })).key;
    const object = ipIndicator('203.0.113.77', { name: 'CLI address' });
    expect(await submitBundle(hub, submitter.token, bundle([object]), 'GREEN')).toMatchObject({ accepted: 1 });
    known = { id: object.id as string, ip: '203.0.113.77' };
    workDir = mkdtempSync(join(tmpdir(), 'hub-member-'));
  });

  afterAll(async () => {
    await hub?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it.each(['', 'export', 'lookup', 'follow', 'import'])('--help of "%s" prints its usage and exits 0', async (command) => {
    const result = await run([...(command ? [command] : []), '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: hub-member/);
    expect(result.stdout).toContain('Exit codes');
  });

  it.each([
    ['no command', []],
    ['an unknown command', ['exfiltrate']],
    ['an unknown option', ['export', 'csv', '--colour', 'red']],
    ['an unknown option last on the line', ['export', 'csv', '--colour']],
    ['an unknown format', ['export', 'xml']],
    ['a lookup without a value', ['lookup', 'ipv4-addr']],
    ['an import without --format', ['import', 'iocs.csv', '--tlp', 'GREEN']],
  ])('exits 2 on %s', async (_name, args) => {
    const result = await run(args, { HUB_URL: hub.url, HUB_API_KEY: key });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^(hub-member|Usage: hub-member)/);
    if (args.includes('--colour')) expect(result.stderr).toContain('unknown option --colour');
    // An unknown command is not offered a --help of its own.
    if (args[0] === 'exfiltrate') expect(result.stderr).toContain('Run hub-member --help for usage.');
  });

  it('export writes the export to standard output (key and URL from the environment)', async () => {
    const result = await run(['export', 'csv'], { HUB_URL: hub.url, HUB_API_KEY: key });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\r\n')[0]).toBe('type,value,hash_algorithm,source_id,name,valid_from,valid_until,confidence,labels');
    expect(result.stdout).toContain(`ipv4-addr,${known.ip},,${known.id},CLI address`);
  });

  it('export -o writes a file, with --json a summary', async () => {
    const file = join(workDir, 'feed.json');
    const result = await run(['--url', hub.url, '--key', key, 'export', 'stix', '--max-tlp', 'GREEN', '-o', file, '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { format: string; bytes: number; output: string };
    expect(summary).toMatchObject({ format: 'stix', output: file });
    const text = readFileSync(file, 'utf8');
    expect(summary.bytes).toBe(Buffer.byteLength(text));
    expect((JSON.parse(text) as { objects: { id: string }[] }).objects.map((object) => object.id)).toEqual([known.id]);
    expect(existsSync(`${file}.part`)).toBe(false);
  });

  it('without a key, export is refused: exit 3, nothing on standard output', async () => {
    const result = await run(['--url', hub.url, 'export', 'text']);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
  });

  it('a filter the hub refuses exits 2 with the hub\'s message naming the parameter', async () => {
    const result = await run(['--url', hub.url, '--key', key, 'export', 'stix', '--max-tlp', 'PURPLE']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('maxTlp: maxTlp must be one of');
    const score = await run(['--url', hub.url, '--key', key, 'export', 'stix', '--min-score', '101']);
    expect(score.code).toBe(2);
    expect(score.stderr).toContain('minScore: minScore must be an integer from 0 to 100 (got 101)');
  });

  it('import sends a file as a job, waits for it and prints the summary; what it shared is then found', async () => {
    const file = join(workDir, 'advisory.txt');
    writeFileSync(file, 'Block these now:\n198.51.100.200\nhxxp://cli-import[.]example/payload\n');
    const result = await run(['--url', hub.url, '--key', key, 'import', file, '--format', 'text', '--tlp', 'GREEN', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { jobId: string; status: string; accepted: number; rejected: number };
    expect(summary).toMatchObject({ jobId: expect.any(String), status: 'done', accepted: 2, rejected: 0 });
    const found = await run(['--url', hub.url, '--key', key, 'lookup', 'ipv4-addr', '198.51.100.200']);
    expect(found.stdout).toContain('ipv4-addr 198.51.100.200: 1 match');
  });

  it('import of a file the hub partly refuses exits 1 with the counts', async () => {
    const file = join(workDir, 'bundle.json');
    const good = ipIndicator('198.51.100.201');
    const bad = { ...ipIndicator('198.51.100.202'), pattern: "[ipv4-addr:value = '198.51.100.202'" };
    writeFileSync(file, JSON.stringify(bundle([good, bad])));
    const result = await run(['--url', hub.url, '--key', key, 'import', file, '--format', 'stix', '--tlp', 'GREEN']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/done: read 2, accepted 1, rejected 1, duplicates 0/);
    expect(result.stdout).toMatch(new RegExp(`why each object was rejected: ${hub.url}/import/[0-9a-f-]{36}/results`));
  });

  it('import of a file the hub cannot read at all exits 1 and says why; a directory is a usage error', async () => {
    const file = join(workDir, 'latin1.txt');
    writeFileSync(file, Buffer.from('Indicateurs reçus: 198.51.100.203\n', 'latin1'));
    const result = await run(['--url', hub.url, '--key', key, 'import', file, '--format', 'text', '--tlp', 'GREEN']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/failed: read 0, accepted 0, rejected 0, duplicates 0\n {2}file: The file is not UTF-8/);
    const directory = await run(['--url', hub.url, '--key', key, 'import', workDir, '--format', 'text', '--tlp', 'GREEN']);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain('it is a directory, not a file');
  });

  it('a --url that is not the hub exits 3 saying so; -o into a folder that is not there is a usage error, asked of nobody', async () => {
    const elsewhere = await run(['--url', `${hub.url}/nothing`, '--key', key, 'export', 'text']);
    expect(elsewhere.code).toBe(3);
    expect(elsewhere.stderr).toContain("not found; is --url the hub's address");
    const nowhere = await run(['--url', `http://127.0.0.1:${await closedPort()}`, '--key', key, 'export', 'text', '-o', join(workDir, 'no-such-folder', 'list.txt')]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('no-such-folder is not a folder');
  });

  it('a wrong key exits 3, and so does a hub that cannot be reached', async () => {
    const wrong = await run(['--url', hub.url, '--key', 'hub_wrong', 'export', 'stix']);
    expect(wrong.code).toBe(3);
    const unreachable = await run(['--url', `http://127.0.0.1:${await closedPort()}`, '--key', key, 'lookup', 'ipv4-addr', known.ip]);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain('cannot reach the hub');
  });

  it('lookup prints the readable matches; --json the whole answer', async () => {
    const text = await run(['--url', hub.url, '--key', key, 'lookup', 'ipv4-addr', known.ip]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`ipv4-addr ${known.ip}: 1 match, 0 sightings`);
    expect(text.stdout).toContain(known.id);
    const json = await run(['--url', hub.url, '--key', key, '--json', 'lookup', 'ipv4-addr', known.ip]);
    expect(JSON.parse(json.stdout)).toMatchObject({ type: 'ipv4-addr', value: known.ip, indicators: [{ id: known.id, tlp: 'GREEN' }], sightingCount: 0 });
    const publicLookup = await run(['--url', hub.url, '--json', 'lookup', 'ipv4-addr', known.ip]);
    expect(JSON.parse(publicLookup.stdout)).toMatchObject({ indicators: [] });
  });

  it('follow prints each new readable object as a JSON line until interrupted, then exits 0', async () => {
    const child = start(['--url', hub.url, '--key', key, 'follow', '--types', 'indicator']);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const firstLine = new Promise<string>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // The subscription has no acknowledgement: submit until the follower has printed something.
    const fresh = ipIndicator('203.0.113.78', { name: 'Followed address' });
    let line: string | undefined;
    for (let attempt = 0; attempt < 20 && line === undefined; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (attempt === 1) expect(await submitBundle(hub, submitter.token, bundle([fresh]), 'GREEN')).toMatchObject({ accepted: 1 });
      if (stdout.includes('\n')) line = await firstLine;
    }
    expect(stderr).toBe('');
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ id: fresh.id, type: 'indicator', tlp: 'GREEN', stix: { name: 'Followed address' } });
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('follow with a wrong key exits 3', async () => {
    const result = await run(['--url', hub.url, '--key', 'hub_wrong', 'follow']);
    expect(result.code).toBe(3);
  });
});
