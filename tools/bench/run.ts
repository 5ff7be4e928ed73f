// Decorator metadata is recorded when a class is defined: the polyfill must load before any module.
import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { hubMigrations, startHub } from '@hub/hub-api';
import { ViewerService } from '@hub/members';
import { createLogger, ensureDatabase, loadHubConfig, runMigrations, startEmbeddedPostgres } from '@hub/platform';
import { benchPatternParsing, benchStixValidation } from '@hub/stix-bench';
import { BENCH_MEMBER_EMAIL, BENCH_PASSWORD, seedBenchData } from './seed';
import { benchSharing } from './sharing.bench';

/*
 * `npm run bench`: seeds a deterministic million-object hub (once; later runs reuse it), starts the
 * real hub against it and measures the paths with performance targets. Results go to
 * docs/benchmarks.md between the generated markers, with the machine and the date.
 */

const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 1_000_000);
const repositoryRoot = resolve(import.meta.dirname, '../../..');

async function benchDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (server) {
    await ensureDatabase(server, 'hub_bench');
    const url = new URL(server);
    url.pathname = '/hub_bench';
    return { url: url.toString(), stop: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: join(repositoryRoot, '.bench-data'), persistent: true, database: 'hub_bench' });
  return { url: embedded.url, stop: embedded.stop };
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };

  const stix = [...(await benchStixValidation()), ...(await benchPatternParsing())];

  const database = await benchDatabase();
  try {
    await runMigrations(database.url, hubMigrations);
    const seed = await seedBenchData(database.url, { objects: OBJECTS, organizations: 200, groups: 50, seed: 42 });
    const config = loadHubConfig({ PORT: '0', DATABASE_URL: database.url, HUB_DATA_DIR: join(repositoryRoot, '.bench-data'), LOG_LEVEL: 'error', HUB_JWT_SECRET: 'benchmark-secret-benchmark-secret-0123456789' });
    const hub = await startHub(config, createLogger('error'));
    try {
      const login = await fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: BENCH_MEMBER_EMAIL, p: BENCH_PASSWORD } }),
      });
      const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
      const viewer = await hub.app.get(ViewerService).resolveViewer({ authorization: `Bearer ${token}` });
      const sharing = await benchSharing(hub, viewer, token, OBJECTS);

      const cpu = cpus();
      log(`Measured on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, PostgreSQL ${await postgresVersion(database.url)} (${process.env.DATABASE_URL || process.env.BENCH_DATABASE_URL ? 'DATABASE_URL' : 'embedded'}).`);
      log('');
      log(`Data set: ${OBJECTS.toLocaleString('en')} objects (70 % indicators), 200 organisations, 50 sharing groups; the viewer is a member of an organisation in 10 groups (seeded in ${Math.round(seed.seconds)} s when new).`);
      log('');
      log('| what | measured | target |');
      log('| --- | --- | --- |');
      for (const result of stix) log(`| STIX: ${result.name} | ${Math.round(result.perSecond).toLocaleString('en')} /s (${result.details}) | indicators ≥ 50,000 /s on one core |`);
      log(`| feed page of 100, server side | p50 ${sharing.feedServerSide.p50} ms, p99 ${sharing.feedServerSide.p99} ms | p99 < 25 ms |`);
      log(`| lookupObservable (IPv4), server side | p50 ${sharing.lookupServerSide.p50} ms, p99 ${sharing.lookupServerSide.p99} ms | p99 < 5 ms |`);
      log(`| feed page of 100, end to end, 32 clients | ${sharing.feedEndToEnd.perSecond} pages/s, p50 ${sharing.feedEndToEnd.p50} ms, p99 ${sharing.feedEndToEnd.p99} ms, ${sharing.feedEndToEnd.errors} errors | ≥ 1,500 pages/s |`);
      log(`| lookupObservable, end to end, 32 clients | ${sharing.lookupEndToEnd.perSecond} /s, p50 ${sharing.lookupEndToEnd.p50} ms, p99 ${sharing.lookupEndToEnd.p99} ms, ${sharing.lookupEndToEnd.errors} errors | |`);
      for (const [index, ingest] of sharing.ingest.entries()) log(`| submitBundle of 10,000 indicators (run ${index + 1}) | ${ingest.perSecond.toLocaleString('en')} objects/s (${ingest.seconds} s) | ≥ 10,000 objects/s |`);
    } finally {
      await hub.close();
    }
  } finally {
    await database.stop();
  }
  writeResults(lines);
}

function writeResults(lines: string[]): void {
  const file = join(repositoryRoot, 'docs/benchmarks.md');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const text = readFileSync(file, 'utf8');
  const before = text.slice(0, text.indexOf(start) + start.length);
  const after = text.slice(text.indexOf(end));
  writeFileSync(file, `${before}\n${lines.join('\n')}\n${after}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
