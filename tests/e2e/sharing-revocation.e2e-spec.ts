import { adminToken, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator, malware, nextVersion, report } from '../support/stix-builders';
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

/*
 * A version submitted with revoked: true revokes the object for everyone who could read an earlier
 * version, as revokeObject does, whatever marking the revoked version itself has: revoked for one
 * reader only, it left the object live for the others, made revokeObject a silent no-op (answering
 * colleagues with the live version, which told them a hidden newer version existed and was revoked)
 * and froze the object. And a revoked version is the newest of the stored versions and of its batch.
 */
describe('revocation submitted as a version', () => {
  const TLP_RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
  let hub: TestHub;
  let m1: { id: string; token: string };
  let m2: { id: string; token: string };
  let outsider: { id: string; token: string };

  const state = async (id: unknown, token: string) => {
    const response = await hub.graphql<{ object: { revoked: boolean; tlp: string } | null }>(`query ($id: ID!) { object(id: $id) { revoked tlp } }`, { id }, token);
    expect(response.errors).toBeUndefined();
    return response.data!.object;
  };
  const revoke = async (id: unknown, token: string) => {
    const response = await hub.graphql<{ revokeObject: { revoked: boolean; tlp: string } }>(`mutation ($id: ID!) { revokeObject(id: $id) { revoked tlp } }`, { id }, token);
    return response.data?.revokeObject ?? response.errors?.map((error) => error.message);
  };
  const answers = (result: Awaited<ReturnType<typeof submitBundle>>) => result.results.map((item) => [item.status, item.errors[0]?.path, item.errors[0]?.message]);

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const a = await createOrganization(hub, admin, { name: 'Revoking hospital', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'DE' });
    const b = await createOrganization(hub, admin, { name: 'Revoking outsider', kind: 'PRIVATE', sector: 'PHARMA', country: 'FR' });
    m1 = await createUser(hub, admin, { email: 'm1@revoking.test', role: 'MEMBER', organizationId: a.id });
    m2 = await createUser(hub, admin, { email: 'm2@revoking.test', role: 'MEMBER', organizationId: a.id });
    outsider = await createUser(hub, admin, { email: 'o@revoking.test', role: 'MEMBER', organizationId: b.id });
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('a revoked newest version for one reader revokes the object for every earlier reader; a colleague learns nothing of it', async () => {
    const seen: unknown[] = [];
    for (const newestRevoked of [true, false]) {
      const v1 = ipIndicator(newestRevoked ? '198.51.100.11' : '198.51.100.12');
      expect(answers(await submitBundle(hub, m1.token, bundle([v1]), 'GREEN'))).toEqual([['ACCEPTED', undefined, undefined]]);
      const v2 = nextVersion(v1, { revoked: newestRevoked }, 60_000);
      expect(answers(await submitBundle(hub, m1.token, bundle([v2]), 'RED', { userIds: [m1.id] }))).toEqual([['ACCEPTED', undefined, undefined]]);
      const before = [await state(v1.id, m2.token), await state(v1.id, outsider.token)];
      seen.push({ before: newestRevoked ? before.map((object) => ({ ...object, revoked: false })) : before, revoke: await revoke(v1.id, m2.token), after: await state(v1.id, outsider.token) });
      if (newestRevoked) expect(before).toEqual([{ revoked: true, tlp: 'GREEN' }, { revoked: true, tlp: 'GREEN' }]);
    }
    // The colleague's answers are the same whether the hidden newest version was revoked or not.
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[1]).toMatchObject({ revoke: { revoked: true, tlp: 'GREEN' }, after: { revoked: true, tlp: 'GREEN' } });
  });

  it('a colleague who revokes for themselves only revokes the object for all, and it takes no version after', async () => {
    const v1 = ipIndicator('198.51.100.13');
    await submitBundle(hub, m1.token, bundle([v1]), 'GREEN');
    const v2 = nextVersion(v1, { revoked: true }, 60_000);
    expect(answers(await submitBundle(hub, m2.token, bundle([v2]), 'RED', { userIds: [m2.id] }))).toEqual([['ACCEPTED', undefined, undefined]]);
    expect(await state(v1.id, m1.token)).toEqual({ revoked: true, tlp: 'GREEN' });
    expect(await state(v1.id, outsider.token)).toEqual({ revoked: true, tlp: 'GREEN' });
    expect(await revoke(v1.id, m1.token)).toEqual({ revoked: true, tlp: 'GREEN' });
    expect(answers(await submitBundle(hub, m1.token, bundle([nextVersion(v1, {}, 120_000)]), 'GREEN'))).toEqual([
      ['REJECTED', 'objects[0].modified', 'the object is revoked; a revoked object takes no other version'],
    ]);
    const rows = await queryDatabase<{ revoked: boolean; tlp: number; revoked_by: string | null }>(hub.databaseUrl, 'SELECT revoked, tlp, revoked_by FROM stix_object WHERE id = $1 ORDER BY modified', [v1.id]);
    // v1, the submitted revocation, and v1's revoked copy (recording who revoked it).
    expect(rows).toEqual([
      { revoked: false, tlp: 1, revoked_by: null },
      { revoked: true, tlp: 4, revoked_by: null },
      { revoked: true, tlp: 1, revoked_by: m2.id },
    ]);
  });

  it('a revoked version is refused unless it is the newest of its batch, and a hidden older one tells a colleague nothing', async () => {
    const seen: unknown[] = [];
    for (const hiddenRevoked of [true, false]) {
      const v0 = ipIndicator(hiddenRevoked ? '198.51.100.14' : '198.51.100.15');
      const v1 = nextVersion(v0, { revoked: hiddenRevoked, object_marking_refs: [TLP_RED] }, 60_000);
      const v2 = nextVersion(v0, {}, 120_000);
      const stored = answers(await submitBundle(hub, m1.token, bundle([v0, v1, v2]), 'AMBER', { userIds: [m1.id] }));
      expect(stored).toEqual([
        ['ACCEPTED', undefined, undefined],
        hiddenRevoked
          ? ['REJECTED', 'objects[1].revoked', 'a revoked version must be newer than every stored version of the object; revoke it with revokeObject']
          : ['ACCEPTED', undefined, undefined],
        ['ACCEPTED', undefined, undefined],
      ]);
      seen.push({ read: await state(v0.id, m2.token), next: answers(await submitBundle(hub, m2.token, bundle([nextVersion(v0, {}, 180_000)]), 'AMBER', { userIds: [m2.id] })) });
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]).toEqual({ read: { revoked: false, tlp: 'AMBER' }, next: [['ACCEPTED', undefined, undefined]] });
  });

  it('a version dated at the end of time is refused the same way whether or not a hidden version would need a revoked copy', async () => {
    const seen: unknown[] = [];
    for (const hiddenOlder of [true, false]) {
      const v0 = ipIndicator(hiddenOlder ? '198.51.100.18' : '198.51.100.19');
      if (hiddenOlder) await submitBundle(hub, m1.token, bundle([v0]), 'RED', { userIds: [m1.id] });
      const v1 = nextVersion(v0, {}, 60_000);
      expect(answers(await submitBundle(hub, m1.token, bundle([v1]), 'AMBER', { userIds: [m2.id] }))).toEqual([['ACCEPTED', undefined, undefined]]);
      const endOfTime = { ...v1, modified: '9999-12-31T23:59:59.999Z', revoked: true };
      seen.push(answers(await submitBundle(hub, m2.token, bundle([endOfTime]), 'AMBER', { userIds: [m1.id] })));
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]).toEqual([['REJECTED', 'objects[0].modified', "is more than a day ahead of the hub's clock; a version is dated when it is made"]]);
  });

  it('an object left by older code with a hidden older revoked version, or a revoked newest version for one reader, is judged by its newest version and can be revoked', async () => {
    // What older code stored: a newest version revoked for m1 alone over a GREEN one, and an older RED
    // version revoked under a newer AMBER one. Written in SQL: the hub refuses to make them now.
    const frozen = ipIndicator('198.51.100.16');
    const hiddenOlder = ipIndicator('198.51.100.17');
    await submitBundle(hub, m1.token, bundle([frozen, hiddenOlder]), 'GREEN');
    await submitBundle(hub, m1.token, bundle([nextVersion(hiddenOlder, {}, 120_000)]), 'AMBER', { userIds: [m1.id] });
    const copy = async (id: unknown, laterByMs: number, tlp: number, readers: string[]) =>
      queryDatabase(
        hub.databaseUrl,
        `INSERT INTO stix_object (id, type, spec_version, created, modified, revoked, tlp, readers, audience, source_org_id, submitted_by, anonymous, labels, indicator_types, required_refs, stix)
         SELECT id, type, spec_version, created, modified + $2 * interval '1 millisecond', true, $3, $4, audience, source_org_id, submitted_by, anonymous, labels, indicator_types, required_refs,
                stix || jsonb_build_object('revoked', true, 'modified', to_char((modified + $2 * interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
         FROM stix_object WHERE id = $1 ORDER BY modified LIMIT 1`,
        [id, laterByMs, tlp, readers],
      );
    await copy(frozen.id, 60_000, 4, [`user:${m1.id}`]);
    await copy(hiddenOlder.id, 60_000, 4, [`user:${m1.id}`]);

    expect(await state(frozen.id, m2.token)).toEqual({ revoked: false, tlp: 'GREEN' });
    expect(await revoke(frozen.id, m2.token)).toEqual({ revoked: true, tlp: 'GREEN' });
    expect(await state(frozen.id, outsider.token)).toEqual({ revoked: true, tlp: 'GREEN' });

    expect(answers(await submitBundle(hub, m2.token, bundle([nextVersion(hiddenOlder, {}, 180_000)]), 'AMBER', { userIds: [m2.id] }))).toEqual([['ACCEPTED', undefined, undefined]]);
  });
});
