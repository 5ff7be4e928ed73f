import { EMPTY_AUDIENCE, MemberViewer } from '@hub/access';
import { pseudonymFor } from '../anonymity/pseudonym';
import { prepareObject } from './prepare-object';
import { Submission, SubmittingOrganization } from './submission';

const viewer: MemberViewer = { kind: 'user', userId: 'u1', role: 'MEMBER', organizationId: 'o1', organizationKind: 'PRIVATE', sharingGroupIds: [] };
const own = 'identity--11111111-1111-4111-8111-111111111111';
const otherMember = 'identity--22222222-2222-4222-8222-222222222222';
const members = new Set([own, otherMember]);
const pseudonym = pseudonymFor('PHARMA', 'FR');
const organization: SubmittingOrganization = { id: 'o1', identityId: own, sector: 'PHARMA', country: 'FR', pseudonym };
const time = '2026-01-01T00:00:00.000Z';
const indicator = (extra: Record<string, unknown> = {}) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--33333333-3333-4333-8333-333333333333',
  created: time,
  modified: time,
  pattern: "[ipv4-addr:value = '198.51.100.1']",
  pattern_type: 'stix',
  valid_from: time,
  ...extra,
});
const submission = (anonymous: boolean): Submission => ({ viewer, tlp: 'GREEN', audience: EMPTY_AUDIENCE, anonymous });
const prepare = (stix: Record<string, unknown>, anonymous = false) => prepareObject(0, stix, submission(anonymous), organization, members, anonymous ? pseudonym : null);

describe('prepareObject attribution', () => {
  it('refuses a named object that claims a pseudonym of the hub', () => {
    expect(prepare(indicator({ created_by_ref: pseudonymFor('HEALTHCARE_PROVIDER', null).identityId }))).toMatchObject({ ok: false, path: 'created_by_ref' });
  });

  it('refuses a cyber observable that claims another member, though observables have no versions', () => {
    const address = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--44444444-4444-5444-8444-444444444444', value: '198.51.100.2', created_by_ref: otherMember };
    expect(prepare(address)).toMatchObject({ ok: false, path: 'created_by_ref' });
    expect(prepare(address, true)).toMatchObject({ ok: false, path: 'created_by_ref' });
  });

  it('refuses an object that takes the id of a member identity or of a pseudonym', () => {
    const identity = { type: 'identity', spec_version: '2.1', id: otherMember, created: time, modified: time, name: 'x', identity_class: 'organization' };
    expect(prepare(identity)).toMatchObject({ ok: false, path: 'id' });
    expect(prepare({ ...identity, id: pseudonym.identityId })).toMatchObject({ ok: false, path: 'id' });
  });

  it('lets an anonymous object name its own pseudonym (a version pulled from the hub), and stores the group', () => {
    const prepared = prepare(indicator({ created_by_ref: pseudonym.identityId }), true);
    expect(prepared).toMatchObject({ ok: true, object: { anonymous: true, pseudonym: { sector: 'PHARMA', country: 'FR' }, stix: { created_by_ref: pseudonym.identityId } } });
    expect(prepare(indicator({ created_by_ref: pseudonymFor('PHARMA', null).identityId }), true)).toMatchObject({ ok: false, path: 'created_by_ref' });
  });

  it('keeps a named object by its source or by someone outside the hub', () => {
    expect(prepare(indicator())).toMatchObject({ ok: true, object: { pseudonym: null, stix: { created_by_ref: own } } });
    const outside = 'identity--55555555-5555-4555-8555-555555555555';
    expect(prepare(indicator({ created_by_ref: outside }))).toMatchObject({ ok: true, object: { stix: { created_by_ref: outside } } });
  });

  it("replaces an anonymous source's identity at every depth, custom and extension properties included", () => {
    const sighting = {
      type: 'sighting',
      spec_version: '2.1',
      id: 'sighting--66666666-6666-4666-8666-666666666666',
      created: time,
      modified: time,
      sighting_of_ref: 'indicator--33333333-3333-4333-8333-333333333333',
      where_sighted_refs: [own],
      extensions: { 'extension-definition--77777777-7777-4777-8777-777777777777': { extension_type: 'property-extension', reporter_ref: own, seen: [{ by_refs: [own] }] } },
      x_reported_by: own,
    };
    const prepared = prepare(sighting, true);
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(JSON.stringify(prepared.object.stix)).not.toContain(own);
    expect(prepared.object.stix).toMatchObject({
      where_sighted_refs: [pseudonym.identityId],
      extensions: { 'extension-definition--77777777-7777-4777-8777-777777777777': { reporter_ref: pseudonym.identityId, seen: [{ by_refs: [pseudonym.identityId] }] } },
      x_reported_by: pseudonym.identityId,
    });
    // What was submitted is left as it was.
    expect(sighting.where_sighted_refs).toEqual([own]);
  });
});

describe('prepareObject marking', () => {
  const key: MemberViewer = { ...viewer, kind: 'key', keyDistribution: 'INTERNAL' } as MemberViewer;
  const red = indicator({ object_marking_refs: ['marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed'] });

  it("refuses an object an API key marks RED itself, though the submission's marking is milder", () => {
    const prepared = prepareObject(0, red, { viewer: key, tlp: 'GREEN', audience: EMPTY_AUDIENCE, anonymous: false }, organization, members, null);
    expect(prepared).toEqual({ ok: false, path: 'object_marking_refs', message: 'TLP RED is shared person to person: submit it while logged in, not with an API key' });
  });
});

describe('prepareObject dates', () => {
  it('refuses a version dated more than a day ahead of the clock, before anything stored is read', () => {
    const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    expect(prepare(indicator({ modified: inHours(23) }))).toMatchObject({ ok: true });
    expect(prepare(indicator({ modified: inHours(25) }))).toMatchObject({ ok: false, path: 'modified' });
    expect(prepare(indicator({ modified: '9999-12-31T23:59:59.999Z', revoked: true }))).toMatchObject({ ok: false, path: 'modified' });
  });
});
