import { adminToken, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, indicator, ipIndicator } from '../support/stix-builders';
import { queryDatabase } from '../support/test-database';
import { startTestHub, TestHub } from '../support/test-hub';
import { connectLive, LiveClient } from '../support/ws-client';

/*
 * Every answered read of AMBER content has an audit row of its own, also where one read of the
 * database serves several answers: live subscribers of one person with the same filter share a read.
 */

const OBJECT_ADDED = 'subscription Added($filter: ObjectFilterInput) { objectAdded(filter: $filter) { id tlp } }';

describe('read audit rows, one per answer', () => {
  let hub: TestHub;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
  });

  /** A member of a source organisation and one of another organisation (the reader's). */
  const submitterAndReader = async (name: string, domain: string) => {
    const admin = await adminToken(hub);
    const org = (suffix: string) => createOrganization(hub, admin, { name: `${name} ${suffix}`, kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const source = await org('source');
    const readerOrg = await org('reader');
    const submitter = await createUser(hub, admin, { email: `submitter@${domain}.test`, role: 'MEMBER', organizationId: source.id });
    const reader = await createUser(hub, admin, { email: `reader@${domain}.test`, role: 'MEMBER', organizationId: readerOrg.id });
    return { submitter, readerOrg, reader };
  };

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await hub?.close();
  });

  it('a live delivery to each of two connections of one person (same filter, same address) is audited twice', async () => {
    const { submitter, readerOrg: recipientOrg, reader: recipient } = await submitterAndReader('Audited live', 'audited-live');

    const subscriptions = [];
    for (let tab = 0; tab < 2; tab += 1) {
      const client = await connectLive(hub.url, { bearer: recipient.token });
      clients.push(client);
      subscriptions.push(await client.subscribe<{ id: string; tlp: string }>(OBJECT_ADDED, { filter: { types: ['indicator'] } }));
    }
    const amber = ipIndicator('198.51.100.60');
    expect(await submitBundle(hub, submitter.token, bundle([amber]), 'AMBER', { organizationIds: [recipientOrg.id] })).toMatchObject({ accepted: 1 });
    for (const subscription of subscriptions) expect(await subscription.waitFor(1)).toEqual([{ id: amber.id, tlp: 'AMBER' }]);

    const [{ n }] = await queryDatabase<{ n: number }>(
      hub.databaseUrl,
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'object.read' AND actor_user_id = $1 AND details->'objects' @> $2::jsonb`,
      [recipient.id, JSON.stringify([{ id: amber.id }])],
    );
    expect(n).toBe(2);
  });

  it("a look-up's 'also in' pages (read for all its indicators at once) are audited before the answer, every AMBER object listed", async () => {
    const { submitter, readerOrg, reader } = await submitterAndReader('Also-in', 'also-in');
    // Two CLEAR indicators of the address, each sharing a second value with its own AMBER object:
    // the AMBER objects are read only through the indicators' correlated pages.
    const first = indicator(`[ipv4-addr:value = '198.51.100.61'] OR [domain-name:value = 'one.also-in.test']`);
    const second = indicator(`[ipv4-addr:value = '198.51.100.61'] OR [domain-name:value = 'two.also-in.test']`);
    const amberOne = indicator(`[domain-name:value = 'one.also-in.test']`);
    const amberTwo = indicator(`[domain-name:value = 'two.also-in.test']`);
    expect(await submitBundle(hub, submitter.token, bundle([first, second]), 'CLEAR')).toMatchObject({ accepted: 2 });
    expect(await submitBundle(hub, submitter.token, bundle([amberOne, amberTwo]), 'AMBER', { organizationIds: [readerOrg.id] })).toMatchObject({ accepted: 2 });

    const answer = await hub.graphql<{ lookupObservable: { indicators: { id: string; correlated: { edges: { node: { id: string } }[] } }[] } }>(
      `query { lookupObservable(type: "ipv4-addr", value: "198.51.100.61") { indicators { id correlated(first: 10) { edges { node { id } } } } } }`,
      {},
      reader.token,
    );
    const alsoIn = new Map(answer.data!.lookupObservable.indicators.map((found) => [found.id, found.correlated.edges.map((edge) => edge.node.id).sort()]));
    expect(alsoIn).toEqual(new Map([[first.id, [amberOne.id, second.id].sort()], [second.id, [amberTwo.id, first.id].sort()]]));
    for (const amber of [amberOne, amberTwo]) {
      const [{ n }] = await queryDatabase<{ n: number }>(
        hub.databaseUrl,
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'object.read' AND actor_user_id = $1 AND details->'objects' @> $2::jsonb`,
        [reader.id, JSON.stringify([{ id: amber.id }])],
      );
      expect({ id: amber.id, n }).toEqual({ id: amber.id, n: 1 });
    }
  });
});
