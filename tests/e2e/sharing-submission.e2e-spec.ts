import { queryDatabase } from '../support/test-database';
import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { submitBundle, SUBMIT_BUNDLE_MUTATION } from '../support/sharing';
import { bundle, indicator, ipIndicator, malware, nextVersion } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

const TLP2_AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
const TLP2_RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
const TLP2_GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
const TLP1_WHITE = 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9';

describe('sharing: submissions, versions, revocation and limits', () => {
  let hub: TestHub;
  let member: { id: string; token: string };
  let otherMember: { id: string; token: string };
  let focalPoint: { token: string };
  let organizationId: string;
  let otherOrganizationId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const organization = await createOrganization(hub, admin, { name: 'Hospital A', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'DE' });
    const other = await createOrganization(hub, admin, { name: 'Pharma B', kind: 'PRIVATE', sector: 'PHARMA', country: 'FR' });
    organizationId = organization.id;
    otherOrganizationId = other.id;
    member = await createUser(hub, admin, { email: 'member@a.test', role: 'MEMBER', organizationId });
    otherMember = await createUser(hub, admin, { email: 'member@b.test', role: 'MEMBER', organizationId: other.id });
    focalPoint = await createUser(hub, admin, { email: 'focal@a.test', role: 'FOCAL_POINT', organizationId });
  });

  afterAll(async () => {
    await hub?.close();
  });

  const objectQuery = `query ($id: ID!) { object(id: $id) { id modified revoked tlp source { organizationId name anonymous } stix } }`;
  const countRows = async (id: string) => (await queryDatabase<{ n: number }>(hub.databaseUrl, 'SELECT count(*)::int AS n FROM stix_object WHERE id = $1', [id]))[0].n;

  it('accepts the good objects of a bundle, rejects the bad ones one by one, and stores nothing of a rejected object', async () => {
    const good = ipIndicator('203.0.113.5');
    const badDates = ipIndicator('203.0.113.6', { valid_until: '2000-01-01T00:00:00Z' });
    const badPattern = indicator("[ipv4-addr:value = '203.0.113.7'", {});
    const result = await submitBundle(hub, member.token, bundle([good, badDates, badPattern, malware('Lockbit')]), 'GREEN');
    expect(result.accepted).toBe(2);
    expect(result.rejected).toBe(2);
    expect(result.results[1]).toMatchObject({ index: 1, stixId: badDates.id, status: 'REJECTED' });
    expect(result.results[1].errors.map((error) => error.path)).toContain('objects[1].valid_until');
    expect(result.results[2].errors[0].path).toBe('objects[2].pattern');
    expect(await countRows(badDates.id as string)).toBe(0);
    expect(await countRows(badPattern.id as string)).toBe(0);
    const observables = await queryDatabase(hub.databaseUrl, "SELECT value FROM stix_observable WHERE value IN ('203.0.113.6', '203.0.113.7')");
    expect(observables).toEqual([]);
    expect(await countRows(good.id as string)).toBe(1);
  });

  it('treats the same id and modified again as a duplicate, never a second row', async () => {
    const object = ipIndicator('203.0.113.10');
    expect(await submitBundle(hub, member.token, bundle([object]), 'GREEN')).toMatchObject({ accepted: 1 });
    const again = await submitBundle(hub, member.token, bundle([object, object]), 'GREEN');
    expect(again).toMatchObject({ accepted: 0, duplicates: 2, rejected: 0 });
    expect(again.results.map((result) => result.status)).toEqual(['DUPLICATE', 'DUPLICATE']);
    expect(await countRows(object.id as string)).toBe(1);
  });

  it('keeps versions: a newer modified becomes current, an older one is history', async () => {
    // Versions share `created`; the older one was made between creation and v1.
    const v1 = ipIndicator('203.0.113.20', { name: 'v1', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T02:00:00.000Z' });
    const v2 = nextVersion(v1, { name: 'v2' }, 60_000);
    const older = nextVersion(v1, { name: 'older' }, -3_600_000);
    await submitBundle(hub, member.token, bundle([v1]), 'GREEN');
    await submitBundle(hub, member.token, bundle([v2]), 'GREEN');
    expect(await submitBundle(hub, member.token, bundle([older]), 'GREEN')).toMatchObject({ accepted: 1 });
    expect(await countRows(v1.id as string)).toBe(3);
    const read = await hub.graphql<{ object: { stix: { name: string } } }>(objectQuery, { id: v1.id }, otherMember.token);
    expect(read.data!.object.stix.name).toBe('v2');
    const feed = await hub.graphql<{ objects: { edges: { node: { stix: { name: string } } }[] } }>(
      `{ objects(filter: { search: "${v1.id}" }) { edges { node { stix } } } }`,
      {},
      otherMember.token,
    );
    expect(feed.data!.objects.edges.map((edge) => edge.node.stix.name)).toEqual(['v2']);
  });

  it('lets only the source organisation add versions', async () => {
    const original = ipIndicator('203.0.113.30');
    await submitBundle(hub, member.token, bundle([original]), 'GREEN');
    const hijack = await submitBundle(hub, otherMember.token, bundle([nextVersion(original, { name: 'hijacked' })]), 'GREEN');
    expect(hijack).toMatchObject({ accepted: 0, rejected: 1 });
    expect(hijack.results[0].errors[0].message).toContain('only its source may add versions');
    expect(await countRows(original.id as string)).toBe(1);
  });

  it("answers a colleague who may not read any version of the organisation's object exactly as for another organisation's id, and changes nothing", async () => {
    const admin = await adminToken(hub);
    const colleague = await createUser(hub, admin, { email: 'colleague@a.test', role: 'MEMBER', organizationId });
    const internalKey = await createApiKey(hub, member.token, { name: 'a-internal', distribution: 'INTERNAL' });
    const hidden = ipIndicator('203.0.113.35', { name: 'for one person' });
    const hiddenAnonymous = ipIndicator('203.0.113.36', { name: 'anonymous, for one person' });
    const hiddenRevoked = ipIndicator('203.0.113.37', { name: 'revoked, for one person' });
    const redToOtherMember = { userIds: [otherMember.id] };
    expect(await submitBundle(hub, member.token, bundle([hidden, hiddenRevoked]), 'RED', redToOtherMember)).toMatchObject({ accepted: 2 });
    expect(await submitBundle(hub, member.token, bundle([hiddenAnonymous]), 'RED', redToOtherMember, true)).toMatchObject({ accepted: 1 });
    const revoked = await hub.graphql(`mutation ($id: ID!) { revokeObject(id: $id) { id } }`, { id: hiddenRevoked.id }, member.token);
    expect(revoked.errors).toBeUndefined();
    // Readable to the colleague in its first version, not in its newest (RED for another organisation's person).
    const layered = ipIndicator('203.0.113.39', { name: 'GREEN first' });
    const layeredRed = nextVersion(layered, { name: 'RED since' });
    expect(await submitBundle(hub, member.token, bundle([layered]), 'GREEN')).toMatchObject({ accepted: 1 });
    expect(await submitBundle(hub, member.token, bundle([layeredRed]), 'RED', redToOtherMember)).toMatchObject({ accepted: 1 });
    const othersObject = ipIndicator('203.0.113.38');
    expect(await submitBundle(hub, otherMember.token, bundle([othersObject]), 'GREEN')).toMatchObject({ accepted: 1 });
    const rowsBefore = await queryDatabase<{ id: string; n: number }>(hub.databaseUrl, 'SELECT id, count(*)::int AS n FROM stix_object WHERE id = ANY($1) GROUP BY id ORDER BY id', [
      [hidden.id, hiddenAnonymous.id, hiddenRevoked.id, layered.id],
    ]);

    const answerFor = async (token: string, objects: Record<string, unknown>[], anonymous = false) =>
      (await submitBundle(hub, token, bundle(objects), 'GREEN', undefined, anonymous)).results.map((result) => ({
        status: result.status,
        errors: result.errors.map((error) => ({ ...error, path: error.path.replace(/^objects\[\d+\]/, '') })),
      }));
    // Another organisation's id: what the owner rule answers, and all one may learn of a hidden colleague's object.
    const [ownedByAnother] = await answerFor(colleague.token, [nextVersion(othersObject, { name: 'taken' })]);
    expect(ownedByAnother.status).toBe('REJECTED');
    for (const token of [colleague.token, internalKey.key]) {
      // The same version (no "duplicate"), a newer one (no overwrite for the RED recipient), and the
      // anonymity and revocation of versions the submitter may not read (never their own messages).
      const answers = [
        ...(await answerFor(token, [hidden, nextVersion(hidden, { name: 'overwritten' }), nextVersion(hiddenRevoked, { name: 'after revocation' })])),
        ...(await answerFor(token, [nextVersion(hiddenAnonymous, { name: 'named now' })])),
        ...(await answerFor(token, [nextVersion(hiddenAnonymous, { name: 'still anonymous' })], true)),
        // Its hidden newest version: not a duplicate, and no newer version over it for its RED reader.
        ...(await answerFor(token, [layeredRed, nextVersion(layeredRed, { name: 'over the RED one' })])),
      ];
      expect(answers).toEqual(Array(7).fill(ownedByAnother));
    }
    const rowsAfter = await queryDatabase<{ id: string; n: number }>(hub.databaseUrl, 'SELECT id, count(*)::int AS n FROM stix_object WHERE id = ANY($1) GROUP BY id ORDER BY id', [
      [hidden.id, hiddenAnonymous.id, hiddenRevoked.id, layered.id],
    ]);
    expect(rowsAfter).toEqual(rowsBefore);
    const recipientReads = await hub.graphql<{ object: { stix: { name: string } } }>(objectQuery, { id: hidden.id }, otherMember.token);
    expect(recipientReads.data!.object.stix.name).toBe('for one person');
    // Whoever of the source may read a version still adds versions.
    expect(await submitBundle(hub, member.token, bundle([nextVersion(hidden, { name: 'by its submitter' })]), 'RED', redToOtherMember)).toMatchObject({ accepted: 1 });
  });

  it('takes a revoked version only as the newest, and no other version of a revoked object, older ones included', async () => {
    const v1 = ipIndicator('203.0.113.45', { name: 'v1', created: '2026-02-01T00:00:00.000Z', modified: '2026-02-01T02:00:00.000Z' });
    expect(await submitBundle(hub, member.token, bundle([v1]), 'GREEN')).toMatchObject({ accepted: 1 });
    const revokedOlder = await submitBundle(hub, member.token, bundle([nextVersion(v1, { revoked: true }, -3_600_000)]), 'GREEN');
    expect(revokedOlder.results[0]).toMatchObject({ status: 'REJECTED', errors: [{ path: 'objects[0].revoked' }] });
    const revoked = await hub.graphql<{ revokeObject: { modified: string } }>(`mutation ($id: ID!) { revokeObject(id: $id) { modified } }`, { id: v1.id }, member.token);
    expect(revoked.errors).toBeUndefined();
    // Older, newer, and one millisecond before the revocation's copy: the same refusal, nothing stored.
    const copyTime = new Date(revoked.data!.revokeObject.modified).getTime();
    const attempts = [
      nextVersion(v1, { name: 'older' }, -60_000),
      nextVersion(v1, { name: 'newer' }, 3_600_000),
      { ...v1, name: 'just before the copy', modified: new Date(copyTime - 1).toISOString() },
    ];
    const answers = await submitBundle(hub, member.token, bundle(attempts), 'GREEN');
    expect(answers.results.map((result) => [result.status, result.errors[0]?.message])).toEqual(Array(3).fill(['REJECTED', 'the object is revoked; a revoked object takes no other version']));
    expect(await countRows(v1.id as string)).toBe(2);
  });

  it('shows the latest version a viewer may read when a later version is narrower', async () => {
    const v1 = ipIndicator('203.0.113.40', { name: 'public version' });
    await submitBundle(hub, member.token, bundle([v1]), 'GREEN');
    await submitBundle(hub, member.token, bundle([nextVersion(v1, { name: 'restricted version' })]), 'AMBER', { organizationIds: [organizationId] });
    const outsider = await hub.graphql<{ object: { stix: { name: string }; tlp: string } }>(objectQuery, { id: v1.id }, otherMember.token);
    expect(outsider.data!.object).toMatchObject({ tlp: 'GREEN', stix: { name: 'public version' } });
    const insider = await hub.graphql<{ object: { stix: { name: string }; tlp: string } }>(objectQuery, { id: v1.id }, member.token);
    expect(insider.data!.object).toMatchObject({ tlp: 'AMBER', stix: { name: 'restricted version' } });
  });

  it('marks the stored STIX with the stricter of the submission and its own TLP marking, as TLP 2.0', async () => {
    const selfMarkedRed = ipIndicator('203.0.113.50', { object_marking_refs: [TLP2_RED] });
    const refused = await submitBundle(hub, member.token, bundle([selfMarkedRed]), 'AMBER', { organizationIds: [otherOrganizationId] });
    expect(refused.results[0].status).toBe('REJECTED');
    expect(refused.results[0].errors[0].message).toContain('marked RED, stricter than the submission');

    const selfMarkedAmber = ipIndicator('203.0.113.51', { object_marking_refs: [TLP2_AMBER] });
    const refusedGreen = await submitBundle(hub, member.token, bundle([selfMarkedAmber]), 'GREEN');
    expect(refusedGreen.results[0].errors[0].message).toContain('needs an explicit audience');

    const oldWhite = ipIndicator('203.0.113.52', { object_marking_refs: [TLP1_WHITE] });
    await submitBundle(hub, member.token, bundle([oldWhite]), 'GREEN');
    const stored = await hub.graphql<{ object: { tlp: string; stix: { object_marking_refs: string[] } } }>(objectQuery, { id: oldWhite.id }, member.token);
    expect(stored.data!.object.tlp).toBe('GREEN');
    expect(stored.data!.object.stix.object_marking_refs).toEqual([TLP2_GREEN]);
  });

  it('refuses AMBER, AMBER+STRICT and RED without an audience, and an audience naming unknown recipients', async () => {
    for (const tlp of ['AMBER', 'AMBER_STRICT', 'RED']) {
      const response = await hub.graphql(SUBMIT_BUNDLE_MUTATION, { input: { bundle: bundle([ipIndicator('203.0.113.60')]), tlp } }, member.token);
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.errors?.[0]).toMatchObject({ path: 'audience' });
    }
    const unknown = await hub.graphql(
      SUBMIT_BUNDLE_MUTATION,
      { input: { bundle: bundle([ipIndicator('203.0.113.61')]), tlp: 'AMBER', audience: { organizationIds: ['00000000-0000-4000-8000-000000000000'] } } },
      member.token,
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'audience.organizationIds[0]' }] });
    const malformed = await hub.graphql(
      SUBMIT_BUNDLE_MUTATION,
      { input: { bundle: bundle([ipIndicator('203.0.113.62')]), tlp: 'AMBER', audience: { sharingGroupIds: ['not-a-uuid'] } } },
      member.token,
    );
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'audience.sharingGroupIds[0]' }] });
  });

  it('refuses what is not a bundle with BAD_USER_INPUT and the place of each problem', async () => {
    for (const notABundle of [[], 'text', { type: 'report' }, { type: 'bundle', id: 'bundle--x', objects: 'nope' }]) {
      const response = await hub.graphql(SUBMIT_BUNDLE_MUTATION, { input: { bundle: notABundle, tlp: 'GREEN' } }, member.token);
      expect(response.status).toBeLessThan(500);
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.errors?.length).toBeGreaterThan(0);
    }
  });

  it('revokes as a new version, for the source only', async () => {
    const object = ipIndicator('203.0.113.70');
    await submitBundle(hub, member.token, bundle([object]), 'GREEN');
    const revoke = `mutation ($id: ID!) { revokeObject(id: $id) { id revoked modified } }`;
    const denied = await hub.graphql(revoke, { id: object.id }, otherMember.token);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const missing = await hub.graphql(revoke, { id: 'indicator--00000000-0000-4000-8000-000000000000' }, member.token);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const revoked = await hub.graphql<{ revokeObject: { revoked: boolean } }>(revoke, { id: object.id }, member.token);
    expect(revoked.data!.revokeObject.revoked).toBe(true);
    expect(await countRows(object.id as string)).toBe(2);
    const newer = await submitBundle(hub, member.token, bundle([nextVersion(object, {}, 3_600_000)]), 'GREEN');
    expect(newer.results[0].errors[0].message).toContain('revoked');
  });

  it('lets members and analysts submit, not focal points, and keeps RED away from API keys', async () => {
    const denied = await hub.graphql(SUBMIT_BUNDLE_MUTATION, { input: { bundle: bundle([ipIndicator('203.0.113.80')]), tlp: 'GREEN' } }, focalPoint.token);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const key = await createApiKey(hub, member.token, { name: 'script', distribution: 'INTERNAL' });
    const red = await hub.graphql(SUBMIT_BUNDLE_MUTATION, { input: { bundle: bundle([ipIndicator('203.0.113.81')]), tlp: 'RED', audience: { userIds: [member.id] } } }, key.key);
    expect(red.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const green = await submitBundle(hub, key.key, bundle([ipIndicator('203.0.113.82')]), 'GREEN');
    expect(green.accepted).toBe(1);
  });

  it("refuses an object an API key marks RED itself, whatever the submission's marking, and stores nothing of it", async () => {
    const key = await createApiKey(hub, member.token, { name: 'script with a RED object', distribution: 'INTERNAL' });
    const redObject = ipIndicator('203.0.113.83', { object_marking_refs: ['marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed'] });
    for (const tlp of ['GREEN', 'AMBER'] as const) {
      const outcome = await submitBundle(hub, key.key, bundle([redObject, ipIndicator(tlp === 'GREEN' ? '203.0.113.84' : '203.0.113.85')]), tlp, tlp === 'AMBER' ? { organizationIds: [organizationId] } : undefined);
      expect(outcome.results.map((result) => result.status)).toEqual(['REJECTED', 'ACCEPTED']);
      expect(outcome.results[0].errors).toEqual([{ path: 'objects[0].object_marking_refs', message: 'TLP RED is shared person to person: submit it while logged in, not with an API key' }]);
    }
    const read = await hub.graphql<{ object: unknown }>(`query ($id: ID!) { object(id: $id) { id } }`, { id: redObject.id }, member.token);
    expect(read.data?.object).toBeNull();
  });

  it('builds an indicator from fields and names the input field of each error', async () => {
    const submit = `mutation ($input: SubmitIndicatorInput!) { submitIndicator(input: $input) { id type tlp stix source { organizationId } } }`;
    const created = await hub.graphql<{ submitIndicator: { id: string; stix: Record<string, unknown>; source: { organizationId: string } } }>(
      submit,
      { input: { name: 'C2 server', pattern: "[domain-name:value = 'Evil.Example']", validFrom: '2026-01-01T00:00:00Z', indicatorTypes: ['malicious-activity'], labels: ['ransomware'], confidence: 80, tlp: 'GREEN' } },
      member.token,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.submitIndicator.stix).toMatchObject({ type: 'indicator', confidence: 80, labels: ['ransomware'] });
    expect(created.data!.submitIndicator.source.organizationId).toBe(organizationId);
    const lookup = await hub.graphql<{ lookupObservable: { indicators: { id: string }[] } }>(
      `{ lookupObservable(type: "domain-name", value: "EVIL.example") { indicators { id } } }`,
      {},
      otherMember.token,
    );
    expect(lookup.data!.lookupObservable.indicators.map((found) => found.id)).toEqual([created.data!.submitIndicator.id]);

    const invalid = await hub.graphql(submit, { input: { name: 'bad', pattern: '[ipv4-addr:value = ', validFrom: '2026-01-02T00:00:00Z', validUntil: '2026-01-01T00:00:00Z', tlp: 'GREEN' } }, member.token);
    expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const paths = invalid.errors?.[0].extensions?.errors?.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['input.pattern', 'input.validUntil']));
  });

  it('reports a sighting of a readable indicator, and refuses one of an unreadable object as absent', async () => {
    const object = ipIndicator('203.0.113.90');
    await submitBundle(hub, member.token, bundle([object]), 'AMBER', { organizationIds: [organizationId] });
    const report = `mutation ($input: ReportSightingInput!) { reportSighting(input: $input) { id stix } }`;
    const hidden = await hub.graphql(report, { input: { sightingOfRef: object.id, count: 2, tlp: 'GREEN' } }, otherMember.token);
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const seen = await hub.graphql<{ reportSighting: { stix: Record<string, unknown> } }>(
      report,
      { input: { sightingOfRef: object.id, count: 2, firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-02T00:00:00Z', tlp: 'AMBER', audience: { organizationIds: [organizationId] } } },
      member.token,
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.reportSighting.stix).toMatchObject({ type: 'sighting', sighting_of_ref: object.id, count: 2 });
  });

  it('refuses a page size and a cursor it did not issue with BAD_USER_INPUT', async () => {
    const big = await hub.graphql(`{ objects(first: 100000) { edges { cursor } } }`, {}, member.token);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(big.errors?.[0].message).toContain('500');
    const page = await hub.graphql<{ objects: { pageInfo: { endCursor: string } } }>(`{ objects(first: 1) { pageInfo { endCursor } } }`, {}, member.token);
    const cursor = page.data!.objects.pageInfo.endCursor;
    const edited = `${cursor.slice(0, 20)}${cursor[20] === 'A' ? 'B' : 'A'}${cursor.slice(21)}`;
    const unsealed = Buffer.from(JSON.stringify({ pk: '1' })).toString('base64url');
    for (const after of [edited, unsealed, `${cursor}.x`, 'garbage']) {
      const response = await hub.graphql(`query ($after: String) { objects(first: 1, after: $after) { edges { cursor } } }`, { after }, member.token);
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('pages through the feed without repeating or skipping while others submit', async () => {
    const mine = Array.from({ length: 25 }, (_, index) => ipIndicator(`192.0.2.${index + 1}`, { labels: ['paging'] }));
    await submitBundle(hub, member.token, bundle(mine), 'GREEN');
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const response: { data?: { objects: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } } = await hub.graphql(
        `query ($after: String) { objects(first: 7, after: $after, filter: { labels: ["paging"] }) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        otherMember.token,
      );
      seen.push(...response.data!.objects.edges.map((edge) => edge.node.id));
      // Someone else shares while we page: the pages we still have to read do not shift.
      await submitBundle(hub, member.token, bundle([ipIndicator(`192.0.2.${100 + page}`, { labels: ['paging'] })]), 'GREEN');
      if (!response.data!.objects.pageInfo.hasNextPage) break;
      after = response.data!.objects.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(mine.map((object) => object.id as string)));
  });

  it('finds an address inside a shared network, and the hosts inside a looked-up network', async () => {
    const network = indicator("[ipv4-addr:value = '100.64.0.0/16']");
    const host = ipIndicator('100.65.3.4');
    await submitBundle(hub, member.token, bundle([network, host]), 'GREEN');
    const lookup = `query ($type: String!, $value: String!) { lookupObservable(type: $type, value: $value) { value indicators { id } } }`;
    const inside = await hub.graphql<{ lookupObservable: { indicators: { id: string }[] } }>(lookup, { type: 'ipv4-addr', value: '100.64.200.1' }, otherMember.token);
    expect(inside.data!.lookupObservable.indicators.map((found) => found.id)).toEqual([network.id]);
    const wide = await hub.graphql<{ lookupObservable: { indicators: { id: string }[] } }>(lookup, { type: 'ipv4-addr', value: '100.64.0.0/10' }, otherMember.token);
    expect(wide.data!.lookupObservable.indicators.map((found) => found.id).sort()).toEqual([network.id, host.id].sort());
    const invalid = await hub.graphql(lookup, { type: 'ipv4-addr', value: '300.1.1.1' }, otherMember.token);
    expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('writes an audit row for each read that returns AMBER or RED content, and none for CLEAR and GREEN', async () => {
    const restricted = ipIndicator('203.0.113.99');
    const open = ipIndicator('203.0.113.98');
    await submitBundle(hub, member.token, bundle([restricted]), 'AMBER', { organizationIds: [organizationId] });
    await submitBundle(hub, member.token, bundle([open]), 'GREEN');
    const reads = async () => (await queryDatabase<{ n: number }>(hub.databaseUrl, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'object.read'"))[0].n;
    const before = await reads();
    await hub.graphql(objectQuery, { id: open.id }, member.token);
    expect(await reads()).toBe(before);
    await hub.graphql(objectQuery, { id: restricted.id }, member.token);
    expect(await reads()).toBe(before + 1);
    const [row] = await queryDatabase<{ details: { objects: { id: string }[] } }>(hub.databaseUrl, "SELECT details FROM audit_log WHERE action = 'object.read' ORDER BY seq DESC LIMIT 1");
    expect(row.details.objects.map((object) => object.id)).toEqual([restricted.id]);
  });

  it('writes one audit row per restricted read when many arrive at once (they are committed together)', async () => {
    const restricted = ipIndicator('203.0.113.97');
    await submitBundle(hub, member.token, bundle([restricted]), 'AMBER', { organizationIds: [organizationId, otherOrganizationId] });
    const rowsFor = async (userId: string) =>
      (await queryDatabase<{ n: number }>(hub.databaseUrl, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'object.read' AND actor_user_id = $1 AND details::text LIKE $2", [userId, `%${restricted.id}%`]))[0].n;
    const reads = [...Array.from({ length: 12 }, () => member), ...Array.from({ length: 8 }, () => otherMember)];
    const answers = await Promise.all(reads.map((reader) => hub.graphql<{ object: { id: string } | null }>(objectQuery, { id: restricted.id }, reader.token)));
    expect(answers.map((answer) => answer.data?.object?.id)).toEqual(reads.map(() => restricted.id));
    expect(await rowsFor(member.id)).toBe(12);
    expect(await rowsFor(otherMember.id)).toBe(8);
  });

  it('keeps the hub operator, whose organisation is not a sector member, out of the built-in audiences', async () => {
    const admin = await adminToken(hub);
    const object = ipIndicator('203.0.113.120');
    await submitBundle(hub, member.token, bundle([object]), 'AMBER', { audiences: ['PRIVATE_SECTOR'] });
    const asAdmin = await hub.graphql<{ object: { id: string } | null }>(objectQuery, { id: object.id }, admin);
    expect(asAdmin.data!.object).toBeNull();
    const asPrivateMember = await hub.graphql<{ object: { id: string } | null }>(objectQuery, { id: object.id }, otherMember.token);
    expect(asPrivateMember.data!.object?.id).toBe(object.id);
  });

  it('refuses bundles over the object limit with a message that says the limit', async () => {
    const objects = Array.from({ length: 20_001 }, () => ({ type: 'x' }));
    const response = await hub.graphql(SUBMIT_BUNDLE_MUTATION, { input: { bundle: { type: 'bundle', id: 'bundle--6f0e7c8a-4b5d-4e2f-9a1b-3c4d5e6f7a8b', objects }, tlp: 'GREEN' } }, member.token);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain('20000');
  });
});

describe('sharing: limits on what a query may ask', () => {
  let hub: TestHub;
  let token: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const organization = await createOrganization(hub, admin, { name: 'Hospital L', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'AT' });
    token = (await createUser(hub, admin, { email: 'member@l.test', role: 'MEMBER', organizationId: organization.id })).token;
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('refuses a query that costs more than the limit before reading anything, saying the limit', async () => {
    // Each aliased page of 500 costs 1 + 500 × 3 points; fourteen of them exceed 20,000.
    const pages = Array.from({ length: 14 }, (_, index) => `p${index}: objects(first: 500) { edges { node { id } } }`).join('\n');
    const response = await hub.graphql(`{ ${pages} }`, {}, token);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain('the limit is 20000');
    const affordable = await hub.graphql(`{ ${pages.split('\n').slice(0, 13).join('\n')} }`, {}, token);
    expect(affordable.errors).toBeUndefined();
  });

  it('refuses filter lists and searches over their limits, naming the field and the limit', async () => {
    const query = `query ($filter: ObjectFilterInput) { objects(filter: $filter) { edges { cursor } } }`;
    const tooManyTypes = await hub.graphql(query, { filter: { types: Array.from({ length: 101 }, () => 'indicator') } }, token);
    expect(tooManyTypes.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'filter.types', message: 'at most 100 values' }] });
    const tooLongSearch = await hub.graphql(query, { filter: { search: 'x'.repeat(201) } }, token);
    expect(tooLongSearch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'filter.search', message: 'at most 200 characters' }] });
    const zero = await hub.graphql(`{ objects(first: 0) { edges { cursor } } }`, {}, token);
    expect(zero.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(zero.errors?.[0].message).toContain('between 1 and 500');
  });
});
