import fc from 'fast-check';
import { adminToken, createApiKey, createOrganization, createSharingGroup, createUser } from '../support/members';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, ipIndicator } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * Random organisations, groups, people, keys and submissions; for every viewer the feed must
 * return exactly the set the policy allows. The policy is written here once more, as plain code
 * over the scenario, independent of the hub's SQL.
 */

interface Scenario {
  organizations: { kind: 'PUBLIC' | 'PRIVATE'; users: number }[];
  groups: number[][];
  submissions: {
    submitter: number;
    tlp: TlpName;
    organizations: number[];
    groups: number[];
    audiences: ('PUBLIC_SECTOR' | 'PRIVATE_SECTOR')[];
    users: number[];
  }[];
}

interface Person {
  id: string;
  token: string;
  organization: number;
}

interface Viewer {
  kind: 'user' | 'key' | 'anonymous';
  token?: string;
  organization?: number;
  person?: number;
  distribution?: 'INTERNAL' | 'CLIENTS';
}

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc
  .record({
    organizations: fc.array(fc.record({ kind: fc.constantFrom('PUBLIC' as const, 'PRIVATE' as const), users: fc.integer({ min: 1, max: 2 }) }), { minLength: 2, maxLength: 4 }),
  })
  .chain(({ organizations }) => {
    const people = organizations.reduce((sum, organization) => sum + organization.users, 0);
    const organizationIndex = fc.integer({ min: 0, max: organizations.length - 1 });
    const personIndex = fc.integer({ min: 0, max: people - 1 });
    return fc.record({
      organizations: fc.constant(organizations),
      groups: fc.array(fc.uniqueArray(organizationIndex, { minLength: 1, maxLength: organizations.length }), { maxLength: 2 }),
      submissions: fc.array(
        fc.record({
          submitter: personIndex,
          tlp: fc.constantFrom<TlpName>('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'),
          organizations: fc.uniqueArray(organizationIndex, { maxLength: 2 }),
          groups: fc.uniqueArray(fc.integer({ min: 0, max: 1 }), { maxLength: 2 }),
          audiences: fc.uniqueArray(fc.constantFrom('PUBLIC_SECTOR' as const, 'PRIVATE_SECTOR' as const), { maxLength: 1 }),
          users: fc.uniqueArray(personIndex, { maxLength: 2 }),
        }),
        { minLength: 3, maxLength: 10 },
      ),
    });
  });

interface FittedAudience {
  organizations: number[];
  groups: number[];
  audiences: ('PUBLIC_SECTOR' | 'PRIVATE_SECTOR')[];
  users: number[];
}

/** Shapes a random draw into a submission the policy accepts: the right kind of audience for the TLP. */
function fittingAudience(submission: Scenario['submissions'][number], groupCount: number): FittedAudience {
  if (submission.tlp === 'CLEAR' || submission.tlp === 'GREEN') return { organizations: [], groups: [], audiences: [], users: [] };
  if (submission.tlp === 'RED') return { organizations: [], groups: [], audiences: [], users: submission.users.length ? submission.users : [submission.submitter] };
  const audience: FittedAudience = { ...submission, groups: submission.groups.filter((group) => group < groupCount) };
  const empty = !audience.organizations.length && !audience.groups.length && !audience.audiences.length && !audience.users.length;
  return empty ? { ...audience, audiences: ['PRIVATE_SECTOR'] } : audience;
}

function policyAllows(scenario: Scenario, people: Person[], viewer: Viewer, submission: Scenario['submissions'][number] & { audience: FittedAudience }): boolean {
  if (submission.tlp === 'CLEAR') return true;
  if (viewer.kind === 'anonymous') return false;
  if (submission.tlp === 'GREEN') return true;
  const submitter = people[submission.submitter];
  if (submission.tlp === 'RED') return viewer.kind === 'user' && (viewer.person === submission.submitter || submission.audience.users.includes(viewer.person!));
  if (submission.tlp === 'AMBER_STRICT' && viewer.distribution === 'CLIENTS') return false;
  const organization = viewer.organization!;
  const kind = scenario.organizations[organization].kind;
  return (
    organization === submitter.organization ||
    submission.audience.organizations.includes(organization) ||
    submission.audience.groups.some((group) => scenario.groups[group].includes(organization)) ||
    submission.audience.audiences.includes(kind === 'PUBLIC' ? 'PUBLIC_SECTOR' : 'PRIVATE_SECTOR') ||
    (viewer.kind === 'user' && (viewer.person === submission.submitter || submission.audience.users.includes(viewer.person!)))
  );
}

