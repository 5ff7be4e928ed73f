import fc from 'fast-check';
import pg from 'pg';
import { ScoresService } from '@hub/intel';
import { scoreAt, thresholdCrossing, type ScoreClock } from '@hub/intel-rules';
import { AccessMatrix, buildAccessMatrix, policyAllows, RELATIONS, TLPS } from '../support/access-matrix';
import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { getExport, bundleObjects } from '../support/exports';
import { AudienceSpec, submitBundle, TlpName } from '../support/sharing';
import { API_ROOT, collectionsByTitle, pullAll, taxii } from '../support/taxii';
import { bundle, indicator, malware } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

const DAY = 86_400_000;
// Every expected value below is an exact point of the decay (e.g. 80 × (1 − 45/90) = 40): the
// scores are stored rounded up, so the seconds a test takes never move them.
const T0 = Date.now();
const at = (offsetDays: number) => new Date(T0 + offsetDays * DAY).toISOString();

const SCORED = `query ($id: ID!) { object(id: $id) { score sightingTotals { sightings falsePositives expirations } } }`;
const REPORT = `mutation ($input: ReportSightingInput!) { reportSighting(input: $input) { id stix } }`;

interface Scored {
  object: { score: number | null; sightingTotals: { sightings: number; falsePositives: number; expirations: number } } | null;
}

