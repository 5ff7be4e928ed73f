import { adminToken, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator, malware, report } from '../support/stix-builders';
import { queryDatabase } from '../support/test-database';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * A revocation copies each version it stands for, submitter included: the submitter reads their
 * own submission whole (references withheld from others too), so whoever revokes must not become
 * the submitter of the copies. The revoker is recorded apart (revoked_by, and the object.revoke audit row).
 */

type Stix = Record<string, unknown>;

const OBJECT = `query ($id: ID!) { object(id: $id) { id revoked stix } }`;
const REVOKE = `mutation ($id: ID!) { revokeObject(id: $id) { id revoked stix } }`;

describe('revocation by a colleague of the submitter', () => {
  let hub: TestHub;
  let a: { id: string; token: string };
  let b: { id: string; token: string };

  const refsSeenBy = async (token: string, id: string) => {
    const response = await hub.graphql<{ object: { revoked: boolean; stix: Stix } | null }>(OBJECT, { id }, token);
    expect(response.errors).toBeUndefined();
    return { revoked: response.data!.object!.revoked, refs: response.data!.object!.stix.object_refs as string[] };
  };

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const source = await createOrganization(hub, admin, { name: 'Revocation source', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    a = await createUser(hub, admin, { email: 'a@revocation.test', role: 'MEMBER', organizationId: source.id });
    b = await createUser(hub, admin, { email: 'b@revocation.test', role: 'MEMBER', organizationId: source.id });
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('the revoker still does not see the RED reference, the submitter still does', async () => {
    const red = ipIndicator('203.0.113.91');
    const green = malware('Revocation family');
    expect(await submitBundle(hub, a.token, bundle([red]), 'RED', { userIds: [a.id] })).toMatchObject({ accepted: 1 });
    const shared = report('Revocation report', [String(red.id), String(green.id)]);
    expect(await submitBundle(hub, a.token, bundle([green, shared]), 'GREEN')).toMatchObject({ accepted: 2 });
    const id = String(shared.id);
    expect(await refsSeenBy(b.token, id)).toEqual({ revoked: false, refs: [green.id] });

    const revoked = await hub.graphql<{ revokeObject: { revoked: boolean; stix: Stix } }>(REVOKE, { id }, b.token);
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeObject.revoked).toBe(true);
    expect(revoked.data!.revokeObject.stix.object_refs).toEqual([green.id]);
    expect(JSON.stringify(revoked.data)).not.toContain(String(red.id));
    expect(await refsSeenBy(b.token, id)).toEqual({ revoked: true, refs: [green.id] });
    expect(await refsSeenBy(a.token, id)).toEqual({ revoked: true, refs: [red.id, green.id] });

    const rows = await queryDatabase<{ submitted_by: string; revoked_by: string | null; revoked: boolean }>(
      hub.databaseUrl,
      'SELECT submitted_by, revoked_by, revoked FROM stix_object WHERE id = $1 ORDER BY pk',
      [id],
    );
    expect(rows).toEqual([
      { submitted_by: a.id, revoked_by: null, revoked: false },
      { submitted_by: a.id, revoked_by: b.id, revoked: true },
    ]);
  });
});
