import { buildAccessMatrix, policyAllows, Relation, RELATIONS, TLPS } from '../support/access-matrix';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, ipIndicator, malware, relationship, report, sighting } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';
import { connectLive, LiveClient, LiveSubscription, settle } from '../support/ws-client';

/*
 * The access matrix of the sharing policy (tests/support/access-matrix.ts), run through the live
 * paths: every relation a viewer can have to an object subscribes to objectAdded, and every person
 * among them keeps a watch filter; each receives, and keeps alerts for, exactly what the policy lets
 * it read. Objects that stand on unreadable ones are not delivered, and a report's references to
 * them are dropped.
 */

/** Those who sign in as a person, and so may keep watch filters. */
const PEOPLE = RELATIONS.filter((relation) => !relation.includes('key') && relation !== 'unauthenticated');

interface Delivered {
  id: string;
  stix: { object_refs?: string[] };
}
const OBJECT_ADDED = 'subscription { objectAdded { id stix } }';

describe('alerts: the access matrix through objectAdded and watch-filter alerts', () => {
  let hub: TestHub;
  const credentials = new Map<Relation, { bearer?: string; apiKey?: string }>();
  const subscriptions = new Map<Relation, LiveSubscription<Delivered>>();
  const clients: LiveClient[] = [];
  const indicators = new Map<TlpName, string>();
  const standingOn = new Map<TlpName, string[]>();
  let familyId: string;
  let reportId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const matrix = await buildAccessMatrix(hub);
    const submitter = matrix.submitter;
    // People sign in with their login token; keys go as x-api-key, as scripts and SIEMs send them.
    for (const [relation, token] of matrix.viewers) {
      credentials.set(relation, relation === 'unauthenticated' ? {} : PEOPLE.includes(relation) ? { bearer: token } : { apiKey: token });
    }

    // All at once: each subscription waits a moment to be registered (see ws-client.ts), and those moments overlap.
    await Promise.all(
      [...credentials].map(async ([relation, credential]) => {
        if (PEOPLE.includes(relation)) {
          const watch = await hub.graphql('mutation Watch($input: CreateWatchFilterInput!) { createWatchFilter(input: $input) { id } }', { input: { name: 'Matrix', criteria: { labels: ['matrix'] } } }, credential.bearer);
          expect({ relation, errors: watch.errors }).toEqual({ relation, errors: undefined });
        }
        const client = await connectLive(hub.url, credential);
        clients.push(client);
        subscriptions.set(relation, await client.subscribe<Delivered>(OBJECT_ADDED));
      }),
    );

    const family = malware('Live matrix ransomware');
    await submitBundle(hub, submitter.token, bundle([family]), 'CLEAR');
    familyId = String(family.id);
    for (const [position, tlp] of TLPS.entries()) {
      const object = ipIndicator(`198.51.100.${position + 10}`, { labels: ['matrix'] });
      expect(await submitBundle(hub, submitter.token, bundle([object]), tlp, matrix.audienceFor(tlp))).toMatchObject({ accepted: 1, rejected: 0 });
      indicators.set(tlp, String(object.id));
      // CLEAR objects that stand on the indicator: they must not reveal it.
      const seen = sighting(String(object.id));
      const uses = relationship(String(object.id), 'indicates', familyId);
      expect(await submitBundle(hub, submitter.token, bundle([seen, uses]), 'CLEAR')).toMatchObject({ accepted: 2 });
      standingOn.set(tlp, [String(seen.id), String(uses.id)]);
    }
    const summary = report('Live matrix report', TLPS.map((tlp) => indicators.get(tlp)!));
    expect(await submitBundle(hub, submitter.token, bundle([summary]), 'CLEAR')).toMatchObject({ accepted: 1 });
    reportId = String(summary.id);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await hub?.close();
  });

  const readable = (relation: Relation) => TLPS.filter((tlp) => policyAllows(relation, tlp));
  const expectedObjects = (relation: Relation) => [familyId, ...TLPS.flatMap((tlp) => (policyAllows(relation, tlp) ? [indicators.get(tlp)!, ...standingOn.get(tlp)!] : [])), reportId];

  /*
   * What must not arrive is looked for a moment after what must arrive. The deliveries all follow the
   * same submissions, so one moment, after every subscriber has its objects, serves all the tests
   * below; each test still waits for its own subscriber (and fails on its own if it lacks some).
   */
  let deliveriesSettled: Promise<void> | undefined;
  const allDelivered = () =>
    (deliveriesSettled ??= Promise.allSettled(RELATIONS.map((relation) => subscriptions.get(relation)!.waitFor(expectedObjects(relation).length, 15_000))).then(() => settle(300)));

  it('has a subscriber for every relation, and a watch filter for every person', () => {
    expect([...credentials.keys()].sort()).toEqual([...RELATIONS].sort());
    expect(PEOPLE).toHaveLength(12);
  });

  it.each(RELATIONS)('objectAdded: %s receives exactly what the policy allows, once, in order, and a report without unreadable references', async (relation) => {
    const subscription = subscriptions.get(relation)!;
    const expected = expectedObjects(relation);
    await allDelivered();
    await subscription.waitFor(expected.length, 15_000);
    expect(subscription.errors).toEqual([]);
    expect(subscription.values.map((object) => object.id)).toEqual(expected);
    const delivered = subscription.values.find((object) => object.id === reportId)!;
    expect(delivered.stix.object_refs).toEqual(readable(relation).map((tlp) => indicators.get(tlp)));
    const unreadable = TLPS.filter((tlp) => !policyAllows(relation, tlp)).map((tlp) => indicators.get(tlp)!);
    for (const id of unreadable) expect(JSON.stringify(subscription.values)).not.toContain(id);
  });

  const alertsOfRelation = async (relation: Relation) => {
    const answer = await hub.graphql<{ alerts: { totalCount: number; edges: { node: { object: { id: string } } }[] } }>(
      '{ alerts(first: 100) { totalCount edges { node { object { id } } } } }',
      {},
      credentials.get(relation)!.bearer,
    );
    expect(answer.errors).toBeUndefined();
    return answer;
  };
  const alertsReached = async (relation: Relation, deadline: number) => {
    while ((await alertsOfRelation(relation)).data!.alerts.totalCount < readable(relation).length && Date.now() < deadline) await settle(100);
  };
  // As for deliveries: one moment, after every person has the alerts expected, for any that should not come.
  let alertsSettled: Promise<void> | undefined;
  const allAlerted = () =>
    (alertsSettled ??= (async () => {
      const deadline = Date.now() + 10_000;
      for (const relation of PEOPLE) await alertsReached(relation, deadline).catch(() => undefined);
      await settle(300);
    })());

  it.each(PEOPLE)('alerts: %s keeps an alert for exactly the indicators the policy allows', async (relation) => {
    const expected = readable(relation).map((tlp) => indicators.get(tlp)!);
    await alertsReached(relation, Date.now() + 10_000);
    await allAlerted();
    const answer = await alertsOfRelation(relation);
    expect(answer.data!.alerts.edges.map((edge) => edge.node.object.id).sort()).toEqual([...expected].sort());
    expect(answer.data!.alerts.totalCount).toBe(expected.length);
    for (const tlp of TLPS.filter((level) => !policyAllows(relation, level))) expect(answer.text).not.toContain(indicators.get(tlp));
  });
});
