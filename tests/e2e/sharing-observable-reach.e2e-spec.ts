import { scoId } from '@hub/stix';
import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle } from '../support/stix-builders';
import { queryDatabase } from '../support/test-database';
import { API_ROOT, collectionsByTitle, taxii } from '../support/taxii';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * A cyber observable has no versions: an organisation keeps one row of it per reach. A share is a
 * duplicate only of a row that reaches everyone the share would; a colleague's narrower row (RED
 * for one person) neither swallows a wider share nor shows through the answer to it.
 */

interface StatusResource {
  successes: { id: string; version: string; message?: string }[];
  failures: unknown[];
}

const ipv4 = (value: string) => ({ type: 'ipv4-addr', spec_version: '2.1', id: scoId({ type: 'ipv4-addr', value }), value });

describe('cyber observables shared by one organisation at several reaches', () => {
  let hub: TestHub;
  let q: { id: string; token: string };
  let p: { id: string; token: string };
  let colleague: { token: string };
  let outsider: { token: string };
  let orgKey: string;

  const visible = async (token: string, id: string) => {
    const response = await hub.graphql<{ objects: { edges: { node: { id: string; tlp: string } }[] } }>(
      `query ($search: String) { objects(filter: { search: $search }) { edges { node { id tlp } } } }`,
      { search: id },
      token,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.objects.edges.map((edge) => edge.node.tlp).sort();
  };
  const dateAdded = async (id: string, tlp: number) =>
    (
      await queryDatabase<{ date_added: string }>(
        hub.databaseUrl,
        `SELECT to_char(date_added AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS date_added FROM stix_object WHERE id = $1 AND tlp = $2`,
        [id, tlp],
      )
    ).map((row) => row.date_added);

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const org = (name: string) => createOrganization(hub, admin, { name, kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const source = await org('Reach source');
    const other = await org('Reach other');
    q = await createUser(hub, admin, { email: 'q@reach.test', role: 'MEMBER', organizationId: source.id });
    p = await createUser(hub, admin, { email: 'p@reach.test', role: 'MEMBER', organizationId: source.id });
    colleague = await createUser(hub, admin, { email: 'r@reach.test', role: 'MEMBER', organizationId: source.id });
    outsider = await createUser(hub, admin, { email: 'x@other-reach.test', role: 'MEMBER', organizationId: other.id });
    orgKey = (await createApiKey(hub, q.token, { name: 'siem', distribution: 'INTERNAL' })).key;
  });

  afterAll(async () => {
    await hub?.close();
  });

  it("a colleague's GREEN share of a value held RED for one person is stored, and others then read it", async () => {
    const address = ipv4('203.0.113.61');
    expect(await submitBundle(hub, q.token, bundle([address]), 'RED', { userIds: [q.id] })).toMatchObject({ accepted: 1, duplicates: 0 });
    const green = await submitBundle(hub, p.token, bundle([address]), 'GREEN');
    expect(green).toMatchObject({ accepted: 1, duplicates: 0, results: [{ status: 'ACCEPTED' }] });
    expect(await visible(colleague.token, address.id)).toEqual(['GREEN']);
    expect(await visible(outsider.token, address.id)).toEqual(['GREEN']);
    expect(await visible(q.token, address.id)).toEqual(['GREEN', 'RED']);
    // The same value shared GREEN again by the organisation is a duplicate: the stored row reaches everyone.
    expect(await submitBundle(hub, colleague.token, bundle([address]), 'GREEN')).toMatchObject({ accepted: 0, duplicates: 1, results: [{ status: 'DUPLICATE' }] });
    // And so is a narrower share the GREEN row covers.
    expect(await submitBundle(hub, p.token, bundle([address]), 'RED', { userIds: [p.id] })).toMatchObject({ duplicates: 1 });
    expect((await queryDatabase(hub.databaseUrl, 'SELECT 1 FROM stix_object WHERE id = $1', [address.id])).length).toBe(2);
  });

  it("the organisation's key POSTing it over TAXII stores it, and the status dates its own row, never the RED one", async () => {
    const address = ipv4('203.0.113.62');
    expect(await submitBundle(hub, q.token, bundle([address]), 'RED', { userIds: [q.id] })).toMatchObject({ accepted: 1 });
    const [redAdded] = await dateAdded(address.id, 4);
    const submit = (await collectionsByTitle(hub, orgKey)).get('Submit')!;
    const post = () => taxii<StatusResource>(hub, `${API_ROOT}collections/${submit.id}/objects/`, { key: orgKey, body: { objects: [address] } });

    const first = await post();
    expect(first.status).toBe(202);
    const [greenAdded] = await dateAdded(address.id, 1);
    expect(greenAdded).toBeDefined();
    expect(first.body.successes).toEqual([{ id: address.id, version: greenAdded }]);
    expect(first.body.successes[0].version).not.toBe(redAdded);
    expect(await visible(outsider.token, address.id)).toEqual(['GREEN']);

    const again = await post();
    expect(again.body.successes).toEqual([{ id: address.id, version: greenAdded, message: 'this version was already stored' }]);
  });
});
