import { adminToken, createOrganization, createUser } from '../support/members';
import { bundle, indicator } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * Text PostgreSQL cannot store (a NUL character, a lone UTF-16 surrogate) and values a scalar lets
 * through but that mean nothing (an invalid date) must be refused as bad input on every operation
 * that takes text from outside: never an INTERNAL_SERVER_ERROR, never a half-written row.
 */

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\ud800b';

describe('Bad text and values from outside are refused as bad input, never a server error', () => {
  let hub: TestHub;
  let admin: string;
  let member: string;

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await adminToken(hub);
    const org = await createOrganization(hub, admin, { name: 'Input Hospital', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    member = (await createUser(hub, admin, { email: 'member@input.test', role: 'MEMBER', organizationId: org.id })).token;
  });

  afterAll(async () => {
    await hub?.close();
  });

  const OBJECTS = 'query ($filter: ObjectFilterInput) { objects(filter: $filter, first: 5) { totalCount } }';

  it.each([
    ['a NUL in a label', { labels: [NUL] }, 'variables.filter.labels[0]'],
    ['a lone surrogate in a label', { labels: [LONE_SURROGATE] }, 'variables.filter.labels[0]'],
    ['a NUL in the search text', { search: NUL }, 'variables.filter.search'],
    ['a NUL in a type', { types: [NUL] }, 'variables.filter.types[0]'],
    ['a date that is no date', { since: 'garbage' }, undefined],
    ['a date that is no date (until)', { until: '2026-13-45T99:00:00Z' }, undefined],
  ])('objects: %s', async (_what, filter, path) => {
    for (const token of [member, undefined]) {
      const response = await hub.graphql(OBJECTS, { filter }, token);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      if (path) expect(response.errors?.[0]?.extensions?.errors?.map((issue) => issue.path)).toContain(path);
      else expect(response.errors?.[0]?.message).toMatch(/\$filter.*(since|until).*must be a date-time/);
    }
  });

  it('lookupObservable and object refuse text PostgreSQL cannot store', async () => {
    const lookup = await hub.graphql('query ($v: String!) { lookupObservable(type: "domain-name", value: $v) { indicators { id } } }', { v: NUL }, member);
    expect(lookup.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const object = await hub.graphql('query ($id: ID!) { object(id: $id) { id } }', { id: `indicator--${NUL}` }, member);
    expect(object.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('submitBundle: a bundle with such text is refused whole, naming the place, and nothing of it is stored', async () => {
    const good = indicator("[domain-name:value = 'good.example']");
    const bad = indicator("[domain-name:value = 'bad.example']", { name: NUL, description: LONE_SURROGATE });
    const response = await hub.graphql(
      'mutation ($input: SubmitBundleInput!) { submitBundle(input: $input) { accepted } }',
      { input: { bundle: bundle([good, bad]), tlp: 'GREEN' } },
      member,
    );
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.errors).toEqual([
      { path: 'variables.input.bundle.objects[1].name', message: 'must not contain NUL characters or unpaired surrogates' },
      { path: 'variables.input.bundle.objects[1].description', message: 'must not contain NUL characters or unpaired surrogates' },
    ]);
    for (const id of [good.id, bad.id]) {
      const stored = await hub.graphql<{ object: { id: string } | null }>('query ($id: ID!) { object(id: $id) { id } }', { id }, member);
      expect(stored.data?.object).toBeNull();
    }
  });

  it('the same text written as an escape inside the GraphQL document is refused too', async () => {
    const response = await hub.graphql('{ objects(filter: { search: "a\\u0000b" }) { totalCount } }', {}, member);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('submitIndicator, organisations, users and login refuse a NUL with BAD_USER_INPUT', async () => {
    const calls: [string, Record<string, unknown>, string | undefined][] = [
      [
        'mutation ($input: SubmitIndicatorInput!) { submitIndicator(input: $input) { id } }',
        { input: { name: NUL, pattern: "[domain-name:value = 'x.example']", validFrom: '2026-01-01T00:00:00Z', tlp: 'GREEN' } },
        member,
      ],
      ['mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', { input: { name: NUL, kind: 'PRIVATE', sector: 'PHARMA', country: 'DE' } }, admin],
      ['mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: `x${NUL}@input.test`, p: NUL }, undefined],
    ];
    for (const [query, variables, token] of calls) {
      const response = await hub.graphql(query, variables, token);
      expect(response.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
      expect(response.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|UNAUTHENTICATED/);
    }
  });
});
