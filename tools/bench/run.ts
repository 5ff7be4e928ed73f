// Decorator metadata is recorded when a class is defined: the polyfill must load before any module.
import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { hubMigrations, HubApp, startHub } from '@hub/hub-api';
import { ViewerService } from '@hub/members';
import { TrendCatchUpService } from '@hub/trends';
import { createLogger, ensureDatabase, loadHubConfig, runMigrations, startEmbeddedPostgres } from '@hub/platform';
import type { BenchHub, BenchSuite } from './bench-suite';
import { writeSection } from './results-file';
import { BENCH_MEMBER_EMAIL, BENCH_PASSWORD, seedBenchData } from './seed';
import { consoleSuite } from './console.bench';
import { exportsSuite } from './exports.bench';
import { exposureSuite } from './exposure.bench';
import { fanoutSuite } from './fanout.bench';
import { importsSuite } from './imports.bench';
import { intelSuite } from './intel.bench';
import { scoresSuite } from './scores.bench';
import { incidentsSuite } from './incidents.bench';
import { sharingSuite } from './sharing.bench';
import { stixSuite } from './stix.bench';
import { taxiiSuite } from './taxii.bench';
import { trendsSuite } from './trends.bench';

/*
 * `npm run bench` runs every suite; `npm run bench -- sharing trends` runs those alone. The seeded
 * million-object hub is made once (later runs reuse it) and started only for suites that need it.
 * Each suite rewrites its own section of docs/benchmarks.md, headed by the machine and the date.
 *
 * BENCH_DATABASE_URL (or DATABASE_URL) names a PostgreSQL server to seed instead of the embedded one
 * in .bench-data/; BENCH_DATABASE_NAME the database on it (default hub_bench); BENCH_OBJECTS the size.
 */

const SUITES: BenchSuite[] = [stixSuite, sharingSuite, fanoutSuite, trendsSuite, taxiiSuite, exportsSuite, importsSuite, scoresSuite, intelSuite, consoleSuite, exposureSuite, incidentsSuite];

const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 1_000_000);
const DATABASE_NAME = process.env.BENCH_DATABASE_NAME ?? 'hub_bench';
/** The folder with package.json above this file (dist/tools/bench when built). */
function findRepositoryRoot(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${import.meta.dirname}`);
  }
}
const repositoryRoot = findRepositoryRoot();

async function benchDatabase(): Promise<{ url: string; embedded: boolean; stop: () => Promise<void> }> {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (server) {
    await ensureDatabase(server, DATABASE_NAME);
    const url = new URL(server);
    url.pathname = `/${DATABASE_NAME}`;
    return { url: url.toString(), embedded: false, stop: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: join(repositoryRoot, '.bench-data'), persistent: true, database: DATABASE_NAME });
  return { url: embedded.url, embedded: true, stop: embedded.stop };
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

/** Seeds (once), starts the hub on the seeded database and signs the bench member in. */
async function startSeededHub(cleanUp: (() => Promise<void>)[]): Promise<BenchHub & { describe: string }> {
  const database = await benchDatabase();
  cleanUp.push(database.stop);
  await runMigrations(database.url, hubMigrations);
  const seed = await seedBenchData(database.url, { objects: OBJECTS, organizations: 200, groups: 50, seed: 42 });
  const config = loadHubConfig({
    PORT: '0',
    DATABASE_URL: database.url,
    HUB_DATA_DIR: join(repositoryRoot, '.bench-data'),
    LOG_LEVEL: 'error',
    HUB_JWT_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
    // The generated data uses reserved .example domains, which the default warninglists refuse.
    HUB_DEFAULT_WARNINGLISTS: 'off',
  });
  const hub: HubApp = await startHub(config, createLogger('error'));
  cleanUp.unshift(() => hub.close());
  // The trend tables take in new rows in the background; on a fresh seed that is a million rows,
  // which would load the machine while the first suites measure. Take them in before any suite.
  await hub.app.get(TrendCatchUpService).catchUp();
  const login = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: BENCH_MEMBER_EMAIL, p: BENCH_PASSWORD } }),
  });
  const memberToken = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
  const memberViewer = await hub.app.get(ViewerService).resolveViewer({ authorization: `Bearer ${memberToken}` });
  const describe =
    `PostgreSQL ${await postgresVersion(database.url)} (${database.embedded ? 'embedded' : 'DATABASE_URL'}); ` +
    `data set: ${OBJECTS.toLocaleString('en')} objects (70 % indicators), 200 organisations, 50 sharing groups; ` +
    `the viewer is a member of an organisation in 10 groups (${seed.added ? `seeded in ${Math.round(seed.seconds)} s` : 'made by an earlier run and reused'})`;
  return { hub, databaseUrl: database.url, objects: OBJECTS, memberToken, memberViewer, describe };
}

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !SUITES.some((suite) => suite.name === name));
  if (unknown.length) throw new Error(`unknown benchmark suite ${unknown.join(', ')}; the suites are ${SUITES.map((suite) => suite.name).join(', ')}`);
  const suites = wanted.length ? SUITES.filter((suite) => wanted.includes(suite.name)) : SUITES;

  const cleanUp: (() => Promise<void>)[] = [];
  let seeded: Promise<BenchHub & { describe: string }> | undefined;
  const seededHub = () => (seeded ??= startSeededHub(cleanUp));
  try {
    for (const suite of suites) {
      process.stdout.write(`bench ${suite.name}…\n`);
      const lines = await suite.run(seededHub);
      const data = seeded ? `; ${(await seeded).describe}` : '';
      const section = [`Measured on ${new Date().toISOString().slice(0, 10)}: ${machine()}${data}.`, '', ...lines];
      process.stdout.write(`${section.join('\n')}\n\n`);
      writeSection(join(repositoryRoot, 'docs/benchmarks.md'), suite.name, section);
    }
  } finally {
    for (const step of cleanUp) await step();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
