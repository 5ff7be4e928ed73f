import { buildAccessMatrix, policyAllows, TLPS, type AccessMatrix } from '../support/access-matrix';
import { adminToken, createUser } from '../support/members';
import { submitBundle, type TlpName } from '../support/sharing';
import { bundle, indicator, ipIndicator, nextVersion } from '../support/stix-builders';
import { importFile } from '../support/imports';
import { API_ROOT, collectionsByTitle, taxii } from '../support/taxii';
import { queryDatabase } from '../support/test-database';
import { startTestHub, type TestHub } from '../support/test-hub';
import { connectLive, settle, type LiveClient } from '../support/ws-client';

/*
 * Organisation assets (docs/intel.md, "Organisation assets"): the named recipient organisation of the
 * access matrix ("A") declares 10.1.0.0/16, fd00:1::/32 and example-hospital.org; the matrix's source
 * ("B") shares indicators that mention them at every marking. A's people are alerted exactly for what
 * they may read, once per (object, entry); a hidden match leaves no trace; nobody outside A reads A's list.
 */

const ALERTS = `{ alerts(first: 200) { totalCount edges { node { kind watchFilterId watchFilterName
  assetMatch { assetKind assetValue assetComment matchedType matchedValue } object { id source { name } } } } } }`;
const ASSETS = '{ organizationAssets { kind value comment } }';
const SET_ASSETS = 'mutation Set($input: SetOrganizationAssetsInput!) { setOrganizationAssets(input: $input) { kind value comment } }';

interface AlertNode {
  kind: string;
  watchFilterId: string | null;
  watchFilterName: string;
  assetMatch: { assetKind: string; assetValue: string; assetComment: string | null; matchedType: string; matchedValue: string } | null;
  object: { id: string; source: { name: string } | null };
}

const A_ENTRIES = [
  { kind: 'CIDR', value: '10.1.0.0/16', comment: 'campus' },
  { kind: 'DOMAIN', value: 'Example-Hospital.org' },
  { kind: 'CIDR', value: 'fd00:1::/32' },
];

