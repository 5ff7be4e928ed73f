import { adminToken, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator } from '../support/stix-builders';
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

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await hub?.close();
  });

  it('a live delivery to each of two connections of one person (same filter, same address) is audited twice', async () => {
    const admin = await adminToken(hub);
    const org = (name: string) => createOrganization(hub, admin, { name, kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const source = await org('Audited live source');
    const recipientOrg = await org('Audited live recipient');
    const submitter = await createUser(hub, admin, { email: 'submitter@audited-live.test', role: 'MEMBER', organizationId: source.id });
    const recipient = await createUser(hub, admin, { email: 'recipient@audited-live.test', role: 'MEMBER', organizationId: recipientOrg.id });

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
});
