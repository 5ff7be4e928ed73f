import { example, SCO_EXAMPLES } from '../../../test/examples';
import { expectClean, expectError, expectValid, expectWarning, type IssueCase } from '../../../test/expect-issues';
import { SCO_TYPES } from '../object-types';
import { validateObject } from '../validate';
import { isDomainName, isEmailAddress, isIPv4AddressOrCidr, isIPv6AddressOrCidr, isMac48Address, isUrl } from './value-formats';

const SHA256 = '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877';
const EXTENSION_DEFINITION = 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e';

describe('STIX cyber-observable objects', () => {
  it('has an example for every SCO type', () => {
    expect(Object.keys(SCO_EXAMPLES).sort()).toEqual([...SCO_TYPES].sort());
  });

  it.each(Object.keys(SCO_EXAMPLES))('accepts the specification example of %s without warnings', (type) => {
    expectClean(example(type));
  });

  it.each(Object.keys(SCO_EXAMPLES))('accepts %s without spec_version, which is optional on SCOs', (type) => {
    expectValid(example(type, { spec_version: undefined }));
  });

  it('accepts a file carrying every predefined file extension', () => {
    expectClean(
      example('file', {
        extensions: {
          'ntfs-ext': { sid: '1234567', alternate_data_streams: [{ name: 'second.stream', size: 25536 }] },
          'raster-image-ext': { image_height: 768, image_width: 1024, bits_per_pixel: 72, exif_tags: { Make: 'Nikon', Model: 'D7000', XResolution: 4928 } },
          'pdf-ext': { version: '1.7', is_optimized: false, document_info_dict: { Title: 'Sample document' }, pdfid0: 'DFCE52BD827ECF765649852119D', pdfid1: '57A1E0F9ED2AE523E313C' },
          'archive-ext': { contains_refs: ['file--019fde1c-94ab-4dc3-9fdc-64e8b3c8e0ba'], comment: 'Zip file containing three files' },
          'windows-pebinary-ext': {
            pe_type: 'exe',
            machine_hex: '014c',
            number_of_sections: 4,
            time_date_stamp: '2016-01-22T12:31:12Z',
            pointer_to_symbol_table_hex: '74726144',
            number_of_symbols: 4542568,
            size_of_optional_header: 224,
            characteristics_hex: '818f',
            optional_header: { magic_hex: '010b', major_linker_version: 2, size_of_code: 512, address_of_entry_point: 4096, hashes: { MD5: 'c25ca8e5ca8b8e4b1d0b5bc0c1d5e5fd' } },
            sections: [{ name: 'CODE', entropy: 0.061089 }, { name: 'DATA', entropy: 7.980693, hashes: { 'SHA-256': SHA256 } }],
          },
          [EXTENSION_DEFINITION]: { extension_type: 'property-extension', rank: 3 },
          'x-acme-sandbox': { verdict: 'malicious' },
        },
      }),
    );
  });

  it('accepts network traffic carrying every predefined network extension', () => {
    expectClean(
      example('network-traffic', {
        start: '2016-01-20T12:31:12.123Z',
        end: '2016-01-20T12:31:25.456Z',
        src_port: 49152,
        dst_port: 443,
        protocols: ['ipv4', 'tcp', 'http'],
        extensions: {
          'http-request-ext': { request_method: 'get', request_value: '/download.html', request_version: 'http/1.1', request_header: { 'Accept-Encoding': 'gzip,deflate', Host: 'www.example.com' } },
          'icmp-ext': { icmp_type_hex: '08', icmp_code_hex: '00' },
          'socket-ext': { address_family: 'AF_INET', socket_type: 'SOCK_STREAM', is_listening: true, options: { SO_REUSEADDR: 1, TCP_NODELAY: 1 } },
          'tcp-ext': { src_flags_hex: '00000002' },
        },
      }),
    );
  });

  it('accepts a process with only a Windows extension, and both Windows extensions', () => {
    expectValid({ type: 'process', id: 'process--07bc30ad-8f3d-4d32-a8d4-1cf8a72ff5b0', extensions: { 'windows-process-ext': { aslr_enabled: true, integrity_level: 'high' } } });
    expectClean(
      example('process', {
        extensions: {
          'windows-process-ext': { aslr_enabled: true, dep_enabled: true, priority: 'HIGH_PRIORITY_CLASS', owner_sid: 'S-1-5-21-186985262-1144665072-74031268-1309' },
          'windows-service-ext': { service_name: 'sirvizio', display_name: 'Sirvizio', start_type: 'SERVICE_AUTO_START', service_type: 'SERVICE_WIN32_OWN_PROCESS', service_status: 'SERVICE_RUNNING' },
        },
      }),
    );
  });

  it('accepts a user account with the UNIX extension', () => {
    expectClean(example('user-account', { extensions: { 'unix-account-ext': { gid: 1001, groups: ['wheel'], home_dir: '/home/jdoe', shell: '/bin/bash' } } }));
  });

  it('accepts defanged values that would otherwise be malformed', () => {
    expectValid(example('ipv4-addr', { value: '198[.]51[.]100[.]3', defanged: true }));
    expectValid(example('url', { value: 'hxxps://evil[.]example/path', defanged: true }));
    expectValid(example('email-addr', { value: 'jdoe[at]example.com', defanged: true }));
  });

  const errors: IssueCase[] = [
    ['SCO with a STIX 2.0 spec_version', example('mutex', { spec_version: '2.0' }), { path: 'spec_version', message: 'must be "2.1" (got "2.0")' }],
    [
      'SCO whose id belongs to another type',
      example('mutex', { id: 'file--e277603e-1060-5ad4-9937-c26c97f1ca68' }),
      { path: 'id', message: 'must start with "mutex--" to match the object type (got "file--e277603e-1060-5ad4-9937-c26c97f1ca68")' },
    ],
    ['SCO with a non-boolean defanged', example('mutex', { defanged: 'no' }), { path: 'defanged', message: 'must be a boolean (got "no")' }],
    ['artifact with neither payload_bin nor url', example('artifact', { payload_bin: undefined }), { path: '', message: 'must have one of payload_bin or url' }],
    [
      'artifact with both payload_bin and url',
      example('artifact', { url: 'https://example.com/a.zip', hashes: { 'SHA-256': SHA256 } }),
      { path: 'url', message: 'must not be present together with payload_bin' },
    ],
    ['artifact fetched by url without hashes', example('artifact', { payload_bin: undefined, url: 'https://example.com/a.zip' }), { path: 'hashes', message: 'is required when url is present' }],
    ['artifact whose payload is not base64', example('artifact', { payload_bin: 'not base64!' }), { path: 'payload_bin', message: 'must be base64-encoded binary data (RFC 4648)' }],
    [
      'artifact with an encryption algorithm outside the enumeration',
      example('artifact', { encryption_algorithm: 'rot13' }),
      { path: 'encryption_algorithm', message: 'must be one of encryption-algorithm-enum: "AES-256-GCM", "ChaCha20-Poly1305", "mime-type-indicated" (got "rot13")' },
    ],
    [
      'artifact with a decryption key but no algorithm',
      example('artifact', { encryption_algorithm: undefined }),
      { path: 'encryption_algorithm', message: 'is required when decryption_key is present' },
    ],
    ['autonomous-system without a number', example('autonomous-system', { number: undefined }), { path: 'number', message: 'is required' }],
    ['autonomous-system with a textual number', example('autonomous-system', { number: 'AS15139' }), { path: 'number', message: 'must be an integer (got "AS15139")' }],
    ['autonomous-system with a negative number', example('autonomous-system', { number: -1 }), { path: 'number', message: 'must be at least 0 (got -1)' }],
    ['directory without a path', example('directory', { path: undefined }), { path: 'path', message: 'is required' }],
    [
      'directory containing a URL',
      example('directory', { contains_refs: ['url--c1477287-23ac-5971-a010-5c287877fa60'] }),
      { path: 'contains_refs[0]', message: 'must reference a file or directory, not a url' },
    ],
    ['domain-name without a value', example('domain-name', { value: undefined }), { path: 'value', message: 'is required' }],
    [
      'domain-name resolving to a URL',
      example('domain-name', { resolves_to_refs: ['url--c1477287-23ac-5971-a010-5c287877fa60'] }),
      { path: 'resolves_to_refs[0]', message: 'must reference an ipv4-addr or ipv6-addr or domain-name, not a url' },
    ],
    [
      'email-addr that is not an address',
      example('email-addr', { value: 'John Doe' }),
      { path: 'value', message: 'must be an email address (RFC 5322 addr-spec) such as jdoe@example.com (got "John Doe")' },
    ],
    [
      'email-addr belonging to an identity',
      example('email-addr', { belongs_to_ref: 'identity--023d105b-752e-4e3c-941c-7d3f3cb15e9e' }),
      { path: 'belongs_to_ref', message: 'must reference a user-account, not an identity' },
    ],
    ['email-message without is_multipart', example('email-message', { is_multipart: undefined }), { path: 'is_multipart', message: 'is required' }],
    [
      'multipart email-message with a plain body',
      example('email-message', { is_multipart: true, body: 'Hello' }),
      { path: 'body', message: 'must not be present when is_multipart is true (use body_multipart)' },
    ],
    [
      'plain email-message with a multipart body',
      example('email-message', { body_multipart: [{ body: 'Hello', content_type: 'text/plain' }] }),
      { path: 'body_multipart', message: 'must not be present when is_multipart is false (use body)' },
    ],
    [
      'email-message part with neither body nor body_raw_ref',
      example('email-message', { is_multipart: true, body_multipart: [{ content_type: 'text/plain' }] }),
      { path: 'body_multipart[0]', message: 'must have at least one of body, body_raw_ref' },
    ],
    [
      'email-message addressed to a URL',
      example('email-message', { to_refs: ['url--c1477287-23ac-5971-a010-5c287877fa60'] }),
      { path: 'to_refs[0]', message: 'must reference an email-addr, not a url' },
    ],
    ['file with neither hashes nor name', example('file', { name: undefined, hashes: undefined, size: 25536 }), { path: '', message: 'must have at least one of hashes, name' }],
    ['file with a truncated MD5', example('file', { hashes: { MD5: 'd41d8cd98f00b204' } }), { path: "hashes.MD5", message: 'must be 32 hexadecimal characters for MD5 (got "d41d8cd98f00b204")' }],
    ['file with a negative size', example('file', { size: -1 }), { path: 'size', message: 'must be at least 0 (got -1)' }],
    ['file with a magic number that is not hex', example('file', { magic_number_hex: 'xyz' }), { path: 'magic_number_hex', message: 'must be an even number of hexadecimal characters (got "xyz")' }],
    [
      'file in a parent that is not a directory',
      example('file', { parent_directory_ref: 'file--e277603e-1060-5ad4-9937-c26c97f1ca68' }),
      { path: 'parent_directory_ref', message: 'must reference a directory, not a file' },
    ],
    ['file with an empty NTFS extension', example('file', { extensions: { 'ntfs-ext': {} } }), { path: "extensions['ntfs-ext']", message: 'ntfs-ext must contain at least one property' }],
    ['file with an archive extension listing nothing', example('file', { extensions: { 'archive-ext': { comment: 'empty' } } }), { path: "extensions['archive-ext'].contains_refs", message: 'is required' }],
    [
      'file with a network extension',
      example('file', { extensions: { 'http-request-ext': { request_method: 'get', request_value: '/' } } }),
      { path: "extensions['http-request-ext']", message: 'is an extension of network-traffic objects and cannot be used on file' },
    ],
    ['file with an empty extensions dictionary', example('file', { extensions: {} }), { path: 'extensions', message: 'must not be empty' }],
    [
      'file with an extension name that is not allowed',
      example('file', { extensions: { 'My Extension': { a: 1 } } }),
      { path: "extensions['My Extension']", message: 'is not a valid extension name: use an extension-definition id or 3–250 characters of a–z, 0–9 and "-"' },
    ],
    [
      'file with an extension whose extension_type is unknown',
      example('file', { extensions: { [EXTENSION_DEFINITION]: { extension_type: 'sub-extension' } } }),
      {
        path: `extensions['${EXTENSION_DEFINITION}'].extension_type`,
        message: 'must be one of extension-type-enum: "new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension" (got "sub-extension")',
      },
    ],
    [
      'file with a PE section without a name',
      example('file', { extensions: { 'windows-pebinary-ext': { pe_type: 'dll', sections: [{ entropy: 1.5 }] } } }),
      { path: "extensions['windows-pebinary-ext'].sections[0].name", message: 'is required' },
    ],
    [
      'ipv4-addr that is not an address',
      example('ipv4-addr', { value: '256.1.1.1' }),
      { path: 'value', message: 'must be an IPv4 address or CIDR block such as 198.51.100.3 or 198.51.100.0/24 (got "256.1.1.1")' },
    ],
    [
      'ipv4-addr with a prefix longer than 32 bits',
      example('ipv4-addr', { value: '10.0.0.0/33' }),
      { path: 'value', message: 'must be an IPv4 address or CIDR block such as 198.51.100.3 or 198.51.100.0/24 (got "10.0.0.0/33")' },
    ],
    [
      'ipv6-addr that is not an address',
      example('ipv6-addr', { value: '2001:db8:::1' }),
      { path: 'value', message: 'must be an IPv6 address or CIDR block such as 2001:db8::1 or 2001:db8::/32 (got "2001:db8:::1")' },
    ],
    [
      'mac-addr in uppercase',
      example('mac-addr', { value: 'D2:FB:49:24:37:18' }),
      { path: 'value', message: 'must be a lowercase, colon-delimited MAC-48 address such as d2:fb:49:24:37:18 (got "D2:FB:49:24:37:18")' },
    ],
    ['mutex without a name', example('mutex', { name: undefined }), { path: 'name', message: 'is required' }],
    ['network-traffic with neither source nor destination', example('network-traffic', { src_ref: undefined, dst_ref: undefined }), { path: '', message: 'must have at least one of src_ref, dst_ref' }],
    ['network-traffic without protocols', example('network-traffic', { protocols: undefined }), { path: 'protocols', message: 'is required' }],
    ['network-traffic to port 70000', example('network-traffic', { dst_port: 70000 }), { path: 'dst_port', message: 'must be at most 65535 (got 70000)' }],
    ['network-traffic from port -1', example('network-traffic', { src_port: -1 }), { path: 'src_port', message: 'must be at least 0 (got -1)' }],
    [
      'network-traffic ending before it starts',
      example('network-traffic', { start: '2016-01-20T12:31:12Z', end: '2016-01-20T12:31:11Z' }),
      { path: 'end', message: 'must be later than or equal to start (2016-01-20T12:31:12Z)' },
    ],
    ['active network-traffic with an end', example('network-traffic', { is_active: true, end: '2016-01-20T12:31:11Z' }), { path: 'end', message: 'must not be present when is_active is true' }],
    [
      'network-traffic from a file',
      example('network-traffic', { src_ref: 'file--e277603e-1060-5ad4-9937-c26c97f1ca68' }),
      { path: 'src_ref', message: 'must reference an ipv4-addr or ipv6-addr or mac-addr or domain-name, not a file' },
    ],
    [
      'network-traffic with an unknown socket address family',
      example('network-traffic', { extensions: { 'socket-ext': { address_family: 'AF_CARRIER_PIGEON' } } }),
      {
        path: "extensions['socket-ext'].address_family",
        message: 'must be one of network-socket-address-family-enum: "AF_UNSPEC", "AF_INET", "AF_IPX", "AF_APPLETALK", "AF_NETBIOS", "AF_INET6", "AF_IRDA", "AF_BTH" (got "AF_CARRIER_PIGEON")',
      },
    ],
    [
      'network-traffic with a socket option that is not a socket option',
      example('network-traffic', { extensions: { 'socket-ext': { address_family: 'AF_INET', options: { REUSE: 1 } } } }),
      { path: "extensions['socket-ext'].options.REUSE", message: 'must be a socket option name starting with SO_, ICMP_, ICMP6_, IP_, IPV6_, MCAST_, TCP_ or IRLMP_ (got "REUSE")' },
    ],
    ['network-traffic with an ICMP extension lacking the code', example('network-traffic', { extensions: { 'icmp-ext': { icmp_type_hex: '08' } } }), { path: "extensions['icmp-ext'].icmp_code_hex", message: 'is required' }],
    ['process with nothing to say', { type: 'process', id: 'process--07bc30ad-8f3d-4d32-a8d4-1cf8a72ff5b0' }, { path: '', message: expect.stringMatching(/^must have at least one of is_hidden, pid, /) as unknown as string }],
    ['process with a textual pid', example('process', { pid: '1221' }), { path: 'pid', message: 'must be an integer (got "1221")' }],
    [
      'process with an unknown integrity level',
      example('process', { extensions: { 'windows-process-ext': { integrity_level: 'ultra' } } }),
      { path: "extensions['windows-process-ext'].integrity_level", message: 'must be one of windows-integrity-level-enum: "low", "medium", "high", "system" (got "ultra")' },
    ],
    [
      'process whose parent is a file',
      example('process', { parent_ref: 'file--e277603e-1060-5ad4-9937-c26c97f1ca68' }),
      { path: 'parent_ref', message: 'must reference a process, not a file' },
    ],
    ['software without a name', example('software', { name: undefined }), { path: 'name', message: 'is required' }],
    ['url without a scheme', example('url', { value: 'example.com/index.html' }), { path: 'value', message: 'must be a URL (RFC 3986) with a scheme, such as https://example.com/path (got "example.com/index.html")' }],
    ['user-account with a textual is_privileged', example('user-account', { is_privileged: 'yes' }), { path: 'is_privileged', message: 'must be a boolean (got "yes")' }],
    ['user-account with a textual UNIX gid', example('user-account', { extensions: { 'unix-account-ext': { gid: 'wheel' } } }), { path: "extensions['unix-account-ext'].gid", message: 'must be an integer (got "wheel")' }],
    [
      'windows-registry-key with an abbreviated hive',
      example('windows-registry-key', { key: 'HKLM\\Software\\Microsoft' }),
      { path: 'key', message: 'must spell out the hive in full (e.g. HKEY_LOCAL_MACHINE instead of HKLM)' },
    ],
    [
      'windows-registry-key with an unknown data type',
      example('windows-registry-key', { values: [{ name: 'Foo', data: '1', data_type: 'REG_FLOAT' }] }),
      { path: 'values[0].data_type', message: expect.stringMatching(/^must be one of windows-registry-datatype-enum: "REG_NONE", .* \(got "REG_FLOAT"\)$/) as unknown as string },
    ],
    ['windows-registry-key with negative subkeys', example('windows-registry-key', { number_of_subkeys: -1 }), { path: 'number_of_subkeys', message: 'must be at least 0 (got -1)' }],
    [
      'x509-certificate with nothing but its id',
      { type: 'x509-certificate', id: 'x509-certificate--463d7b2a-8516-5a50-a3d7-6f801465d5de' },
      { path: '', message: expect.stringMatching(/^must have at least one of is_self_signed, hashes, version, serial_number/) as unknown as string },
    ],
    [
      'x509-certificate with a malformed validity',
      example('x509-certificate', { validity_not_after: 'next year' }),
      { path: 'validity_not_after', message: 'must be an RFC 3339 timestamp in UTC such as 2016-05-12T08:17:27.000Z (got "next year")' },
    ],
  ];

  it.each(errors)('rejects %s', (_description, object, issue) => {
    expectError(object, issue);
  });

  const warnings: IssueCase[] = [
    ['SCO with properties that only SDOs have', example('mutex', { created: '2016-01-01T00:00:00.000Z' }), { path: 'created', message: 'is not a property of cyber-observable objects' }],
    ['domain-name that looks like a URL', example('domain-name', { value: 'http://example.com/' }), { path: 'value', message: 'does not look like a domain name (RFC 1034) (got "http://example.com/")' }],
    ['PE binary type off the open vocabulary', example('file', { extensions: { 'windows-pebinary-ext': { pe_type: 'com' } } }), { path: "extensions['windows-pebinary-ext'].pe_type", message: '"com" is not in windows-pebinary-type-ov' }],
    ['custom extension without the x- prefix', example('file', { extensions: { 'acme-ext': { a: 1 } } }), { path: "extensions['acme-ext']", message: 'unknown extension (custom extensions should be named x-<name> or defined by an extension-definition)' }],
    ['extension definition without extension_type', example('file', { extensions: { [EXTENSION_DEFINITION]: { rank: 1 } } }), { path: `extensions['${EXTENSION_DEFINITION}']`, message: 'should state its extension_type' }],
    ['account type off the open vocabulary', example('user-account', { account_type: 'myspace' }), { path: 'account_type', message: '"myspace" is not in account-type-ov' }],
    ['uppercase protocol names', example('network-traffic', { protocols: ['TCP'] }), { path: 'protocols[0]', message: 'should be a lowercase IANA service name (got "TCP")' }],
    ['deprecated resolves_to_refs on ipv4-addr', example('ipv4-addr', { resolves_to_refs: ['mac-addr--65cfcf98-8a6e-5a1b-8f61-379ac4f92d00'] }), { path: 'resolves_to_refs', message: 'is deprecated; use a resolves-to relationship instead' }],
    ['unknown property in a predefined extension', example('user-account', { extensions: { 'unix-account-ext': { gid: 1, shoe_size: 44 } } }), { path: "extensions['unix-account-ext'].shoe_size", message: 'unknown property of unix-account-ext' }],
  ];

  it.each(warnings)('accepts, with a warning, %s', (_description, object, issue) => {
    expectValid(object);
    expectWarning(object, issue);
  });

  it('lets a toplevel-property-extension add unprefixed properties without warnings', () => {
    expectClean(example('file', { extensions: { [EXTENSION_DEFINITION]: { extension_type: 'toplevel-property-extension' } }, scan_verdict: 'clean' }));
  });

  it('reports every error of an SCO at once', () => {
    const result = validateObject(example('network-traffic', { src_ref: undefined, dst_ref: undefined, protocols: [], src_port: 99999 }), 'objects[0]');
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: 'objects[0].protocols', message: 'must not be empty' },
        { path: 'objects[0].src_port', message: 'must be at most 65535 (got 99999)' },
        { path: 'objects[0]', message: 'must have at least one of src_ref, dst_ref' },
      ]),
    );
  });
});

