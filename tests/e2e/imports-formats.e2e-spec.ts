import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importIdScope } from '@hub/imports';
import { mispObjectUuid } from '@hub/intel-formats';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator } from '../support/stix-builders';
import { queryDatabase } from '../support/test-database';
import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { getJob, importFile, jobResults, postImport, waitForJob } from '../support/imports';
import { connectLive } from '../support/ws-client';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * POST /import with each format, from the realistic fixtures of libs/intel-formats/test, and what
 * bad input gets: broken CSV rows reported by row with the good ones imported, unknown MISP
 * attribute types reported per attribute, a MISP attribute tagged stricter than the import, binary,
 * empty and Latin-1 files, a decompression bomb. Also the GraphQL side: importJob(s),
 * cancelImportJob, extractObservables, saved CSV mappings.
 */

/** The uuid of the first to_ids attribute of libs/intel-formats/test/misp/partner-event.json. */
const MISP_FIRST_ATTRIBUTE_UUID = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const FIXTURES = join(import.meta.dirname, '../../libs/intel-formats/test');
const fixture = (path: string) => readFileSync(join(FIXTURES, path));
const FIREWALL_MAPPING = JSON.stringify({ value: 'indicator', type: 'type', description: 'description', labels: 'tags', valid_from: 'first_seen', valid_until: 'expires', confidence: 'confidence' });
const OBJECT = `query ($id: ID!) { object(id: $id) { id specVersion tlp stix } }`;

