import { randomUUID } from 'node:crypto';
import { AnonymousNestedIdentity1766700000001, AnonymousPseudonym1766500000000, pseudonymFor } from '@hub/sharing';
import { DataSource } from 'typeorm';
import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { SUBMIT_BUNDLE_MUTATION, submitBundle } from '../support/sharing';
import { bundle, indicator, ipIndicator, nextVersion } from '../support/stix-builders';
import { API_ROOT, collectionsByTitle, taxii } from '../support/taxii';
import { queryDatabase } from '../support/test-database';
import { startTestHub, TestHub } from '../support/test-hub';
import { connectLive, settle } from '../support/ws-client';

/*
 * Who an object says it comes from, and who hears of its revocation: pseudonyms fixed at
 * submission and never naming fewer than k member organisations, no claiming another member's
 * identity or a pseudonym, revocations that reach every earlier reader, RED recipients named by
 * e-mail, and feed filters that refuse a type no object can have.
 */

interface Source {
  organizationId: string | null;
  name: string;
  sector: string | null;
  country: string | null;
  identityId: string;
  anonymous: boolean;
  pseudonym: { identityId: string; name: string; sector: string | null; country: string | null } | null;
}

interface Read {
  object: { id: string; revoked: boolean; modified: string; stix: Record<string, unknown>; source: Source; audience: { userIds: string[] } | null } | null;
}

const OBJECT = `query ($id: ID!) { object(id: $id) {
  id revoked modified stix audience { userIds } source { organizationId name sector country identityId anonymous } } }`;
const OWN_PSEUDONYM = `query ($id: ID!) { object(id: $id) { source { organizationId anonymous pseudonym { identityId name sector country } } } }`;
const SUBMIT_WITH_PSEUDONYM = `mutation ($input: SubmitBundleInput!) {
  submitBundle(input: $input) { accepted rejected results { status errors { path message } pseudonym { identityId name sector country } } } }`;
const REVOKE = `mutation ($id: ID!) { revokeObject(id: $id) { id revoked modified } }`;

type Person = { id: string; email: string; token: string };
type Organization = { id: string; identityId: string; name: string };