describe('organisation assets: private lists and the alerts they raise', () => {
  let hub: TestHub;
  let matrix: AccessMatrix;
  let a: string; // a person of A (the matrix's named recipient organisation)
  let aColleague: string;
  let aKey: string;
  let b: string; // the matrix's submitter (source organisation)
  let admin: string;
  let live: LiveClient;
  const byTlp = new Map<TlpName, string>();
  const expectedForA: string[] = [];
  const greenDomainMatches: string[] = [];
  const hiddenFromA: string[] = [];
  let preexisting: string;
  let amberForBOnly: string;
  let anonymous: string;
  let sentinel: string;
  let redForNamedUser: string;
  let liveAlerts: { values: { assetMatch: { matchedValue: string } | null }[] };

  const alertsOf = async (token: string): Promise<{ totalCount: number; nodes: AlertNode[]; text: string }> => {
    const answer = await hub.graphql<{ alerts: { totalCount: number; edges: { node: AlertNode }[] } }>(ALERTS, {}, token);
    expect(answer.errors).toBeUndefined();
    return { totalCount: answer.data!.alerts.totalCount, nodes: answer.data!.alerts.edges.map((edge) => edge.node), text: answer.text };
  };
  const waitForAlert = async (token: string, objectId: string) => {
    const deadline = Date.now() + 15_000;
    while (!(await alertsOf(token)).nodes.some((node) => node.object.id === objectId)) {
      if (Date.now() > deadline) throw new Error(`no alert for ${objectId}`);
      await settle(100);
    }
  };
  const share = async (token: string, object: Record<string, unknown>, tlp: TlpName, audience?: Record<string, string[]>, anonymously = false) => {
    expect(await submitBundle(hub, token, bundle([object]), tlp, audience, anonymously)).toMatchObject({ accepted: 1, rejected: 0 });
    return String(object.id);
  };

  beforeAll(async () => {
    hub = await startTestHub();
    matrix = await buildAccessMatrix(hub);
    admin = await adminToken(hub);
    a = matrix.viewers.get('named recipient organisation')!;
    aKey = matrix.viewers.get('INTERNAL key of the recipient organisation')!;
    aColleague = (await createUser(hub, admin, { email: 'second@recipient.test', role: 'ANALYST', organizationId: matrix.recipient.id })).token;
    b = matrix.submitter.token;

    // Shared before A declares anything: found by the re-check when the list is set.
    preexisting = await share(b, indicator("[domain-name:value = 'vpn.example-hospital.org']"), 'GREEN');
    const set = await hub.graphql<{ setOrganizationAssets: unknown[] }>(SET_ASSETS, { input: { entries: A_ENTRIES } }, a);
    expect(set.errors).toBeUndefined();
    // The re-check of new entries runs right after the change commits, not within it.
    await waitForAlert(a, preexisting);
    // The named user's employer declares the same domain: RED shared with that person alerts only them.
    const named = await hub.graphql(SET_ASSETS, { input: { entries: [{ kind: 'DOMAIN', value: 'example-hospital.org' }] } }, matrix.namedUser.token);
    expect(named.errors).toBeUndefined();

    live = await connectLive(hub.url, { bearer: a });
    liveAlerts = await live.subscribe('subscription { alertRaised { assetMatch { matchedValue } } }');

    for (const [position, tlp] of TLPS.entries()) {
      const id = await share(b, ipIndicator(`10.1.2.${position + 10}`), tlp, matrix.audienceFor(tlp) as Record<string, string[]>);
      byTlp.set(tlp, id);
      (policyAllows('named recipient organisation', tlp) ? expectedForA : hiddenFromA).push(id);
    }
    redForNamedUser = await share(b, indicator("[url:value = 'https://mail.example-hospital.org/owa']"), 'RED', { userIds: [matrix.namedUser.id] });
    hiddenFromA.push(redForNamedUser);
    amberForBOnly = await share(b, indicator("[domain-name:value = 'www.example-hospital.org']"), 'AMBER', { organizationIds: [matrix.source.id] });
    hiddenFromA.push(amberForBOnly);
    const email = await share(b, indicator("[email-addr:value = 'ceo@example-hospital.org']"), 'GREEN');
    expectedForA.push(email);
    greenDomainMatches.push(email);
    expectedForA.push(await share(b, indicator("[ipv6-addr:value = 'fd00:1:0:0::7']"), 'GREEN'));
    anonymous = await share(b, indicator("[domain-name:value = 'example-hospital.org']"), 'GREEN', undefined, true);
    expectedForA.push(anonymous);
    greenDomainMatches.push(anonymous);
    // Near misses: another range, a look-alike domain, the name under another domain, another IPv6 block.
    const misses = ['10.2.0.1', '10.0.255.255'].map((ip) => ipIndicator(ip));
    misses.push(indicator("[domain-name:value = 'notexample-hospital.org']"), indicator("[domain-name:value = 'example-hospital.org.evil.test']"));
    misses.push(indicator("[ipv6-addr:value = 'fd00:2::7']"));
    for (const miss of misses) hiddenFromA.push(await share(b, miss, 'GREEN'));
    // A's own share mentions its own range: nobody needs an alert for that.
    hiddenFromA.push(await share(a, ipIndicator('10.1.9.9'), 'GREEN'));
    sentinel = await share(b, ipIndicator('10.1.200.200'), 'GREEN');
    expectedForA.push(sentinel);
    // Matching follows the queue in order: once the last share is alerted, every earlier one was matched.
    await waitForAlert(a, sentinel);
    await waitForAlert(aColleague, sentinel);
  }, 120_000);

  afterAll(async () => {
    await live?.close();
    await hub?.close();
  });

  it('stores the list canonically and shows it to the organisation only', async () => {
    const expected = [
      { kind: 'DOMAIN', value: 'example-hospital.org', comment: null },
      { kind: 'CIDR', value: '10.1.0.0/16', comment: 'campus' },
      { kind: 'CIDR', value: 'fd00:1::/32', comment: null },
    ];
    expect((await hub.graphql(ASSETS, {}, a)).data).toEqual({ organizationAssets: expected });
    expect((await hub.graphql(ASSETS, {}, aColleague)).data).toEqual({ organizationAssets: expected });
    // Everyone else asks for their own organisation's list: B's, the hub operator's and the others' are empty.
    for (const relation of ['submitter', 'hub admin', 'unrelated member', 'member of a built-in audience', 'admin of the source organisation'] as const) {
      const answer = await hub.graphql(ASSETS, {}, matrix.viewers.get(relation));
      expect({ relation, answer: answer.data }).toEqual({ relation, answer: { organizationAssets: [] } });
      expect(answer.text).not.toContain('example-hospital');
    }
    // Keys never read a list, A's neither; without a credential there is nothing to ask.
    for (const key of [aKey, matrix.viewers.get('unrelated INTERNAL key')]) {
      expect((await hub.graphql(ASSETS, {}, key)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await hub.graphql(ASSETS, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("alerts each of A's people once per object they may read, and never about what they may not", async () => {
    for (const token of [a, aColleague]) {
      const { nodes, totalCount, text } = await alertsOf(token);
      const objectIds = nodes.map((node) => node.object.id);
      // The pre-existing object (re-check) and every later readable match, each exactly once.
      expect([...objectIds].sort()).toEqual([preexisting, ...expectedForA].sort());
      expect(totalCount).toBe(expectedForA.length + 1);
      for (const hidden of hiddenFromA) expect(text).not.toContain(hidden);
      expect(text).not.toContain('www.example-hospital.org');
      expect(text).not.toContain('mail.example-hospital.org');
    }
    // Not merely hidden when read: no alert row was ever written about an object A may not read.
    const stored = await queryDatabase<{ object_id: string }>(
      hub.databaseUrl,
      `SELECT a.object_id FROM alert a JOIN hub_user u ON u.id = a.user_id WHERE a.kind = 'ASSET_MATCH' AND u.organization_id = $1`,
      [matrix.recipient.id],
    );
    expect(stored.map((row) => row.object_id).sort()).toEqual([preexisting, ...expectedForA, preexisting, ...expectedForA].sort());
  });

  it('says which entry matched which value, and names an anonymous source only by its pseudonym', async () => {
    const { nodes } = await alertsOf(a);
    const of = (id: string) => nodes.find((node) => node.object.id === id)!;
    expect(of(byTlp.get('AMBER')!)).toEqual({
      kind: 'ASSET_MATCH',
      watchFilterId: null,
      watchFilterName: "Your organisation's assets",
      assetMatch: { assetKind: 'CIDR', assetValue: '10.1.0.0/16', assetComment: 'campus', matchedType: 'ipv4-addr', matchedValue: '10.1.2.12' },
      object: { id: byTlp.get('AMBER'), source: { name: matrix.source.name } },
    });
    expect(of(preexisting).assetMatch).toEqual({ assetKind: 'DOMAIN', assetValue: 'example-hospital.org', assetComment: null, matchedType: 'domain-name', matchedValue: 'vpn.example-hospital.org' });
    expect(nodes.map((node) => node.assetMatch?.matchedValue).sort()).toEqual(
      ['10.1.2.10', '10.1.2.11', '10.1.2.12', '10.1.2.13', '10.1.200.200', 'ceo@example-hospital.org', 'example-hospital.org', 'fd00:1::7', 'vpn.example-hospital.org'].sort(),
    );
    const anonymousAlert = of(anonymous);
    expect(anonymousAlert.object.source?.name).not.toBe(matrix.source.name);
    expect(JSON.stringify(anonymousAlert)).not.toContain(matrix.source.id);
  });

  it('delivers the alerts live (the inbox count follows alertRaised)', async () => {
    await settle(200);
    const values = liveAlerts.values.map((value) => value.assetMatch?.matchedValue);
    expect(values).toContain('10.1.200.200');
    expect(values).toHaveLength(expectedForA.length);
  });

  it('alerts a RED recipient whose organisation declared the value, and nobody else there', async () => {
    const named = await alertsOf(matrix.namedUser.token);
    expect(named.nodes.filter((node) => node.object.id === redForNamedUser).map((node) => node.assetMatch)).toEqual([
      { assetKind: 'DOMAIN', assetValue: 'example-hospital.org', assetComment: null, matchedType: 'url', matchedValue: 'https://mail.example-hospital.org/owa' },
    ]);
    const colleague = await alertsOf(matrix.viewers.get('colleague of the named user')!);
    expect(colleague.text).not.toContain(redForNamedUser);
    // The employer declared only the domain: the colleague hears of the readable objects on it.
    expect(colleague.nodes.map((node) => node.object.id).sort()).toEqual([preexisting, ...greenDomainMatches].sort());
  });

  it("gives nobody outside A an alert about A's list, and an API key of A only its creator's copy", async () => {
    for (const relation of ['submitter', 'hub admin', 'unrelated member', 'colleague of the submitter'] as const) {
      const { nodes, text } = await alertsOf(matrix.viewers.get(relation)!);
      expect({ relation, nodes }).toEqual({ relation, nodes: [] });
      expect(text).not.toContain('10.1.0.0/16');
    }
    const key = await alertsOf(aKey);
    expect(key.nodes.map((node) => node.object.id).sort()).toEqual([preexisting, ...expectedForA].sort());
  });

  it('a hidden match looks like no match: same submission answer, same inbox', async () => {
    const before = await alertsOf(a);
    const hidden = await submitBundle(hub, b, bundle([indicator("[domain-name:value = 'x.example-hospital.org']")]), 'AMBER', { organizationIds: [matrix.source.id] });
    const unrelated = await submitBundle(hub, b, bundle([indicator("[domain-name:value = 'x.unrelated.test']")]), 'AMBER', { organizationIds: [matrix.source.id] });
    const withoutIds = (result: typeof hidden) => ({ ...result, results: result.results.map((entry) => ({ ...entry, stixId: null })) });
    expect(withoutIds(hidden)).toEqual(withoutIds(unrelated));
    const marker = await share(b, ipIndicator('10.1.201.1'), 'GREEN');
    await waitForAlert(a, marker);
    const after = await alertsOf(a);
    expect(after.totalCount).toBe(before.totalCount + 1);
    expect(after.nodes.map((node) => node.object.id)).toEqual([marker, ...before.nodes.map((node) => node.object.id)]);
  });

  it('matches what arrives by TAXII and by import too', async () => {
    const key = matrix.viewers.get('INTERNAL key of the source')!;
    const submit = (await collectionsByTitle(hub, key)).get('Submit')!;
    const pushed = ipIndicator('10.1.204.4');
    const status = await taxii<{ success_count: number }>(hub, `${API_ROOT}collections/${submit.id}/objects/`, { key, body: { objects: [pushed] } });
    expect(status.body.success_count).toBe(1);
    await waitForAlert(a, String(pushed.id));
    const job = await importFile(hub.url, key, { format: 'text', tlp: 'GREEN' }, 'Phishing from login.example-hospital.org.evil.test and sso.example-hospital.org today');
    expect(job.status).toBe('done');
    const deadline = Date.now() + 15_000;
    const imported = async () => (await alertsOf(a)).nodes.filter((node) => node.assetMatch?.matchedValue === 'sso.example-hospital.org');
    while (!(await imported()).length && Date.now() < deadline) await settle(100);
    expect((await imported()).map((node) => node.assetMatch)).toEqual([
      { assetKind: 'DOMAIN', assetValue: 'example-hospital.org', assetComment: null, matchedType: 'domain-name', matchedValue: 'sso.example-hospital.org' },
    ]);
    expect((await alertsOf(a)).text).not.toContain('login.example-hospital.org.evil.test');
  });

  it('re-checks only what a list change adds, once per (object, entry)', async () => {
    const before = (await alertsOf(a)).totalCount;
    // The same list again (another spelling, another comment): nothing new.
    const again = await hub.graphql(SET_ASSETS, { input: { entries: [...A_ENTRIES.map((entry) => ({ ...entry, comment: 'same' })), { kind: 'DOMAIN', value: '*.example-hospital.org' }] } }, a);
    expect(again.errors).toBeUndefined();
    expect((await alertsOf(a)).totalCount).toBe(before);
    // A later version of an alerted object: nothing new either.
    const second = ipIndicator('10.1.202.2');
    await share(b, second, 'GREEN');
    await waitForAlert(a, String(second.id));
    await share(b, nextVersion(second, { name: 'renamed' }), 'GREEN');
    const marker = await share(b, ipIndicator('10.1.203.3'), 'GREEN');
    await waitForAlert(a, marker);
    expect((await alertsOf(a)).totalCount).toBe(before + 2);
    // A new entry that covers objects already alerted about by another entry: one alert per object for the new entry, at once.
    const added = await hub.graphql(SET_ASSETS, { input: { entries: [...A_ENTRIES, { kind: 'HOSTNAME', value: 'vpn.example-hospital.org', comment: 'VPN' }, { kind: 'IP', value: '10.2.0.1' }] } }, a);
    expect(added.errors).toBeUndefined();
    const deadline = Date.now() + 15_000;
    while ((await alertsOf(a)).totalCount < before + 4 && Date.now() < deadline) await settle(100);
    await settle(300);
    const { nodes, totalCount } = await alertsOf(a);
    expect(totalCount).toBe(before + 4);
    expect(nodes.slice(0, 2).map((node) => node.assetMatch).sort((x, y) => x!.assetKind.localeCompare(y!.assetKind))).toEqual([
      { assetKind: 'HOSTNAME', assetValue: 'vpn.example-hospital.org', assetComment: 'VPN', matchedType: 'domain-name', matchedValue: 'vpn.example-hospital.org' },
      { assetKind: 'IP', assetValue: '10.2.0.1', assetComment: null, matchedType: 'ipv4-addr', matchedValue: '10.2.0.1' },
    ].sort((x, y) => x.assetKind.localeCompare(y.assetKind)));
  });

  it('refuses bad lists with the path of each bad entry, and changes nothing then', async () => {
    const before = (await hub.graphql(ASSETS, {}, a)).data;
    const answer = await hub.graphql(SET_ASSETS, { input: { entries: [{ kind: 'CIDR', value: '10.1.0.0/16' }, { kind: 'CIDR', value: '10.1.2.3/16' }, { kind: 'DOMAIN', value: 'org' }, { kind: 'IP', value: 'nope' }] } }, a);
    expect(answer.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      errors: [
        { path: 'input.entries[1].value', message: "'10.1.2.3/16' has host bits set (did you mean 10.1.0.0/16?)" },
        { path: 'input.entries[2].value', message: "'org' is a top-level domain; declare the organisation's own domains" },
        { path: 'input.entries[3].value', message: "'nope' is not an IPv4 or IPv6 address" },
      ],
    });
    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ kind: 'IP', value: `10.3.${i >> 8}.${i & 255}` }));
    const big = await hub.graphql(SET_ASSETS, { input: { entries: tooMany } }, a);
    expect(big.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', errors: [{ path: 'input.entries', message: 'at most 10,000 entries (got 10,001); split the list or use CIDR blocks' }] });
    expect((await hub.graphql(ASSETS, {}, a)).data).toEqual(before);
  });

  it('lets members and analysts change the list; focal points, admins and keys may not', async () => {
    const entries = [{ kind: 'DOMAIN', value: 'ministry.test' }];
    for (const relation of ['member of a built-in audience', 'hub admin', 'INTERNAL key of the recipient organisation'] as const) {
      const answer = await hub.graphql(SET_ASSETS, { input: { entries } }, matrix.viewers.get(relation));
      expect({ relation, code: answer.errors?.[0].extensions?.code }).toEqual({ relation, code: 'FORBIDDEN' });
    }
    const analyst = await hub.graphql(SET_ASSETS, { input: { entries } }, matrix.viewers.get('member of a recipient sharing group'));
    expect(analyst.data).toEqual({ setOrganizationAssets: [{ kind: 'DOMAIN', value: 'ministry.test', comment: null }] });
  });
});
