import fc from 'fast-check';
import { AccessMatrix, buildAccessMatrix, policyAllows, RELATIONS, TLPS } from '../support/access-matrix';
import { adminToken, createOrganization, createUser } from '../support/members';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, indicator, ipIndicator } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

const LIMIT = 8;
const CORRELATED = `query ($id: ID!) { object(id: $id) { correlated(first: 100) { totalCount edges { node { id } } } overCorrelating { type value } } }`;

interface Answer {
  object: { correlated: { totalCount: number; edges: { node: { id: string } }[] }; overCorrelating: { type: string; value: string }[] } | null;
}

describe('intel: correlation under the access rules', () => {
  let hub: TestHub;
  let matrix: AccessMatrix;
  let admin: string;
  let stranger: { id: string; token: string };
  let strangerColleague: { id: string; token: string };
  let strangerOrganizationId: string;

  const correlated = async (token: string | undefined, id: string) => {
    const response = await hub.graphql<Answer>(CORRELATED, { id }, token);
    if (response.errors) throw new Error(response.text);
    return response.data!.object;
  };
  const share = async (token: string, objects: Record<string, unknown>[], tlp: TlpName, audience?: Parameters<typeof submitBundle>[4]) => {
    const result = await submitBundle(hub, token, bundle(objects), tlp, audience);
    expect(result.accepted).toBe(objects.length);
  };
  const ids = (answer: Answer['object']) => answer!.correlated.edges.map((edge) => edge.node.id).sort();

  beforeAll(async () => {
    hub = await startTestHub({ HUB_CORRELATION_LIMIT: String(LIMIT) });
    matrix = await buildAccessMatrix(hub);
    admin = await adminToken(hub);
    strangerOrganizationId = (await createOrganization(hub, admin, { name: 'Stranger clinic', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'PL' })).id;
    stranger = await createUser(hub, admin, { email: 'one@stranger.test', role: 'MEMBER', organizationId: strangerOrganizationId });
    strangerColleague = await createUser(hub, admin, { email: 'two@stranger.test', role: 'MEMBER', organizationId: strangerOrganizationId });
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
  });

  it('shows every viewer exactly the correlated objects the policy lets it read, and counts only those', async () => {
    const anchor = ipIndicator('10.20.30.40');
    await share(matrix.submitter.token, [anchor], 'CLEAR');
    const byTlp = new Map<TlpName, string>();
    for (const tlp of TLPS) {
      const object = indicator(`[ipv4-addr:value = '10.20.30.40'] OR [domain-name:value = '${tlp.toLowerCase()}.correlation.test']`);
      await share(matrix.submitter.token, [object], tlp, matrix.audienceFor(tlp));
      byTlp.set(tlp, object.id as string);
    }
    // An address inside a shared block correlates by inet containment.
    const block = ipIndicator('10.20.0.0/16');
    await share(matrix.submitter.token, [block], 'CLEAR');
    const unrelatedValue = ipIndicator('10.21.0.1');
    await share(matrix.submitter.token, [unrelatedValue], 'CLEAR');

    for (const relation of RELATIONS) {
      const expected = [block.id as string, ...TLPS.filter((tlp) => policyAllows(relation, tlp)).map((tlp) => byTlp.get(tlp)!)].sort();
      const answer = await correlated(matrix.viewers.get(relation), anchor.id as string);
      expect({ relation, ids: ids(answer), totalCount: answer!.correlated.totalCount }).toEqual({ relation, ids: expected, totalCount: expected.length });
    }
  });

  it("answers the 'also in' of every indicator of one look-up (one statement for all) exactly as it answers each alone, for every relation", async () => {
    // Indicators of one address at every TLP, one with a second value shared with a RED object, and a
    // block around it; with four CLEAR twins, the address is held by more readable objects than the
    // limit (8) for those who read every TLP, and by fewer for the others: it links for some only.
    const objects = TLPS.map((tlp) => ({ tlp, object: indicator(`[ipv4-addr:value = '10.80.0.1'] OR [domain-name:value = '${tlp.toLowerCase()}.batch.test']`) }));
    for (const { tlp, object } of objects) await share(matrix.submitter.token, [object], tlp, matrix.audienceFor(tlp));
    await share(matrix.submitter.token, [ipIndicator('10.80.0.0/16'), ...Array.from({ length: 4 }, () => ipIndicator('10.80.0.1'))], 'CLEAR');
    await share(matrix.submitter.token, [indicator(`[domain-name:value = 'green.batch.test']`)], 'RED', matrix.audienceFor('RED'));
    const pageFields = 'totalCount edges { node { id } } pageInfo { hasNextPage }';
    const fields = `all: correlated(first: 100) { ${pageFields} } two: correlated(first: 2) { ${pageFields} } overCorrelating { value }`;
    const LOOK_UP = `query { lookupObservable(type: "ipv4-addr", value: "10.80.0.1") { indicators { id ${fields} } } }`;
    const ALONE = `query ($id: ID!) { object(id: $id) { ${fields} } }`;
    type Page = { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } };
    type Found = { id: string; all: Page; two: Page; overCorrelating: { value: string }[] };
    const linksFor = new Set<boolean>();
    let moreBehind = false;
    for (const relation of RELATIONS) {
      const token = matrix.viewers.get(relation);
      const lookUp = await hub.graphql<{ lookupObservable: { indicators: Found[] } }>(LOOK_UP, {}, token);
      expect(lookUp.errors).toBeUndefined();
      const indicators = lookUp.data!.lookupObservable.indicators;
      // The CLEAR one, the block and the four CLEAR twins at least; more for those who read more.
      expect(indicators.length).toBeGreaterThanOrEqual(6);
      for (const { id, ...batched } of indicators) {
        const alone = await hub.graphql<{ object: Omit<Found, 'id'> }>(ALONE, { id }, token);
        expect({ relation, id, ...batched }).toEqual({ relation, id, ...alone.data!.object });
      }
      linksFor.add(!indicators.some((found) => found.overCorrelating.some((over) => over.value === '10.80.0.1')));
      // Pages of two with more behind them are counted in SQL (one statement for all of them too).
      moreBehind ||= indicators.some((found) => found.two.pageInfo.hasNextPage && found.two.totalCount === found.all.totalCount && found.all.totalCount > 2);
    }
    // The address linked for some relations and over-correlated for others; some pages had more behind them.
    expect([...linksFor].sort()).toEqual([false, true]);
    expect(moreBehind).toBe(true);
  });

  it('links every shape of shared observable: blocks and the hosts and blocks inside or around them (IPv4 and IPv6), file and artifact hashes', async () => {
    const hash = 'a'.repeat(64);
    const shapes = {
      block: ipIndicator('45.67.0.0/16'),
      hostIn: ipIndicator('45.67.1.1'),
      otherHostIn: ipIndicator('45.67.1.2'),
      nestedBlock: ipIndicator('45.67.5.0/24'),
      widerBlock: ipIndicator('45.0.0.0/8'),
      hostOutside: ipIndicator('45.68.0.1'),
      // Two of its observables are inside the block: it is still one object, counted once.
      twoHostsIn: indicator(`[ipv4-addr:value = '45.67.9.9'] OR [ipv4-addr:value = '45.67.9.10']`),
      v6Block: indicator(`[ipv6-addr:value = '2a01:4f8::/32']`),
      v6HostIn: indicator(`[ipv6-addr:value = '2a01:4f8::1']`),
      v6HostOutside: indicator(`[ipv6-addr:value = '2a01:4f9::1']`),
      file: indicator(`[file:hashes.'SHA-256' = '${hash}']`),
      artifact: indicator(`[artifact:hashes.'SHA-256' = '${hash.toUpperCase()}']`),
      certificate: indicator(`[x509-certificate:hashes.'SHA-256' = '${hash}']`),
    };
    await share(matrix.submitter.token, Object.values(shapes), 'GREEN');
    const idOf = (name: keyof typeof shapes) => shapes[name].id as string;
    const expected: Partial<Record<keyof typeof shapes, (keyof typeof shapes)[]>> = {
      block: ['hostIn', 'otherHostIn', 'nestedBlock', 'widerBlock', 'twoHostsIn'],
      widerBlock: ['block', 'hostIn', 'otherHostIn', 'nestedBlock', 'hostOutside', 'twoHostsIn'],
      hostIn: ['block', 'widerBlock'],
      nestedBlock: ['block', 'widerBlock'],
      hostOutside: ['widerBlock'],
      twoHostsIn: ['block', 'widerBlock'],
      v6Block: ['v6HostIn'],
      v6HostIn: ['v6Block'],
      v6HostOutside: [],
      file: ['artifact'],
      artifact: ['file'],
      certificate: [],
    };
    for (const [name, others] of Object.entries(expected) as [keyof typeof shapes, (keyof typeof shapes)[]][]) {
      const answer = await correlated(stranger.token, idOf(name));
      const ids_ = others.map(idOf).sort();
      expect({ name, ids: ids(answer), totalCount: answer!.correlated.totalCount, overCorrelating: answer!.overCorrelating }).toEqual({ name, ids: ids_, totalCount: ids_.length, overCorrelating: [] });
    }
    // Pages of two walk the same set, without repeating an object, each with the count of all.
    interface Paged {
      object: { correlated: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    }
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const response: { data?: Paged | null } = await hub.graphql<Paged>(
        `query ($id: ID!, $after: String) { object(id: $id) { correlated(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`,
        { id: idOf('widerBlock'), after },
        stranger.token,
      );
      const connection: Paged['object']['correlated'] = response.data!.object.correlated;
      paged.push(...connection.edges.map((edge) => edge.node.id));
      // Counted in SQL: no page of two holds them all.
      expect(connection.totalCount).toBe(expected.widerBlock!.length);
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    expect(paged.length).toBe(new Set(paged).size);
    expect([...paged].sort()).toEqual(expected.widerBlock!.map(idOf).sort());
  });

  it('decides over-correlation on the objects the viewer may read, so hidden objects change nothing', async () => {
    const anchor = ipIndicator('10.40.0.1');
    const other = ipIndicator('10.40.0.1');
    await share(matrix.submitter.token, [anchor, other], 'GREEN');
    const strangersAnswer = async () => correlated(stranger.token, anchor.id as string);
    const before = await strangersAnswer();
    expect(ids(before)).toEqual([other.id]);
    // More RED objects than the limit, for the stranger's colleague only.
    await share(strangerColleague.token, Array.from({ length: LIMIT + 2 }, () => ipIndicator('10.40.0.1')), 'RED', { userIds: [strangerColleague.id] });
    expect(await strangersAnswer()).toEqual(before);
    // For the colleague, who reads them, the value over-correlates: it links nothing and is listed.
    const colleagues = await correlated(strangerColleague.token, anchor.id as string);
    expect(colleagues).toEqual({ correlated: { totalCount: 0, edges: [] }, overCorrelating: [{ type: 'ipv4-addr', value: '10.40.0.1' }] });
  });

  it("applies the operator's exclusions, exact or wildcard, managed by admins only", async () => {
    const anchor = ipIndicator('10.99.1.1');
    const other = ipIndicator('10.99.1.1');
    await share(matrix.submitter.token, [anchor, other], 'GREEN');
    expect(ids(await correlated(stranger.token, anchor.id as string))).toEqual([other.id]);

    const add = 'mutation ($input: CorrelationExclusionInput!) { addCorrelationExclusion(input: $input) { id value type comment } }';
    const refused = await hub.graphql(add, { input: { value: '10.99.*' } }, stranger.token);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await hub.graphql(add, { input: { value: '**' } }, admin);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'input.value' }] });
    const added = await hub.graphql<{ addCorrelationExclusion: { id: string } }>(add, { input: { value: '10.99.*', type: 'ipv4-addr', comment: 'lab range' } }, admin);
    expect(added.data?.addCorrelationExclusion).toMatchObject({ value: '10.99.*', type: 'ipv4-addr', comment: 'lab range' });
    expect(await correlated(stranger.token, anchor.id as string)).toEqual({ correlated: { totalCount: 0, edges: [] }, overCorrelating: [] });

    const listed = await hub.graphql<{ correlationExclusions: { value: string }[] }>('{ correlationExclusions { value } }', {}, admin);
    expect(listed.data?.correlationExclusions).toEqual([{ value: '10.99.*' }]);
    const removed = await hub.graphql('mutation ($id: ID!) { removeCorrelationExclusion(id: $id) }', { id: added.data!.addCorrelationExclusion.id }, admin);
    expect(removed.data).toEqual({ removeCorrelationExclusion: true });
    expect(ids(await correlated(stranger.token, anchor.id as string))).toEqual([other.id]);
  });

  it('pages after the first leave out what the first page does: excluded and over-correlating values, hidden holders', async () => {
    // The anchor holds three addresses: one links normally, one is excluded by the operator, one is
    // held by more readable objects than the limit.
    const anchor = indicator("[ipv4-addr:value = '10.77.0.1'] OR [ipv4-addr:value = '10.78.0.1'] OR [ipv4-addr:value = '10.79.0.1']");
    // Pages run newest first: what must not link is older than what links, so later pages reach it.
    await share(strangerColleague.token, [ipIndicator('10.77.0.1'), ipIndicator('10.77.0.1')], 'RED', { userIds: [strangerColleague.id] });
    await share(matrix.submitter.token, [ipIndicator('10.78.0.1'), ipIndicator('10.78.0.1'), ...Array.from({ length: LIMIT + 1 }, () => ipIndicator('10.79.0.1'))], 'GREEN');
    const linked = Array.from({ length: 3 }, () => ipIndicator('10.77.0.1'));
    await share(matrix.submitter.token, [anchor, ...linked], 'GREEN');
    const excluded = await hub.graphql<{ addCorrelationExclusion: { id: string } }>(
      'mutation ($input: CorrelationExclusionInput!) { addCorrelationExclusion(input: $input) { id } }',
      { input: { value: '10.78.*', type: 'ipv4-addr' } },
      admin,
    );
    try {
      interface Paged {
        object: { correlated: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      }
      const paged: string[] = [];
      let after: string | null = null;
      do {
        const response: { data?: Paged | null; text: string } = await hub.graphql<Paged>(
          `query ($id: ID!, $after: String) { object(id: $id) { correlated(first: 1, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`,
          { id: anchor.id, after },
          stranger.token,
        );
        const connection: Paged['object']['correlated'] = response.data!.object.correlated;
        expect({ totalCount: connection.totalCount, page: paged.length }).toEqual({ totalCount: linked.length, page: paged.length });
        paged.push(...connection.edges.map((edge) => edge.node.id));
        after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
        if (paged.length > LIMIT * 3) throw new Error(`paging did not end: ${response.text}`);
      } while (after);
      expect([...paged].sort()).toEqual(linked.map((object) => object.id as string).sort());
    } finally {
      await hub.graphql('mutation ($id: ID!) { removeCorrelationExclusion(id: $id) }', { id: excluded.data!.addCorrelationExclusion.id }, admin);
    }
  });

  it("a viewer's answer is the same whether or not objects it cannot read share its observables (property, bounded)", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          readable: fc.array(fc.constantFrom<TlpName>('CLEAR', 'GREEN'), { maxLength: LIMIT + 1 }),
          hidden: fc.array(fc.constantFrom<TlpName>('AMBER', 'RED'), { minLength: 1, maxLength: LIMIT + 3 }),
          inBlock: fc.boolean(),
        }),
        async ({ readable, hidden, inBlock }) => {
          run += 1;
          const value = `10.60.${run}.1`;
          const anchor = ipIndicator(value);
          await share(matrix.submitter.token, [anchor], 'GREEN');
          const visible = readable.map(() => ipIndicator(value));
          for (const [index, tlp] of readable.entries()) await share(matrix.submitter.token, [visible[index]], tlp);
          const answer = async () => correlated(stranger.token, anchor.id as string);
          const before = await answer();
          // The model: everything readable links, unless more readable objects than the limit hold the value.
          const over = readable.length + 1 > LIMIT;
          expect(ids(before)).toEqual(over ? [] : visible.map((object) => object.id as string).sort());
          expect(before!.correlated.totalCount).toBe(over ? 0 : readable.length);

          for (const tlp of hidden) {
            const object = ipIndicator(inBlock ? `10.60.${run}.0/24` : value);
            await share(matrix.submitter.token, [object], tlp, tlp === 'RED' ? { userIds: [matrix.namedUser.id] } : { organizationIds: [matrix.recipient.id] });
          }
          expect(await answer()).toEqual(before);
        },
      ),
      { numRuns: 6, seed: 20261206 },
    );
  }, 180_000);
});