describe('sharing: attribution, pseudonyms, revocation and recipients', () => {
  let hub: TestHub;
  let admin: string;
  const orgs: Record<string, Organization> = {};
  const people: Record<string, Person> = {};

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await adminToken(hub);
    const org = async (key: string, sector: string, country: string, kind: 'PUBLIC' | 'PRIVATE' = 'PRIVATE') => {
      orgs[key] = await createOrganization(hub, admin, { name: `Org ${key}`, kind, sector, country });
    };
    // Three pharma companies in FR; three insurers, one per country; one device maker; hospitals.
    await org('pharmaFr1', 'PHARMA', 'FR');
    await org('pharmaFr2', 'PHARMA', 'FR');
    await org('pharmaFr3', 'PHARMA', 'FR');
    await org('insurerLu', 'HEALTH_INSURANCE', 'LU');
    await org('insurerDe', 'HEALTH_INSURANCE', 'DE');
    await org('insurerAt', 'HEALTH_INSURANCE', 'AT');
    await org('deviceCz', 'MEDICAL_DEVICES', 'CZ');
    await org('hospital', 'HEALTHCARE_PROVIDER', 'CZ', 'PUBLIC');
    await org('hospital2', 'HEALTHCARE_PROVIDER', 'SK', 'PUBLIC');
    await org('closing', 'HEALTHCARE_PROVIDER', 'PL', 'PUBLIC');
    const person = async (key: string, organization: string) => {
      people[key] = await createUser(hub, admin, { email: `${key.toLowerCase()}@${organization.toLowerCase()}.test`, role: 'MEMBER', organizationId: orgs[organization].id });
    };
    await person('pharma', 'pharmaFr1');
    await person('pharmaColleague', 'pharmaFr1');
    await person('insurer', 'insurerLu');
    await person('device', 'deviceCz');
    await person('reader', 'hospital');
    await person('readerColleague', 'hospital');
    await person('reader2', 'hospital2');
    await person('leaver', 'hospital2');
    await person('closer', 'closing');
  });

  afterAll(async () => {
    await hub?.close();
  });

  const read = async (id: string, token: string) => {
    const response = await hub.graphql<Read>(OBJECT, { id }, token);
    expect(response.errors).toBeUndefined();
    return { object: response.data!.object, text: response.text };
  };

  const submitAnonymously = async (token: string, objects: Record<string, unknown>[]) => {
    const response = await hub.graphql<{ submitBundle: { accepted: number; results: { status: string; errors: unknown[]; pseudonym: Source['pseudonym'] }[] } }>(
      SUBMIT_WITH_PSEUDONYM,
      { input: { bundle: bundle(objects), tlp: 'GREEN', anonymous: true } },
      token,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.submitBundle;
  };

  describe('pseudonyms', () => {
    it('never name a group of fewer than k member organisations, and the submitter is told what others see', async () => {
      const insured = ipIndicator('203.0.113.1');
      const fromInsurer = await submitAnonymously(people.insurer.token, [insured]);
      const insurerPseudonym = pseudonymFor('HEALTH_INSURANCE', null);
      // One insurer in LU, three in all: the sector, not the country.
      expect(fromInsurer.results[0]).toMatchObject({ status: 'ACCEPTED', pseudonym: { name: 'Anonymous health insurer', sector: 'HEALTH_INSURANCE', country: null, identityId: insurerPseudonym.identityId } });

      const device = ipIndicator('203.0.113.2');
      const fromDeviceMaker = await submitAnonymously(people.device.token, [device]);
      // The only device maker: every member.
      expect(fromDeviceMaker.results[0].pseudonym).toEqual({ name: 'Anonymous member', sector: null, country: null, identityId: pseudonymFor(null, null).identityId });

      const seenInsured = await read(String(insured.id), people.reader.token);
      expect(seenInsured.object!.source).toMatchObject({ organizationId: null, name: 'Anonymous health insurer', sector: 'HEALTH_INSURANCE', country: null, identityId: insurerPseudonym.identityId });
      expect(seenInsured.object!.stix.created_by_ref).toBe(insurerPseudonym.identityId);
      const seenDevice = await read(String(device.id), people.reader.token);
      expect(seenDevice.object!.source).toMatchObject({ organizationId: null, name: 'Anonymous member', sector: null, country: null });
      for (const secret of [orgs.deviceCz.id, orgs.deviceCz.identityId, orgs.deviceCz.name, 'MEDICAL_DEVICES', '"CZ"']) expect(seenDevice.text).not.toContain(secret);

      // The source sees itself, and the pseudonym the others see.
      const own = await hub.graphql<Read>(OWN_PSEUDONYM, { id: insured.id }, people.insurer.token);
      expect(own.data!.object!.source).toMatchObject({ organizationId: orgs.insurerLu.id, anonymous: true, pseudonym: { name: 'Anonymous health insurer' } });
    });

    it('is fixed at submission: an edit of the organisation relabels nothing, and every later version keeps it', async () => {
      const first = ipIndicator('203.0.113.10');
      expect(await submitBundle(hub, people.pharma.token, bundle([first]), 'GREEN', undefined, true)).toMatchObject({ accepted: 1 });
      expect((await read(String(first.id), people.reader.token)).object!.source.name).toBe('Anonymous pharmaceutical company, FR');
      const edited = await hub.graphql(`mutation ($id: ID!) { updateOrganization(id: $id, input: { country: "BE" }) { id } }`, { id: orgs.pharmaFr1.id }, admin);
      expect(edited.errors).toBeUndefined();
      try {
        const frPseudonym = pseudonymFor('PHARMA', 'FR');
        const seen = await read(String(first.id), people.reader.token);
        // Relabelled "…, BE", it would name the one pharma company in BE that organizations(filter) lists.
        expect(seen.object!.source).toMatchObject({ name: 'Anonymous pharmaceutical company, FR', country: 'FR', identityId: frPseudonym.identityId });
        expect(seen.text).not.toContain('BE');

        const second = nextVersion(first, { description: 'a later version' });
        expect(await submitBundle(hub, people.pharma.token, bundle([second]), 'GREEN', undefined, true)).toMatchObject({ accepted: 1 });
        const later = await read(String(first.id), people.reader.token);
        expect(later.object!.stix).toMatchObject({ description: 'a later version', created_by_ref: frPseudonym.identityId });
        expect(later.object!.source.name).toBe('Anonymous pharmaceutical company, FR');

        // A new object is shared under what the organisation is now: alone in BE, so the sector.
        const fresh = ipIndicator('203.0.113.11');
        expect((await submitAnonymously(people.pharma.token, [fresh])).results[0].pseudonym).toMatchObject({ name: 'Anonymous pharmaceutical company', country: null });
      } finally {
        await hub.graphql(`mutation ($id: ID!) { updateOrganization(id: $id, input: { country: "FR" }) { id } }`, { id: orgs.pharmaFr1.id }, admin);
      }
    });
  });

  describe('attribution', () => {
    it('refuses objects that claim a pseudonym of the hub or another member, observables and identities included', async () => {
      const address = { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${randomUUID()}`, value: '203.0.113.20', created_by_ref: orgs.insurerLu.identityId };
      const time = new Date().toISOString();
      const forgedIdentity = { type: 'identity', spec_version: '2.1', id: orgs.insurerLu.identityId, created: time, modified: time, name: 'Org insurerLu', identity_class: 'organization' };
      const forgedPseudonym = { ...forgedIdentity, id: pseudonymFor('PHARMA', 'FR').identityId, name: 'Anonymous pharmaceutical company, FR' };
      const outside = `identity--${randomUUID()}`;
      const outcome = await submitBundle(
        hub,
        people.reader.token,
        bundle([
          ipIndicator('203.0.113.21', { created_by_ref: pseudonymFor('PHARMA', 'FR').identityId }),
          address,
          forgedIdentity,
          forgedPseudonym,
          ipIndicator('203.0.113.22', { created_by_ref: orgs.hospital.identityId }),
          ipIndicator('203.0.113.23', { created_by_ref: outside }),
        ]),
        'GREEN',
      );
      expect(outcome.results.map((result) => [result.status, result.errors.map((error) => error.path)])).toEqual([
        ['REJECTED', ['objects[0].created_by_ref']],
        ['REJECTED', ['objects[1].created_by_ref']],
        ['REJECTED', ['objects[2].id']],
        ['REJECTED', ['objects[3].id']],
        ['ACCEPTED', []],
        ['ACCEPTED', []],
      ]);
      expect(outcome.results[0].errors[0].message).toContain('pseudonym of the hub');
      expect(outcome.results[1].errors[0].message).toContain('another member organisation');
      const stored = await queryDatabase(hub.databaseUrl, 'SELECT id FROM stix_object WHERE id = ANY($1::text[])', [[address.id, orgs.insurerLu.identityId, forgedPseudonym.id]]);
      expect(stored).toEqual([]);
    });

    it('refuses an anonymous submission that claims another member or another pseudonym than its own', async () => {
      const own = pseudonymFor('HEALTHCARE_PROVIDER', null).identityId;
      const outcome = await submitBundle(
        hub,
        people.reader.token,
        bundle([
          ipIndicator('203.0.113.30', { created_by_ref: orgs.insurerLu.identityId }),
          ipIndicator('203.0.113.31', { created_by_ref: pseudonymFor('PHARMA', 'FR').identityId }),
          ipIndicator('203.0.113.32', { created_by_ref: own }),
        ]),
        'GREEN',
        undefined,
        true,
      );
      expect(outcome.results.map((result) => [result.status, result.errors.map((error) => error.path)])).toEqual([
        ['REJECTED', ['objects[0].created_by_ref']],
        ['REJECTED', ['objects[1].created_by_ref']],
        ['ACCEPTED', []],
      ]);
    });
  });

  describe('revocation', () => {
    it('by a colleague named in a RED object reaches the original submitter', async () => {
      const red = ipIndicator('203.0.113.40', { description: 'for my colleague' });
      expect(await submitBundle(hub, people.reader.token, bundle([red]), 'RED', { userIds: [people.readerColleague.id] })).toMatchObject({ accepted: 1 });
      const revoked = await hub.graphql<{ revokeObject: { revoked: boolean } }>(REVOKE, { id: red.id }, people.readerColleague.token);
      expect(revoked.errors).toBeUndefined();
      expect(revoked.data!.revokeObject.revoked).toBe(true);
      expect((await read(String(red.id), people.reader.token)).object).toMatchObject({ revoked: true, stix: { revoked: true, description: 'for my colleague' } });
      expect((await read(String(red.id), people.readerColleague.token)).object).toMatchObject({ revoked: true });
      expect((await read(String(red.id), people.reader2.token)).object).toBeNull();
    });

    it('after a narrowing version reaches the wider audience, with the content it could read', async () => {
      const wide = ipIndicator('203.0.113.41', { description: 'for both' });
      const narrow = nextVersion(wide, { description: 'only for the second hospital' });
      expect(await submitBundle(hub, people.reader.token, bundle([wide]), 'AMBER', { organizationIds: [orgs.hospital2.id, orgs.insurerLu.id] })).toMatchObject({ accepted: 1 });
      expect(await submitBundle(hub, people.reader.token, bundle([narrow]), 'AMBER', { organizationIds: [orgs.hospital2.id] })).toMatchObject({ accepted: 1 });
      const revoked = await hub.graphql<{ revokeObject: { revoked: boolean } }>(REVOKE, { id: wide.id }, people.reader.token);
      expect(revoked.errors).toBeUndefined();

      const insurerView = await read(String(wide.id), people.insurer.token);
      expect(insurerView.object).toMatchObject({ revoked: true, stix: { revoked: true, description: 'for both' } });
      expect(insurerView.text).not.toContain('only for the second hospital');
      expect((await read(String(wide.id), people.reader2.token)).object).toMatchObject({ revoked: true, stix: { description: 'only for the second hospital' } });
      expect((await read(String(wide.id), people.reader.token)).object).toMatchObject({ revoked: true, stix: { description: 'only for the second hospital' } });
      expect((await read(String(wide.id), people.device.token)).object).toBeNull();
      // Revoking again changes nothing.
      expect((await hub.graphql(REVOKE, { id: wide.id }, people.reader.token)).errors).toBeUndefined();
      const [{ count }] = await queryDatabase<{ count: number }>(hub.databaseUrl, 'SELECT count(*)::int AS count FROM stix_object WHERE id = $1 AND revoked', [wide.id]);
      expect(count).toBe(2);
    });

    it('revokes an object whose modified has microseconds, over GraphQL and TAXII DELETE', async () => {
      const micro = (ip: string) => indicator(`[ipv4-addr:value = '${ip}']`, { created: '2026-01-02T03:04:05.123456Z', modified: '2026-01-02T03:04:05.123456Z', valid_from: '2026-01-02T03:04:05.123456Z' });
      const overGraphql = micro('203.0.113.50');
      const overTaxii = micro('203.0.113.51');
      expect(await submitBundle(hub, people.reader.token, bundle([overGraphql, overTaxii]), 'GREEN')).toMatchObject({ accepted: 2 });

      const revoked = await hub.graphql<{ revokeObject: { revoked: boolean; modified: string } }>(REVOKE, { id: overGraphql.id }, people.reader.token);
      expect(revoked.errors).toBeUndefined();
      expect(revoked.data!.revokeObject.revoked).toBe(true);
      expect(new Date(revoked.data!.revokeObject.modified).getTime()).toBeGreaterThan(Date.parse('2026-01-02T03:04:05.123Z'));

      const key = (await createApiKey(hub, people.reader.token, { name: 'siem', distribution: 'INTERNAL' })).key;
      const collections = await collectionsByTitle(hub, key);
      // DELETE goes where the client may write (docs/taxii.md); the GREEN collection shows the result.
      const submit = [...collections.values()].find((collection) => collection.can_write && !collection.can_read)!;
      const deleted = await taxii(hub, `${API_ROOT}collections/${submit.id}/objects/${overTaxii.id}/`, { key, method: 'DELETE' });
      expect(deleted.status).toBe(200);
      const url = `${API_ROOT}collections/${collections.get('TLP:GREEN')!.id}/objects/${overTaxii.id}/`;
      const seen = await taxii<{ objects: Record<string, unknown>[] }>(hub, url, { key });
      expect(seen.body.objects).toEqual([expect.objectContaining({ id: overTaxii.id, revoked: true })]);
    });
    it('stores two versions a few microseconds apart in one bundle as two versions, each with its observables', async () => {
      const first = indicator("[ipv4-addr:value = '203.0.113.52']", { created: '2026-01-03T00:00:00.123456Z', modified: '2026-01-03T00:00:00.123456Z' });
      const second = { ...first, pattern: "[ipv4-addr:value = '203.0.113.53']", modified: '2026-01-03T00:00:00.123789Z' };
      const outcome = await submitBundle(hub, people.reader.token, bundle([first, second]), 'GREEN');
      expect(outcome.results.map((result) => result.status)).toEqual(['ACCEPTED', 'ACCEPTED']);
      const looked = await hub.graphql<{ lookupObservable: { indicators: { stix: { modified: string } }[] } }>(
        `{ lookupObservable(type: "ipv4-addr", value: "203.0.113.53") { indicators { stix } } }`,
        {},
        people.reader.token,
      );
      expect(looked.data!.lookupObservable.indicators.map((found) => found.stix.modified)).toEqual(['2026-01-03T00:00:00.123789Z']);
      expect((await hub.graphql(REVOKE, { id: first.id }, people.reader.token)).errors).toBeUndefined();
    });
  });

  describe('recipients by e-mail', () => {
    const lastAuditSeq = async () => (await queryDatabase<{ seq: string }>(hub.databaseUrl, 'SELECT COALESCE(max(seq), 0)::text AS seq FROM audit_log'))[0].seq;

    it('names RED recipients by their sign-in e-mail, case-insensitively', async () => {
      const red = ipIndicator('203.0.113.60');
      const response = await hub.graphql<{ submitBundle: { accepted: number } }>(
        SUBMIT_BUNDLE_MUTATION,
        { input: { bundle: bundle([red]), tlp: 'RED', audience: { recipientEmails: [` ${people.reader2.email.toUpperCase()} `] } } },
        people.reader.token,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.submitBundle.accepted).toBe(1);
      expect((await read(String(red.id), people.reader2.token)).object).toMatchObject({ id: red.id });
      expect((await read(String(red.id), people.reader.token)).object!.audience!.userIds).toEqual([people.reader2.id]);
      expect((await read(String(red.id), people.readerColleague.token)).object).toBeNull();
    });

    it('takes recipient e-mails in submitIndicator and reportSighting too', async () => {
      const submitted = await hub.graphql<{ submitIndicator: { id: string } }>(
        `mutation ($input: SubmitIndicatorInput!) { submitIndicator(input: $input) { id } }`,
        { input: { name: 'by e-mail', pattern: "[ipv4-addr:value = '203.0.113.61']", tlp: 'RED', audience: { recipientEmails: [people.reader2.email] } } },
        people.reader.token,
      );
      expect(submitted.errors).toBeUndefined();
      const id = submitted.data!.submitIndicator.id;
      expect((await read(id, people.reader2.token)).object).toMatchObject({ id });
      const sighted = await hub.graphql<{ reportSighting: { id: string } }>(
        `mutation ($input: ReportSightingInput!) { reportSighting(input: $input) { id } }`,
        { input: { sightingOfRef: id, tlp: 'RED', audience: { recipientEmails: [people.reader.email] } } },
        people.reader2.token,
      );
      expect(sighted.errors).toBeUndefined();
      expect((await read(sighted.data!.reportSighting.id, people.reader.token)).object).not.toBeNull();
    });

    it('refuses an unknown e-mail exactly as one of a deactivated person or organisation, stores nothing and audits the refusal', async () => {
      expect((await hub.graphql(`mutation ($id: ID!) { deactivateUser(id: $id) { id } }`, { id: people.leaver.id }, admin)).errors).toBeUndefined();
      expect((await hub.graphql(`mutation ($id: ID!) { deactivateOrganization(id: $id) { id } }`, { id: orgs.closing.id }, admin)).errors).toBeUndefined();
      const answers = [];
      for (const email of ['nobody@nowhere.test', people.leaver.email, people.closer.email]) {
        const red = ipIndicator('203.0.113.62');
        const submitted = await hub.graphql(
          `mutation ($input: SubmitIndicatorInput!) { submitIndicator(input: $input) { id } }`,
          { input: { name: 'to nobody', pattern: String(red.pattern), tlp: 'RED', audience: { recipientEmails: [people.reader2.email, email] } } },
          people.reader.token,
        );
        expect(submitted.data?.submitIndicator ?? null).toBeNull();
        answers.push(submitted.errors);
      }
      expect(answers[0]).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', errors: [{ path: 'audience.recipientEmails[1]', message: 'is not the sign-in e-mail of an active person of the hub' }] }),
        }),
      ]);
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      const stored = await queryDatabase(hub.databaseUrl, `SELECT id FROM stix_object WHERE name = 'to nobody'`);
      expect(stored).toEqual([]);
      const audited = await queryDatabase<{ details: { recipientEmails: string[]; matched: number; unknownRecipientEmails: string[] } }>(
        hub.databaseUrl,
        `SELECT details FROM audit_log WHERE action = 'recipient.lookup' AND outcome = 'failure' AND actor_user_id = $1 ORDER BY seq`,
        [people.reader.id],
      );
      expect(audited.map((row) => row.details)).toEqual(
        ['nobody@nowhere.test', people.leaver.email, people.closer.email].map((email) => ({
          recipientEmails: [people.reader2.email, email],
          matched: 1,
          reason: 'unknown recipient e-mail',
          unknownRecipientEmails: [email],
        })),
      );
    });

    it('audits every look-up, the guesses that hit too, with all the addresses asked and how many matched', async () => {
      const since = await lastAuditSeq();
      const red = ipIndicator('203.0.113.64');
      const response = await hub.graphql(SUBMIT_BUNDLE_MUTATION, { input: { bundle: bundle([red]), tlp: 'RED', audience: { recipientEmails: [people.reader2.email, people.readerColleague.email] } } }, people.reader.token);
      expect(response.errors).toBeUndefined();
      const audited = await queryDatabase<{ outcome: string; details: Record<string, unknown> }>(
        hub.databaseUrl,
        `SELECT outcome, details FROM audit_log WHERE action = 'recipient.lookup' AND actor_user_id = $1 AND seq > $2 ORDER BY seq`,
        [people.reader.id, since],
      );
      expect(audited).toEqual([{ outcome: 'success', details: { recipientEmails: [people.reader2.email, people.readerColleague.email], matched: 2 } }]);
    });

    it('refuses recipients on GREEN or CLEAR before any look-up: the answer is the same for every address', async () => {
      const since = await lastAuditSeq();
      const answers = [];
      for (const email of [people.reader2.email, 'nobody@nowhere.test']) {
        const response = await hub.graphql(SUBMIT_BUNDLE_MUTATION, { input: { bundle: bundle([ipIndicator('203.0.113.65')]), tlp: 'GREEN', audience: { recipientEmails: [email] } } }, people.reader.token);
        answers.push(response.errors);
      }
      expect(answers[0]).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', errors: [expect.objectContaining({ path: 'audience' })] }) })]);
      expect(answers[1]).toEqual(answers[0]);
      const lookups = await queryDatabase(hub.databaseUrl, `SELECT 1 FROM audit_log WHERE action = 'recipient.lookup' AND seq > $1`, [since]);
      expect(lookups).toEqual([]);
    });

    it('refuses what is not an e-mail address with its path', async () => {
      const response = await hub.graphql(SUBMIT_BUNDLE_MUTATION, { input: { bundle: bundle([ipIndicator('203.0.113.63')]), tlp: 'RED', audience: { recipientEmails: ['not an address'] } } }, people.reader.token);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'audience.recipientEmails[0]', message: 'is not an e-mail address' }] });
    });
  });

  describe('feed filters', () => {
    it('refuse an unknown type with a suggestion, and keep custom x- types', async () => {
      const typo = await hub.graphql('{ objects(filter: { types: ["indicator", "indicatr"] }) { edges { node { id } } } }', {}, people.reader.token);
      expect(typo.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        errors: [{ path: 'filter.types[1]', message: '"indicatr" is not a STIX 2.1 object type: did you mean indicator?' }],
      });
      const time = new Date().toISOString();
      const custom = { type: 'x-acme-widget', spec_version: '2.1', id: `x-acme-widget--${randomUUID()}`, created: time, modified: time, name: 'widget' };
      expect(await submitBundle(hub, people.reader.token, bundle([custom]), 'GREEN')).toMatchObject({ accepted: 1 });
      const found = await hub.graphql<{ objects: { edges: { node: { id: string } }[] } }>('{ objects(filter: { types: ["x-acme-widget"] }) { edges { node { id } } } }', {}, people.reader.token);
      expect(found.errors).toBeUndefined();
      expect(found.data!.objects.edges.map((edge) => edge.node.id)).toEqual([custom.id]);
    });

    it('refuse an unknown type in an objectAdded subscription too', async () => {
      const client = await connectLive(hub.url, { bearer: people.reader.token });
      try {
        const subscription = await client.subscribe('subscription ($filter: ObjectFilterInput) { objectAdded(filter: $filter) { id } }', { filter: { types: ['malwar'] } });
        await settle(300);
        expect(subscription.errors).toEqual([
          expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', errors: [{ path: 'filter.types[0]', message: expect.stringContaining('did you mean malware?') }] }) }),
        ]);
      } finally {
        await client.close();
      }
    });
  });

  // Last: it takes the columns away and puts them back under the running hub.
  describe('migration', () => {
    it('freezes the pseudonym existing anonymous objects show', async () => {
      const dataSource = new DataSource({ type: 'postgres', url: hub.databaseUrl });
      await dataSource.initialize();
      try {
        const migration = new AnonymousPseudonym1766500000000();
        await migration.down(dataSource.createQueryRunner());
        await migration.up(dataSource.createQueryRunner());
        const rows = await queryDatabase<{ anonymous: boolean; sector: string | null; country: string | null; org_sector: string; org_country: string }>(
          hub.databaseUrl,
          `SELECT DISTINCT o.anonymous, o.pseudonym_sector AS sector, o.pseudonym_country AS country, source.sector AS org_sector, source.country AS org_country
           FROM stix_object o JOIN organization source ON source.id = o.source_org_id`,
        );
        expect(rows.filter((row) => row.anonymous).length).toBeGreaterThan(0);
        for (const row of rows) {
          expect(row.anonymous ? { sector: row.org_sector, country: row.org_country } : { sector: null, country: null }).toEqual({ sector: row.sector, country: row.country });
        }
      } finally {
        await dataSource.destroy();
      }
    });

    it("takes the source's identity out of the nested properties of anonymous rows stored before", async () => {
      const identity = orgs.insurerLu.identityId;
      const nested = { by: identity, list: [identity, 'someone else', { deeper: [identity] }], [identity]: 'a key is left alone' };
      const anonymous = indicator("[ipv4-addr:value = '203.0.113.80']", { x_reporting: nested });
      const named = indicator("[ipv4-addr:value = '203.0.113.81']", { x_reporting: nested });
      expect((await submitAnonymously(people.insurer.token, [anonymous])).accepted).toBe(1);
      expect(await submitBundle(hub, people.insurer.token, bundle([named]), 'GREEN')).toMatchObject({ accepted: 1 });
      // As the ingestion stored anonymous objects before it replaced the identity at any depth.
      await queryDatabase(hub.databaseUrl, `UPDATE stix_object SET stix = jsonb_set(stix, '{x_reporting}', $2::jsonb) WHERE id = $1`, [anonymous.id, JSON.stringify(nested)]);

      const dataSource = new DataSource({ type: 'postgres', url: hub.databaseUrl });
      await dataSource.initialize();
      try {
        const migration = new AnonymousNestedIdentity1766700000001();
        await migration.down();
        await migration.up(dataSource.createQueryRunner());
      } finally {
        await dataSource.destroy();
      }
      const stored = async (id: unknown) =>
        (await queryDatabase<{ stix: Record<string, unknown>; sector: string | null; country: string | null }>(
          hub.databaseUrl,
          'SELECT stix, pseudonym_sector AS sector, pseudonym_country AS country FROM stix_object WHERE id = $1',
          [id],
        ))[0];
      const rewritten = await stored(anonymous.id);
      const pseudonymId = pseudonymFor(rewritten.sector, rewritten.country).identityId;
      expect(rewritten.stix.id).toBe(anonymous.id);
      expect(rewritten.stix.x_reporting).toEqual({ by: pseudonymId, list: [pseudonymId, 'someone else', { deeper: [pseudonymId] }], [identity]: 'a key is left alone' });
      const { [identity]: keptKey, ...values } = rewritten.stix.x_reporting as Record<string, unknown>;
      expect(keptKey).toBe('a key is left alone');
      expect(JSON.stringify({ ...rewritten.stix, x_reporting: values })).not.toContain(identity);
      expect((await stored(named.id)).stix.x_reporting).toEqual(nested);
      const seen = await read(String(anonymous.id), people.reader.token);
      expect(seen.object!.stix.x_reporting).toMatchObject({ by: pseudonymId });
    });
  });
});
