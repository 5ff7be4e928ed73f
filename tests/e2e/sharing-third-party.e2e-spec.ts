import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminToken, createApiKey, createOrganization, createSharingGroup, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * Objects authored by a third party (ATT&CK here) that several members share: the second sharer's
 * identical copy is a duplicate, not a refused version; different content under the same id is
 * refused with the conflict named; the duplicate widens nobody's reading of the stored object; and
 * what an organisation authored itself stays owner-only.
 */

const ATTACK = JSON.parse(readFileSync(join(import.meta.dirname, '../../libs/stix/test/attack/ics-attack-18.1.json'), 'utf8')) as { objects: Record<string, unknown>[] };
// A slice: the MITRE identity, the marking, techniques, malware, and the relationships between them.
const SLICE = (() => {
  const kept = ['attack-pattern', 'malware', 'course-of-action'].flatMap((type) => ATTACK.objects.filter((object) => object.type === type).slice(0, 20));
  const ids = new Set(kept.map((object) => object.id));
  const relationships = ATTACK.objects.filter((object) => object.type === 'relationship' && ids.has(object.source_ref) && ids.has(object.target_ref)).slice(0, 20);
  const markings = ATTACK.objects.filter((object) => object.type === 'marking-definition');
  return [...markings, ...kept, ...relationships].filter((object) => typeof object.created_by_ref === 'string');
})();

const bundleOf = (objects: Record<string, unknown>[]) => ({ type: 'bundle', id: 'bundle--5d0d4b1e-6f55-4b5e-9a54-2f1c0f4b1a11', objects });
const OBJECT = `query ($id: ID!) { object(id: $id) { id } }`;

describe('sharing: objects authored by a third party', () => {
  let hub: TestHub;
  let admin: string;
  const people: Record<string, { token: string }> = {};
  const orgs: Record<string, { id: string; identityId: string }> = {};

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await adminToken(hub);
    for (const key of ['first', 'second', 'firstReader', 'secondReader']) {
      orgs[key] = await createOrganization(hub, admin, { name: `Org ${key}`, kind: 'PRIVATE', sector: 'PHARMA', country: 'FR' });
      people[key] = await createUser(hub, admin, { email: `${key.toLowerCase()}@third-party.test`, role: 'MEMBER', organizationId: orgs[key].id });
    }
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('accepts an identical copy from a second member as DUPLICATE and adds no reader to the stored object', async () => {
    expect(SLICE.length).toBeGreaterThan(40);
    // The second member may read what the first shared: only a version the submitter may read is compared.
    const first = await submitBundle(hub, people.first.token, bundleOf(SLICE), 'AMBER', { organizationIds: [orgs.firstReader.id, orgs.second.id] });
    expect(first.rejected).toBe(0);

    const second = await submitBundle(hub, people.second.token, bundleOf(SLICE), 'AMBER', { organizationIds: [orgs.secondReader.id] });
    expect(second.results.filter((result) => result.status === 'REJECTED')).toEqual([]);
    // Versioned objects; the marking-definition (no versions) is stored per source, as before.
    const versioned = SLICE.filter((object) => typeof object.modified === 'string');
    expect(second.duplicates).toBe(versioned.length);
    expect(second.results.filter((result) => result.status === 'ACCEPTED').map((result) => result.stixId)).toEqual(
      SLICE.filter((object) => typeof object.modified !== 'string').map((object) => object.id),
    );

    // The second sharer's audience does not widen who reads the object the first one shared.
    const technique = SLICE.find((object) => object.type === 'attack-pattern')!;
    const asRead = async (key: string) => (await hub.graphql<{ object: { id: string } | null }>(OBJECT, { id: technique.id }, people[key].token)).data?.object ?? null;
    expect(await asRead('firstReader')).toEqual({ id: technique.id });
    expect(await asRead('secondReader')).toBeNull();
  });

  it("answers the owner rule alike for identical, different and made-up versions the submitter may not read", async () => {
    const group = await createSharingGroup(hub, admin, { name: 'Third-party group without the second', organizationIds: [orgs.first.id, orgs.firstReader.id] });
    const technique = {
      type: 'attack-pattern',
      spec_version: '2.1',
      id: 'attack-pattern--7d1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      created_by_ref: 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5',
      name: 'A vendor technique',
    };
    expect((await submitBundle(hub, people.first.token, bundleOf([technique]), 'AMBER', { sharingGroupIds: [group.id] })).accepted).toBe(1);

    const probes = [technique, { ...technique, name: 'A guessed name' }, { ...technique, modified: '2025-06-01T00:00:00.000Z' }];
    const key = await createApiKey(hub, people.second.token, { name: 'third-party probe', distribution: 'CLIENTS' });
    for (const token of [people.second.token, key.key]) {
      const outcome = await submitBundle(hub, token, bundleOf(probes), 'GREEN');
      expect(outcome.results.map((result) => result.status)).toEqual(['REJECTED', 'REJECTED', 'REJECTED']);
      const answers = outcome.results.map((result) => result.errors.map((error) => ({ ...error, path: error.path.replace(/^objects\[\d+\]/, '') })));
      expect(answers).toEqual(Array(3).fill([{ path: '.id', message: 'this id belongs to an object already shared; only its source may add versions, and only people there who may read it' }]));
    }
    // The first sharer's reader compares it as before, and so does everyone once a version is GREEN.
    expect((await submitBundle(hub, people.firstReader.token, bundleOf([technique]), 'GREEN')).duplicates).toBe(1);
    const published = { ...technique, id: 'attack-pattern--8e2b3c4d-5e6f-4a71-9b8c-0d1e2f3a4b5c' };
    expect((await submitBundle(hub, people.first.token, bundleOf([published]), 'GREEN')).accepted).toBe(1);
    expect((await submitBundle(hub, key.key, bundleOf([published]), 'GREEN')).duplicates).toBe(1);
  });

  it('refuses different content under the same id and version, and a different version, naming the conflict', async () => {
    const [technique, other] = SLICE.filter((object) => object.type === 'attack-pattern');
    const changed = { ...technique, description: 'a rewritten description' };
    const newer = { ...other, modified: new Date().toISOString() };
    const outcome = await submitBundle(hub, people.second.token, bundleOf([changed, newer]), 'GREEN');
    expect(outcome.results.map((result) => result.status)).toEqual(['REJECTED', 'REJECTED']);
    expect(outcome.results[0].errors[0].path).toBe('objects[0].id');
    expect(outcome.results[0].errors[0].message).toMatch(/same id and modified.*different content/);
    expect(outcome.results[1].errors[0].path).toBe('objects[1].modified');
    expect(outcome.results[1].errors[0].message).toMatch(/different version/);
    // Neither message says who shared the object first.
    expect(JSON.stringify(outcome)).not.toContain('Org first');
  });

  it("keeps the owner-only rule for what an organisation authored itself", async () => {
    const own = {
      type: 'malware',
      spec_version: '2.1',
      id: 'malware--2b0c4c5e-7a1f-4f4e-8c0e-3e6d6e0f5a01',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      name: 'first-party tool',
      is_family: false,
    };
    expect((await submitBundle(hub, people.first.token, bundleOf([own]), 'GREEN')).accepted).toBe(1);
    const again = await submitBundle(hub, people.second.token, bundleOf([own]), 'GREEN');
    expect(again.results[0].status).toBe('REJECTED');
    expect(again.results[0].errors[0].message).toMatch(/already shared; only its source may add versions/);
  });
});
