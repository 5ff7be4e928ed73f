import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { scoId } from '@hub/stix';
import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { AudienceSpec, TlpName } from '../support/sharing';
import { bundle, indicator, ipIndicator, malware, relationship, report, sighting } from '../support/stix-builders';
import { API_ROOT, collectionsByTitle, taxii } from '../support/taxii';
import { startTestHub, TestHub } from '../support/test-hub';
import { connectLive, LiveClient, LiveSubscription } from '../support/ws-client';

/*
 * References to objects a viewer cannot read (docs/sharing.md, "References"): for that viewer, an
 * id that names a hidden object and an id that names nothing the hub holds must give the very same
 * answer on every path, in content, status, errors and in the statements the hub runs. Otherwise
 * anyone could ask "has someone shared address X at AMBER or RED?" by pointing a relationship, a
 * sighting or a report of their own at the id (observables' ids derive from their values).
 *
 * The rule: a reference is shown only when the viewer may follow it (some version of the object it
 * names is readable to them, or it names a member organisation or the object's own creator); a
 * relationship or sighting is shown only when the viewer may follow what it stands on; a person
 * sees what they submitted themselves as they submitted it.
 */

type Stix = Record<string, unknown>;

const HIDDEN_VALUE = '203.0.113.77';
const ABSENT_VALUE = '203.0.113.78';
const OBJECT_FIELDS = 'id type tlp revoked stix source { name identityId }';

const SUBMIT = `mutation Submit($input: SubmitBundleInput!) {
  submitBundle(input: $input) { accepted duplicates rejected results { index stixId status errors { path message } warnings { path message } } }
}`;

function address(value: string): Stix {
  return { type: 'ipv4-addr', spec_version: '2.1', id: scoId({ type: 'ipv4-addr', value }), value };
}

/** Every occurrence of each key of `swaps` in the JSON of `value` replaced by its value. */
function swapped(value: unknown, swaps: Map<string, string>): unknown {
  let text = JSON.stringify(value);
  for (const [from, to] of swaps) text = text.split(from).join(to);
  return JSON.parse(text);
}

/** What legitimately differs between two answers given at different times: sealed cursors, the time the hub received a version. */
function withoutServerValues(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, inner: unknown) => (['cursor', 'endCursor', 'next', 'date_added'].includes(key) ? '(server)' : inner));
}

interface Member {
  id: string;
  token: string;
}

interface World {
  hub: TestHub;
  owner: Member;
  prober: Member & { organizationId: string; identityId: string; key: string };
  colleague: Member;
  other: Member;
  recipientOrganizationId: string;
  recipientUser: Member;
}

