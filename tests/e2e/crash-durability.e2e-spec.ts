import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHubProcess } from '@hub/hub-api';
import type { HubProcess } from '@hub/hub-api';
import { startEmbeddedPostgres } from '@hub/platform';
import type { EmbeddedPostgresHandle } from '@hub/platform';
import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator } from '../support/stix-builders';
import { queryDatabase } from '../support/test-database';
import { API_ROOT, collectionsByTitle, TAXII } from '../support/taxii';
import { postGraphql, TEST_ADMIN } from '../support/test-hub';
import type { TestHub } from '../support/test-hub';

/*
 * What a crash may not take away: an AMBER read that was answered has its audit row, and a stored
 * object has the audit row of its submission. The hub runs as its own process on a PostgreSQL of
 * this test's own, so both can be killed with SIGKILL the way a power cut or the OOM killer would:
 * PostgreSQL loses what it had not flushed to the write-ahead log, the hub loses whatever it had
 * not yet written.
 */

const MAIN = join(import.meta.dirname, '../../dist/apps/hub-api/src/main.js');
const SUBMIT_ACTIONS = ['object.submit', 'indicator.submit', 'sighting.submit'];

type Counts = Map<string, number>;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

let addressCounter = 0;
const nextAddress = () => {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
};
const indicators = (count: number) => Array.from({ length: count }, () => ipIndicator(nextAddress()));

/** Every process of the PostgreSQL cluster: the postmaster (from postmaster.pid) and its children. */
function clusterProcesses(clusterDir: string): number[] {
  const postmaster = Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // /proc/<pid>/stat: "pid (name) state ppid ..."; the name may hold spaces, so read after the last ")".
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

/**
 * A crash of PostgreSQL: every process of the cluster is frozen at once, then killed, so none of
 * them gets to write anything more (the WAL writer would otherwise flush what waits in memory).
 */
function crashPostgres(clusterDir: string): void {
  const pids = clusterProcesses(clusterDir);
  const signal = (pid: number, name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // A backend that ended on its own meanwhile.
    }
  };
  for (const pid of pids) signal(pid, 'SIGSTOP');
  for (const pid of pids) signal(pid, 'SIGKILL');
}

interface Hub extends HubProcess {
  asTestHub: TestHub;
}

async function startHub(databaseUrl: string): Promise<Hub> {
  const hub = await startHubProcess(MAIN, {
    DATABASE_URL: databaseUrl,
    HUB_JWT_SECRET: 'crash-test-secret-that-is-long-enough-for-hs256',
    HUB_DEFAULT_WARNINGLISTS: 'off',
    // What is counted here is the members' submissions; the hub's own published definition is not one.
    HUB_PUBLISH_EXTENSIONS: 'off',
    HUB_ADMIN_EMAIL: TEST_ADMIN.email,
    HUB_ADMIN_PASSWORD: TEST_ADMIN.password,
  });
  const asTestHub = { url: hub.url, graphql: (query: string, variables?: Record<string, unknown>, token?: string) => postGraphql(hub.url, query, variables, token) };
  return { ...hub, asTestHub: asTestHub as unknown as TestHub };
}

/** The parts of the answers this test looks at: GraphQL reads and TAXII envelopes. */
interface AnswerBody {
  data?: { object?: { id: string } | null; lookupObservable?: { indicators: { id: string }[] } };
  objects?: { id: string }[];
}