describe('observable value formats', () => {
  it.each(['198.51.100.3', '0.0.0.0', '255.255.255.255', '10.0.0.0/8', '192.168.0.0/32'])('%s is an IPv4 address or block', (value) => {
    expect(isIPv4AddressOrCidr(value)).toBe(true);
  });

  it.each(['256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '10.0.0.0/33', '10.0.0.0/', 'a.b.c.d', ''])('%s is not', (value) => {
    expect(isIPv4AddressOrCidr(value)).toBe(false);
  });

  it.each(['::', '::1', '2001:db8::1', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', '::ffff:192.0.2.1', '2001:db8::/32', '1:2:3:4:5:6:7::', 'fe80::1:2'])('%s is an IPv6 address or block', (value) => {
    expect(isIPv6AddressOrCidr(value)).toBe(true);
  });

  it.each(['2001:db8:::1', '1:2:3:4:5:6:7:8:9', '12345::', '1::2::3', '2001:db8::/129', ':1:2::', '198.51.100.3', '::ffff:300.0.0.1', 'g::1'])('%s is not', (value) => {
    expect(isIPv6AddressOrCidr(value)).toBe(false);
  });

  it('recognises MAC-48 addresses, email addresses, URLs and domain names', () => {
    expect(isMac48Address('00:1b:44:11:3a:b7')).toBe(true);
    expect(isMac48Address('00-1b-44-11-3a-b7')).toBe(false);
    expect(isEmailAddress('jdoe@example.com')).toBe(true);
    expect(isEmailAddress('jdoe at example.com')).toBe(false);
    expect(isUrl('ftp://files.example.com/a.zip')).toBe(true);
    expect(isUrl('//example.com')).toBe(false);
    expect(isDomainName('bücher.example')).toBe(true);
    expect(isDomainName('example..com')).toBe(false);
    expect(isDomainName('example.com.')).toBe(true);
  });
});