describe('sharing: property — for every viewer, objects returns exactly what the policy allows', () => {
  let hub: TestHub;
  let admin: string;
  let run = 0;

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await adminToken(hub);
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('holds for random organisations, groups, people, keys and submissions', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        run += 1;
        const label = `property-run-${run}`;
        const organizations: { id: string }[] = [];
        for (const [index, spec] of scenario.organizations.entries()) {
          organizations.push(await createOrganization(hub, admin, { name: `Run ${run} org ${index}`, kind: spec.kind, sector: 'HEALTHCARE_PROVIDER', country: 'NL' }));
        }
        const groups: { id: string }[] = [];
        for (const [index, members] of scenario.groups.entries()) {
          groups.push(await createSharingGroup(hub, admin, { name: `Run ${run} group ${index}`, organizationIds: members.map((member) => organizations[member].id) }));
        }
        const people: Person[] = [];
        for (const [organization, spec] of scenario.organizations.entries()) {
          for (let user = 0; user < spec.users; user += 1) {
            const created = await createUser(hub, admin, { email: `run${run}.org${organization}.user${user}@property.test`, role: 'MEMBER', organizationId: organizations[organization].id });
            people.push({ id: created.id, token: created.token, organization });
          }
        }
        const viewers: Viewer[] = [{ kind: 'anonymous' }, ...people.map((person, index) => ({ kind: 'user' as const, token: person.token, organization: person.organization, person: index }))];
        for (const [organization] of scenario.organizations.entries()) {
          const maker = people.find((person) => person.organization === organization)!;
          for (const distribution of ['INTERNAL', 'CLIENTS'] as const) {
            const key = await createApiKey(hub, maker.token, { name: `${distribution} key`, distribution });
            viewers.push({ kind: 'key', token: key.key, organization, distribution });
          }
        }

        const submitted: { id: string; submission: Scenario['submissions'][number] & { audience: FittedAudience } }[] = [];
        for (const [index, draw] of scenario.submissions.entries()) {
          const audience = fittingAudience(draw, groups.length);
          const object = ipIndicator(`10.${run % 250}.${index}.1`, { labels: [label] });
          const result = await submitBundle(hub, people[draw.submitter].token, bundle([object]), draw.tlp, {
            organizationIds: audience.organizations.map((organization) => organizations[organization].id),
            sharingGroupIds: audience.groups.map((group) => groups[group].id),
            audiences: audience.audiences,
            userIds: audience.users.map((person) => people[person].id),
          });
          expect(result.results[0]).toMatchObject({ status: 'ACCEPTED' });
          submitted.push({ id: object.id as string, submission: { ...draw, audience } });
        }

        for (const viewer of viewers) {
          const response = await hub.graphql<{ objects: { totalCount: number; edges: { node: { id: string } }[] } }>(
            `query ($label: String!) { objects(first: 500, filter: { labels: [$label] }) { totalCount edges { node { id } } } }`,
            { label },
            viewer.token,
          );
          const returned = response.data!.objects.edges.map((edge) => edge.node.id).sort();
          const allowed = submitted.filter((entry) => policyAllows(scenario, people, viewer, entry.submission)).map((entry) => entry.id).sort();
          expect({ viewer: { ...viewer, token: undefined }, returned }).toEqual({ viewer: { ...viewer, token: undefined }, returned: allowed });
          expect(response.data!.objects.totalCount).toBe(allowed.length);
        }
      }),
      { numRuns: 6, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 100000), verbose: true },
    );
  });
});