/** One request; its answer, or undefined when none came (the hub or its database died meanwhile). */
async function request(url: string, init: RequestInit & { token: string }): Promise<{ status: number; body: AnswerBody | undefined } | undefined> {
  try {
    const response = await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${init.token}`, ...(init.headers as Record<string, string>) },
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as AnswerBody) : undefined };
  } catch {
    return undefined;
  }
}

function add(counts: Counts, id: string): void {
  counts.set(id, (counts.get(id) ?? 0) + 1);
}

/** The answered reads of each object that have fewer audit rows naming the reader and the object than answers. */
async function unauditedReads(databaseUrl: string, answered: Map<string, Counts>, actorColumn: 'actor_user_id' | 'actor_key_id'): Promise<string[]> {
  const rows = await queryDatabase<{ actor: string; id: string; n: number }>(
    databaseUrl,
    `SELECT ${actorColumn} AS actor, o->>'id' AS id, count(*)::int AS n
       FROM audit_log a, jsonb_array_elements(a.details->'objects') o
      WHERE a.action = 'object.read' AND ${actorColumn} IS NOT NULL
      GROUP BY 1, 2`,
  );
  const audited = new Map(rows.map((row) => [`${row.actor} ${row.id}`, row.n]));
  const missing: string[] = [];
  for (const [actor, counts] of answered) {
    for (const [id, n] of counts) {
      const rowsFor = audited.get(`${actor} ${id}`) ?? 0;
      if (rowsFor < n) missing.push(`${id}: ${n} answered, ${rowsFor} audited`);
    }
  }
  return missing;
}

/** Stored versions no submission audit row of their source organisation lists. */
async function unattributedObjects(databaseUrl: string): Promise<{ total: number; unattributed: string[] }> {
  const [{ total }] = await queryDatabase<{ total: number }>(databaseUrl, 'SELECT count(*)::int AS total FROM stix_object');
  const rows = await queryDatabase<{ id: string }>(
    databaseUrl,
    `WITH attributed AS (
       SELECT DISTINCT a.actor_organization_id AS organization_id, ids.id
         FROM audit_log a, jsonb_array_elements_text(a.details->'objectIds') AS ids(id)
        WHERE a.action = ANY($1::text[]))
     SELECT o.id FROM stix_object o
      WHERE NOT EXISTS (SELECT 1 FROM attributed t WHERE t.id = o.id AND t.organization_id = o.source_org_id)`,
    [SUBMIT_ACTIONS],
  );
  return { total, unattributed: rows.map((row) => row.id) };
}

describe('a crash of the hub or of PostgreSQL', () => {
  let dataDir: string;
  let postgres: EmbeddedPostgresHandle | undefined;
  const hubs: Hub[] = [];

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'hub-crash-'));
  });

  afterAll(async () => {
    for (const hub of hubs) await hub.stop();
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no audit row of an answered AMBER read, and no submission audit row of a stored object', async () => {
    const clusterDir = join(dataDir, 'postgres');
    postgres = await startEmbeddedPostgres({ dataDir, persistent: true, database: 'hub' });
    let hub = await startHub(postgres.url);
    hubs.push(hub);

    const admin = await adminToken(hub.asTestHub);
    const org = (name: string) => createOrganization(hub.asTestHub, admin, { name, kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const source = await org('Crash source hospital');
    const readingOrg = await org('Crash reading hospital');
    const submitter = await createUser(hub.asTestHub, admin, { email: 'submitter@crash.test', role: 'MEMBER', organizationId: source.id });
    const reader = await createUser(hub.asTestHub, admin, { email: 'reader@crash.test', role: 'MEMBER', organizationId: readingOrg.id });
    const submitterKey = await createApiKey(hub.asTestHub, submitter.token, { name: 'siem', distribution: 'INTERNAL' });
    const readerKey = await createApiKey(hub.asTestHub, reader.token, { name: 'siem', distribution: 'INTERNAL' });
    const amberAudience = { organizationIds: [readingOrg.id] };

    const targets = indicators(24);
    expect(await submitBundle(hub.asTestHub, submitter.token, bundle(targets), 'AMBER', amberAudience)).toMatchObject({ accepted: targets.length });
    const amberCollection = (await collectionsByTitle(hub.asTestHub, readerKey.key)).get('TLP:AMBER')!.id;
    const submitCollection = (await collectionsByTitle(hub.asTestHub, submitterKey.key)).get('Submit')!.id;
    const addressOf = (target: Record<string, unknown>) => /'(.+)'/.exec(String(target.pattern))![1];

    const answeredByUser: Counts = new Map();
    const answeredByKey: Counts = new Map();
    let running = false;
    // Set to crash PostgreSQL the moment a read is answered: its audit row committed a moment ago.
    let onAnswer: (() => void) | undefined;
    const answered = (counts: Counts, id: string) => {
      add(counts, id);
      const hook = onAnswer;
      onAnswer = undefined;
      hook?.();
    };
    const graphql = (token: string, query: string, variables: Record<string, unknown>) =>
      request(`${hub.url}/graphql`, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const loop = async (work: (turn: number) => Promise<unknown>, offset = 0) => {
      for (let turn = offset; running; turn += 1) {
        if ((await work(turn)) === undefined) await sleep(20);
      }
    };
    // The reads a member and a SIEM make: object(id) (answered again from the answer cache while
    // nothing changes), look-ups, and TAXII's object endpoint. An answer counts once it has arrived whole.
    const readLoads = ({ taxii }: { taxii: boolean }) =>
      [0, 1, 2, 3, 4].flatMap((reader_) => [
        loop(async (turn) => {
          const target = targets[turn % targets.length];
          const answer = await graphql(reader.token, 'query ($id: ID!) { object(id: $id) { id tlp } }', { id: target.id });
          if (answer?.status === 200 && answer.body?.data?.object?.id === target.id) answered(answeredByUser, String(target.id));
          return answer;
        }, reader_ * 5),
        loop(async (turn) => {
          const target = targets[turn % targets.length];
          const answer = await graphql(reader.token, 'query ($value: String!) { lookupObservable(type: "ipv4-addr", value: $value) { indicators { id } } }', { value: addressOf(target) });
          if (answer?.status === 200) for (const row of answer.body?.data?.lookupObservable?.indicators ?? []) answered(answeredByUser, row.id);
          return answer;
        }, reader_ * 5),
        taxii &&
        loop(async (turn) => {
          const target = targets[turn % targets.length];
          const answer = await request(`${hub.url}${API_ROOT}collections/${amberCollection}/objects/${target.id}/`, { token: readerKey.key, headers: { accept: TAXII } });
          if (answer?.status === 200 && answer.body?.objects?.[0]?.id === target.id) answered(answeredByKey, String(target.id));
          return answer;
        }, reader_ * 5),
      ].filter((load) => load !== false));
    // Bundles of several write transactions each, TAXII envelopes and single indicators.
    const submitLoads = (bundleSize: number) => [
      loop(() =>
        graphql(submitter.token, 'mutation ($input: SubmitBundleInput!) { submitBundle(input: $input) { accepted } }', {
          input: { bundle: bundle(indicators(bundleSize)), tlp: 'AMBER', audience: amberAudience },
        }),
      ),
      loop(() =>
        request(`${hub.url}${API_ROOT}collections/${submitCollection}/objects/`, {
          method: 'POST',
          token: submitterKey.key,
          headers: { accept: TAXII, 'content-type': TAXII },
          body: JSON.stringify({ objects: indicators(300) }),
        }),
      ),
      loop(() =>
        graphql(submitter.token, 'mutation ($input: SubmitIndicatorInput!) { submitIndicator(input: $input) { id } }', {
          input: { name: 'single', pattern: `[ipv4-addr:value = '${nextAddress()}']`, tlp: 'AMBER', audience: amberAudience },
        }),
      ),
    ];
    const storedCount = async () => (await queryDatabase<{ n: number }>(postgres!.url, 'SELECT count(*)::int AS n FROM stix_object'))[0].n;
    /** Waits until a submission has started storing, so that a crash falls among its write transactions. */
    const whenStoring = async () => {
      const before = await storedCount();
      for (let waited = 0; waited < 30_000 && (await storedCount()) === before; waited += 50) await sleep(50);
      await sleep(150);
    };
    const restartAfterCrash = async (loads: Promise<void>[]) => {
      await sleep(300);
      running = false;
      await Promise.all(loads);
      await hub.kill();
      // PostgreSQL starts again on the same files (crash recovery replays the write-ahead log). The
      // killed processes may hold their resources a moment longer: a start that fails is tried again.
      postgres = await startEmbeddedPostgres({ dataDir, persistent: true, database: 'hub' }).catch(async () => {
        await sleep(2_000);
        return startEmbeddedPostgres({ dataDir, persistent: true, database: 'hub' });
      });
    };
    const expectEveryAnsweredReadAudited = async () => {
      expect(await unauditedReads(postgres!.url, new Map([[reader.id, answeredByUser]]), 'actor_user_id')).toEqual([]);
      expect(await unauditedReads(postgres!.url, new Map([[readerKey.id, answeredByKey]]), 'actor_key_id')).toEqual([]);
    };
    const answeredReads = () => [...answeredByUser.values(), ...answeredByKey.values()].reduce((sum, n) => sum + n, 0);

    // 1. A person's reads only, then PostgreSQL dies just as one is answered. Nothing else is
    // written that would flush their audit rows to disk along with them (every use of an API key
    // writes an audit row of its own, which would).
    running = true;
    const reads = readLoads({ taxii: false });
    for (let waited = 0; waited < 30_000 && answeredReads() < 200; waited += 50) await sleep(50);
    await new Promise<void>((crashed) => {
      onAnswer = () => {
        crashPostgres(clusterDir);
        crashed();
      };
    });
    await restartAfterCrash(reads);
    expect(answeredReads()).toBeGreaterThan(200);
    await expectEveryAnsweredReadAudited();

    // 2. Reads and submissions, then PostgreSQL dies while submissions are being stored.
    hub = await startHub(postgres.url);
    hubs.push(hub);
    const before = await storedCount();
    running = true;
    const mixed = [...readLoads({ taxii: true }), ...submitLoads(2_500)];
    await sleep(1_000);
    await whenStoring();
    crashPostgres(clusterDir);
    await restartAfterCrash(mixed);
    await expectEveryAnsweredReadAudited();
    const afterDatabaseCrash = await unattributedObjects(postgres.url);
    expect(afterDatabaseCrash.total).toBeGreaterThan(before);
    expect(afterDatabaseCrash.unattributed).toEqual([]);

    // 3. The hub itself dies in the middle of large submissions (several write transactions each).
    hub = await startHub(postgres.url);
    hubs.push(hub);
    running = true;
    const big = submitLoads(4_000);
    await whenStoring();
    await hub.kill();
    running = false;
    await Promise.all(big);
    const afterHubCrash = await unattributedObjects(postgres.url);
    expect(afterHubCrash.total).toBeGreaterThan(afterDatabaseCrash.total);
    expect(afterHubCrash.unattributed).toEqual([]);
  }, 150_000);
});
