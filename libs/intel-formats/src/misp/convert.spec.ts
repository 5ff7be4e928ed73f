import { readFileSync } from 'node:fs';
import { parsePattern, validateObject } from '@hub/stix';
import { patternOf } from '../common/observable-pattern';
import { convertAttribute, SUPPORTED_MISP_ATTRIBUTE_TYPES } from './attributes';
import { convertMispEvent, mispObjectUuid, type MispConversion, type ObjectMarking } from './convert';

const partnerEvent = JSON.parse(readFileSync(new URL('../../test/misp/partner-event.json', import.meta.url), 'utf8')) as { Event: Record<string, unknown> };
const now = new Date('2026-11-05T10:00:00.000Z');

function convert(input: unknown): MispConversion {
  const result = convertMispEvent(input, { now, createdByRef: 'identity--0b8f2c7e-4d5a-4f3b-9c1e-2a3b4c5d6e7f' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

const byId = (conversion: MispConversion, id: string) => conversion.objects.find((object) => object.id === id)!;

describe('convertMispEvent on a partner event', () => {
  const conversion = convert(partnerEvent);

  it('makes the ids of what has no valid uuid from an idSeed, the same in every conversion of one seed', () => {
    const withoutUuids = { Event: { info: 'No uuids', Attribute: [{ type: 'ip-dst', value: '198.51.100.7', to_ids: true }, { type: 'domain', value: 'c2.example.net', to_ids: true }] } };
    const ids = (seed?: string) => {
      const result = convertMispEvent(withoutUuids, { now, idScope: 'organisation-1', idSeed: seed });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.objects.filter((object) => object.modified !== undefined).map((object) => object.id);
    };
    expect(ids('job-1').length).toBeGreaterThanOrEqual(3);
    expect(ids('job-1')).toEqual(ids('job-1'));
    expect(ids('job-2').filter((id) => ids('job-1').includes(id))).toEqual([]);
    expect(ids()).not.toEqual(ids());
  });

  it("makes every id its importer's own with an idScope: the same in every import of one scope, none shared between two", () => {
    const idsIn = (scope: string) => {
      const result = convertMispEvent(partnerEvent, { now, idScope: scope });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.objects;
    };
    const first = idsIn('organisation-1');
    const again = idsIn('organisation-1');
    const second = idsIn('organisation-2');
    expect(again.map((object) => object.id)).toEqual(first.map((object) => object.id));
    const firstIds = new Set(first.map((object) => object.id));
    // Cyber observables keep the ids STIX derives from their values: they are nobody's (the hub stores one per reach).
    expect(second.filter((object) => object.modified !== undefined && firstIds.has(object.id))).toEqual([]);
    expect(second.filter((object) => object.modified !== undefined).length).toBeGreaterThan(10);
    expect(first.find((object) => object.id === `indicator--${mispObjectUuid('0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', 'organisation-1')}`)).toMatchObject({ pattern: "[ipv4-addr:value = '185.220.101.47']" });
    // References follow the scoped ids: nothing of one scope points at the other's objects or at the unscoped ones.
    const references = first.flatMap((object) => [object.source_ref, object.target_ref, ...((object.object_refs as string[] | undefined) ?? [])]).filter((ref): ref is string => typeof ref === 'string');
    expect(references.length).toBeGreaterThan(0);
    for (const ref of references) expect(firstIds.has(ref)).toBe(true);
  });

  it('produces only valid STIX 2.1 objects', () => {
    for (const object of conversion.objects) {
      const result = validateObject(object);
      expect({ id: object.id, errors: result.errors }).toEqual({ id: object.id, errors: [] });
    }
  });

  it('makes an indicator per to_ids attribute, its id from the attribute uuid', () => {
    const patterns = conversion.objects.filter((object) => object.type === 'indicator').map((object) => [object.id, object.pattern]);
    expect(patterns).toEqual([
      ['indicator--0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', "[ipv4-addr:value = '185.220.101.47']"],
      ['indicator--2b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '45.137.21.9' AND network-traffic:dst_port = 8443]"],
      ['indicator--3b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', "[domain-name:value = 'medsupply-invoices.com']"],
      ['indicator--4b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', "[domain-name:value = 'cdn.health-sync.info']"],
      ['indicator--5b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', "[domain-name:value = 'qbot-c2.net' AND domain-name:resolves_to_refs[*].value = '203.0.113.77']"],
      ['indicator--6b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', "[url:value = 'https://medsupply-invoices.com/download/invoice.php?id=44721']"],
      ['indicator--7b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', "[email-message:from_ref.value = 'billing@medsupply-invoices.com']"],
      ['indicator--9b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', "[file:hashes.'SHA-256' = '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b']"],
      ['indicator--ab1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', "[file:name = 'invoice_44721.one' AND file:hashes.'MD5' = '44d88612fea8a8f36de82e1278abb02f']"],
      ['indicator--cb1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', "[mutex:name = 'Global\\\\qbot_mtx_5521']"],
      ['indicator--db1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Run\\\\updater']"],
      ['indicator--4c1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', "[file:hashes.'SHA-1' = '3395856ce81f2b7382dee72602f798b642f14140']"],
    ]);
    expect(byId(conversion, 'indicator--0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9')).toMatchObject({
      description: 'C2 server',
      valid_from: '2026-11-02T08:00:00.000Z',
      created_by_ref: 'identity--0b8f2c7e-4d5a-4f3b-9c1e-2a3b4c5d6e7f',
    });
    expect(byId(conversion, 'indicator--3b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9')).toMatchObject({ labels: ['kill-chain:delivery'] });
  });

  it('keeps attributes that are not to_ids as observables', () => {
    const observables = conversion.objects.filter((object) => ['ipv4-addr', 'email-addr', 'autonomous-system', 'file'].includes(object.type));
    expect(observables.map(({ type, value, number, name }) => [type, value ?? number ?? name])).toEqual([
      ['ipv4-addr', '198.51.100.23'],
      ['email-addr', 'accounts@hospital.example.org'],
      ['autonomous-system', 64496],
      ['file', 'wmiprvse_.dll'],
    ]);
  });

  it('makes a vulnerability, a note, and an external reference for the link', () => {
    expect(byId(conversion, 'vulnerability--bb1c2d3e-4f50-4617-8293-a4b5c6d7e8f9')).toMatchObject({
      name: 'CVE-2023-4966',
      description: 'exploited for lateral movement',
      external_references: [{ source_name: 'cve', external_id: 'CVE-2023-4966' }],
    });
    expect(byId(conversion, 'note--0c1c2d3e-4f50-4617-8293-a4b5c6d7e8f9')).toMatchObject({
      content: 'Lures impersonate a medical supply vendor and reference overdue invoices.',
      object_refs: ['report--5f3c2a1e-8d4b-4c6a-9e2f-1a2b3c4d5e6f'],
    });
  });

  it('makes ATT&CK objects by external id with stable ids, and indicates relationships to them', () => {
    const attack = conversion.objects.filter((object) => ['attack-pattern', 'malware'].includes(object.type));
    expect(attack.map((object) => [object.type, object.name, (object.external_references as { external_id: string }[])[0].external_id])).toEqual([
      ['attack-pattern', 'Spearphishing Attachment', 'T1566.001'],
      ['attack-pattern', 'Registry Run Keys / Startup Folder', 'T1547.001'],
      ['malware', 'QakBot', 'S0650'],
    ]);
    expect(attack[0]).toMatchObject({ external_references: [{ url: 'https://attack.mitre.org/techniques/T1566/001/' }] });
    expect(conversion.attackExternalIds).toEqual(['T1566.001', 'T1547.001']);
    expect(convert(partnerEvent).objects.filter((object) => object.type === 'attack-pattern').map((object) => object.id)).toEqual(attack.slice(0, 2).map((object) => object.id));
    const relationships = conversion.objects.filter((object) => object.type === 'relationship');
    expect(relationships).toHaveLength(12 * 3);
    expect(relationships[0]).toMatchObject({ relationship_type: 'indicates', source_ref: 'indicator--0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', target_ref: attack[0].id });
  });

  it('makes a report for the event that refers to every object but the note', () => {
    const report = byId(conversion, 'report--5f3c2a1e-8d4b-4c6a-9e2f-1a2b3c4d5e6f');
    expect(report).toMatchObject({
      name: 'QakBot phishing wave against hospitals (partner CERT)',
      published: '2026-11-02T09:00:00.000Z',
      labels: ['misp:threat-level="high"', 'malware:qakbot'],
      external_references: [{ source_name: 'misp-link', url: 'https://blog.vendor-secure.example.com/qakbot-returns', description: 'vendor write-up' }],
    });
    const others = conversion.objects.filter((object) => object.type !== 'report' && object.type !== 'note').map((object) => object.id);
    expect(new Set(report.object_refs as string[])).toEqual(new Set(others));
  });

  it('returns the strictest TLP among the tags for the caller to check', () => {
    expect(conversion.tlp).toBe('RED');
    expect(conversion.tlpTags).toEqual([
      { path: 'Event.Tag[0]', tag: 'tlp:amber', level: 'AMBER' },
      { path: 'Event.Attribute[9].Tag[0]', tag: 'tlp:red', level: 'RED' },
    ]);
  });

  it('reports what it could not convert, by attribute path', () => {
    expect(conversion.issues).toEqual([
      { path: 'Event.Attribute[17]', message: "attribute type 'btc' is not supported" },
      { path: 'Event.Attribute[18]', message: "'185.220.101.470' is not a valid ipv4-addr value (expected 203.0.113.5 or 198.51.100.0/24)" },
      { path: 'Event.Object[0].Attribute[2]', message: "attribute type 'size-in-bytes' is not supported" },
    ]);
  });
});

describe('convertMispEvent TLP tags', () => {
  it.each<[string, string | undefined]>([
    ['tlp:white', 'CLEAR'],
    ['tlp:clear', 'CLEAR'],
    ['TLP:GREEN', 'GREEN'],
    ['tlp:amber', 'AMBER'],
    ['tlp:amber+strict', 'AMBER_STRICT'],
    ['tlp:red', 'RED'],
    ['osint:source-type="blog-post"', undefined],
  ])('%s -> %s', (tag, level) => {
    const result = convert({ Event: { info: 'x', Tag: [{ name: tag }], Attribute: [{ type: 'domain', value: 'evil.example.com', to_ids: true }] } });
    expect(result.tlp).toBe(level);
  });

  it('returns an unknown tlp: tag apart rather than guessing its level (the caller refuses what it marks)', () => {
    const result = convert({
      Event: { info: 'x', Tag: [{ name: 'tlp:ex:chr' }], Attribute: [{ type: 'domain', value: 'evil.example.com', to_ids: true, Tag: [{ name: 'tlp:amber-strict' }] }] },
    });
    expect(result.tlp).toBeUndefined();
    expect(result.unknownTlpTags).toEqual([
      { path: 'Event.Tag[0]', tag: 'tlp:ex:chr' },
      { path: 'Event.Attribute[0].Tag[0]', tag: 'tlp:amber-strict' },
    ]);
    expect(result.issues).toEqual([]);
  });
});

describe('convertMispEvent input', () => {
  it.each<[string, unknown, string]>([
    ['not an object', 'hello', ''],
    ['an event without info', { Event: { Attribute: [] } }, 'Event.info'],
    ['an empty info', { Event: { info: ' ' } }, 'Event.info'],
    ['Attribute not a list', { Event: { info: 'x', Attribute: {} } }, 'Event.Attribute'],
  ])('refuses %s', (_name, input, path) => {
    expect(convertMispEvent(input)).toEqual({ ok: false, errors: [expect.objectContaining({ path })] });
  });

  it('accepts the REST response wrapper and a bare event', () => {
    const event = { info: 'x', Attribute: [{ type: 'domain', value: 'evil.example.com', to_ids: '1' }] };
    expect(convert({ response: [{ Event: event }] }).objects.map((object) => object.type)).toEqual(['indicator', 'report']);
    expect(convert(event).objects.map((object) => object.type)).toEqual(['indicator', 'report']);
  });

  it('reports attributes and objects that are not JSON objects', () => {
    const result = convert({ Event: { info: 'x', Attribute: ['203.0.113.5', { type: 'domain', value: 'evil.example.com', to_ids: true }], Object: [{ name: 'file', Attribute: 'x' }] } });
    expect(result.issues).toEqual([
      { path: 'Event.Attribute[0]', message: 'must be a JSON object' },
      { path: 'Event.Object[0].Attribute', message: 'must be a list' },
    ]);
  });

  it('skips soft-deleted attributes and objects', () => {
    const result = convert({
      Event: {
        info: 'x',
        Attribute: [{ type: 'domain', value: 'gone.example.com', to_ids: true, deleted: true }, { type: 'domain', value: 'kept.example.com', to_ids: true, deleted: false }],
        Object: [{ name: 'file', deleted: '1', Attribute: [{ type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e', to_ids: true }] }],
      },
    });
    expect(result.objects.filter((object) => object.type === 'indicator').map((object) => object.pattern)).toEqual(["[domain-name:value = 'kept.example.com']"]);
  });

  it('makes no report when nothing converts, and says so', () => {
    const result = convert({ Event: { info: 'x', Attribute: [{ type: 'text', value: 'just words' }, { type: 'btc', value: 'x' }] } });
    expect(result.objects).toEqual([]);
    expect(result.issues.map((issue) => issue.path)).toEqual(['Event.Attribute[1]', 'Event']);
  });
});

describe('convertAttribute', () => {
  it.each<[string, string, string]>([
    ['ip-src', '2001:DB8::1', "[ipv6-addr:value = '2001:db8::1']"],
    ['ip-dst', '198.51.100.0/24', "[ipv4-addr:value = '198.51.100.0/24']"],
    ['ip-src|port', '203.0.113.5|4444', "[network-traffic:src_ref.type = 'ipv4-addr' AND network-traffic:src_ref.value = '203.0.113.5' AND network-traffic:src_port = 4444]"],
    ['uri', '/gate.php', "[url:value = '/gate.php']"],
    ['email-dst', 'Victim@Hospital.example.org', "[email-message:to_refs[*].value = 'victim@hospital.example.org']"],
    ['email', 'a@b.example.com', "[email-addr:value = 'a@b.example.com']"],
    ['md5', 'D41D8CD98F00B204E9800998ECF8427E', "[file:hashes.'MD5' = 'd41d8cd98f00b204e9800998ecf8427e']"],
    ['sha512', 'a'.repeat(128), `[file:hashes.'SHA-512' = '${'a'.repeat(128)}']`],
    ['filename', "it's.exe", "[file:name = 'it\\'s.exe']"],
    ['filename|sha256', `x.dll|${'b'.repeat(64)}`, `[file:name = 'x.dll' AND file:hashes.'SHA-256' = '${'b'.repeat(64)}']`],
    ['regkey|value', 'HKLM\\Run|evil.exe', "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Run' AND windows-registry-key:values[*].data = 'evil.exe']"],
    ['AS', 'as64496', '[autonomous-system:number = 64496]'],
  ])('%s %s', (type, value, pattern) => {
    const converted = convertAttribute(type, value);
    expect(converted.kind).toBe('observable');
    if (converted.kind !== 'observable') return;
    expect(patternOf(converted.comparisons)).toBe(pattern);
    expect(parsePattern(pattern).ok).toBe(true);
    for (const sco of converted.scos) expect(validateObject(sco).errors).toEqual([]);
  });

  it.each<[string, string, string]>([
    ['ip-dst|port', '203.0.113.5', "'203.0.113.5' is not an address and a port separated by '|'"],
    ['ip-dst|port', '203.0.113.5|70000', "'70000' is not a port number (0-65535)"],
    ['domain|ip', 'evil.example.com|nope', "'nope' is not a valid ipv4-addr value (expected 203.0.113.5 or 198.51.100.0/24)"],
    ['sha1', 'a'.repeat(64), `'${'a'.repeat(64)}' is not a SHA-1 digest (it has the length of SHA-256)`],
    ['vulnerability', 'Log4Shell', "'Log4Shell' is not a CVE identifier"],
    ['link', 'javascript:alert(1)', "'javascript:alert(1)' is not an http(s) link"],
    ['constructor', 'x', "attribute type 'constructor' is not supported"],
  ])('refuses %s %s', (type, value, reason) => {
    expect(convertAttribute(type, value)).toEqual({ kind: 'error', reason });
  });

  it('covers the common attribute types', () => {
    expect(SUPPORTED_MISP_ATTRIBUTE_TYPES).toEqual(expect.arrayContaining(['ip-src', 'ip-dst', 'ip-src|port', 'domain', 'hostname', 'domain|ip', 'url', 'uri', 'email-src', 'email-dst', 'md5', 'sha1', 'sha256', 'sha512', 'filename|md5', 'vulnerability', 'mutex', 'regkey', 'AS', 'link', 'text', 'comment']));
  });
});

describe('convertMispEvent: which attribute tags reach which object', () => {
  const ip = (uuid: string, value: string, extra: Record<string, unknown> = {}) => ({ type: 'ip-dst', value, to_ids: true, uuid, ...extra });
  const intrusionSet = { type: 'mitre-intrusion-set', GalaxyCluster: [{ value: 'APT29 - G0016' }] };
  const markingOf = (result: MispConversion, type: string) => result.markings.find((marking) => marking.id.startsWith(`${type}--`));

  it('marks what an attribute makes with its tag: its indicator, its galaxies’ objects and its relationships, not the report', () => {
    const result = convert({ Event: { info: 'x', Attribute: [ip('11111111-1111-4111-8111-111111111111', '203.0.113.5', { Tag: [{ name: 'tlp:red' }], Galaxy: [intrusionSet] })] } });
    expect(markingOf(result, 'indicator')).toMatchObject({ level: 'RED', path: 'Event.Attribute[0]' });
    expect(markingOf(result, 'intrusion-set')).toMatchObject({ level: 'RED' });
    expect(markingOf(result, 'relationship')).toMatchObject({ level: 'RED' });
    expect(markingOf(result, 'report')).toBeUndefined();
  });

  it('takes the strictest of what makes an object: it holds what the first of them wrote', () => {
    // The RED attribute's cluster comes first: its name and description are the object's.
    const secret = { type: 'mitre-intrusion-set', GalaxyCluster: [{ value: 'SECRET-NAME - G0007', description: 'seen inside the ICU network' }] };
    const known = { type: 'mitre-intrusion-set', GalaxyCluster: [{ value: 'APT28 - G0007', description: 'public' }] };
    const result = convert({
      Event: { info: 'x', Galaxy: [known], Attribute: [ip('11111111-1111-4111-8111-111111111111', '203.0.113.5', { Tag: [{ name: 'tlp:red' }], Galaxy: [secret] }), ip('11111111-1111-4111-8111-111111111112', '203.0.113.6', { Tag: [{ name: 'tlp:green' }], Galaxy: [known] })] },
    });
    expect(markingOf(result, 'intrusion-set')).toMatchObject({ level: 'RED' });
    // A domain's resolution written by a RED attribute stays RED, whoever else names the domain.
    const resolved = convert({ Event: { info: 'x', Attribute: [{ type: 'domain|ip', value: 'evil.example|10.9.9.9', Tag: [{ name: 'tlp:red' }] }, { type: 'domain', value: 'evil.example', Tag: [{ name: 'tlp:green' }] }] } });
    expect(markingOf(resolved, 'domain-name')).toMatchObject({ level: 'RED' });
  });

  it('keeps attributes that share a uuid apart: each object its own attribute’s tag; the same uuid twice for one kind is reported', () => {
    const uuid = '22222222-2222-4222-8222-222222222222';
    const result = convert({
      Event: {
        info: 'x',
        Attribute: [{ type: 'vulnerability', value: 'CVE-2024-1234', uuid }, ip(uuid, '203.0.113.5', { Tag: [{ name: 'tlp:red' }] }), ip(uuid, '203.0.113.6')],
      },
    });
    expect(markingOf(result, 'indicator')).toMatchObject({ level: 'RED', path: 'Event.Attribute[1]' });
    expect(markingOf(result, 'vulnerability')).toBeUndefined();
    expect(result.issues).toContainEqual({ path: 'Event.Attribute[2].uuid', message: expect.stringMatching(/uuid of an earlier attribute/) });
  });

  it.each<[string, Record<string, unknown>, Partial<ObjectMarking>]>([
    ['a lone tag object', { Tag: { name: 'tlp:red' } }, { level: 'RED' }],
    ['tag names as strings', { Tag: ['tlp:amber', 'phishing'] }, { level: 'AMBER' }],
    ["MISP's own shape", { AttributeTag: [{ Tag: { name: 'tlp:red' } }] }, { level: 'RED' }],
    ['a tag_name', { Tag: [{ tag_name: 'tlp:amber' }] }, { level: 'AMBER' }],
    ['a format character inside', { Tag: [{ name: 'tlp\u200b:red' }] }, { level: 'RED' }],
    ['a Tag that is neither', { Tag: 'tlp:red' }, { refusal: { path: 'Event.Attribute[0].Tag', message: expect.stringMatching(/not a TLP 2.0 level/) } }],
    ['a tag in a shape it cannot read', { Tag: [['tlp:red']] }, { refusal: { path: 'Event.Attribute[0].Tag[0]', message: expect.stringMatching(/not a TLP 2.0 level/) } }],
    ['a name that is not a string', { Tag: [{ name: ['tlp:red'] }] }, { refusal: { path: 'Event.Attribute[0].Tag[0]', message: expect.any(String) } }],
    ['an unknown tlp: tag', { Tag: [{ name: 'tlp: ex:chr' }] }, { refusal: { path: 'Event.Attribute[0].Tag[0]', message: expect.stringMatching(/'tlp: ex:chr' is not a TLP 2.0 level/) } }],
    ['another spelling of TLP', { Tag: [{ name: 'TLP-RED' }] }, { refusal: { path: 'Event.Attribute[0].Tag[0]', message: expect.any(String) } }],
    ['a readable name beside an inner tag list', { Tag: [{ name: 'osint', Tag: [{ name: 'tlp:red' }] }] }, { refusal: { path: 'Event.Attribute[0].Tag[0]', message: expect.any(String) } }],
    ['a readable tag_name beside a name that is a list', { Tag: [{ name: ['tlp:red'], tag_name: 'osint' }] }, { refusal: { path: 'Event.Attribute[0].Tag[0]', message: expect.any(String) } }],
    ['a readable name beside a tag_name that is an object', { Tag: [{ name: 'osint', tag_name: { name: 'tlp:red' } }] }, { refusal: { path: 'Event.Attribute[0].Tag[0]', message: expect.any(String) } }],
    ['a name beside an inner Tag written as a string', { Tag: [{ name: 'osint', Tag: 'tlp:red' }] }, { level: 'RED' }],
    ['a name beside another key that reads as a name', { Tag: [{ name: 'osint', Name: 'tlp:red' }] }, { refusal: { path: 'Event.Attribute[0].Tag[0]', message: expect.any(String) } }],
    ['a tag_name inside the inner Tag', { Tag: [{ Tag: { name: 'osint', tag_name: 'tlp:red' } }] }, { level: 'RED' }],
    ['a Tag within the inner Tag', { Tag: [{ name: 'osint', Tag: { Tag: { name: 'tlp:red' } } }] }, { refusal: { path: 'Event.Attribute[0].Tag[0]', message: expect.any(String) } }],
    ['a tag key spelled with a space', { 'Tag ': [{ name: 'tlp:red' }] }, { refusal: { path: 'Event.Attribute[0].Tag ', message: expect.any(String) } }],
    ['a distribution key spelled otherwise', { Distribution: 0 }, { refusal: { path: 'Event.Attribute[0].Distribution', message: expect.any(String) } }],
    ['a variation selector inside tlp', { Tag: [{ name: 't\ufe0flp:red' }] }, { level: 'RED' }],
    ["FIRST's IEP", { Tag: [{ name: 'iep:traffic-light-protocol="RED"' }] }, { level: 'RED' }],
    ['IEP 2', { Tag: [{ name: 'iep2-policy:tlp="amber+strict"' }] }, { level: 'AMBER_STRICT' }],
    ['the AIS marking', { Tag: [{ name: 'ais-marking:TLPMarking="AMBER"' }] }, { level: 'AMBER' }],
    ['a TLP taxonomy value it does not know', { Tag: [{ name: 'iep:traffic-light-protocol="ORANGE"' }] }, { refusal: { path: 'Event.Attribute[0].Tag[0]', message: expect.any(String) } }],
    ["MISP's 'your organisation only'", { distribution: '0' }, { refusal: { path: 'Event.Attribute[0].distribution', message: expect.stringMatching(/^MISP distribution 0/) } }],
    ['a MISP sharing group', { distribution: 4, sharing_group_id: '7' }, { refusal: { path: 'Event.Attribute[0].distribution', message: expect.stringMatching(/^MISP distribution 4/) } }],
  ])('reads %s and never lets it through unmarked', (_case, extra, marking) => {
    const result = convert({ Event: { info: 'x', Attribute: [ip('33333333-3333-4333-8333-333333333333', '203.0.113.7', extra)] } });
    expect(markingOf(result, 'indicator')).toMatchObject(marking);
  });

  it("lets a MISP object's tags and distribution reach its attributes, and refuses an event kept to its organisation", () => {
    const result = convert({ Event: { info: 'x', Object: [{ name: 'ip-port', Tag: [{ name: 'tlp:amber' }], Attribute: [ip('66666666-6666-4666-8666-666666666666', '203.0.113.10')] }, { name: 'ip-port', distribution: 0, Attribute: [ip('66666666-6666-4666-8666-666666666667', '203.0.113.11')] }] } });
    expect(result.markings.filter((marking) => marking.id.startsWith('indicator--')).map((marking) => marking.level ?? marking.refusal?.path)).toEqual(['AMBER', 'Event.Object[1].distribution']);
    expect(convertMispEvent({ Event: { info: 'x', distribution: '0', Attribute: [ip('66666666-6666-4666-8666-666666666668', '203.0.113.12')] } })).toEqual({
      ok: false,
      errors: [{ path: 'Event.distribution', message: expect.stringMatching(/^MISP distribution 0/) }],
    });
  });

  it('marks the report as strictly as a link written into it', () => {
    const result = convert({ Event: { info: 'x', Attribute: [ip('44444444-4444-4444-8444-444444444444', '203.0.113.8'), { type: 'link', value: 'https://vendor.example/private-report', Tag: [{ name: 'tlp:amber' }] }] } });
    expect(markingOf(result, 'report')).toMatchObject({ level: 'AMBER', path: 'Event.Attribute[1]' });
    expect(markingOf(result, 'indicator')).toBeUndefined();
  });

  it('takes tags and galaxy types named like what every object inherits as plain names', () => {
    const result = convert({ Event: { info: 'x', Tag: [{ name: 'constructor' }], Galaxy: [{ type: 'toString', GalaxyCluster: [] }], Attribute: [ip('55555555-5555-4555-8555-555555555555', '203.0.113.9')] } });
    expect(result.tlpTags).toEqual([]);
    expect(result.issues).toContainEqual({ path: 'Event.Galaxy[0]', message: expect.stringMatching(/galaxy type 'toString' is not converted/) });
  });

  it("reads the event's tags under any of MISP's keys into eventMarking", () => {
    expect(convert({ Event: { info: 'x', AttributeTag: [{ Tag: { name: 'tlp:red' } }], Attribute: [ip('77777777-7777-4777-8777-777777777777', '203.0.113.13')] } }).eventMarking).toEqual({ level: 'RED' });
    expect(convert({ Event: { info: 'x', tags: [{ name: 'tlp:red' }], Attribute: [ip('77777777-7777-4777-8777-777777777778', '203.0.113.14')] } }).eventMarking).toMatchObject({ refusal: { path: 'Event.tags' } });
  });

  it.each<[string, unknown]>([
    ['00', '00'],
    ['a fullwidth zero', '\uff10'],
    ['words', 'Your organisation only'],
    ['6', 6],
    ['true', true],
    ['a list', [0]],
  ])('refuses a distribution it does not know: %s', (_case, distribution) => {
    const result = convert({ Event: { info: 'x', Attribute: [ip('88888888-8888-4888-8888-888888888888', '203.0.113.15', { distribution })] } });
    expect(markingOf(result, 'indicator')).toMatchObject({ refusal: { path: 'Event.Attribute[0].distribution' } });
    expect(convertMispEvent({ Event: { info: 'x', distribution, Attribute: [] } })).toMatchObject({ ok: false, errors: [{ path: 'Event.distribution' }] });
  });

  it('takes every name a tag carries, keeps local tags out of the labels and clusters kept in MISP out of the objects, and survives a tag nested without end', () => {
    const nested = JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`) as unknown;
    const result = convert({
      Event: {
        info: 'x',
        Attribute: [
          ip('99999999-9999-4999-8999-999999999991', '203.0.113.16', { Tag: [{ name: '', tag_name: 'tlp:red' }, { name: 'customer=acme-hospital', local: 1 }, { name: 'phishing' }] }),
          ip('99999999-9999-4999-8999-999999999992', '203.0.113.17', { Galaxy: [{ type: 'mitre-intrusion-set', GalaxyCluster: [{ value: 'APT29 - G0016', distribution: '0' }] }] }),
          ip('99999999-9999-4999-8999-999999999993', '203.0.113.18', { Tag: [nested] }),
        ],
      },
    });
    const indicators = result.objects.filter((object) => object.type === 'indicator');
    expect(result.markings.find((marking) => marking.id === indicators[0].id)).toMatchObject({ level: 'RED' });
    expect(indicators[0].labels).toEqual(['phishing']);
    expect(result.objects.some((object) => object.type === 'intrusion-set')).toBe(false);
    expect(result.issues).toContainEqual({ path: 'Event.Attribute[1].Galaxy[0].GalaxyCluster[0]', message: expect.stringMatching(/^MISP distribution 0/) });
    expect(result.markings.find((marking) => marking.id === indicators[2].id)).toMatchObject({ refusal: { path: 'Event.Attribute[2].Tag[0]' } });
  });

  it('shares no label the source kept in MISP: galaxy tags (their clusters are objects, or withheld), tags not exportable, local tags', () => {
    const galaxyTag = { name: 'misp-galaxy:mitre-intrusion-set="ICU-Insider-Group - G0016"', is_galaxy: true, local: 0 };
    const cluster = { type: 'mitre-intrusion-set', GalaxyCluster: [{ value: 'ICU-Insider-Group - G0016', distribution: '0' }] };
    const result = convert({
      Event: {
        info: 'x',
        Tag: [galaxyTag, { name: 'internal:ward=ICU-3', exportable: false }, { name: 'campaign:qakbot' }],
        Galaxy: [cluster],
        Attribute: [ip('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '203.0.113.19', { Tag: [galaxyTag, { name: 'osint', Tag: { exportable: '0' } }, { name: 'phishing' }], Galaxy: [cluster] })],
      },
    });
    expect(result.objects.find((object) => object.type === 'report')?.labels).toEqual(['campaign:qakbot']);
    expect(result.objects.find((object) => object.type === 'indicator')?.labels).toEqual(['phishing']);
    expect(result.objects.some((object) => object.type === 'intrusion-set')).toBe(false);
  });

  it('keeps a cluster MISP keeps to itself: attached by a tag not exported or local (either level of the tag), unpublished or deleted', () => {
    const cluster = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'mitre-intrusion-set', GalaxyCluster: [{ value, ...extra }] });
    const result = convert({
      Event: {
        info: 'x',
        Attribute: [
          ip('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb1', '203.0.113.20', { Tag: [{ name: 'misp-galaxy:mitre-intrusion-set="APT29 - G0016"', exportable: false }], Galaxy: [cluster('APT29 - G0016')] }),
          ip('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb2', '203.0.113.21', { Tag: [{ name: 'misp-galaxy:mitre-intrusion-set="APT28 - G0007"', local: false, Tag: { local: true } }], Galaxy: [cluster('APT28 - G0007')] }),
          ip('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb3', '203.0.113.22', { Galaxy: [cluster('Lazarus Group - G0032', { published: false }), cluster('FIN7 - G0046', { deleted: true })] }),
          ip('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb4', '203.0.113.23', { Tag: [{ name: 'victim:acme', local: false, Tag: { local: true } }] }),
        ],
      },
    });
    expect(result.objects.filter((object) => object.type === 'intrusion-set')).toEqual([]);
    expect(result.objects.filter((object) => object.type === 'indicator').map((object) => object.labels)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads local, exportable, deleted and published as MISP saves them: set unless plainly off', () => {
    const cluster = (value: string, extra: Record<string, unknown>) => ({ type: 'mitre-intrusion-set', GalaxyCluster: [{ value, ...extra }] });
    const result = convert({
      Event: {
        info: 'x',
        Attribute: [
          ip('dddddddd-dddd-4ddd-8ddd-ddddddddddd1', '203.0.113.30', {
            Tag: [{ name: 'project-nightingale', local: 'True' }, { name: 'ward-3', exportable: 'False' }, { name: 'old', deleted: 'yes' }, { name: 'phishing', local: '0', exportable: '1' }],
            Galaxy: [cluster('APT29 - G0016', { local: 'True' }), cluster('APT28 - G0007', { published: '0' }), cluster('FIN7 - G0046', { deleted: 2 })],
          }),
          ip('dddddddd-dddd-4ddd-8ddd-ddddddddddd2', '203.0.113.31', { deleted: 'True' }),
          ip('dddddddd-dddd-4ddd-8ddd-ddddddddddd3', '203.0.113.32', { timestamp: '99999999999999' }),
        ],
      },
    });
    const indicators = result.objects.filter((object) => object.type === 'indicator');
    expect(indicators.map((object) => object.labels)).toEqual([['phishing'], undefined]);
    expect(result.objects.some((object) => object.type === 'intrusion-set')).toBe(false);
  });

  it('reads a registry hive named like what every object inherits as part of the key', () => {
    const result = convert({ Event: { info: 'x', Attribute: [{ type: 'regkey', value: 'constructor\\Software\\x', to_ids: true, uuid: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc' }] } });
    expect(result.objects.find((object) => object.type === 'indicator')?.pattern).toContain('constructor');
    expect(result.objects.find((object) => object.type === 'indicator')?.pattern).not.toContain('native code');
  });

  it('refuses a file of several events rather than reading one of them', () => {
    expect(convertMispEvent({ response: [{ Event: { info: 'a' } }, { Event: { info: 'b' } }] })).toEqual({ ok: false, errors: [{ path: 'response', message: 'holds 2 events; import one event per file' }] });
  });
});
