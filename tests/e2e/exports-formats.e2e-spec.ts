import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { bundleObjects, getExport } from '../support/exports';
import { submitBundle } from '../support/sharing';
import { bundle, indicator, ipIndicator, malware } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * GET /export/{format} on a known data set: the content of every format, its Content-Type and
 * Content-Disposition, the filters, revoked objects, anonymous sources and the refusals of bad
 * parameters (a 400 naming the parameter).
 */

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

describe('exports: every format on a known data set', () => {
  let hub: TestHub;
  let member: { token: string };
  let key: string;
  const ids: Record<string, string> = {};
  let secretSource: { name: string; identityId: string };

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const org = (name: string) => createOrganization(hub, admin, { name, kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const source = await org('Export source hospital');
    const reader = await org('Export reader pharma');
    const secret = await org('Secret clinic of export');
    secretSource = secret;
    const submitter = await createUser(hub, admin, { email: 'submitter@export-source.test', role: 'MEMBER', organizationId: source.id });
    member = await createUser(hub, admin, { email: 'reader@export-reader.test', role: 'MEMBER', organizationId: reader.id });
    key = (await createApiKey(hub, member.token, { name: 'siem', distribution: 'INTERNAL' })).key;
    const anonymousSubmitter = await createUser(hub, admin, { email: 'someone@secret-clinic.test', role: 'MEMBER', organizationId: secret.id });

    const objects = {
      address: ipIndicator('203.0.113.5', { name: 'Known address', labels: ['known'], confidence: 80 }),
      domain: indicator(`[domain-name:value = 'known-bad.example']`, { name: 'Known domain' }),
      url: indicator(`[url:value = 'http://known-bad.example/payload.exe']`, { name: 'Known URL' }),
      hash: indicator(`[file:hashes.MD5 = '${MD5}']`, { name: 'Known hash' }),
      family: malware('Known family'),
      withdrawn: ipIndicator('203.0.113.99', { name: 'Withdrawn address' }),
    };
    expect(await submitBundle(hub, submitter.token, bundle(Object.values(objects)), 'CLEAR')).toMatchObject({ accepted: 6, rejected: 0 });
    for (const [name, object] of Object.entries(objects)) ids[name] = object.id as string;
    const revoked = await hub.graphql('mutation Revoke($id: ID!) { revokeObject(id: $id) { id revoked } }', { id: ids.withdrawn }, submitter.token);
    expect(revoked.errors).toBeUndefined();
    const anonymous = indicator(`[domain-name:value = 'anonymous-tip.example']`, { name: 'Anonymous tip' });
    expect(await submitBundle(hub, anonymousSubmitter.token, bundle([anonymous]), 'GREEN', undefined, true)).toMatchObject({ accepted: 1 });
    ids.anonymous = anonymous.id as string;
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('stix: a STIX 2.1 bundle of the readable objects, revoked ones left out, with its media type and a file name', async () => {
    const answer = await getExport(hub, 'stix', {}, key);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/stix+json;version=2.1');
    expect(answer.contentDisposition).toMatch(/^attachment; filename="hub-export-\d{8}T\d{6}Z\.json"$/);
    const parsed = JSON.parse(answer.text) as { type: string; id: string; objects: { id: string }[] };
    expect(parsed.type).toBe('bundle');
    expect(parsed.id).toMatch(/^bundle--[0-9a-f-]{36}$/);
    expect(parsed.objects.map((object) => object.id).sort()).toEqual([ids.address, ids.domain, ids.url, ids.hash, ids.family, ids.anonymous].sort());
  });

  it('stix: includeRevoked adds the revoked version; types and labels filter', async () => {
    const withRevoked = bundleObjects((await getExport(hub, 'stix', { includeRevoked: 'true', types: 'indicator' }, key)).text);
    expect(withRevoked.find((object) => object.id === ids.withdrawn)).toMatchObject({ revoked: true });
    expect(new Set(withRevoked.map((object) => object.type))).toEqual(new Set(['indicator']));
    const labelled = bundleObjects((await getExport(hub, 'stix', { labels: 'known' }, member.token)).text);
    expect(labelled.map((object) => object.id)).toEqual([ids.address]);
    expect(bundleObjects((await getExport(hub, 'stix', { since: '2999-01-01T00:00:00Z' }, key)).text)).toEqual([]);
    expect(bundleObjects((await getExport(hub, 'stix', { until: '2000-01-01' }, key)).text)).toEqual([]);
  });

  it('stix: an anonymous source appears as its pseudonym, never by name or identity', async () => {
    const answer = await getExport(hub, 'stix', {}, key);
    const tip = bundleObjects(answer.text).find((object) => object.id === ids.anonymous)!;
    expect(tip.created_by_ref).toMatch(/^identity--/);
    expect(tip.created_by_ref).not.toBe(secretSource.identityId);
    expect(answer.text).not.toContain(secretSource.identityId);
    expect(answer.text).not.toContain(secretSource.name);
  });

  it('csv: the header and one row per observable, with the indicator it came from', async () => {
    const answer = await getExport(hub, 'csv', {}, key);
    expect(answer.contentType).toBe('text/csv; charset=utf-8');
    expect(answer.contentDisposition).toMatch(/filename="hub-export-\d{8}T\d{6}Z\.csv"$/);
    const lines = answer.text.split('\r\n');
    expect(lines[0]).toBe('type,value,hash_algorithm,source_id,name,valid_from,valid_until,confidence,labels');
    expect(lines.find((line) => line.startsWith('ipv4-addr,203.0.113.5,'))).toMatch(new RegExp(`^ipv4-addr,203\\.0\\.113\\.5,,${ids.address},Known address,[^,]+,,80,known$`));
    expect(lines.some((line) => line.startsWith(`file,${MD5},MD5,${ids.hash},`))).toBe(true);
    expect(lines.some((line) => line.startsWith(`url,http://known-bad.example/payload.exe,,${ids.url},`))).toBe(true);
    expect(answer.text).not.toContain('203.0.113.99');
    expect(lines.filter(Boolean)).toHaveLength(1 + 5);
  });

  it('text: one distinct value a line; observableTypes keeps those types only', async () => {
    const answer = await getExport(hub, 'text', {}, key);
    expect(answer.contentType).toBe('text/plain; charset=utf-8');
    expect(answer.contentDisposition).toMatch(/\.txt"$/);
    expect(answer.text.split('\n').filter(Boolean).sort()).toEqual(['203.0.113.5', 'anonymous-tip.example', 'http://known-bad.example/payload.exe', 'known-bad.example', MD5].sort());
    const addresses = await getExport(hub, 'text', { observableTypes: 'ipv4-addr' }, key);
    expect(addresses.text).toBe('203.0.113.5\n');
    const names = await getExport(hub, 'text', { observableTypes: 'domain-name,url' }, key);
    expect(names.text.split('\n').filter(Boolean).sort()).toEqual(['anonymous-tip.example', 'http://known-bad.example/payload.exe', 'known-bad.example']);
    // The hash list file the Suricata rules read (filemd5:hub-md5.list).
    expect((await getExport(hub, 'text', { hashAlgorithms: 'md5' }, key)).text).toBe(`${MD5}\n`);
    expect((await getExport(hub, 'text', { hashAlgorithms: 'SHA-256' }, key)).text).toBe('');
  });

  it('suricata: address, DNS, TLS, HTTP and file-hash rules', async () => {
    const answer = await getExport(hub, 'suricata', {}, key);
    expect(answer.contentDisposition).toMatch(/\.rules"$/);
    expect(answer.text).toMatch(/^# Suricata rules/);
    expect(answer.text).toContain(`alert ip $HOME_NET any <> 203.0.113.5 any (msg:"HUB IOC address 203.0.113.5"; classtype:trojan-activity; metadata:stix_id ${ids.address};`);
    expect(answer.text).toContain('dns.query; dotprefix; content:".known-bad.example"; nocase; endswith;');
    expect(answer.text).toContain('tls.sni; dotprefix; content:".known-bad.example"');
    expect(answer.text).toContain('http.host; content:"known-bad.example"; bsize:17; http.uri; content:"/payload.exe"; startswith;');
    expect(answer.text).toContain('filemd5:hub-md5.list;');
    expect(answer.text).not.toContain('203.0.113.99');
  });

  it('snort: address, DNS (wire form) and HTTP rules, no hash rules', async () => {
    const answer = await getExport(hub, 'snort', {}, key);
    expect(answer.text).toMatch(/^# Snort rules/);
    expect(answer.text).toContain('alert ip $HOME_NET any <> 203.0.113.5 any');
    expect(answer.text).toContain('alert udp $HOME_NET any -> any 53 (msg:"HUB IOC DNS query for known-bad.example"; content:"|09 6B 6E 6F 77 6E 2D 62 61 64 07 65 78 61 6D 70 6C 65 00|";');
    expect(answer.text).toContain('http_uri;');
    expect(answer.text).not.toContain('filemd5');
  });

  it('rpz: a zone answering NXDOMAIN for each name and the names under it', async () => {
    const answer = await getExport(hub, 'rpz', {}, key);
    expect(answer.contentType).toBe('text/dns; charset=utf-8');
    expect(answer.contentDisposition).toMatch(/\.zone"$/);
    expect(answer.text).toMatch(/@ IN SOA localhost\. hostmaster\.localhost\. \( \d+ 3600 600 86400 300 \)/);
    const records = answer.text.split('\n').filter((line) => line.includes('CNAME'));
    expect(records.sort()).toEqual(
      ['known-bad.example CNAME .', '*.known-bad.example CNAME .', 'anonymous-tip.example CNAME .', '*.anonymous-tip.example CNAME .'].sort(),
    );
  });

  it('without a credential: refused (401) in every format, nothing of any object in the answer', async () => {
    for (const format of ['stix', 'csv', 'text', 'suricata', 'snort', 'rpz']) {
      const answer = await getExport(hub, format);
      expect(answer.status).toBe(401);
      expect(answer.text).not.toContain('known-bad.example');
      expect(answer.text).not.toContain(ids.address);
    }
  });

  it('a wrong key is refused, not treated as anonymous', async () => {
    const answer = await getExport(hub, 'stix', {}, 'hub_not-a-real-key');
    expect(answer.status).toBe(401);
  });

  it.each([
    ['maxTlp', 'stix', { maxTlp: 'PURPLE' }, 'maxTlp must be one of'],
    ['types', 'stix', { types: 'indicatr' }, 'did you mean indicator?'],
    ['types', 'csv', { types: 'malware' }, 'the csv format writes observables'],
    ['observableTypes', 'text', { observableTypes: 'ip' }, 'is not an observable type'],
    ['since', 'stix', { since: 'yesterday' }, 'ISO 8601'],
    ['until', 'stix', { since: '2026-02-01', until: '2026-01-01' }, 'later than since'],
    ['includeRevoked', 'stix', { includeRevoked: 'maybe' }, 'true or false'],
    ['minScore', 'stix', { minScore: '150' }, 'minScore must be an integer from 0 to 100'],
    ['excludeWarned', 'stix', { excludeWarned: 'perhaps' }, 'true or false'],
    ['maxTLP', 'stix', { maxTLP: 'RED' }, 'unknown parameter maxTLP'],
    ['labels', 'stix', { labels: '' }, 'labels is empty'],
    ['labels', 'stix', { labels: 'a\u0000b' }, 'must not contain NUL characters'],
    ['labels', 'stix', { labels: 'a\nb' }, 'labels holds a control character'],
    ['hashAlgorithms', 'csv', { hashAlgorithms: 'MD5' }, 'text format only'],
    ['hashAlgorithms', 'text', { hashAlgorithms: 'crc32' }, 'is not a hash algorithm'],
    ['format', 'xml', {}, 'format must be one of stix, csv, text, suricata, snort, rpz'],
  ])('refuses a bad %s with a 400 naming it', async (path, format, params, message) => {
    const answer = await getExport(hub, format, params as Record<string, string>, key);
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/json/);
    const body = JSON.parse(answer.text) as { code: string; errors: { path: string; message: string }[] };
    expect(body.code).toBe('BAD_USER_INPUT');
    expect(body.errors).toEqual([{ path, message: expect.stringContaining(message) }]);
  });
});

describe('exports: excludeWarned leaves out values on a warn warninglist', () => {
  let hub: TestHub;

  afterAll(async () => {
    await hub?.close();
  });

  it('writes a private address without it, and leaves it out with excludeWarned=true', async () => {
    hub = await startTestHub({ HUB_DEFAULT_WARNINGLISTS: 'on' });
    const admin = await adminToken(hub);
    const org = await createOrganization(hub, admin, { name: 'Warned exports hospital', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const submitter = await createUser(hub, admin, { email: 'submitter@warned-exports.test', role: 'MEMBER', organizationId: org.id });
    const privateAddress = ipIndicator('10.20.0.7', { name: 'Private address' });
    const publicAddress = ipIndicator('93.184.216.34', { name: 'Public address' });
    const result = await submitBundle(hub, submitter.token, bundle([privateAddress, publicAddress]), 'GREEN');
    expect(result).toMatchObject({ accepted: 2, rejected: 0 });

    const all = await getExport(hub, 'text', { observableTypes: 'ipv4-addr' }, submitter.token);
    expect(all.status).toBe(200);
    expect(all.text).toContain('10.20.0.7');
    expect(all.text).toContain('93.184.216.34');
    const unwarned = await getExport(hub, 'text', { observableTypes: 'ipv4-addr', excludeWarned: 'true' }, submitter.token);
    expect(unwarned.status).toBe(200);
    expect(unwarned.text).not.toContain('10.20.0.7');
    expect(unwarned.text).toContain('93.184.216.34');
  });
});
