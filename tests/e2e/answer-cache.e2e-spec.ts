import { AnswerCache } from '@hub/sharing';
import pg from 'pg';
import { adminToken, createApiKey, createOrganization, createSharingGroup, createUser } from '../support/members';
import { askUntilCached } from '../support/answer-cache';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator, nextVersion } from '../support/stix-builders';
import { postGraphql, startTestHub, TestHub } from '../support/test-hub';

/*
 * The answer cache serves a repeated read again while nothing it is built from has changed. These
 * tests prove it is a cache of the same answer for the same viewer only: whoever else asks, and
 * whatever changes (data, the viewer's groups, role, key, account), nobody gets an answer they would
 * not get without it. Each test first proves the answer was served from the cache, so a test that
 * passes because nothing was cached cannot pass.
 */

const FEED = `query Feed { objects(first: 50) { totalCount edges { cursor node { id tlp modified revoked source { name } stix } } pageInfo { hasNextPage endCursor } } }`;

interface FeedAnswer {
  objects: { totalCount: number; edges: { node: { id: string; tlp: string; revoked: boolean; source: { name: string } | null } }[] };
}

describe('answer cache: repeated reads, same viewer only, never stale', () => {
  let hub: TestHub;
  let cache: AnswerCache;
  let db: pg.Client;
  let admin: string;
  let source: { organization: { id: string; name: string }; token: string };
  let partner: { organization: { id: string }; token: string; userId: string; colleagueToken: string };
  let outsider: string;
  let groupId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    cache = hub.hub.app.get(AnswerCache);
    db = new pg.Client({ connectionString: hub.databaseUrl });
    await db.connect();
    admin = await adminToken(hub);
    const sourceOrganization = await createOrganization(hub, admin, { name: 'Cache Source Hospital', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'FR' });
    const partnerOrganization = await createOrganization(hub, admin, { name: 'Cache Partner Pharma', kind: 'PRIVATE', sector: 'PHARMA', country: 'DE' });
    const outsiderOrganization = await createOrganization(hub, admin, { name: 'Cache Outsider', kind: 'PRIVATE', sector: 'PHARMA', country: 'DE' });
    const sourceUser = await createUser(hub, admin, { email: 'source@cache.test', role: 'MEMBER', organizationId: sourceOrganization.id });
    const partnerUser = await createUser(hub, admin, { email: 'partner@cache.test', role: 'ANALYST', organizationId: partnerOrganization.id });
    const colleague = await createUser(hub, admin, { email: 'colleague@cache.test', role: 'ANALYST', organizationId: partnerOrganization.id });
    outsider = (await createUser(hub, admin, { email: 'outsider@cache.test', role: 'ANALYST', organizationId: outsiderOrganization.id })).token;
    groupId = (await createSharingGroup(hub, admin, { name: 'Cache group', organizationIds: [sourceOrganization.id, partnerOrganization.id] })).id;
    source = { organization: sourceOrganization, token: sourceUser.token };
    partner = { organization: partnerOrganization, token: partnerUser.token, userId: partnerUser.id, colleagueToken: colleague.token };
  });

  afterAll(async () => {
    await db?.end();
    await hub?.close();
  });

  /** Asks until the answer is served from the cache, and returns it. */
  async function cachedAnswer(query: string, token: string | undefined, variables: Record<string, unknown> = {}): Promise<string> {
    const first = await hub.graphql(query, variables, token);
    expect(first.errors).toBeUndefined();
    return (await askUntilCached(hub, query, variables, token, first)).text;
  }

  async function feedFor(token: string | undefined): Promise<FeedAnswer> {
    const response = await hub.graphql<FeedAnswer>(FEED, {}, token);
    expect(response.errors).toBeUndefined();
    return response.data!;
  }

  const idsOf = (answer: FeedAnswer) => answer.objects.edges.map((edge) => edge.node.id);

  /** How many audit rows list a read of this object. */
  async function readTraces(objectId: string): Promise<number> {
    return Number((await db.query(`SELECT count(*) FROM audit_log WHERE action = 'object.read' AND details::text LIKE $1`, [`%${objectId}%`])).rows[0].count);
  }

  it('serves a repeated read from memory, byte for byte and with the same headers as when it was built', async () => {
    await submitBundle(hub, source.token, bundle([ipIndicator('192.0.2.1')]), 'GREEN');
    // No cursors in this query: they are sealed afresh each time an answer is built.
    const query = `query { objects(first: 5) { totalCount edges { node { id tlp } } } }`;
    const send = () =>
      fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${partner.token}` }, body: JSON.stringify({ query, variables: {} }) });
    const built = await send();
    const builtText = await built.text();
    await cachedAnswer(query, partner.token);
    const hitsBefore = cache.counts.hits;
    const served = await send();
    expect(cache.counts.hits).toBe(hitsBefore + 1);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(builtText);
    for (const header of ['content-type', 'etag', 'content-length']) expect(served.headers.get(header)).toBe(built.headers.get(header));
    expect(served.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('never serves one viewer the answer kept for another, in the same organisation or not', async () => {
    const amber = ipIndicator('192.0.2.2');
    const named = ipIndicator('192.0.2.3');
    await submitBundle(hub, source.token, bundle([amber]), 'AMBER', { sharingGroupIds: [groupId] });
    await submitBundle(hub, source.token, bundle([named]), 'RED', { userIds: [partner.userId] });
    const partnerText = await cachedAnswer(FEED, partner.token);
    expect(partnerText).toContain(amber.id as string);
    expect(partnerText).toContain(named.id as string);

    // The same request from a colleague (same organisation and groups, not named on the RED object), an outsider and nobody.
    const colleague = await feedFor(partner.colleagueToken);
    expect(idsOf(colleague)).toContain(amber.id);
    expect(idsOf(colleague)).not.toContain(named.id);
    for (const token of [outsider, undefined]) {
      const other = await hub.graphql(FEED, {}, token);
      expect(other.errors).toBeUndefined();
      expect(other.text).not.toContain(amber.id as string);
      expect(other.text).not.toContain(named.id as string);
    }
  });

  it('a key and its person are different viewers: a CLIENTS key never gets what the person reads', async () => {
    const strict = ipIndicator('192.0.2.4');
    await submitBundle(hub, source.token, bundle([strict]), 'AMBER_STRICT', { organizationIds: [partner.organization.id] });
    expect(await cachedAnswer(FEED, partner.token)).toContain(strict.id as string);
    const clientsKey = await createApiKey(hub, partner.token, { name: 'clients', distribution: 'CLIENTS' });
    const byKey = await hub.graphql(FEED, {}, clientsKey.key);
    expect(byKey.errors).toBeUndefined();
    expect(byKey.text).not.toContain(strict.id as string);
  });

  it('a new object, a new version and a revocation show at once', async () => {
    expect(await cachedAnswer(FEED, partner.token)).not.toContain('192.0.2.5');
    const fresh = ipIndicator('192.0.2.5');
    await submitBundle(hub, source.token, bundle([fresh]), 'GREEN');
    expect(idsOf(await feedFor(partner.token))).toContain(fresh.id);

    await cachedAnswer(FEED, partner.token);
    await submitBundle(hub, source.token, bundle([nextVersion(fresh, { name: 'Renamed indicator' })]), 'GREEN');
    expect(JSON.stringify(await feedFor(partner.token))).toContain('Renamed indicator');

    await cachedAnswer(FEED, partner.token);
    const revoked = await hub.graphql(`mutation ($id: ID!) { revokeObject(id: $id) { revoked } }`, { id: fresh.id }, source.token);
    expect(revoked.errors).toBeUndefined();
    const after = await feedFor(partner.token);
    expect(after.objects.edges.find((edge) => edge.node.id === fresh.id)?.node.revoked).toBe(true);
  });

  it('a viewer who leaves a sharing group stops seeing its objects on the very next request', async () => {
    const amber = ipIndicator('192.0.2.6');
    await submitBundle(hub, source.token, bundle([amber]), 'AMBER', { sharingGroupIds: [groupId] });
    expect(await cachedAnswer(FEED, partner.token)).toContain(amber.id as string);
    const removed = await hub.graphql(
      `mutation ($id: ID!, $organizationIds: [ID!]!) { removeSharingGroupMembers(id: $id, organizationIds: $organizationIds) { id } }`,
      { id: groupId, organizationIds: [partner.organization.id] },
      admin,
    );
    expect(removed.errors).toBeUndefined();
    expect(idsOf(await feedFor(partner.token))).not.toContain(amber.id);
    await hub.graphql(`mutation ($id: ID!, $organizationIds: [ID!]!) { addSharingGroupMembers(id: $id, organizationIds: $organizationIds) { id } }`, { id: groupId, organizationIds: [partner.organization.id] }, admin);
  });

  it('a revoked key and a deactivated person are refused, not served what they read before', async () => {
    const key = await createApiKey(hub, partner.token, { name: 'poller', distribution: 'INTERNAL' });
    await cachedAnswer(FEED, key.key);
    expect((await hub.graphql(`mutation ($id: ID!) { revokeApiKey(id: $id) }`, { id: key.id }, partner.token)).errors).toBeUndefined();
    const byRevokedKey = await hub.graphql(FEED, {}, key.key);
    expect(byRevokedKey.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(byRevokedKey.data).toBeUndefined();

    const temporary = await createUser(hub, admin, { email: 'temporary@cache.test', role: 'ANALYST', organizationId: partner.organization.id });
    await cachedAnswer(FEED, temporary.token);
    expect((await hub.graphql(`mutation ($id: ID!) { deactivateUser(id: $id) { id } }`, { id: temporary.id }, admin)).errors).toBeUndefined();
    const byDeactivated = await hub.graphql(FEED, {}, temporary.token);
    expect(byDeactivated.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(byDeactivated.data).toBeUndefined();
  });

  it('a renamed source organisation shows under its new name', async () => {
    await cachedAnswer(FEED, partner.token);
    const renamed = await hub.graphql(`mutation ($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { id } }`, {
      id: source.organization.id,
      input: { name: 'Cache Source Hospital Group' },
    }, admin);
    expect(renamed.errors).toBeUndefined();
    const names = (await feedFor(partner.token)).objects.edges.map((edge) => edge.node.source?.name);
    expect(names).toContain('Cache Source Hospital Group');
    expect(names).not.toContain('Cache Source Hospital');
  });

  it('a change made straight in the database (not through the hub) shows too', async () => {
    const target = ipIndicator('192.0.2.7', { labels: ['direct'] });
    await submitBundle(hub, source.token, bundle([target]), 'GREEN');
    const edited = `query { objects(first: 5, filter: { labels: ["edited-in-sql"] }) { edges { node { id } } } }`;
    expect(await cachedAnswer(edited, partner.token)).not.toContain(target.id as string);
    await cachedAnswer(FEED, partner.token);
    await db.query(`UPDATE stix_object SET labels = ARRAY['edited-in-sql'] WHERE id = $1`, [target.id]);
    const answer = await hub.graphql<{ objects: { edges: { node: { id: string } }[] } }>(edited, {}, partner.token);
    expect(answer.data!.objects.edges.map((edge) => edge.node.id)).toEqual([target.id]);
    expect(await cachedAnswer(FEED, partner.token)).toContain(target.id as string);
    const { rows } = await db.query(`DELETE FROM stix_object WHERE id = $1 RETURNING pk`, [target.id]);
    expect(idsOf(await feedFor(partner.token))).not.toContain(target.id);
    // Its observables go with it (a statement trigger, not a foreign key: see IngestWithoutRowChecks).
    expect((await db.query(`SELECT count(*)::int AS n FROM stix_observable WHERE object_pk = $1`, [rows[0].pk])).rows[0].n).toBe(0);
  });

  it('every answer served again leaves the same audit trace of AMBER and RED reads as the first', async () => {
    const amber = ipIndicator('192.0.2.8');
    await submitBundle(hub, source.token, bundle([amber]), 'AMBER', { organizationIds: [partner.organization.id] });
    const query = `query ($id: ID!) { object(id: $id) { id tlp } }`;
    const traces = () => readTraces(amber.id as string);
    const before = await traces();
    await cachedAnswer(query, partner.token, { id: amber.id });
    const hitsBefore = cache.counts.hits;
    const tracesBefore = await traces();
    await hub.graphql(query, { id: amber.id }, partner.token);
    await hub.graphql(query, { id: amber.id }, partner.token);
    expect(cache.counts.hits).toBe(hitsBefore + 2);
    expect(await traces()).toBe(tracesBefore + 2);
    expect(tracesBefore).toBeGreaterThan(before);
  });

  it('the same request arriving while its answer is being built waits for it: built once, each read audited, never for another viewer', async () => {
    const amber = ipIndicator('192.0.2.9');
    await submitBundle(hub, source.token, bundle([amber]), 'AMBER', { organizationIds: [partner.organization.id] });
    const query = `query ($id: ID!) { object(id: $id) { id tlp source { name } } }`;
    const traces = () => readTraces(amber.id as string);
    const tracesBefore = await traces();
    const keptBefore = cache.counts.kept;
    const hitsBefore = cache.counts.hits;
    // The partner and an outsider ask at the same moment, their requests interleaved.
    const asks = Array.from({ length: 12 }, (_, index) => (index % 3 === 2 ? outsider : partner.token));
    const answers = await Promise.all(asks.map((token) => hub.graphql<{ object: { id: string } | null }>(query, { id: amber.id }, token)));
    const partnerAnswers = answers.filter((_, index) => asks[index] === partner.token);
    const outsiderAnswers = answers.filter((_, index) => asks[index] === outsider);
    expect(new Set(partnerAnswers.map((answer) => answer.text)).size).toBe(1);
    expect(partnerAnswers[0].errors).toBeUndefined();
    expect(partnerAnswers[0].data?.object?.id).toBe(amber.id);
    for (const answer of outsiderAnswers) {
      expect(answer.data?.object).toBeNull();
      expect(answer.text).not.toContain(amber.id as string);
      expect(answer.text).not.toContain(source.organization.name);
    }
    // One answer built for each viewer; every other request waited for its own viewer's answer or was served it.
    expect(cache.counts.kept).toBe(keptBefore + 2);
    expect(cache.counts.hits).toBe(hitsBefore + 10);
    expect(await traces()).toBe(tracesBefore + partnerAnswers.length);
  });

  it('keeps no answer that holds an error, and serves no mutation, subscription or other query', async () => {
    const kept = cache.counts.kept;
    const badCursor = `query { objects(first: 5, after: "not-a-cursor") { edges { cursor } } }`;
    for (let run = 0; run < 3; run += 1) expect((await hub.graphql(badCursor, {}, partner.token)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const other = `query { me { id } }`;
    for (let run = 0; run < 3; run += 1) expect((await hub.graphql(other, {}, partner.token)).errors).toBeUndefined();
    const mixed = `query { objects(first: 1) { totalCount } me { id } }`;
    for (let run = 0; run < 3; run += 1) expect((await hub.graphql(mixed, {}, partner.token)).errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cache.counts.kept).toBe(kept);
  });

  it('keeps an answer only if no change committed while it was built', async () => {
    const answer = (version: string) => ({ version, body: Buffer.from('{"data":{}}'), contentType: 'application/json', extra: [], bytes: 1_100 });
    const before = await cache.currentVersion();
    await db.query(`UPDATE organization SET name = name WHERE false`);
    expect(await cache.keepIfUnchanged('built across a commit', answer(before))).toBe(false);
    expect(cache.find('built across a commit', await cache.currentVersion())).toBeUndefined();
    const now = await cache.currentVersion();
    expect(await cache.keepIfUnchanged('built in one version', answer(now))).toBe(true);
    expect(cache.find('built in one version', now)).toBeDefined();
  });

  it('serves nobody signed in from memory: one anonymous caller must not learn what another asked', async () => {
    const hitsBefore = cache.counts.hits;
    const keptBefore = cache.counts.kept;
    for (let run = 0; run < 5; run += 1) expect((await hub.graphql(FEED, {}, undefined)).errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cache.counts.hits).toBe(hitsBefore);
    expect(cache.counts.kept).toBe(keptBefore);
  });

  it('a wrong credential gets the normal refusal, audited once', async () => {
    const refusals = async () => Number((await db.query(`SELECT count(*) FROM audit_log WHERE action = 'api_key.use' AND outcome = 'denied'`)).rows[0].count);
    const before = await refusals();
    const key = await createApiKey(hub, partner.token, { name: 'to revoke', distribution: 'INTERNAL' });
    await hub.graphql(`mutation ($id: ID!) { revokeApiKey(id: $id) }`, { id: key.id }, partner.token);
    const response = await postGraphql(hub.url, FEED, {}, key.key);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await refusals()).toBe(before + 1);
  });
});

describe('read-model version: a new value at each committed change, at commit', () => {
  let hub: TestHub;
  let db: pg.Client;
  let other: pg.Client;

  beforeAll(async () => {
    hub = await startTestHub();
    db = new pg.Client({ connectionString: hub.databaseUrl });
    other = new pg.Client({ connectionString: hub.databaseUrl });
    await Promise.all([db.connect(), other.connect()]);
  });

  afterAll(async () => {
    await Promise.all([db?.end(), other?.end()]);
    await hub?.close();
  });

  const version = async () => (await other.query(`SELECT string_agg(version::text, ',' ORDER BY stripe) AS version FROM read_model_version`)).rows[0].version as string;

  it('does not change while the change is uncommitted, changes at commit, and not on rollback', async () => {
    const start = await version();
    await db.query('BEGIN');
    await db.query(`UPDATE organization SET country = country`);
    await db.query(`UPDATE stix_object SET labels = labels`);
    expect(await version()).toBe(start);
    await db.query('COMMIT');
    const committed = await version();
    expect(committed).not.toBe(start);
    await db.query('BEGIN');
    await db.query(`UPDATE organization SET country = country`);
    await db.query('ROLLBACK');
    expect(await version()).toBe(committed);
    expect(Number((await other.query('SELECT count(*) FROM read_model_change')).rows[0].count)).toBe(0);
  });

  it.each(['stix_object', 'stix_observable', 'organization'])('changes on any change to %s', async (table) => {
    const start = await version();
    await db.query(`UPDATE ${table} SET ${table === 'stix_observable' ? 'value = value' : 'id = id'} WHERE false`);
    expect(await version()).not.toBe(start);
  });

  it('never takes a value it had before (a counter would, after a restore)', async () => {
    const seen = new Set([await version()]);
    for (let commit = 0; commit < 40; commit += 1) {
      await db.query(`UPDATE stix_object SET labels = labels WHERE false`);
      const now = await version();
      expect(seen.has(now)).toBe(false);
      seen.add(now);
    }
  });

  it('changes when the objects are truncated, and their observables go with them', async () => {
    const start = await version();
    // CASCADE: tables of later features (incident figures, exposures) hold foreign keys to the objects.
    await db.query('TRUNCATE stix_object CASCADE');
    expect(await version()).not.toBe(start);
    expect(Number((await other.query('SELECT count(*) FROM stix_observable')).rows[0].count)).toBe(0);
  });

  it('does not change on changes that no read answer is built from (audit, keys, people, groups)', async () => {
    const token = await adminToken(hub);
    const organization = await createOrganization(hub, token, { name: 'Unrelated Clinic', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'AT' });
    const start = await version();
    await createApiKey(hub, token, { name: 'unrelated', distribution: 'INTERNAL' });
    const person = await createUser(hub, token, { email: 'unrelated@clinic.test', role: 'ANALYST', organizationId: organization.id });
    expect((await hub.graphql(`mutation ($id: ID!) { deactivateUser(id: $id) { id } }`, { id: person.id }, token)).errors).toBeUndefined();
    await createSharingGroup(hub, token, { name: 'Unrelated group', organizationIds: [organization.id] });
    // The viewer (its groups, its role, whether it is active) is part of every answer's key instead.
    expect(await version()).toBe(start);
  });
});

describe('answer cache turned off (HUB_ANSWER_CACHE_MB=0)', () => {
  it('builds every answer anew', async () => {
    const hub = await startTestHub({ HUB_ANSWER_CACHE_MB: '0' });
    try {
      const cache = hub.hub.app.get(AnswerCache);
      const token = await adminToken(hub);
      for (let run = 0; run < 5; run += 1) expect((await hub.graphql(FEED, {}, token)).errors).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(cache.counts).toEqual({ hits: 0, kept: 0 });
    } finally {
      await hub.close();
    }
  });
});