describe('imports: formats and bad input', () => {
  let hub: TestHub;
  let member: { id: string; token: string };
  let reader: { token: string };
  let key: string;
  let recipientOrg: { id: string };
  let sourceOrg: { id: string };

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const source = await createOrganization(hub, admin, { name: 'Importing hospital', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    sourceOrg = source;
    recipientOrg = await createOrganization(hub, admin, { name: 'Recipient pharma', kind: 'PRIVATE', sector: 'PHARMA', country: 'CZ' });
    member = await createUser(hub, admin, { email: 'importer@hospital.test', role: 'MEMBER', organizationId: source.id });
    reader = await createUser(hub, admin, { email: 'reader@pharma.test', role: 'MEMBER', organizationId: recipientOrg.id });
    key = (await createApiKey(hub, member.token, { name: 'importer', distribution: 'INTERNAL' })).key;
  });

  afterAll(async () => {
    await hub?.close();
  });

  const readAs = async (token: string, id: string) => (await hub.graphql<{ object: { id: string; specVersion: string; tlp: string; stix: Record<string, unknown> } | null }>(OBJECT, { id }, token)).data?.object ?? null;

  it('imports a firewall CSV export: good rows stored, broken rows reported by row number', async () => {
    const job = await importFile(hub.url, key, { format: 'csv', tlp: 'GREEN', mapping: FIREWALL_MAPPING }, fixture('csv/firewall-export.csv'));
    expect(job.status).toBe('done');
    const results = await jobResults(hub.url, key, job.jobId);
    expect(job.read).toBe(results.length);
    expect(job.accepted + job.rejected + job.duplicates).toBe(job.read);
    const rejected = results.filter((result) => result.status === 'REJECTED');
    expect(rejected.length).toBeGreaterThanOrEqual(2);
    for (const result of rejected) {
      expect(result.line).toBeGreaterThan(1);
      expect(result.errors[0].path).toMatch(/^row \d+/);
    }
    const accepted = results.filter((result) => result.status === 'ACCEPTED');
    expect(accepted.length).toBe(job.accepted);
    expect(job.accepted).toBeGreaterThanOrEqual(6);
    // GREEN: another member reads what was imported.
    const stored = await readAs(reader.token, accepted[0].stixId!);
    expect(stored?.stix.type).toBe('indicator');

    const csv = await fetch(`${hub.url}/import/${job.jobId}/results?format=csv`, { headers: { authorization: `Bearer ${key}` } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('index,line,stix_id,status,errors');
    expect(lines.length).toBe(results.length + 1);
    const xml = await fetch(`${hub.url}/import/${job.jobId}/results?format=xml`, { headers: { authorization: `Bearer ${key}` } });
    expect(xml.status).toBe(400);
    expect(await xml.json()).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'format', message: 'must be ndjson or csv' }] });
  });

  it('imports a gzip-compressed CSV with a mapping saved by name', async () => {
    const saved = await hub.graphql<{ saveCsvMapping: { name: string } }>(
      `mutation ($name: String!, $mapping: JSON!) { saveCsvMapping(name: $name, mapping: $mapping) { name } }`,
      { name: 'firewall', mapping: JSON.parse(FIREWALL_MAPPING) },
      member.token,
    );
    expect(saved.data?.saveCsvMapping.name).toBe('firewall');
    const listed = await hub.graphql<{ csvMappings: { name: string }[] }>(`{ csvMappings { name } }`, {}, key);
    expect(listed.data?.csvMappings.map((mapping) => mapping.name)).toEqual(['firewall']);
    const job = await importFile(hub.url, key, { format: 'csv', tlp: 'GREEN', mapping: 'firewall' }, gzipSync(fixture('csv/firewall-export.csv')), { 'content-encoding': 'gzip' });
    expect(job.status).toBe('done');
    expect(job.accepted).toBeGreaterThanOrEqual(6);
  });

  it('upgrades a STIX 2.0 bundle to 2.1, marked and readable by its audience only', async () => {
    const job = await importFile(hub.url, member.token, { format: 'stix', tlp: 'AMBER', organizationIds: recipientOrg.id }, fixture('stix20/bundle-2.0.json'));
    expect(job.status).toBe('done');
    expect(job.rejected).toBe(0);
    expect(job.accepted).toBeGreaterThan(5);
    const results = await jobResults(hub.url, member.token, job.jobId);
    const indicator = results.find((result) => result.stixId?.startsWith('indicator--'))!;
    const read = await readAs(reader.token, indicator.stixId!);
    expect(read).toMatchObject({ specVersion: '2.1', tlp: 'AMBER' });
    expect(read?.stix.pattern_type).toBe('stix');
  });

  it('imports the observables of a vendor advisory e-mail as indicators and vulnerabilities', async () => {
    const job = await importFile(hub.url, key, { format: 'text', tlp: 'GREEN' }, fixture('text/vendor-advisory.eml'));
    expect(job.status).toBe('done');
    expect(job.rejected).toBe(0);
    const results = await jobResults(hub.url, key, job.jobId);
    const types = new Set(results.map((result) => result.stixId!.split('--')[0]));
    expect(types).toEqual(new Set(['indicator', 'vulnerability']));
    expect(job.accepted).toBeGreaterThanOrEqual(10);
  });

  it('imports a partner MISP event: unknown attribute types reported per attribute, a tlp:red attribute not shared wider', async () => {
    const job = await importFile(hub.url, member.token, { format: 'misp', tlp: 'AMBER', organizationIds: recipientOrg.id }, fixture('misp/partner-event.json'));
    expect(job.status).toBe('done');
    const results = await jobResults(hub.url, member.token, job.jobId);
    const unknown = results.filter((result) => result.stixId === null);
    expect(unknown.length).toBeGreaterThanOrEqual(1);
    for (const result of unknown) expect(result.errors[0].path).toMatch(/^Event\./);
    // The sha256 attribute is tagged tlp:red: the import's audience names no person, so it is refused alone.
    const [secret] = await queryDatabase<{ value: string }>(hub.databaseUrl, `SELECT value FROM hub_secret WHERE name = 'import-ids'`);
    const scope = importIdScope(secret.value, { id: job.jobId, organizationId: sourceOrg.id, anonymous: false });
    const red = results.find((result) => result.stixId === `indicator--${mispObjectUuid('9b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', scope)}`)!;
    expect(red.status).toBe('REJECTED');
    expect(red.errors[0].message).toMatch(/RED/);
    expect(job.accepted).toBeGreaterThan(5);
    const report = results.find((result) => result.stixId?.startsWith('report--'))!;
    expect(await readAs(reader.token, report.stixId!)).toMatchObject({ tlp: 'AMBER' });

    // The same event imported by another member: objects of its own, nothing refused as another's
    // (which would also tell it that someone holds this event).
    const outsider = await createOrganization(hub, await adminToken(hub), { name: 'Clinic with the same MISP feed', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'AT' });
    const outsiderMember = await createUser(hub, await adminToken(hub), { email: 'importer@clinic.test', role: 'MEMBER', organizationId: outsider.id });
    // The ids its import will make cannot be computed from its organisation's id (shown to members) and the
    // event's uuids (public): taking them first blocks nothing, and tells nobody whether it imported the event.
    const squatted = ipIndicator('185.220.101.47', { id: `indicator--${mispObjectUuid(MISP_FIRST_ATTRIBUTE_UUID, outsider.id)}` });
    expect(await submitBundle(hub, reader.token, bundle([squatted]), 'GREEN')).toMatchObject({ accepted: 1 });
    const second = await importFile(hub.url, outsiderMember.token, { format: 'misp', tlp: 'AMBER', organizationIds: outsider.id }, fixture('misp/partner-event.json'));
    expect(second).toMatchObject({ status: 'done', accepted: job.accepted, rejected: job.rejected, duplicates: 0 });
    const secondResults = await jobResults(hub.url, outsiderMember.token, second.jobId);
    const firstIds = new Set(results.map((result) => result.stixId).filter(Boolean));
    // Cyber observables keep the ids STIX derives from their values (stored once per reach, nobody's).
    const versioned = /^(indicator|report|note|vulnerability|attack-pattern|malware|tool|intrusion-set|relationship)--/;
    expect(secondResults.filter((result) => versioned.test(result.stixId ?? '') && firstIds.has(result.stixId))).toEqual([]);
    expect(secondResults.filter((result) => versioned.test(result.stixId ?? '') && result.status === 'ACCEPTED').length).toBeGreaterThan(5);
    expect(JSON.stringify(secondResults)).not.toMatch(/already shared|another organisation/);
  });

  it('MISP: what a tlp: tag marks stricter or unknown is not shared wider, nor are the relationships that name it', async () => {
    const attribute = (uuid: string, value: string, tag?: string) => ({ type: 'ip-dst', category: 'Network activity', to_ids: true, uuid, value, ...(tag ? { Tag: [{ name: tag }] } : {}) });
    const event = (tags: string[], attributes: unknown[]) =>
      JSON.stringify({
        Event: {
          info: 'C2 of a ransomware crew',
          uuid: '5e1f0c2a-8d3b-4c6e-9f70-1a2b3c4d5e6f',
          Tag: tags.map((name) => ({ name })),
          Attribute: attributes,
          Galaxy: [{ type: 'mitre-attack-pattern', GalaxyCluster: [{ type: 'mitre-attack-pattern', value: 'Exfiltration Over C2 Channel - T1041', meta: { external_id: ['T1041'] } }] }],
        },
      });
    const job = await importFile(
      hub.url,
      key,
      { format: 'misp', tlp: 'GREEN' },
      event(
        ['tlp:green'],
        [
          attribute('7a000000-0000-4000-8000-000000000001', '203.0.113.61'),
          attribute('7a000000-0000-4000-8000-000000000002', '203.0.113.62', 'tlp:amber-strict'),
          attribute('7a000000-0000-4000-8000-000000000003', '203.0.113.63', 'tlp:amber'),
          // Two attributes under one uuid (a CVE and a RED address with its own galaxy): each keeps its own tag.
          { type: 'vulnerability', value: 'CVE-2024-1234', uuid: '7a000000-0000-4000-8000-000000000005' },
          { ...attribute('7a000000-0000-4000-8000-000000000005', '203.0.113.65', 'tlp:red'), Galaxy: [{ type: 'mitre-intrusion-set', GalaxyCluster: [{ value: 'APT29 - G0016' }] }] },
        ],
      ),
    );
    expect(job.status).toBe('done');
    const results = await jobResults(hub.url, key, job.jobId);
    expect(results.filter((result) => result.status === 'ACCEPTED').length).toBe(job.accepted);
    const [secret] = await queryDatabase<{ value: string }>(hub.databaseUrl, `SELECT value FROM hub_secret WHERE name = 'import-ids'`);
    const scope = importIdScope(secret.value, { id: job.jobId, organizationId: sourceOrg.id, anonymous: false });
    const idOf = (uuid: string) => `indicator--${mispObjectUuid(uuid, scope)}`;
    // The unknown tag: refused whatever the audience, with the tag named; nothing else is made of it.
    const unknownTag = results.filter((result) => result.errors.some((issue) => issue.path === 'Event.Attribute[1].Tag[0]'));
    expect(unknownTag.length).toBeGreaterThanOrEqual(2);
    expect(unknownTag.every((result) => result.status === 'REJECTED')).toBe(true);
    for (const result of unknownTag) expect(result.errors[0].message).toMatch(/'tlp:amber-strict' is not a TLP 2.0 level/);
    // The AMBER attribute needs an audience this GREEN import does not name: refused, and its relationship with it.
    const amber = results.find((result) => result.stixId === idOf('7a000000-0000-4000-8000-000000000003'))!;
    expect(amber).toMatchObject({ status: 'REJECTED' });
    const stored = await queryDatabase<{ id: string; tlp: number; refs: string[] }>(
      hub.databaseUrl,
      `SELECT id, tlp, required_refs AS refs FROM stix_object WHERE source_org_id = $1 AND type IN ('indicator', 'relationship', 'intrusion-set', 'vulnerability') AND created >= $2`,
      [sourceOrg.id, new Date(Date.now() - 60_000)],
    );
    const storedIds = new Set(stored.map((row) => row.id));
    expect(storedIds.has(idOf('7a000000-0000-4000-8000-000000000001'))).toBe(true);
    expect(storedIds.has(idOf('7a000000-0000-4000-8000-000000000002'))).toBe(false);
    expect(storedIds.has(idOf('7a000000-0000-4000-8000-000000000003'))).toBe(false);
    // The RED address is refused (a GREEN import names nobody), and the intrusion set only it named with it; the CVE sharing its uuid is shared.
    expect(storedIds.has(idOf('7a000000-0000-4000-8000-000000000005'))).toBe(false);
    expect(storedIds.has(`vulnerability--${mispObjectUuid('7a000000-0000-4000-8000-000000000005', scope)}`)).toBe(true);
    expect(stored.filter((row) => row.id.startsWith('intrusion-set--'))).toEqual([]);
    // Refused for being RED (a key never shares RED), not for anything else.
    expect(results.find((result) => result.stixId?.startsWith('intrusion-set--'))).toMatchObject({ status: 'REJECTED', errors: [{ path: expect.stringMatching(/object_marking_refs$/), message: expect.stringMatching(/RED/) }] });
    // The report lists no object it is less strict than, nor any refused: an id alone would name it.
    const report = results.find((result) => result.stixId?.startsWith('report--'))!;
    const [{ refs }] = await queryDatabase<{ refs: string[] }>(hub.databaseUrl, `SELECT stix->'object_refs' AS refs FROM stix_object WHERE id = $1`, [report.stixId]);
    const refusedIds = results.filter((result) => result.status === 'REJECTED' && result.stixId).map((result) => result.stixId);
    expect(refs.filter((ref) => refusedIds.includes(ref))).toEqual([]);
    expect(refs).toContain(idOf('7a000000-0000-4000-8000-000000000001'));
    for (const uuid of ['02', '03', '05']) expect(refs).not.toContain(idOf(`7a000000-0000-4000-8000-0000000000${uuid}`));
    // No stored relationship names an indicator that was not stored.
    const indicatorIds = new Set(stored.filter((row) => row.id.startsWith('indicator--')).map((row) => row.id));
    for (const row of stored.filter((candidate) => candidate.id.startsWith('relationship--'))) {
      for (const ref of row.refs.filter((candidate) => candidate.startsWith('indicator--'))) expect(indicatorIds.has(ref)).toBe(true);
    }
    expect(stored.some((row) => row.id.startsWith('relationship--'))).toBe(true);

    // An unknown tlp: tag on the event itself fails the import before anything is stored.
    const eventTag = await importFile(hub.url, key, { format: 'misp', tlp: 'GREEN' }, event(['tlp:ex:chr'], [attribute('7a000000-0000-4000-8000-000000000004', '203.0.113.64')]));
    expect(eventTag).toMatchObject({ status: 'failed', read: 0, errors: [{ path: 'Event.Tag[0]', message: expect.stringMatching(/'tlp:ex:chr' is not a TLP 2.0 level/) }] });
  });

  it('fails a binary file, a Latin-1 file and a file that is not a bundle with a clear error, and refuses an empty body', async () => {
    const binary = await importFile(hub.url, key, { format: 'text', tlp: 'GREEN' }, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    expect(binary).toMatchObject({ status: 'failed', read: 0, errors: [{ path: 'file', message: expect.stringMatching(/binary/) }] });
    const latin1 = await importFile(hub.url, key, { format: 'csv', tlp: 'GREEN', mapping: '{"value": "value", "type": "type"}' }, Buffer.from('value,type\nmünchen-c2.de,domain\n', 'latin1'));
    expect(latin1).toMatchObject({ status: 'failed', errors: [{ path: 'file', message: expect.stringMatching(/UTF-8/) }] });
    const notBundle = await importFile(hub.url, key, { format: 'stix', tlp: 'GREEN' }, '[1, 2, 3]');
    expect(notBundle).toMatchObject({ status: 'failed', errors: [{ path: 'file', message: expect.stringMatching(/not a STIX bundle/) }] });
    // A lone object is not a bundle with nothing in it: the job fails, and stores nothing.
    const lone = await importFile(hub.url, key, { format: 'stix', tlp: 'GREEN' }, JSON.stringify({ ...ipIndicator('198.51.100.77'), objects: [ipIndicator('198.51.100.78')] }));
    expect(lone).toMatchObject({ status: 'failed', read: 0, accepted: 0, errors: [{ path: 'file', message: expect.stringMatching(/is a STIX indicator, not a bundle/) }] });
    // JSON escapes that are not text (PostgreSQL refuses them): named at their property, the rest of the file stored.
    const nul = await importFile(hub.url, key, { format: 'stix', tlp: 'GREEN' }, JSON.stringify(bundle([{ ...ipIndicator('198.51.100.79'), name: 'nul\u0000 here' }, ipIndicator('198.51.100.80')])));
    expect(nul).toMatchObject({ status: 'done', accepted: 1, rejected: 1 });
    const [refusedNul] = (await jobResults(hub.url, key, nul.jobId)).filter((result) => result.status === 'REJECTED');
    expect(refusedNul.errors).toEqual([{ path: 'name', message: 'holds a character that is not text (U+0000, or half of a UTF-16 surrogate pair); remove it' }]);
    // ...also where the file's text is quoted back (a refused id, an unknown tag): the job ends, and the next one runs.
    const nulId = await importFile(hub.url, key, { format: 'stix', tlp: 'GREEN' }, JSON.stringify(bundle([{ ...ipIndicator('198.51.100.81'), id: 'indicator--\u0000' }])));
    expect(nulId).toMatchObject({ status: 'done', rejected: 1 });
    expect((await jobResults(hub.url, key, nulId.jobId))[0].stixId).toBe('indicator--\ufffd');
    const nulTag = await importFile(hub.url, key, { format: 'misp', tlp: 'GREEN' }, JSON.stringify({ Event: { info: 'x', Tag: [{ name: 'tlp:\u0000' }], Attribute: [{ type: 'ip-dst', value: '198.51.100.82', to_ids: true }] } }));
    expect(nulTag).toMatchObject({ status: 'failed', read: 0, errors: [{ path: 'Event.Tag[0]', message: expect.stringMatching(/^'tlp:\ufffd' is not a TLP 2.0 level/) }] });
    const notArray = await importFile(hub.url, key, { format: 'stix', tlp: 'GREEN' }, '{"type": "bundle", "id": "bundle--1", "objects": {}}');
    expect(notArray).toMatchObject({ status: 'failed', errors: [{ path: 'file', message: expect.stringMatching(/"objects" is not an array/) }] });

    const empty = await postImport(hub.url, key, { format: 'text', tlp: 'GREEN' }, '');
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'file' }] });
  });

  it('refuses a compressed upload that expands past the limit, keeping nothing of it', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const refused = await postImport(hub.url, key, { format: 'text', tlp: 'GREEN' }, bomb, { 'content-encoding': 'gzip' });
    expect(refused.status).toBe(413);
    expect(refused.body.message).toMatch(/expands/);
    expect(refused.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', errors: [{ path: 'file', message: expect.stringMatching(/expands/) }] });
    const notGzip = await postImport(hub.url, key, { format: 'text', tlp: 'GREEN' }, 'plain text, said to be gzip', { 'content-encoding': 'gzip' });
    expect(notGzip).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', errors: [{ path: 'file', message: expect.stringMatching(/not valid gzip/) }] } });
    const cutShort = await postImport(hub.url, key, { format: 'text', tlp: 'GREEN' }, gzipSync('198.51.100.99\n'.repeat(1000)).subarray(0, 40), { 'content-encoding': 'gzip' });
    expect(cutShort).toMatchObject({ status: 400, body: { errors: [{ path: 'file', message: expect.stringMatching(/cut short/) }] } });
    const brotli = await postImport(hub.url, key, { format: 'text', tlp: 'GREEN' }, 'x', { 'content-encoding': 'br' });
    expect(brotli).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', errors: [{ path: 'Content-Encoding' }] } });
    const jobs = await hub.graphql<{ importJobs: { edges: { node: { id: string } }[] } }>(`{ importJobs(first: 100) { edges { node { id } } } }`, {}, key);
    const stored = await fetch(`${hub.url}/health`);
    expect(stored.status).toBe(200);
    expect(jobs.data?.importJobs.edges.length).toBeGreaterThan(0);
  });

  it('refuses bad requests before reading the body', async () => {
    const noAudience = await postImport(hub.url, key, { format: 'text', tlp: 'AMBER' }, 'x');
    expect(noAudience.status).toBe(400);
    const noMapping = await postImport(hub.url, key, { format: 'csv', tlp: 'GREEN' }, 'x');
    expect(noMapping.body).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'mapping' }] });
    const badFormat = await postImport(hub.url, key, { format: 'xlsx', tlp: 'GREEN', mapping: '{"value": 0}' }, 'x');
    expect(badFormat.status).toBe(400);
    expect((badFormat.body.errors as { path: string }[]).map((issue) => issue.path)).toEqual(['format']);
    const unknownMapping = await postImport(hub.url, key, { format: 'csv', tlp: 'GREEN', mapping: 'no such mapping' }, 'x');
    expect(unknownMapping.body).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'mapping' }] });
    const redByKey = await postImport(hub.url, key, { format: 'text', tlp: 'RED', recipientEmails: 'reader@pharma.test' }, 'x');
    expect(redByKey.status).toBe(403);
    const anonymousCaller = await postImport(hub.url, undefined, { format: 'text', tlp: 'GREEN' }, 'x');
    expect(anonymousCaller.status).toBe(401);
  });

  it('refuses unknown and repeated parameters rather than sharing otherwise than asked, and audience ids nobody holds', async () => {
    const paths = (response: { body: Record<string, unknown> }) => (response.body.errors as { path: string; message: string }[]).map((issue) => `${issue.path}: ${issue.message}`);
    // A mistyped `anonymous` would otherwise share under the organisation's name.
    const misspelled = await postImport(hub.url, key, { format: 'text', tlp: 'GREEN', anonymus: 'true' }, '198.51.100.90');
    expect(misspelled.status).toBe(400);
    expect(paths(misspelled)).toEqual([expect.stringMatching(/^anonymus: unknown parameter anonymus; the parameters are format, tlp, anonymous/)]);
    const twice = await postImport(hub.url, key, { format: 'text', tlp: ['GREEN', 'RED'], anonymous: ['true', 'false'] }, '198.51.100.91');
    expect(twice.status).toBe(400);
    expect(paths(twice)).toEqual(expect.arrayContaining(['tlp: tlp may be given once', 'anonymous: anonymous may be given once']));
    const mappingForText = await postImport(hub.url, key, { format: 'text', tlp: 'GREEN', mapping: '{"value": 1}' }, '198.51.100.92');
    expect(paths(mappingForText)).toEqual(['mapping: is only for format=csv']);
    const nested = await fetch(`${hub.url}/import?format=text&tlp[a]=GREEN`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: 'x' });
    expect(nested.status).toBe(400);
    const unknownOrganization = await postImport(hub.url, key, { format: 'text', tlp: 'AMBER', organizationIds: '00000000-0000-4000-8000-000000000001' }, '198.51.100.93');
    expect(unknownOrganization.status).toBe(400);
    expect(paths(unknownOrganization)).toEqual(['audience.organizationIds[0]: no active organisation has the id 00000000-0000-4000-8000-000000000001']);
    const jobs = await hub.graphql<{ importJobs: { edges: { node: { id: string } }[] } }>(`{ importJobs(first: 100) { edges { node { id } } } }`, {}, key);
    const before = jobs.data?.importJobs.edges.length;
    await postImport(hub.url, key, { format: 'text', tlp: 'GREEN', anonymus: 'true' }, '198.51.100.90');
    const after = await hub.graphql<{ importJobs: { edges: { node: { id: string } }[] } }>(`{ importJobs(first: 100) { edges { node { id } } } }`, {}, key);
    expect(after.data?.importJobs.edges.length).toBe(before);
  });

  it("follows a job over graphql-ws until it ends; anyone but the job's key gets NOT_FOUND", async () => {
    const lines = ['value,type', ...Array.from({ length: 3_000 }, (_, n) => `10.9.${n >> 8}.${n & 255},ip`)].join('\n');
    const started = await postImport(hub.url, key, { format: 'csv', tlp: 'GREEN', mapping: JSON.stringify({ value: 'value', type: 'type' }) }, lines);
    const jobId = String(started.body.jobId);
    const PROGRESS = `subscription ($id: ID!) { importJobProgress(id: $id) { id status read accepted } }`;
    // The job is the key's: the person who created the key is someone else, like another organisation.
    const own = await connectLive(hub.url, { bearer: key });
    const creator = await connectLive(hub.url, { bearer: member.token });
    const stranger = await connectLive(hub.url, { bearer: reader.token });
    try {
      const followed = await own.subscribe<{ status: string; read: number; accepted: number }>(PROGRESS, { id: jobId });
      const refusedCreator = await creator.subscribe(PROGRESS, { id: jobId });
      const refused = await stranger.subscribe(PROGRESS, { id: jobId });
      for (let waited = 0; followed.values.at(-1)?.status !== 'done' && waited < 60_000; waited += 100) await new Promise((done) => setTimeout(done, 100));
      expect(followed.values.at(-1)).toMatchObject({ status: 'done', read: 3_000, accepted: 3_000 });
      const reads = followed.values.map((value) => value.read);
      expect([...reads].sort((a, b) => a - b)).toEqual(reads);
      expect(refused.values).toEqual([]);
      expect(JSON.stringify(refused.errors)).toContain('NOT_FOUND');
      expect(refusedCreator.values).toEqual([]);
      expect(JSON.stringify(refusedCreator.errors)).toContain('NOT_FOUND');
    } finally {
      await own.close();
      await creator.close();
      await stranger.close();
    }
  });

  it('cancels a running job after its batch in progress, keeping what was stored', async () => {
    const lines = ['value,type', ...Array.from({ length: 30_000 }, (_, n) => `10.8.${n >> 8}.${n & 255},ip`)].join('\n');
    const started = await postImport(hub.url, key, { format: 'csv', tlp: 'GREEN', mapping: JSON.stringify({ value: 'value', type: 'type' }) }, lines);
    const jobId = String(started.body.jobId);
    for (let waited = 0; Number((await getJob(hub.url, key, jobId)).body.read) < 1_000 && waited < 60_000; waited += 20) await new Promise((done) => setTimeout(done, 20));
    const cancelled = await hub.graphql<{ cancelImportJob: { cancelRequested: boolean } }>(`mutation ($id: ID!) { cancelImportJob(id: $id) { cancelRequested } }`, { id: jobId }, key);
    expect(cancelled.data?.cancelImportJob.cancelRequested).toBe(true);
    const job = await waitForJob(hub.url, key, jobId);
    expect(job.status).toBe('cancelled');
    expect(job.read).toBeLessThan(30_000);
    expect(job.accepted).toBe(job.read);
    expect(await jobResults(hub.url, key, jobId)).toHaveLength(job.read);
  });

  it('lists, reads and cancels jobs over GraphQL, and extracts observables for review', async () => {
    const listed = await hub.graphql<{ importJobs: { edges: { node: { id: string; status: string; read: number } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      `{ importJobs(first: 2) { edges { node { id status read } } pageInfo { hasNextPage endCursor } } }`,
      {},
      key,
    );
    expect(listed.data?.importJobs.edges).toHaveLength(2);
    expect(listed.data?.importJobs.pageInfo.hasNextPage).toBe(true);
    const next = await hub.graphql<{ importJobs: { edges: { node: { id: string } }[] } }>(
      `query ($after: String) { importJobs(first: 2, after: $after) { edges { node { id } } } }`,
      { after: listed.data!.importJobs.pageInfo.endCursor },
      key,
    );
    expect(next.data?.importJobs.edges[0].node.id).not.toBe(listed.data!.importJobs.edges[0].node.id);

    const id = listed.data!.importJobs.edges[0].node.id;
    const one = await hub.graphql<{ importJob: { id: string; status: string } }>(`query ($id: ID!) { importJob(id: $id) { id status } }`, { id }, key);
    expect(one.data?.importJob.id).toBe(id);
    // A finished job stays as it ended.
    const cancelled = await hub.graphql<{ cancelImportJob: { status: string } }>(`mutation ($id: ID!) { cancelImportJob(id: $id) { status } }`, { id }, key);
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data?.cancelImportJob.status).toBe(one.data?.importJob.status);

    const extracted = await hub.graphql<{ extractObservables: { type: string; value: string; defanged: boolean; line: number; pattern: string | null }[] }>(
      `query ($text: String!) { extractObservables(text: $text) { type value defanged line pattern } }`,
      { text: 'C2 at 185.220.101[.]47\nsee CVE-2023-4966' },
      key,
    );
    expect(extracted.data?.extractObservables).toEqual([
      { type: 'ipv4-addr', value: '185.220.101.47', defanged: true, line: 1, pattern: "[ipv4-addr:value = '185.220.101.47']" },
      { type: 'vulnerability', value: 'CVE-2023-4966', defanged: false, line: 2, pattern: null },
    ]);
    const status = await getJob(hub.url, key, id);
    expect(status.status).toBe(200);
  });
});
