import { randomUUID } from 'node:crypto';
import { AccessMatrix, buildAccessMatrix, policyAllows, RELATIONS, TLPS } from '../support/access-matrix';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, indicator, malware, nextVersion, relationship, sighting } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

type Stix = Record<string, unknown>;

interface Answer {
  x: {
    relationships: { totalCount: number; edges: { node: { id: string } }[] };
    sightings: { totalCount: number; edges: { node: { id: string } }[] };
  };
  [version: `v${number}`]: { versionCount: number; versions: { tlp: string; modified: string }[] };
}

/*
 * The object page's surroundings of an object (StixObject.versions, relationships, sightings)
 * against the access matrix: one CLEAR indicator X everyone reads, and around it, for every TLP
 * level, a relationship marked with it, a CLEAR relationship whose other end is marked with it, a
 * sighting marked with it, and an object whose first version is marked with it (its second is
 * CLEAR). Whoever may not read an object of that level sees nothing of it: not the row, not the
 * relationship that leads to it, not a count. A relationship to an id the hub does not hold looks
 * exactly like one to a hidden object: absent (only its submitter, who wrote it, sees it).
 */
describe('object page reads: versions, relationships and sightings by the access matrix', () => {
  let hub: TestHub;
  let matrix: AccessMatrix;
  const x = indicator("[domain-name:value = 'centre.example']", { name: 'X' });
  const target = malware('Shared target');
  const marked = new Map<TlpName, { relationship: string; endRelationship: string; sighting: string; first: Stix; second: Stix }>();
  const absentEnd = `malware--${randomUUID()}`;
  let toAbsent: string;

  beforeAll(async () => {
    hub = await startTestHub();
    matrix = await buildAccessMatrix(hub);
    const token = matrix.submitter.token;
    const toAbsentObject = relationship(x.id as string, 'indicates', absentEnd);
    toAbsent = toAbsentObject.id as string;
    expect(await submitBundle(hub, token, bundle([x, target, toAbsentObject]), 'CLEAR')).toMatchObject({ accepted: 3 });
    for (const tlp of TLPS) {
      const audience = matrix.audienceFor(tlp);
      const end = malware(`End ${tlp}`);
      const first = malware(`Versioned ${tlp}`);
      const second = nextVersion(first, { description: 'now CLEAR' });
      const objects = {
        relationship: relationship(x.id as string, 'indicates', target.id as string),
        sighting: sighting(x.id as string),
        endRelationship: relationship(x.id as string, 'indicates', end.id as string),
      };
      expect(await submitBundle(hub, token, bundle([objects.relationship, objects.sighting, end, first]), tlp, audience)).toMatchObject({ accepted: 4 });
      expect(await submitBundle(hub, token, bundle([objects.endRelationship, second]), 'CLEAR')).toMatchObject({ accepted: 2 });
      marked.set(tlp, { relationship: objects.relationship.id as string, endRelationship: objects.endRelationship.id as string, sighting: objects.sighting.id as string, first, second });
    }
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
  });

  const query = `query Around($x: ID!, ${TLPS.map((_, index) => `$v${index}: ID!`).join(', ')}) {
    x: object(id: $x) {
      relationships(first: 50) { totalCount edges { node { id } } }
      sightings(first: 50) { totalCount edges { node { id } } }
    }
    ${TLPS.map((_, index) => `v${index}: object(id: $v${index}) { versionCount versions { tlp modified } }`).join('\n')}
  }`;

  it.each(RELATIONS)('%s sees exactly what the policy lets them read', async (relation) => {
    const variables = Object.fromEntries([['x', x.id], ...TLPS.map((tlp, index) => [`v${index}`, marked.get(tlp)!.first.id])]);
    const answer = await hub.graphql<Answer>(query, variables, matrix.viewers.get(relation));
    expect(answer.errors).toBeUndefined();
    const allowed = TLPS.filter((tlp) => policyAllows(relation, tlp));

    const relationships = [...allowed.flatMap((tlp) => [marked.get(tlp)!.relationship, marked.get(tlp)!.endRelationship]), ...(relation === 'submitter' ? [toAbsent] : [])];
    expect(answer.data!.x.relationships.edges.map((edge) => edge.node.id).sort()).toEqual(relationships.sort());
    expect(answer.data!.x.relationships.totalCount).toBe(relationships.length);

    const sightings = allowed.map((tlp) => marked.get(tlp)!.sighting);
    expect(answer.data!.x.sightings.edges.map((edge) => edge.node.id).sort()).toEqual(sightings.sort());
    expect(answer.data!.x.sightings.totalCount).toBe(sightings.length);

    TLPS.forEach((tlp, index) => {
      const { first, second } = marked.get(tlp)!;
      const expected = [{ tlp: 'CLEAR', modified: second.modified }, ...(policyAllows(relation, tlp) ? [{ tlp, modified: first.modified }] : [])];
      expect(answer.data![`v${index}`]).toEqual({ versionCount: expected.length, versions: expected });
    });
  });

  it('answers a page size out of range with BAD_USER_INPUT', async () => {
    const answer = await hub.graphql('query ($x: ID!) { object(id: $x) { versions(first: 0) { id } } }', { x: x.id }, matrix.submitter.token);
    expect(answer.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', errors: [{ path: 'first', message: 'must be between 1 and 500 (got 0)' }] });
  });
});
