import { adminToken, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * The feed's sector filter (ObjectFilterInput.sectors): a named object goes by its source
 * organisation's sector; an anonymous one only by the sector its pseudonym named when it was shared,
 * for everyone, its source too. Otherwise the filter would tell who is behind a pseudonym: the only
 * medical-device maker of the hub shares as "Anonymous member", and a filter on MEDICAL_DEVICES
 * must not find it; a source that changes sector keeps the pseudonym's.
 */
describe('feed: the sector filter never goes by the real source of an anonymous object', () => {
  let hub: TestHub;
  let outsider: string;
  let loneMaker: string;
  const named = ipIndicator('198.51.100.1', { labels: ['sector-test'] });
  const lone = ipIndicator('198.51.100.2', { labels: ['sector-test'] });
  const moved = ipIndicator('198.51.100.3', { labels: ['sector-test'] });

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const organization = (name: string, sector: string, country: string) => createOrganization(hub, admin, { name, kind: 'PRIVATE', sector, country });
    const [namedPharma, quietPharma, , maker, hospital] = await Promise.all([
      organization('Named Pharma', 'PHARMA', 'DE'),
      organization('Quiet Pharma', 'PHARMA', 'FR'),
      organization('Third Pharma', 'PHARMA', 'IT'),
      organization('Lone Device Maker', 'MEDICAL_DEVICES', 'AT'),
      organization('Reading Hospital', 'HEALTHCARE_PROVIDER', 'AT'),
    ]);
    const member = (email: string, organizationId: string) => createUser(hub, admin, { email, role: 'MEMBER', organizationId });
    const [namedMember, quietMember, makerMember, reader] = await Promise.all([
      member('p@named.test', namedPharma.id),
      member('q@quiet.test', quietPharma.id),
      member('m@maker.test', maker.id),
      member('r@hospital.test', hospital.id),
    ]);
    outsider = reader.token;
    loneMaker = makerMember.token;
    expect(await submitBundle(hub, namedMember.token, bundle([named]), 'CLEAR')).toMatchObject({ accepted: 1 });
    expect(await submitBundle(hub, makerMember.token, bundle([lone]), 'CLEAR', undefined, true)).toMatchObject({ accepted: 1 });
    expect(await submitBundle(hub, quietMember.token, bundle([moved]), 'CLEAR', undefined, true)).toMatchObject({ accepted: 1 });
    const update = await hub.graphql('mutation ($id: ID!) { updateOrganization(id: $id, input: { sector: GOVERNMENT }) { id } }', { id: quietPharma.id }, admin);
    expect(update.errors).toBeUndefined();
  }, 60_000);

  afterAll(async () => {
    await hub?.close();
  });

  const bySector = async (token: string, sectors: string[]) => {
    const response = await hub.graphql<{ objects: { totalCount: number; edges: { node: { id: string; source: { name: string } } }[] } }>(
      'query ($sectors: [Sector!]) { objects(filter: { labels: ["sector-test"], sectors: $sectors }) { totalCount edges { node { id source { name } } } } }',
      { sectors },
      token,
    );
    expect(response.errors).toBeUndefined();
    return { ids: response.data!.objects.edges.map((edge) => edge.node.id).sort(), totalCount: response.data!.objects.totalCount };
  };

  it.each([
    ['PHARMA', [named, moved]],
    ['MEDICAL_DEVICES', []],
    ['GOVERNMENT', []],
    ['HEALTHCARE_PROVIDER', []],
  ])('%s finds exactly the named objects of the sector and the anonymous ones whose pseudonym names it', async (sector, expected) => {
    const ids = expected.map((object) => object.id as string).sort();
    expect(await bySector(outsider, [sector])).toEqual({ ids, totalCount: ids.length });
    // The source of an anonymous object gets the same answer: the rule does not depend on who asks.
    expect(await bySector(loneMaker, [sector])).toEqual({ ids, totalCount: ids.length });
  });

  it('takes several sectors as any of them', async () => {
    const ids = [named, moved].map((object) => object.id as string).sort();
    expect(await bySector(outsider, ['MEDICAL_DEVICES', 'PHARMA'])).toEqual({ ids, totalCount: 2 });
  });

  it('refuses a sector that does not exist', async () => {
    const response = await hub.graphql('{ objects(filter: { sectors: [NOPE] }) { totalCount } }', {}, outsider);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
