import { buildAccessMatrix, policyAllows, Relation, RELATIONS, TLPS } from '../support/access-matrix';
import { askUntilCached } from '../support/answer-cache';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, ipIndicator, malware, relationship, report, sighting } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * The access matrix of the policy (tests/support/access-matrix.ts): one object per TLP level, all
 * shared by the same submitter with the same audience, and one viewer for every relation a viewer
 * can have to them. Every GraphQL read path must show each object exactly when policyAllows does.
 *
 * Every relation of one TLP level sends the very same request, one after the other, and each answer
 * (but the unauthenticated one, which the cache never serves) is first made to come from the answer
 * cache: an answer kept for one viewer and served to another would fail here.
 */

const OBJECT_FIELDS = 'id type tlp stix';

describe('sharing: the access matrix (every TLP level × every relation × every read path)', () => {
  let hub: TestHub;
  let viewers: Map<Relation, string | undefined>;
  const indicators = new Map<TlpName, { id: string; ip: string }>();
  const sightings = new Map<TlpName, string>();
  const relationships = new Map<TlpName, string>();
  let reportId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const matrix = await buildAccessMatrix(hub);
    viewers = matrix.viewers;
    const family = malware('Matrix ransomware');
    await submitBundle(hub, matrix.submitter.token, bundle([family]), 'CLEAR');
    for (const [position, tlp] of TLPS.entries()) {
      const ip = `198.51.100.${position + 10}`;
      const object = ipIndicator(ip, { labels: ['matrix'] });
      const result = await submitBundle(hub, matrix.submitter.token, bundle([object]), tlp, matrix.audienceFor(tlp));
      expect(result).toMatchObject({ accepted: 1, rejected: 0 });
      indicators.set(tlp, { id: object.id as string, ip });
      // Public objects that point at the restricted ones: they must not reveal them.
      const seen = sighting(object.id as string);
      const uses = relationship(object.id as string, 'indicates', family.id as string);
      expect(await submitBundle(hub, matrix.submitter.token, bundle([seen, uses]), 'CLEAR')).toMatchObject({ accepted: 2 });
      sightings.set(tlp, seen.id as string);
      relationships.set(tlp, uses.id as string);
    }
    const summary = report('Matrix report', TLPS.map((tlp) => indicators.get(tlp)!.id));
    expect(await submitBundle(hub, matrix.submitter.token, bundle([summary]), 'CLEAR')).toMatchObject({ accepted: 1 });
    reportId = summary.id as string;
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('has a viewer for every relation', () => {
    expect([...viewers.keys()]).toEqual(RELATIONS);
  });

  describe.each(TLPS)('TLP %s', (tlp) => {
    it.each(RELATIONS)('%s sees it exactly when the policy allows, on every read path', async (relation) => {
      const token = viewers.get(relation);
      const allowed = policyAllows(relation, tlp);
      const { id, ip } = indicators.get(tlp)!;
      const query = `query Matrix($id: ID!, $sighting: ID!, $relationship: ID!, $report: ID!, $ip: String!, $tlp: Tlp!) {
          byId: object(id: $id) { ${OBJECT_FIELDS} }
          feed: objects(first: 500) { totalCount edges { node { id } } }
          typed: objects(first: 500, filter: { types: ["indicator"], labels: ["matrix"] }) { totalCount edges { node { id } } }
          byTlp: objects(filter: { tlp: [$tlp], types: ["indicator"] }) { totalCount }
          byObservable: objects(filter: { observable: { type: "ipv4-addr", value: $ip } }) { totalCount }
          lookup: lookupObservable(type: "ipv4-addr", value: $ip) { indicators { id } sightings { id } sightingCount }
          theSighting: object(id: $sighting) { id }
          theRelationship: object(id: $relationship) { id }
          theReport: object(id: $report) { stix }
          sightingsFeed: objects(first: 500, filter: { types: ["sighting", "relationship"] }) { edges { node { id } } }
        }`;
      const variables = { id, ip, tlp, sighting: sightings.get(tlp), relationship: relationships.get(tlp), report: reportId };
      const built = await hub.graphql<{
        byId: { id: string } | null;
        feed: { totalCount: number; edges: { node: { id: string } }[] };
        typed: { totalCount: number; edges: { node: { id: string } }[] };
        byTlp: { totalCount: number };
        byObservable: { totalCount: number };
        lookup: { indicators: { id: string }[]; sightings: { id: string }[]; sightingCount: number };
        theSighting: { id: string } | null;
        theRelationship: { id: string } | null;
        theReport: { stix: { object_refs: string[] } } | null;
        sightingsFeed: { edges: { node: { id: string } }[] };
      }>(query, variables, token);
      expect(built.errors).toBeUndefined();
      // Nobody signed in is never served from the cache.
      const response = token ? await askUntilCached(hub, query, variables, token, built) : built;
      expect(response.errors).toBeUndefined();
      const data = response.data!;
      const ids = (edges: { node: { id: string } }[]) => edges.map((edge) => edge.node.id);

      expect(data.byId?.id ?? null).toBe(allowed ? id : null);
      expect(ids(data.feed.edges).includes(id)).toBe(allowed);
      expect(ids(data.typed.edges).includes(id)).toBe(allowed);
      const readableLevels = TLPS.filter((level) => policyAllows(relation, level)).length;
      expect(data.typed.totalCount).toBe(readableLevels);
      // The whole feed: the CLEAR malware and report, and per readable indicator itself, its sighting and its relationship.
      expect(data.feed.totalCount).toBe(2 + 3 * readableLevels);
      expect(data.feed.edges).toHaveLength(data.feed.totalCount);
      expect(data.byTlp.totalCount).toBe(allowed ? 1 : 0);
      expect(data.byObservable.totalCount).toBe(allowed ? 1 : 0);
      expect(data.lookup.indicators.map((found) => found.id)).toEqual(allowed ? [id] : []);
      expect(data.lookup.sightings.map((found) => found.id)).toEqual(allowed ? [sightings.get(tlp)] : []);
      expect(data.lookup.sightingCount).toBe(allowed ? 3 : 0);
      // The CLEAR sighting and relationship stand on the indicator: they show only with it.
      expect(data.theSighting?.id ?? null).toBe(allowed ? sightings.get(tlp) : null);
      expect(data.theRelationship?.id ?? null).toBe(allowed ? relationships.get(tlp) : null);
      expect(ids(data.sightingsFeed.edges).includes(sightings.get(tlp)!)).toBe(allowed);
      expect(ids(data.sightingsFeed.edges).includes(relationships.get(tlp)!)).toBe(allowed);
      // The CLEAR report lists only the references the viewer may follow.
      expect(data.theReport!.stix.object_refs.includes(id)).toBe(allowed);
      // Not even the raw answer mentions an object the viewer may not read.
      if (!allowed) expect(response.text).not.toContain(id);
    });
  });
});