describe('intel: sightings and scores that decay', () => {
  let hub: TestHub;
  let matrix: AccessMatrix;
  let admin: string;
  let scores: ScoresService;
  let other: { id: string; token: string };
  let otherKey: string;
  let otherOrganization: { id: string; identityId: string };

  const share = async (token: string, objects: Record<string, unknown>[], tlp: TlpName, audience?: AudienceSpec) => {
    const result = await submitBundle(hub, token, bundle(objects), tlp, audience);
    expect(result.accepted).toBe(objects.length);
    return objects.map((object) => object.id as string);
  };
  const read = async (token: string | undefined, id: string) => {
    const response = await hub.graphql<Scored>(SCORED, { id }, token);
    if (response.errors) throw new Error(response.text);
    return response.data!.object;
  };
  const scoreOf = async (id: string) => (await read(matrix.submitter.token, id))!.score;
  const report = async (token: string, input: Record<string, unknown>) => {
    const response = await hub.graphql<{ reportSighting: { id: string; stix: Record<string, unknown> } }>(REPORT, { input: { tlp: 'GREEN', ...input } }, token);
    if (response.errors) throw new Error(response.text);
    return response.data!.reportSighting;
  };

  beforeAll(async () => {
    hub = await startTestHub({ HUB_SCORE_INTERVAL_SECONDS: '0' });
    matrix = await buildAccessMatrix(hub);
    admin = await adminToken(hub);
    scores = hub.hub.app.get(ScoresService);
    const organization = await createOrganization(hub, admin, { name: 'Other clinic', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'SK' });
    otherOrganization = organization;
    other = await createUser(hub, admin, { email: 'analyst@other.test', role: 'ANALYST', organizationId: organization.id });
    otherKey = (await createApiKey(hub, other.token, { name: 'siem', distribution: 'INTERNAL' })).key;
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
  });

  it('scores indicators from confidence and age with the rule of their observable type, and nothing else', async () => {
    const [domain, address, expired, plain, family] = await share(
      matrix.submitter.token,
      [
        // domain-name: L = 90 days, δ = 1 → 80 × (1 − 45/90) = 40
        indicator(`[domain-name:value = 'a.scores.test']`, { confidence: 80, valid_from: at(-45) }),
        // ipv4-addr: L = 30 days, δ = 2, confidence 50 by default → 50 × (1 − (7.5/30)^(1/2)) = 25
        indicator(`[ipv4-addr:value = '10.9.0.1']`, { valid_from: at(-7.5) }),
        // valid_until passed → 0 whatever the age
        indicator(`[domain-name:value = 'b.scores.test']`, { confidence: 90, valid_from: at(-2), valid_until: at(-1) }),
        // No observable type with a rule: "other", L = 180 days, δ = 1 → 60 × (1 − 90/180) = 30
        indicator(`[process:name = 'evil.exe']`, { confidence: 60, valid_from: at(-90) }),
        malware('Scoreless'),
      ],
      'GREEN',
    );
    expect(await scoreOf(domain)).toBe(40);
    expect(await scoreOf(address)).toBe(25);
    expect(await scoreOf(expired)).toBe(0);
    expect(await scoreOf(plain)).toBe(30);
    expect(await scoreOf(family)).toBeNull();

    // As of 22.5 days later: 80 × (1 − 67.5/90) = 20; the address reaches its lifetime (0); "other": 60 × (1 − 112.5/180) = 22.5 → 23.
    await scores.refreshDue(new Date(at(22.5)));
    expect(await scoreOf(domain)).toBe(20);
    expect(await scoreOf(address)).toBe(0);
    expect(await scoreOf(plain)).toBe(23);
    // Nothing is due again before the next point is lost: a second pass at the same moment updates nothing.
    expect(await scores.refreshDue(new Date(at(22.5)))).toBe(0);
  });

  it('a true sighting restarts the clock and adds to the base; a false positive lowers it; each type is stored as x_hub_sighting_type', async () => {
    const [id] = await share(matrix.submitter.token, [indicator(`[domain-name:value = 'c.scores.test']`, { confidence: 60, valid_from: at(-45) })], 'GREEN');
    expect(await scoreOf(id)).toBe(30);
    const seen = await report(other.token, { sightingOfRef: id, count: 4, lastSeen: new Date(T0).toISOString() });
    expect(seen.stix.x_hub_sighting_type).toBeUndefined();
    // base 60 + 5, clock restarted at the sighting
    expect(await scoreOf(id)).toBe(65);
    const falsePositive = await report(other.token, { sightingOfRef: id, type: 'FALSE_POSITIVE' });
    expect(falsePositive.stix.x_hub_sighting_type).toBe('false-positive');
    // 65 − 20
    expect(await scoreOf(id)).toBe(45);
    await scores.refreshDue(new Date(at(45)));
    // 45 × (1 − 45/90) = 22.5 → 23
    expect(await scoreOf(id)).toBe(23);
    expect((await read(other.token, id))!.sightingTotals).toEqual({ sightings: 4, falsePositives: 1, expirations: 0 });
    const lookUp = await hub.graphql<{ lookupObservable: { sightingCount: number; sightings: { id: string }[] } }>(
      'query { lookupObservable(type: "domain-name", value: "c.scores.test") { sightingCount sightings { id } } }',
      {},
      other.token,
    );
    expect(lookUp.data!.lookupObservable.sightings.map((row) => row.id).sort()).toEqual([seen.id, falsePositive.id].sort());
    expect(lookUp.data!.lookupObservable.sightingCount).toBe(4);
  });

  it('an expiration from the named source ends the indicator; one from anyone else, or anonymous, does not', async () => {
    const [id] = await share(matrix.submitter.token, [indicator(`[domain-name:value = 'd.scores.test']`, { confidence: 70, valid_from: at(-45) })], 'GREEN');
    expect(await scoreOf(id)).toBe(35);
    await report(other.token, { sightingOfRef: id, type: 'EXPIRATION' });
    await report(matrix.submitter.token, { sightingOfRef: id, type: 'EXPIRATION', anonymous: true });
    expect(await scoreOf(id)).toBe(35);
    await report(matrix.submitter.token, { sightingOfRef: id, type: 'EXPIRATION' });
    expect(await scoreOf(id)).toBe(0);
    expect((await read(other.token, id))!.sightingTotals).toEqual({ sightings: 0, falsePositives: 0, expirations: 3 });
  });

  it('sighting totals count only the sightings each viewer may read; the score is the same for every reader (access matrix)', async () => {
    const [id] = await share(matrix.submitter.token, [indicator(`[domain-name:value = 'matrix.scores.test']`, { valid_from: at(-45) })], 'CLEAR');
    // One CLEAR sighting moves the score of a CLEAR indicator: 50 + 5, clock restarted now.
    const counts: Record<TlpName, number> = { CLEAR: 1, GREEN: 2, AMBER: 4, AMBER_STRICT: 8, RED: 16 };
    for (const tlp of TLPS) {
      await report(matrix.submitter.token, { sightingOfRef: id, tlp, audience: matrix.audienceFor(tlp), count: counts[tlp] });
      await report(matrix.submitter.token, { sightingOfRef: id, tlp, audience: matrix.audienceFor(tlp), count: counts[tlp], type: 'FALSE_POSITIVE' });
    }
    for (const relation of RELATIONS) {
      const readable = TLPS.filter((tlp) => policyAllows(relation, tlp)).reduce((sum, tlp) => sum + counts[tlp], 0);
      // The CLEAR and GREEN ones: 50 + 5 for one CLEAR sighting − 20 for one CLEAR false positive; the GREEN ones do not count for a CLEAR indicator.
      expect({ relation, answer: await read(matrix.viewers.get(relation), id) }).toEqual({
        relation,
        answer: { score: 35, sightingTotals: { sightings: readable, falsePositives: readable, expirations: 0 } },
      });
    }
  });

  it('answers the same whether or not sightings the viewer cannot read exist', async () => {
    const [id] = await share(matrix.submitter.token, [indicator(`[domain-name:value = 'hidden.scores.test']`, { confidence: 40, valid_from: at(-45) })], 'GREEN');
    await report(other.token, { sightingOfRef: id, count: 2 });
    const answers = async () => Promise.all(RELATIONS.map(async (relation) => [relation, await read(matrix.viewers.get(relation), id)] as const));
    const before = await answers();
    expect(before.find(([relation]) => relation === 'unrelated member')![1]).toEqual({ score: 45, sightingTotals: { sightings: 2, falsePositives: 0, expirations: 0 } });
    // Restricted sightings of every type, the source's own included: readable by some, never moving the score.
    for (const tlp of ['AMBER', 'AMBER_STRICT', 'RED'] as const) {
      for (const type of ['SIGHTING', 'FALSE_POSITIVE', 'EXPIRATION']) {
        await report(matrix.submitter.token, { sightingOfRef: id, tlp, audience: matrix.audienceFor(tlp), type, lastSeen: new Date().toISOString() });
      }
    }
    const after = await answers();
    for (const [index, [relation, answer]] of after.entries()) {
      expect({ relation, score: answer?.score }).toEqual({ relation, score: before[index][1]?.score });
      const readsRestricted = (['AMBER', 'AMBER_STRICT', 'RED'] as const).some((tlp) => policyAllows(relation, tlp));
      if (!readsRestricted) expect({ relation, answer }).toEqual({ relation, answer: before[index][1] });
    }
  });

  it('minScore and excludeDecayed filter indicators on the feed, the look-up, exports and TAXII, and leave other objects alone', async () => {
    const label = 'scores-filter';
    const [high, low, dead, family] = await share(
      matrix.submitter.token,
      [
        indicator(`[ipv4-addr:value = '10.77.0.1']`, { labels: [label], confidence: 100 }),
        indicator(`[ipv4-addr:value = '10.77.0.1']`, { labels: [label], confidence: 20 }),
        indicator(`[ipv4-addr:value = '10.77.0.1']`, { labels: [label], confidence: 90, valid_from: at(-40) }),
        malware('Unscored family', { labels: [label] }),
      ],
      'GREEN',
    );
    const feed = async (filter: Record<string, unknown>) => {
      const response = await hub.graphql<{ objects: { totalCount: number; edges: { node: { id: string; score: number | null } }[] } }>(
        'query ($filter: ObjectFilterInput) { objects(filter: $filter, first: 50) { totalCount edges { node { id score } } } }',
        { filter: { labels: [label], ...filter } },
        other.token,
      );
      if (response.errors) throw new Error(response.text);
      return { ids: response.data!.objects.edges.map((edge) => edge.node.id).sort(), totalCount: response.data!.objects.totalCount };
    };
    const sorted = (...ids: string[]) => ids.sort();
    expect(await feed({})).toEqual({ ids: sorted(high, low, dead, family), totalCount: 4 });
    expect(await feed({ minScore: 50 })).toEqual({ ids: sorted(high, family), totalCount: 2 });
    expect(await feed({ excludeDecayed: true })).toEqual({ ids: sorted(high, low, family), totalCount: 3 });
    const refused = await hub.graphql('query { objects(filter: { minScore: 101 }) { totalCount } }', {}, other.token);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'filter.minScore', message: 'must be an integer from 0 to 100 (got 101)' }] });

    const lookUp = async (args: string) => {
      const response = await hub.graphql<{ lookupObservable: { indicators: { id: string; score: number }[] } }>(
        `query { lookupObservable(type: "ipv4-addr", value: "10.77.0.1"${args}) { indicators { id score } } }`,
        {},
        other.token,
      );
      if (response.errors) throw new Error(response.text);
      return response.data!.lookupObservable.indicators.map((row) => row.id).sort();
    };
    expect(await lookUp('')).toEqual(sorted(high, low, dead));
    expect(await lookUp(', minScore: 50')).toEqual([high]);
    expect(await lookUp(', excludeDecayed: true')).toEqual(sorted(high, low));

    const exported = await getExport(hub, 'stix', { labels: label, minScore: '50' }, otherKey);
    expect(exported.status).toBe(200);
    expect(bundleObjects(exported.text).map((object) => object.id).sort()).toEqual(sorted(high, family));
    const decayedOut = await getExport(hub, 'stix', { labels: label, excludeDecayed: 'true' }, otherKey);
    expect(bundleObjects(decayedOut.text).map((object) => object.id).sort()).toEqual(sorted(high, low, family));

    const green = (await collectionsByTitle(hub, otherKey)).get('TLP:GREEN')!;
    const pulled = await pullAll(hub, green.id, otherKey, `match[x_hub_min_score]=50`);
    const labelled = pulled.filter((object) => (object.labels as string[] | undefined)?.includes(label)).map((object) => object.id as string);
    expect(labelled.sort()).toEqual(sorted(high, family));
    const bad = await taxii(hub, `${API_ROOT}collections/${green.id}/objects/?match[x_hub_min_score]=high`, { key: otherKey });
    expect(bad.status).toBe(400);
  });

  it('lets the operator set the decay of an observable type; the scores of that type follow at once', async () => {
    // url: L = 45 days, δ = 2 → 50 × (1 − (11.25/45)^(1/2)) = 25
    const [id] = await share(matrix.submitter.token, [indicator(`[url:value = 'http://u.scores.test/x']`, { valid_from: at(-11.25) })], 'GREEN');
    expect(await scoreOf(id)).toBe(25);
    const set = 'mutation ($type: String!, $lifetime: Float!, $speed: Float!) { setScoreDecay(observableType: $type, lifetimeDays: $lifetime, speed: $speed) { observableType lifetimeDays speed } }';
    expect((await hub.graphql(set, { type: 'url', lifetime: 90, speed: 1 }, other.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const invalid = await hub.graphql(set, { type: 'url', lifetime: 0, speed: -1 }, admin);
    expect(invalid.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'lifetimeDays' }, { path: 'speed' }] });
    const unknown = await hub.graphql(set, { type: 'urls', lifetime: 90, speed: 1 }, admin);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'observableType' }] });
    const changed = await hub.graphql(set, { type: 'url', lifetime: 90, speed: 1 }, admin);
    expect(changed.data).toEqual({ setScoreDecay: { observableType: 'url', lifetimeDays: 90, speed: 1 } });
    // 50 × (1 − 11.25/90) = 43.75 → 44
    expect(await scoreOf(id)).toBe(44);
    const rules = await hub.graphql<{ scoreDecayRules: { observableType: string; lifetimeDays: number; speed: number }[] }>('{ scoreDecayRules { observableType lifetimeDays speed } }', {}, admin);
    expect(rules.data!.scoreDecayRules.find((rule) => rule.observableType === 'ipv4-addr')).toEqual({ observableType: 'ipv4-addr', lifetimeDays: 30, speed: 2 });
    expect(rules.data!.scoreDecayRules.map((rule) => rule.observableType)).toContain('other');
  });

  it('a sighting that moves nothing leaves a lagging stored score for the batch, rather than bringing it up to date as it is stored', async () => {
    const [id] = await share(matrix.submitter.token, [indicator(`[domain-name:value = 'lagging.scores.test']`, { confidence: 80, valid_from: at(-45) })], 'GREEN');
    const outsider = matrix.viewers.get('unrelated member')!;
    expect(await read(outsider, id)).toEqual({ score: 40, sightingTotals: { sightings: 0, falsePositives: 0, expirations: 0 } });
    // The batch's normal state for up to one interval after a crossing: one point behind, due.
    const client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
    try {
      await client.query(`UPDATE indicator_score SET score = 41, next_check = now() - interval '1 second' WHERE object_pk IN (SELECT pk FROM stix_object WHERE id = $1)`, [id]);
      await report(other.token, { sightingOfRef: id, tlp: 'RED', audience: { userIds: [other.id] } });
      await report(other.token, { sightingOfRef: id, tlp: 'AMBER', audience: { organizationIds: [otherOrganization.id] }, type: 'FALSE_POSITIVE' });
      expect(await read(outsider, id)).toEqual({ score: 41, sightingTotals: { sightings: 0, falsePositives: 0, expirations: 0 } });
    } finally {
      await client.end();
    }
  });

  it("alerts the source's people of a CLEAR/GREEN false positive, one unread alert per indicator, showing it as they may read it (anonymous as a pseudonym)", async () => {
    const [id] = await share(matrix.submitter.token, [indicator(`[domain-name:value = 'alerted.scores.test']`)], 'GREEN');
    // A restricted false positive writes no alert at all (it would never show; writing it only tells that the indicator exists).
    const restricted = await report(other.token, { sightingOfRef: id, type: 'FALSE_POSITIVE', tlp: 'AMBER', audience: { organizationIds: [otherOrganization.id] } });
    const named = await report(other.token, { sightingOfRef: id, type: 'FALSE_POSITIVE' });
    // While that alert is unread, another false positive on the same indicator adds nothing.
    await report(other.token, { sightingOfRef: id, type: 'FALSE_POSITIVE', anonymous: true });
    await report(other.token, { sightingOfRef: id, type: 'SIGHTING' });
    const alertsOf = async (token: string) => {
      const response = await hub.graphql<{ alerts: { edges: { node: { id: string; kind: string; watchFilterId: string | null; watchFilterName: string; readAt: string | null; object: { id: string; stix: Record<string, unknown> } } }[] } }>(
        '{ alerts(first: 100) { edges { node { id kind watchFilterId watchFilterName readAt object { id stix } } } } }',
        {},
        token,
      );
      if (response.errors) throw new Error(response.text);
      return response.data!.alerts.edges.map((edge) => edge.node).filter((alert) => alert.object.stix.sighting_of_ref === id);
    };
    const colleague = matrix.viewers.get('colleague of the submitter')!;
    for (const token of [matrix.submitter.token, colleague]) {
      expect((await alertsOf(token)).map((alert) => [alert.kind, alert.watchFilterId, alert.watchFilterName, alert.readAt, alert.object.id])).toEqual([
        ['FALSE_POSITIVE', null, 'False positive reported on your indicator', null, named.id],
      ]);
    }
    // Once the submitter has read it, the next false positive is a new alert, for the submitter only.
    const [first] = await alertsOf(matrix.submitter.token);
    expect((await hub.graphql<{ markAlertsRead: number }>('mutation ($ids: [ID!]!) { markAlertsRead(ids: $ids) }', { ids: [first.id] }, matrix.submitter.token)).data).toEqual({ markAlertsRead: 1 });
    const anonymous = await report(other.token, { sightingOfRef: id, type: 'FALSE_POSITIVE', anonymous: true });
    const submitterAlerts = await alertsOf(matrix.submitter.token);
    expect(submitterAlerts.map((alert) => [alert.object.id, alert.readAt === null]).sort()).toEqual([[anonymous.id, true], [named.id, false]].sort());
    expect((await alertsOf(colleague)).map((alert) => alert.object.id)).toEqual([named.id]);
    const shownAnonymous = JSON.stringify(submitterAlerts.find((alert) => alert.object.id === anonymous.id)!.object.stix);
    expect(shownAnonymous).not.toContain(otherOrganization.identityId);
    // The reporter's own organisation is not the source: nothing for it.
    expect(await alertsOf(other.token)).toEqual([]);

    // People of a deactivated source organisation get no alert rows, as for watch alerts.
    const closing = await createOrganization(hub, admin, { name: 'Closing lab', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'HU' });
    const closer = await createUser(hub, admin, { email: 'analyst@closing.test', role: 'ANALYST', organizationId: closing.id });
    const [closed] = await share(closer.token, [indicator(`[domain-name:value = 'closed.scores.test']`)], 'GREEN');
    expect((await hub.graphql('mutation ($id: ID!) { deactivateOrganization(id: $id) { id } }', { id: closing.id }, admin)).errors).toBeUndefined();
    await report(other.token, { sightingOfRef: closed, type: 'FALSE_POSITIVE' });
    const client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
    try {
      const written = async (sql: string, values: unknown[]) => (await client.query<{ n: number }>(sql, values)).rows[0].n;
      expect(await written(`SELECT count(*)::int AS n FROM alert WHERE user_id = $1`, [closer.id])).toBe(0);
      expect(await written(`SELECT count(*)::int AS n FROM alert a JOIN stix_object s ON s.pk = a.object_pk WHERE s.id = $1`, [restricted.id])).toBe(0);
    } finally {
      await client.end();
    }
  });

  it("the SQL decay is the twin of libs/intel-rules' scoreAt and thresholdCrossing (property, 300 cases in one query)", async () => {
    const cases = fc.sample(
      fc.record({
        base: fc.integer({ min: 0, max: 100 }),
        lifetimeDays: fc.constantFrom(30, 45, 90, 180, 365, 730),
        speed: fc.constantFrom(0.3, 0.5, 1, 2),
        ageMs: fc.integer({ min: -DAY, max: 800 * DAY }),
        endsInMs: fc.option(fc.integer({ min: -10 * DAY, max: 400 * DAY }), { nil: undefined }),
      }),
      { numRuns: 300, seed: 17 },
    );
    const now = new Date(T0);
    const expected = cases.map(({ base, lifetimeDays, speed, ageMs, endsInMs }) => {
      const clock: ScoreClock = { base, rule: { lifetimeDays, speed }, start: new Date(T0 - ageMs), ...(endsInMs === undefined ? {} : { validUntil: new Date(T0 + endsInMs) }) };
      const score = Math.max(0, Math.ceil(scoreAt(clock, now) - 1e-9));
      return { score, nextCheck: score > 0 ? thresholdCrossing(clock, score - 1)!.getTime() : null };
    });
    const client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ score: number; next_check: Date | null }>(
        `SELECT s.score, hub_score_next_check(c.base, c.start, c.ends, c.lifetime, c.speed, s.score) AS next_check
         FROM jsonb_to_recordset($1::jsonb) AS c(i int, base double precision, start timestamptz, ends timestamptz, lifetime double precision, speed double precision),
           LATERAL (SELECT hub_score_at(c.base, c.start, c.ends, c.lifetime, c.speed, $2) AS score) s
         ORDER BY c.i`,
        [
          JSON.stringify(cases.map(({ base, lifetimeDays, speed, ageMs, endsInMs }, i) => ({
            i,
            base, lifetime: lifetimeDays, speed, start: new Date(T0 - ageMs).toISOString(), ends: endsInMs === undefined ? null : new Date(T0 + endsInMs).toISOString(),
          }))),
          now,
        ],
      );
      expect(rows.map((row) => ({ score: row.score, nextCheck: row.next_check?.getTime() ?? null }))).toEqual(expected);
    } finally {
      await client.end();
    }
  });
});
