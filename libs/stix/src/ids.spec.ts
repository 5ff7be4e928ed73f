import { isRfc4122Uuid, newStixId, parseStixId, SCO_ID_CONTRIBUTING_PROPERTIES, SCO_ID_NAMESPACE, scoId, uuidV5 } from './ids';
import { SCO_TYPES } from './objects/object-types';

// Expected identifiers were computed independently with Python's uuid.uuid5 over
// json.dumps(contributing_properties, sort_keys=True, separators=(',', ':'), ensure_ascii=False),
// which is RFC 8785 for these values.
describe('deterministic cyber-observable identifiers', () => {
  it('implements UUIDv5 (RFC 4122 test vector for the DNS namespace)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it.each([
    [{ type: 'ipv4-addr', value: '203.0.113.1' }, 'ipv4-addr--ad74bc22-43d2-52ed-890e-7d382f58e1eb'],
    [{ type: 'ipv4-addr', value: '198.51.100.3', resolves_to_refs: ['mac-addr--65cfcf98-8a6e-5a1b-8f61-379ac4f92d00'] }, 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4'],
    [{ type: 'ipv6-addr', value: '2001:db8::1' }, 'ipv6-addr--6469e3a9-b053-5e34-a025-9396ae051d26'],
    [{ type: 'domain-name', value: 'bücher.example' }, 'domain-name--dbf3aff2-b3cd-57d2-9616-0ddfde9d01ad'],
    [{ type: 'url', value: 'https://example.com/research/index.html' }, 'url--47c3cf9a-5027-5bf0-997a-017c7edc7c55'],
    [{ type: 'autonomous-system', number: 15139, name: 'Slime Industries' }, 'autonomous-system--3aa27478-50b5-5ab8-9da9-cdc12b657fff'],
    [
      { type: 'file', name: 'qwerty.dll', size: 25536, hashes: { 'SHA-256': '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877', MD5: 'd41d8cd98f00b204e9800998ecf8427e' } },
      'file--9280333e-d3dc-511e-b996-da072f450627',
    ],
    [
      { type: 'file', name: 'a.exe', hashes: { 'SHA-256': '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877' }, parent_directory_ref: 'directory--93c0a9b0-520d-545d-9094-1a08ddf46b05' },
      'file--f23eea9f-57f8-5dfc-b1eb-b4796ffcd0d5',
    ],
    [
      { type: 'email-message', is_multipart: false, from_ref: 'email-addr--89f52ea8-d6ef-51e9-8fce-6a29236436ed', subject: 'Saying Hello', body: 'Hi 👋' },
      'email-message--f18da99f-3e5f-5149-b64d-59249491d381',
    ],
    [
      {
        type: 'network-traffic',
        src_ref: 'ipv4-addr--4d22aae0-2bf9-5427-8819-e4f6abf20a53',
        dst_ref: 'ipv4-addr--6da8dad3-4de3-5f8e-ab23-45d0b8f12f94',
        src_port: 49152,
        dst_port: 443,
        protocols: ['ipv4', 'tcp'],
        start: '2024-01-02T03:04:05.000Z',
        src_byte_count: 1000,
      },
      'network-traffic--65576676-354a-5d93-b00b-69948692275c',
    ],
    [{ type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\System\\Foo', values: [{ name: 'Foo', data: 'qwerty', data_type: 'REG_SZ' }] }, 'windows-registry-key--44b70a8f-a279-5869-b913-a8a56fb9f87f'],
    [{ type: 'x509-certificate', serial_number: '36:f7:d4:32', hashes: { 'SHA-256': '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877' } }, 'x509-certificate--54391766-fe56-56c6-a347-d3567c2fb9e6'],
    [{ type: 'artifact', payload_bin: 'aGVsbG8gd29ybGR+Cg==', mime_type: 'text/plain' }, 'artifact--f869dfe2-4b05-5666-b83f-0e8297a4a9c6'],
    [{ type: 'software', name: 'Word', cpe: 'cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*', version: '2002', vendor: 'Microsoft' }, 'software--710b0b41-d4d0-5d6c-a400-fc9254554ffc'],
    [{ type: 'user-account', user_id: '1001', account_login: 'jdoe', account_type: 'unix', display_name: 'John Doe' }, 'user-account--f94d689e-707d-58c3-b803-c720bb6ed096'],
    [{ type: 'mutex', name: '__CLEANSWEEP__' }, 'mutex--f93fe911-e545-5239-b9b0-597840d0c871'],
    [{ type: 'email-addr', value: 'john@example.com', display_name: 'John Doe' }, 'email-addr--7165e2a9-671f-585d-b1e1-ca59c671d934'],
    [{ type: 'mac-addr', value: 'd2:fb:49:24:37:18' }, 'mac-addr--757b1725-9903-54f5-a855-1240691d7659'],
    [{ type: 'directory', path: 'C:\\Windows\\System32' }, 'directory--0a58d0c1-59e6-5afd-8252-dcd3f13e5622'],
  ])('derives the identifier of %j', (observable, expected) => {
    expect(scoId(observable)).toBe(expected);
  });

  it('ignores the object id and non-contributing properties', () => {
    const first = scoId({ type: 'ipv4-addr', value: '203.0.113.1', id: 'ipv4-addr--00000000-0000-4000-8000-000000000000' });
    expect(first).toBe(scoId({ type: 'ipv4-addr', value: '203.0.113.1', defanged: false }));
  });

  it('uses a random UUIDv4 when no contributing property is present, and always for processes', () => {
    const process = scoId({ type: 'process', pid: 1221 });
    expect(process).toMatch(/^process--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(scoId({ type: 'process', pid: 1221 })).not.toBe(process);
    expect(scoId({ type: 'windows-registry-key', number_of_subkeys: 2 })).toMatch(/^windows-registry-key--[0-9a-f-]{14}4/);
  });

  it('refuses object types that are not cyber observables', () => {
    expect(() => scoId({ type: 'indicator' })).toThrow(TypeError);
  });

  it('knows the contributing properties of every SCO type', () => {
    expect(Object.keys(SCO_ID_CONTRIBUTING_PROPERTIES).sort()).toEqual([...SCO_TYPES].sort());
    expect(SCO_ID_NAMESPACE).toBe('00abedb4-aa42-466c-9c01-fed23315a9b7');
  });
});

describe('identifiers', () => {
  it('creates random identifiers of a type', () => {
    const id = newStixId('indicator');
    expect(parseStixId(id)?.type).toBe('indicator');
    expect(isRfc4122Uuid(parseStixId(id)?.uuid ?? '')).toBe(true);
    expect(newStixId('indicator')).not.toBe(id);
  });

  it('parses identifiers', () => {
    expect(parseStixId('x-mitre-tactic--69da72d2-f550-41c5-ab9e-e8255707f28a')).toEqual({ type: 'x-mitre-tactic', uuid: '69da72d2-f550-41c5-ab9e-e8255707f28a' });
    expect(parseStixId('indicator--not-a-uuid')).toBeUndefined();
    expect(parseStixId('--69da72d2-f550-41c5-ab9e-e8255707f28a')).toBeUndefined();
    expect(parseStixId('69da72d2-f550-41c5-ab9e-e8255707f28a')).toBeUndefined();
  });

  it('recognises RFC 4122 UUIDs by their variant', () => {
    expect(isRfc4122Uuid('69da72d2-f550-41c5-ab9e-e8255707f28a')).toBe(true);
    expect(isRfc4122Uuid('0190f6f0-7c3a-7cc1-9b5e-6a8f1c2d3e4f')).toBe(true);
    expect(isRfc4122Uuid('69da72d2-f550-41c5-cb9e-e8255707f28a')).toBe(false);
    expect(isRfc4122Uuid('69da72d2f55041c5ab9ee8255707f28a')).toBe(false);
  });
});