async function buildWorld(): Promise<World> {
  const hub = await startTestHub({ HUB_ANSWER_CACHE_MB: '0' });
  const admin = await adminToken(hub);
  const organization = (name: string) => createOrganization(hub, admin, { name, kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
  const owners = await organization('Holder of hidden objects');
  const probers = await organization('Prober hospital');
  const recipients = await organization('Named recipient');
  const others = await organization('Other member');
  const user = (email: string, organizationId: string) => createUser(hub, admin, { email, role: 'MEMBER', organizationId });
  const prober = await user('prober@prober.test', probers.id);
  return {
    hub,
    owner: await user('owner@holder.test', owners.id),
    prober: { ...prober, organizationId: probers.id, identityId: probers.identityId, key: (await createApiKey(hub, prober.token, { name: 'siem', distribution: 'INTERNAL' })).key },
    colleague: await user('colleague@prober.test', probers.id),
    other: await user('member@other.test', others.id),
    recipientOrganizationId: recipients.id,
    recipientUser: await user('reader@recipient.test', recipients.id),
  };
}

async function submit(world: World, token: string, objects: Stix[], tlp: TlpName, audience?: AudienceSpec, anonymous = false) {
  const response = await world.hub.graphql<{ submitBundle: { accepted: number; results: Stix[] } }>(SUBMIT, { input: { bundle: bundle(objects), tlp, audience, anonymous } }, token);
  if (response.errors) throw new Error(`submitBundle failed: ${response.text}`);
  return response.data!.submitBundle;
}

/** Shares objects nobody of the prober's organisation, nor the other member, may read. */
async function shareHidden(world: World, object: Stix, tlp: 'AMBER' | 'AMBER_STRICT' | 'RED'): Promise<void> {
  const audience = tlp === 'RED' ? { userIds: [world.recipientUser.id] } : { organizationIds: [world.recipientOrganizationId] };
  expect(await submit(world, world.owner.token, [object], tlp, audience)).toMatchObject({ accepted: 1 });
}

/** One TAXII answer, as a client sees it: the status and the body. */
async function taxiiAnswer(hub: TestHub, path: string, key: string | undefined): Promise<{ status: number; body: unknown }> {
  const response = await taxii(hub, path, { key });
  return { status: response.status, body: withoutServerValues(response.body) };
}

describe('references to objects the viewer cannot read: hidden and absent look the same', () => {
  let world: World;

  beforeAll(async () => {
    world = await buildWorld();
  });

  afterAll(async () => {
    await world?.hub.close();
  });

  describe('the same objects pointing at a hidden id and at an absent one', () => {
    const swaps = new Map<string, string>();
    const hiddenSide: Stix[] = [];
    const absentSide: Stix[] = [];
    const submissions: unknown[] = [];
    let hiddenIndicator: Stix;
    let ownIndicator: Stix;
    const live: { name: string; client: LiveClient; subscription: LiveSubscription<{ id: string; stix: Stix }> }[] = [];
    let sentinel: Stix;

    /** The position of a named object of the hidden side (its twin has the same position on the absent side). */
    const names: string[] = [];
    const at = (name: string) => names.indexOf(name);

    beforeAll(async () => {
      const { hub, prober } = world;
      hiddenIndicator = ipIndicator(HIDDEN_VALUE);
      const hiddenAddress = address(HIDDEN_VALUE);
      const hiddenFamily = malware('Hidden family');
      await shareHidden(world, hiddenIndicator, 'AMBER');
      await shareHidden(world, hiddenAddress, 'AMBER_STRICT');
      await shareHidden(world, hiddenFamily, 'RED');
      swaps.set(hiddenIndicator.id as string, `indicator--${randomUUID()}`);
      swaps.set(hiddenAddress.id as string, address(ABSENT_VALUE).id as string);
      swaps.set(hiddenFamily.id as string, `malware--${randomUUID()}`);
      swaps.set(HIDDEN_VALUE, ABSENT_VALUE);

      ownIndicator = ipIndicator('198.51.100.5');
      expect(await submit(world, prober.token, [ownIndicator], 'CLEAR')).toMatchObject({ accepted: 1 });

      // Subscribed before anything pointing at the hidden objects is shared: objectAdded (FeedService.findAdded) is a read path too.
      for (const [name, credential] of [
        ['prober', { bearer: prober.token }],
        ['colleague', { bearer: world.colleague.token }],
        ['prober key', { apiKey: prober.key }],
      ] as const) {
        const client = await connectLive(hub.url, credential);
        const subscription = await client.subscribe<{ id: string; stix: Stix }>(`subscription { objectAdded { ${OBJECT_FIELDS} } }`);
        live.push({ name, client, subscription });
      }

      // Watch filters before anything is shared: alerts read through the same rules.
      for (const token of [prober.token, world.colleague.token]) {
        const watch = await hub.graphql(`mutation ($input: CreateWatchFilterInput!) { createWatchFilter(input: $input) { id } }`, {
          input: { name: 'everything', criteria: { types: ['relationship', 'sighting', 'report', 'indicator', 'network-traffic', 'malware'] } },
        }, token);
        expect(watch.errors).toBeUndefined();
      }

      // The prober's own CLEAR objects that point at the hidden ones, in every way a reference can be written.
      const looked = ipIndicator(HIDDEN_VALUE);
      const traffic = { type: 'network-traffic', spec_version: '2.1', src_ref: hiddenAddress.id, protocols: ['tcp'] };
      const named: Record<string, Stix> = {
        relationship: relationship(ownIndicator.id as string, 'indicates', hiddenFamily.id as string),
        reverse: relationship(hiddenIndicator.id as string, 'related-to', ownIndicator.id as string),
        sighting: sighting(hiddenIndicator.id as string, { where_sighted_refs: [prober.identityId] }),
        report: report('Pair report', [ownIndicator.id as string, hiddenIndicator.id as string, hiddenAddress.id as string, hiddenFamily.id as string]),
        nested: indicator(`[ipv4-addr:value = '198.51.100.6']`, { x_context: { related_ref: hiddenIndicator.id, seen: [{ address_refs: [hiddenAddress.id, ownIndicator.id] }] } }),
        looked,
        lookedSighting: sighting(looked.id as string),
        traffic: { ...traffic, id: scoId(traffic) },
      };
      for (const [name, object] of Object.entries(named)) {
        names.push(name);
        hiddenSide.push(object);
        if (name !== 'traffic') swaps.set(object.id as string, `${object.type as string}--${randomUUID()}`);
      }
      // An observable's id derives from its values, its references included.
      swaps.set(named.traffic.id as string, scoId(swapped(traffic, swaps) as { type: string }));
      absentSide.push(...hiddenSide.map((object) => swapped(object, swaps) as Stix));

      submissions.push(await submit(world, prober.token, hiddenSide, 'CLEAR'), await submit(world, prober.token, absentSide, 'CLEAR'));
      sentinel = malware('Sentinel');
      expect(await submit(world, prober.token, [sentinel], 'CLEAR')).toMatchObject({ accepted: 1 });
    });

    afterAll(async () => {
      for (const { client } of live) await client.close();
    });

    it('a submission that points at a hidden id is answered exactly like one that points at an absent id', async () => {
      const [hidden, absent] = submissions;
      expect(swapped(hidden, swaps)).toEqual(absent);
      expect(hidden).toMatchObject({ accepted: hiddenSide.length });
      const reportSighting = `mutation ($id: String!) { reportSighting(input: { sightingOfRef: $id, count: 1, tlp: GREEN }) { id } }`;
      const seenHidden = await world.hub.graphql(reportSighting, { id: hiddenIndicator.id }, world.prober.token);
      const seenAbsent = await world.hub.graphql(reportSighting, { id: swaps.get(hiddenIndicator.id as string) }, world.prober.token);
      expect(seenHidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(swapped({ status: seenHidden.status, errors: seenHidden.errors }, swaps)).toEqual({ status: seenAbsent.status, errors: seenAbsent.errors });
      // A colleague cannot revoke what they may not read; the answer is the same for both.
      const revoke = `mutation ($id: ID!) { revokeObject(id: $id) { id } }`;
      const revokeHidden = await world.hub.graphql(revoke, { id: hiddenSide[at('relationship')].id }, world.colleague.token);
      const revokeAbsent = await world.hub.graphql(revoke, { id: absentSide[at('relationship')].id }, world.colleague.token);
      expect(revokeHidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(swapped(revokeHidden.errors, swaps)).toEqual(revokeAbsent.errors);
    });

    const viewers = () =>
      new Map<string, string | undefined>([
        ['prober', world.prober.token],
        ['colleague', world.colleague.token],
        ['prober key', world.prober.key],
        ['other member', world.other.token],
        ['unauthenticated', undefined],
      ]);

    /** Every GraphQL read of the objects of one side, and of the id and value they point at. */
    async function graphqlAnswers(side: Stix[], end: string, value: string, token: string | undefined) {
      const fields = side.map((object, index) => `o${index}: object(id: "${object.id as string}") { ${OBJECT_FIELDS} }`).join('\n');
      const query = `query Side($end: ID!, $search: String!, $value: String!) {
        ${fields}
        end: object(id: $end) { ${OBJECT_FIELDS} }
        bySearch: objects(filter: { search: $search }) { totalCount edges { cursor node { ${OBJECT_FIELDS} } } }
        byObservable: objects(filter: { observable: { type: "ipv4-addr", value: $value } }) { totalCount edges { node { ${OBJECT_FIELDS} } } }
        byType: objects(first: 500, filter: { types: ["relationship", "sighting", "report", "indicator", "network-traffic"], since: "2000-01-01T00:00:00Z" }) {
          totalCount edges { node { id } }
        }
        lookup: lookupObservable(type: "ipv4-addr", value: $value) { indicators { ${OBJECT_FIELDS} } sightings { ${OBJECT_FIELDS} } observables { ${OBJECT_FIELDS} } sightingCount }
      }`;
      const response = await world.hub.graphql<Record<string, unknown> & { byType: { totalCount: number; edges: { node: { id: string } }[] } }>(
        query,
        { end, search: end, value },
        token,
      );
      expect(response.errors).toBeUndefined();
      // The filtered feed holds both sides: keep this side's objects, in their order.
      const ids = new Set(side.map((object) => object.id as string));
      const data = response.data!;
      return withoutServerValues({ ...data, byType: data.byType.edges.map((edge) => edge.node.id).filter((id) => ids.has(id)) });
    }

    it.each(['prober', 'colleague', 'prober key', 'other member', 'unauthenticated'])('GraphQL: %s reads the same on both sides', async (name) => {
      const token = viewers().get(name);
      const hidden = await graphqlAnswers(hiddenSide, hiddenIndicator.id as string, HIDDEN_VALUE, token);
      const absent = await graphqlAnswers(absentSide, swaps.get(hiddenIndicator.id as string)!, ABSENT_VALUE, token);
      expect(swapped(hidden, swaps)).toEqual(absent);

      // And the rule itself: only the person who wrote the references sees them all.
      const answer = hidden as Record<string, { stix: Stix } | null>;
      const object = (name: string) => answer[`o${at(name)}`];
      if (name === 'prober') {
        for (const shown of names) expect([shown, object(shown)]).not.toEqual([shown, null]);
        expect(object('report')!.stix.object_refs).toHaveLength(4);
        expect(object('traffic')!.stix.src_ref).toBe(hiddenSide[at('traffic')].src_ref);
      } else {
        for (const withheld of ['relationship', 'reverse', 'sighting']) expect([withheld, object(withheld)]).toEqual([withheld, null]);
        expect(object('report')!.stix.object_refs).toEqual([ownIndicator.id]);
        expect(object('nested')!.stix.x_context).toEqual({ seen: [{ address_refs: [ownIndicator.id] }] });
        expect('src_ref' in object('traffic')!.stix).toBe(false);
      }
    });

    it.each(['prober', 'colleague', 'prober key'])('TAXII: %s reads the same on both sides (objects, object, versions, manifest)', async (name) => {
      const key = viewers().get(name);
      const collection = (await collectionsByTitle(world.hub, key)).get('TLP:CLEAR')!.id;
      const base = `${API_ROOT}collections/${collection}/`;
      // A cyber observable has no modified: its version is the time the hub received it, which differs between the sides.
      const observable = (id: string) => id.startsWith('network-traffic--');
      const received = (answer: { status: number; body: unknown }) => {
        const body = answer.body as { versions?: string[]; objects?: { id: string; version?: string }[] };
        if (body.versions) body.versions = body.versions.map(() => '(received)');
        for (const entry of body.objects ?? []) if (observable(entry.id) && entry.version) entry.version = '(received)';
        return answer;
      };
      const answers = async (side: Stix[], end: string) => {
        const answers: unknown[] = [];
        for (const id of [...side.map((object) => object.id as string), end]) {
          answers.push(await taxiiAnswer(world.hub, `${base}objects/${id}/`, key));
          const versions = await taxiiAnswer(world.hub, `${base}objects/${id}/versions/`, key);
          answers.push(observable(id) ? received(versions) : versions);
        }
        const ids = side.map((object) => object.id as string).join(',');
        answers.push(await taxiiAnswer(world.hub, `${base}objects/?match[id]=${ids}`, key));
        answers.push(received(await taxiiAnswer(world.hub, `${base}manifest/?match[id]=${ids}`, key)));
        return answers;
      };
      const hidden = await answers(hiddenSide, hiddenIndicator.id as string);
      const absent = await answers(absentSide, swaps.get(hiddenIndicator.id as string)!);
      expect(swapped(hidden, swaps)).toEqual(absent);
      // TAXII reads for a key: no one sees a relationship whose end they may not follow, not even its submitter.
      expect((hidden[2 * at('relationship')] as { status: number }).status).toBe(404);
    });

    it('objectAdded delivers the same on both sides', async () => {
      for (const { name, subscription } of live) {
        const deadline = Date.now() + 10_000;
        while (!subscription.values.some((value) => value.id === sentinel.id) && Date.now() < deadline) await subscription.waitFor(subscription.values.length + 1, 10_000).catch(() => undefined);
        const delivered = (side: Stix[]) => {
          const ids = side.map((object) => object.id);
          return subscription.values.filter((value) => ids.includes(value.id)).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
        };
        expect([name, swapped(delivered(hiddenSide), swaps)]).toEqual([name, delivered(absentSide)]);
        expect([name, delivered(hiddenSide).length]).toEqual([name, name === 'prober' ? hiddenSide.length : hiddenSide.length - 3]);
      }
    });

    it('alerts are raised and shown the same on both sides', async () => {
      for (const [name, token] of [['prober', world.prober.token], ['colleague', world.colleague.token]] as const) {
        const read = async () => {
          const response = await world.hub.graphql<{ alerts: { edges: { node: { object: { id: string; stix: Stix } } }[] } }>(
            `{ alerts(first: 100) { edges { node { watchFilterName object { ${OBJECT_FIELDS} } } } } }`,
            {},
            token,
          );
          expect(response.errors).toBeUndefined();
          return response.data!.alerts.edges.map((edge) => edge.node);
        };
        const deadline = Date.now() + 15_000;
        let alerts = await read();
        while (!alerts.some((alert) => alert.object.id === sentinel.id) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          alerts = await read();
        }
        const of = (side: Stix[]) => {
          const ids = side.map((object) => object.id);
          return alerts.filter((alert) => ids.includes(alert.object.id)).sort((a, b) => ids.indexOf(a.object.id) - ids.indexOf(b.object.id));
        };
        expect([name, swapped(of(hiddenSide), swaps)]).toEqual([name, of(absentSide)]);
        expect([name, of(hiddenSide).length]).toEqual([name, name === 'prober' ? hiddenSide.length : hiddenSide.length - 3]);
      }
    });

    it('TAXII runs the same statements for one object whether its id is hidden or absent', async () => {
      const collection = (await collectionsByTitle(world.hub, world.prober.key)).get('TLP:AMBER')!.id;
      const statementsFor = async (path: string) => {
        const statements: string[] = [];
        const spy = jest.spyOn(pg.Client.prototype, 'query');
        try {
          expect((await taxii(world.hub, path, { key: world.prober.key })).status).toBe(404);
          for (const [call] of spy.mock.calls) {
            const text = typeof call === 'string' ? call : (call as { text?: string }).text;
            if (text && /stix_object|pg_stat_activity/.test(text)) statements.push(text);
          }
        } finally {
          spy.mockRestore();
        }
        return statements;
      };
      for (const suffix of ['', 'versions/']) {
        const hidden = await statementsFor(`${API_ROOT}collections/${collection}/objects/${hiddenIndicator.id as string}/${suffix}`);
        const absent = await statementsFor(`${API_ROOT}collections/${collection}/objects/${swaps.get(hiddenIndicator.id as string)!}/${suffix}`);
        expect(hidden.length).toBeGreaterThan(0);
        expect(hidden).toEqual(absent);
      }
    });
  });

  describe('property: a world with a hidden object and the same world without it', () => {
    type Kind = 'relationship from' | 'relationship to' | 'sighting' | 'report' | 'nested' | 'traffic';
    interface Referrer {
      kind: Kind;
      submitter: 'prober' | 'colleague' | 'other';
      tlp: 'CLEAR' | 'GREEN' | 'AMBER';
      anonymous: boolean;
    }
    interface Draw {
      hidden: { kind: 'indicator' | 'address' | 'malware'; tlp: 'AMBER' | 'AMBER_STRICT' | 'RED' };
      referrers: Referrer[];
    }
    const drawArbitrary: fc.Arbitrary<Draw> = fc.record({
      hidden: fc.record({ kind: fc.constantFrom('indicator' as const, 'address' as const, 'malware' as const), tlp: fc.constantFrom('AMBER' as const, 'AMBER_STRICT' as const, 'RED' as const) }),
      referrers: fc.array(
        fc.record({
          kind: fc.constantFrom<Kind>('relationship from', 'relationship to', 'sighting', 'report', 'nested', 'traffic'),
          submitter: fc.constantFrom('prober' as const, 'colleague' as const, 'other' as const),
          tlp: fc.constantFrom('CLEAR' as const, 'GREEN' as const, 'AMBER' as const),
          anonymous: fc.boolean(),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    });
    let run = 0;

    /** An object of `referrer`'s kind that points at `end`; `own` is a readable indicator of the same value. */
    function referrerObject(referrer: Referrer, end: Stix, own: Stix): Stix {
      const endId = end.id as string;
      switch (referrer.kind) {
        case 'relationship from':
          return relationship(own.id as string, end.type === 'malware' ? 'indicates' : 'related-to', endId);
        case 'relationship to':
          return relationship(endId, 'related-to', own.id as string);
        case 'sighting':
          // A sighting is of a domain object; an address is pointed at by an observed-data-like custom reference instead.
          return end.type === 'ipv4-addr' ? report(`Seen ${run}`, [own.id as string, endId]) : sighting(endId);
        case 'report':
          return report(`Report ${run}`, [endId, own.id as string]);
        case 'nested':
          return malware(`Nested ${run}`, { x_hub_test: { links: [{ note: 'kept', target_ref: endId }], other_refs: [endId, own.id] } });
        case 'traffic': {
          if (end.type !== 'ipv4-addr') return indicator(`[ipv4-addr:value = '198.51.100.${run}']`, { x_seen_ref: endId });
          const traffic = { type: 'network-traffic', spec_version: '2.1', dst_ref: endId, protocols: ['udp'], dst_port: 1000 + run };
          return { ...traffic, id: scoId(traffic) };
        }
      }
    }

    const viewers = () =>
      new Map<string, string | undefined>([
        ['prober', world.prober.token],
        ['colleague', world.colleague.token],
        ['prober key', world.prober.key],
        ['other member', world.other.token],
        ['unauthenticated', undefined],
      ]);

    /** Everything a viewer reads of the hub on the paths that could tell the two worlds apart. */
    async function everything(token: string | undefined, end: string, value: string, referrers: string[]): Promise<unknown> {
      const page = `totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${OBJECT_FIELDS} } }`;
      const query = `query World($end: ID!, $search: String!, $value: String!, $after: String) {
        feed: objects(first: 500) { ${page} }
        firstPage: objects(first: 3) { ${page} }
        nextPage: objects(first: 3, after: $after) { ${page} }
        filtered: objects(first: 500, filter: { types: ["relationship", "sighting", "report", "malware", "indicator", "network-traffic"], tlp: [CLEAR, GREEN, AMBER], since: "2000-01-01T00:00:00Z" }) { ${page} }
        bySearch: objects(filter: { search: $search }) { ${page} }
        byObservable: objects(filter: { observable: { type: "ipv4-addr", value: $value } }) { ${page} }
        end: object(id: $end) { ${OBJECT_FIELDS} }
        ${referrers.map((id, index) => `r${index}: object(id: "${id}") { ${OBJECT_FIELDS} }`).join('\n')}
        lookup: lookupObservable(type: "ipv4-addr", value: $value) { indicators { ${OBJECT_FIELDS} } sightings { ${OBJECT_FIELDS} } observables { ${OBJECT_FIELDS} } sightingCount }
      }`;
      const first = await world.hub.graphql<{ firstPage: { pageInfo: { endCursor: string } } }>(query, { end, search: end, value }, token);
      expect(first.errors).toBeUndefined();
      const graphql = await world.hub.graphql(query, { end, search: end, value, after: first.data!.firstPage.pageInfo.endCursor }, token);
      expect(graphql.errors).toBeUndefined();
      const answers: unknown[] = [graphql.data];
      // TAXII reads for a person as for a key of their organisation: the key and the colleague cover the prober's side.
      if (token === world.prober.token || token === world.other.token) return withoutServerValues(answers);
      for (const [title, collection] of await collectionsByTitle(world.hub, token)) {
        if (!title.startsWith('TLP:')) continue;
        const base = `${API_ROOT}collections/${collection.id}/`;
        const ids = [end, ...referrers].join(',');
        for (const path of ['objects/?limit=500', 'manifest/?limit=500', `objects/?match[id]=${ids}&match[version]=all`, `objects/${end}/`, `objects/${end}/versions/`]) {
          answers.push(path, await taxiiAnswer(world.hub, `${base}${path}`, token));
        }
        for (const id of referrers) answers.push(await taxiiAnswer(world.hub, `${base}objects/${id}/`, token));
      }
      return withoutServerValues(answers);
    }

    it('every viewer outside its audience reads the same in both worlds, on every read path', async () => {
      const database = new pg.Client({ connectionString: world.hub.databaseUrl });
      await database.connect();
      try {
        await fc.assert(
          fc.asyncProperty(drawArbitrary, async (draw) => {
            run += 1;
            const value = `192.0.2.${run}`;
            const hidden = draw.hidden.kind === 'indicator' ? ipIndicator(value) : draw.hidden.kind === 'address' ? address(value) : malware(`Hidden ${run}`);
            await shareHidden(world, hidden, draw.hidden.tlp);
            const own = ipIndicator(value);
            expect(await submit(world, world.prober.token, [own], 'GREEN')).toMatchObject({ accepted: 1 });
            const referrers: string[] = [];
            for (const referrer of draw.referrers) {
              const object = referrerObject(referrer, hidden, own);
              const member = referrer.submitter === 'other' ? world.other : referrer.submitter === 'colleague' ? world.colleague : world.prober;
              const audience = referrer.tlp === 'AMBER' ? { organizationIds: [world.prober.organizationId] } : undefined;
              const outcome = await submit(world, member.token, [object], referrer.tlp, audience, referrer.anonymous);
              if (outcome.accepted) referrers.push(object.id as string);
            }
            const before = new Map<string, unknown>();
            for (const [name, token] of viewers()) before.set(name, await everything(token, hidden.id as string, value, referrers));
            // The same world without the hidden object: as if it had never been shared.
            await database.query('DELETE FROM stix_object WHERE id = $1', [hidden.id]);
            await database.query('DELETE FROM stix_object_owner WHERE id = $1', [hidden.id]);
            for (const [name, token] of viewers()) {
              expect([name, await everything(token, hidden.id as string, value, referrers)]).toEqual([name, before.get(name)]);
            }
          }),
          { numRuns: 4, endOnFailure: true },
        );
      } finally {
        await database.end();
      }
    }, 180_000);
  });
});
