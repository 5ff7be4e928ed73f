import { adminToken, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator } from '../support/stix-builders';
import { queryDatabase } from '../support/test-database';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * A stored object and the audit row of its submission commit together: each write transaction of
 * a submission writes the row listing what it stored (crash-durability.e2e-spec.ts kills the hub
 * and PostgreSQL for the same promise; this file checks the rows themselves).
 */

interface SubmitRow {
  action: string;
  outcome: string;
  actor_user_id: string;
  details: { submissionId: string; tlp: string; accepted: number; duplicates: number; rejected: number; objectIds: string[]; duplicateIds: string[]; thirdPartyConflictIds: string[] };
}

describe('submission audit rows', () => {
  let hub: TestHub;
  let member: { id: string; token: string };
  let other: { id: string; token: string };

  const rowsOf = (userId: string, action = 'object.submit') =>
    queryDatabase<SubmitRow>(hub.databaseUrl, 'SELECT action, outcome, actor_user_id, details FROM audit_log WHERE action = $1 AND actor_user_id = $2 ORDER BY seq', [action, userId]);

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const org = await createOrganization(hub, admin, { name: 'Audited hospital', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    member = await createUser(hub, admin, { email: 'member@audited.test', role: 'MEMBER', organizationId: org.id });
    const otherOrg = await createOrganization(hub, admin, { name: 'Other audited hospital', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    other = await createUser(hub, admin, { email: 'other@audited.test', role: 'MEMBER', organizationId: otherOrg.id });
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('list every stored object of a large bundle, one row per write transaction, and count the objects refused before storing', async () => {
    const objects = Array.from({ length: 2_500 }, (_, index) => ipIndicator(`10.1.${index >> 8}.${index & 255}`));
    const invalid = { ...ipIndicator('10.2.0.1'), pattern: "[ipv4-addr:value = '10.2.0.1'" };
    const result = await submitBundle(hub, member.token, bundle([...objects, invalid, objects[0]]), 'GREEN');
    expect(result).toMatchObject({ accepted: 2_500, duplicates: 1, rejected: 1 });

    const rows = await rowsOf(member.id);
    expect(new Set(rows.map((row) => row.details.submissionId)).size).toBe(1);
    // 2,501 valid objects: three write transactions of at most 1,000, then the refused one.
    expect(rows).toHaveLength(4);
    const listed = rows.flatMap((row) => row.details.objectIds);
    expect(listed.sort()).toEqual(objects.map((object) => String(object.id)).sort());
    const sum = (field: 'accepted' | 'duplicates' | 'rejected') => rows.reduce((total, row) => total + row.details[field], 0);
    expect([sum('accepted'), sum('duplicates'), sum('rejected')]).toEqual([2_500, 1, 1]);
    expect(rows.every((row) => row.details.tlp === 'GREEN' && row.actor_user_id === member.id)).toBe(true);
    expect(rows.at(-1)).toMatchObject({ outcome: 'failure', details: { accepted: 0, rejected: 1, objectIds: [] } });
    expect(rows.flatMap((row) => row.details.duplicateIds)).toEqual([objects[0].id]);
  });

  it("names the duplicates and the third parties' objects refused because another organisation shared them", async () => {
    const technique = (id: string, name = 'A vendor technique') => ({
      type: 'attack-pattern',
      spec_version: '2.1',
      id,
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      created_by_ref: 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5',
      name,
    });
    const shared = technique('attack-pattern--1a2b3c4d-5e6f-4a70-8b9c-0d1e2f3a4b5c');
    const hidden = technique('attack-pattern--2b3c4d5e-6f70-4a81-9c0d-1e2f3a4b5c6d');
    expect(await submitBundle(hub, member.token, bundle([shared]), 'GREEN')).toMatchObject({ accepted: 1 });
    expect(await submitBundle(hub, member.token, bundle([hidden]), 'AMBER', { userIds: [member.id] })).toMatchObject({ accepted: 1 });

    const probe = await submitBundle(hub, other.token, bundle([shared, { ...shared, id: hidden.id }, technique(shared.id, 'A guessed name')]), 'GREEN');
    expect(probe.results.map((result) => result.status)).toEqual(['DUPLICATE', 'REJECTED', 'REJECTED']);
    const [row] = await rowsOf(other.id);
    expect(row.details).toMatchObject({ accepted: 0, duplicates: 1, rejected: 2, objectIds: [], duplicateIds: [shared.id], thirdPartyConflictIds: [hidden.id, shared.id] });
  });

  it('are written in the transaction that stores the objects: when the row cannot be written, nothing is stored', async () => {
    // The audit log refuses rows of AMBER submissions for a moment (a stand-in for any failure of that insert).
    await queryDatabase(
      hub.databaseUrl,
      `CREATE FUNCTION refuse_amber_audit() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.details->>'tlp' = 'AMBER' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$;
       CREATE TRIGGER refuse_amber_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_amber_audit()`,
    );
    const refused = [ipIndicator('10.3.0.1'), ipIndicator('10.3.0.2')];
    try {
      const response = await hub.graphql<{ submitBundle: { accepted: number; rejected: number } }>(
        'mutation ($input: SubmitBundleInput!) { submitBundle(input: $input) { accepted rejected } }',
        { input: { bundle: bundle(refused), tlp: 'AMBER', audience: { userIds: [], organizationIds: [], sharingGroupIds: [], audiences: ['PRIVATE_SECTOR'] } } },
        member.token,
      );
      // Fail closed: no object is accepted (the last row, of the refusals, cannot be written either: an error).
      expect(response.data?.submitBundle?.accepted ?? 0).toBe(0);
    } finally {
      await queryDatabase(hub.databaseUrl, 'DROP TRIGGER refuse_amber_audit ON audit_log; DROP FUNCTION refuse_amber_audit()');
    }
    expect(await queryDatabase(hub.databaseUrl, 'SELECT id FROM stix_object WHERE id = ANY($1::text[])', [refused.map((object) => object.id)])).toEqual([]);
  });

  it('a single indicator has its row, listing it', async () => {
    const response = await hub.graphql<{ submitIndicator: { id: string } }>(
      'mutation ($input: SubmitIndicatorInput!) { submitIndicator(input: $input) { id } }',
      { input: { name: 'one', pattern: "[ipv4-addr:value = '10.4.0.1']", tlp: 'GREEN' } },
      member.token,
    );
    const id = response.data!.submitIndicator.id;
    const rows = await rowsOf(member.id, 'indicator.submit');
    expect(rows).toEqual([expect.objectContaining({ outcome: 'success', details: expect.objectContaining({ accepted: 1, objectIds: [id] }) })]);
  });

  it("a revocation's row commits with the revoked versions: when it cannot be written, the object stays unrevoked", async () => {
    const indicator = ipIndicator('10.5.0.1');
    expect(await submitBundle(hub, member.token, bundle([indicator]), 'GREEN')).toMatchObject({ accepted: 1 });
    const revoke = () => hub.graphql<{ revokeObject: { revoked: boolean } }>('mutation ($id: ID!) { revokeObject(id: $id) { revoked } }', { id: indicator.id }, member.token);
    const revokedRows = () => queryDatabase(hub.databaseUrl, 'SELECT pk FROM stix_object WHERE id = $1 AND revoked', [indicator.id]);

    await queryDatabase(
      hub.databaseUrl,
      `CREATE FUNCTION refuse_revoke_audit() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.action = 'object.revoke' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$;
       CREATE TRIGGER refuse_revoke_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_revoke_audit()`,
    );
    try {
      expect((await revoke()).data?.revokeObject).toBeFalsy();
    } finally {
      await queryDatabase(hub.databaseUrl, 'DROP TRIGGER refuse_revoke_audit ON audit_log; DROP FUNCTION refuse_revoke_audit()');
    }
    expect(await revokedRows()).toEqual([]);

    expect((await revoke()).data?.revokeObject).toEqual({ revoked: true });
    expect(await revokedRows()).toHaveLength(1);
    const rows = await rowsOf(member.id, 'object.revoke');
    expect(rows).toEqual([expect.objectContaining({ outcome: 'success', details: { versionsWritten: 1 } })]);
  });
});
