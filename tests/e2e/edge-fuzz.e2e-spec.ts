import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  IntrospectionQuery,
} from 'graphql';
import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { API_ROOT, TAXII } from '../support/taxii';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * A bounded fuzz of the hub's edge: a few thousand generated hostile requests (GraphQL over POST
 * and GET built from the hub's own schema, raw bodies, TAXII paths, query values and envelopes,
 * headers and credentials) against the running server. None may get a 5xx or an
 * INTERNAL_SERVER_ERROR, and the hub must still answer /health afterwards. The seed is fixed, so a
 * failure is reproducible; the failing request is printed.
 */

const SEED = 20261206;
const RUNS = { graphql: 1_100, raw: 400, taxii: 800, other: 200 };

/** mulberry32: the structure of each request comes from one integer fast-check draws. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

const HOSTILE_STRINGS = [
  '',
  ' ',
  'a',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\uffff',
  '💥',
  "' OR 1=1 --",
  '"; DROP TABLE stix_object; --',
  '%',
  '%00',
  '../../etc/passwd',
  '\\u0000',
  '\\',
  'x'.repeat(5_000),
  '2026-01-01T00:00:00Z',
  '2026-01-01T00:00:00.123456789Z',
  '9999-12-31T23:59:59.999Z',
  '0000-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2016-12-31T23:59:60Z',
  '-infinity',
  'indicator--00000000-0000-4000-8000-000000000000',
  'identity--9f2b6a1e-1d8b-4f5e-8a3b-0f6c1c2d3e4f',
  'bundle--',
  '--',
  'NaN',
  '-1',
  '1e309',
  "[domain-name:value = 'x.example']",
  "[ipv4-addr:value = '10.0.0.0/8'] AND [",
  '10.0.0.1',
  '::ffff:10.0.0.1/129',
  'fe80::1%eth0',
  'null',
  '{}',
  'hubk_AAAA',
  'eyJhbGciOiJub25lIn0.e30.',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '\r\n\r\nHTTP/1.1 200 OK',
];

function hostileString(r: Random): string {
  if (r.chance(0.6)) return r.pick(HOSTILE_STRINGS);
  const length = r.int(r.chance(0.9) ? 30 : 3_000);
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(r.chance(0.8) ? 32 + r.int(95) : r.int(0x10000));
  return text;
}

function hostileJson(r: Random, depth = 0): unknown {
  const roll = r.int(depth > 4 ? 5 : 9);
  if (roll === 0) return null;
  if (roll === 1) return r.pick([0, -1, 1.5, 2 ** 31, -(2 ** 53), 1e308, 501]);
  if (roll === 2) return r.chance(0.5);
  if (roll <= 4) return hostileString(r);
  if (roll === 5 && r.chance(0.1)) return nested(r.pick([30, 63, 65, 200, 3_000]));
  if (roll <= 6) return Array.from({ length: r.int(4) }, () => hostileJson(r, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = r.int(5); i > 0; i--) object[r.chance(0.7) ? r.pick(STIX_KEYS) : hostileString(r)] = hostileJson(r, depth + 1);
  return object;
}

const STIX_KEYS = ['type', 'id', 'spec_version', 'created', 'modified', 'name', 'pattern', 'pattern_type', 'valid_from', 'objects', 'object_refs', 'labels', 'extensions', 'object_marking_refs', 'created_by_ref', 'value', 'source_ref', 'target_ref', 'relationship_type', 'sighting_of_ref', 'revoked'];

function nested(depth: number): unknown {
  let value: unknown = 'x\\u0041';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

function uuid(r: Random): string {
  const hex = () => r.int(16).toString(16);
  return `${Array.from({ length: 8 }, hex).join('')}-${Array.from({ length: 4 }, hex).join('')}-4${Array.from({ length: 3 }, hex).join('')}-8${Array.from({ length: 3 }, hex).join('')}-${Array.from({ length: 12 }, hex).join('')}`;
}

const STIX_SHAPES: Record<string, Record<string, unknown>> = {
  indicator: { name: 'x', pattern: "[domain-name:value = 'fuzz.example']", pattern_type: 'stix', valid_from: '2026-01-01T00:00:00.000Z' },
  malware: { name: 'x', is_family: true },
  relationship: { relationship_type: 'indicates', source_ref: 'indicator--00000000-0000-4000-8000-000000000000', target_ref: 'malware--00000000-0000-4000-8000-000000000000' },
  sighting: { sighting_of_ref: 'indicator--00000000-0000-4000-8000-000000000000', count: 3 },
  report: { name: 'x', published: '2026-01-01T00:00:00.000Z', object_refs: ['indicator--00000000-0000-4000-8000-000000000000'] },
  identity: { name: 'x', identity_class: 'organization' },
  'observed-data': { first_observed: '2026-01-01T00:00:00.000Z', last_observed: '2026-01-01T00:00:00.000Z', number_observed: 1, object_refs: ['ipv4-addr--00000000-0000-4000-8000-000000000000'] },
  'ipv4-addr': { value: '10.0.0.1' },
  'domain-name': { value: 'fuzz.example' },
  file: { hashes: { 'SHA-256': 'a'.repeat(64) }, name: 'x.exe' },
  vulnerability: { name: 'CVE-2026-0001' },
};

/** A STIX object that is valid but for one or two hostile properties: it gets past the first checks into validation and storage. */
function nearlyValidStix(r: Random): Record<string, unknown> {
  const type = r.pick(Object.keys(STIX_SHAPES));
  const time = r.pick(['2026-01-01T00:00:00.000Z', '2026-03-04T05:06:07Z']);
  const object: Record<string, unknown> = { type, spec_version: '2.1', id: `${type}--${uuid(r)}`, ...(/-addr|domain-name|file/.test(type) ? {} : { created: time, modified: time }), ...STIX_SHAPES[type] };
  for (let i = 1 + r.int(2); i > 0; i--) {
    const keys = [...Object.keys(object), 'labels', 'external_references', 'extensions', 'object_marking_refs', 'granular_markings', 'created_by_ref', 'confidence', 'lang', 'x_custom', hostileString(r)];
    object[r.pick(keys)] = r.chance(0.5) ? hostileString(r) : hostileJson(r);
  }
  return object;
}

/** A value for an argument of this type: mostly of the right shape, with hostile contents, sometimes of the wrong one. */
function valueFor(type: GraphQLInputType, r: Random, depth = 0): unknown {
  if (r.chance(0.05)) return hostileJson(r);
  if (isNonNullType(type)) return valueFor(type.ofType, r, depth);
  if (r.chance(0.05)) return null;
  if (isListType(type)) return Array.from({ length: r.int(depth > 2 ? 2 : 4) }, () => valueFor(type.ofType, r, depth + 1));
  if (isEnumType(type)) return r.chance(0.9) ? r.pick(type.getValues()).name : hostileString(r);
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) if (depth < 4 && (isNonNullType(field.type) || r.chance(0.5))) value[field.name] = valueFor(field.type, r, depth + 1);
    return value;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return r.pick([0, 1, -1, 5, 50, 500, 501, 2 ** 31 - 1, -(2 ** 31)]);
      case 'Float':
        return r.pick([0, -1, 0.5, 1e308, 101]);
      case 'Boolean':
        return r.chance(0.5);
      case 'JSON':
        return r.chance(0.7)
          ? { type: 'bundle', id: `bundle--${uuid(r)}`, objects: Array.from({ length: 1 + r.int(3) }, () => (r.chance(0.8) ? nearlyValidStix(r) : hostileJson(r))) }
          : hostileJson(r);
      default:
        return hostileString(r);
    }
  }
  return hostileJson(r);
}

/** A selection for a field's type: a few scalar fields, one nested object now and then. */
function selectionFor(field: GraphQLField<unknown, unknown>, r: Random, depth = 0): string {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields()).filter((candidate) => candidate.args.every((argument) => !isNonNullType(argument.type)));
  const parts = ['__typename'];
  for (let i = r.int(4); i > 0 && fields.length; i--) {
    const chosen = r.pick(fields);
    parts.push(`${chosen.name}${depth < 3 ? selectionFor(chosen, r, depth + 1) : isObjectType(getNamedType(chosen.type)) ? ' { __typename }' : ''}`);
  }
  return ` { ${parts.join(' ')} }`;
}

interface GraphqlCall {
  query: string;
  variables: Record<string, unknown>;
  operationName?: unknown;
  extensions?: unknown;
}

function graphqlCall(schema: GraphQLSchema, r: Random): GraphqlCall {
  const kind = r.chance(0.75) ? 'query' : 'mutation';
  const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const field = r.pick(Object.values(root.getFields()));
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const args: string[] = [];
  for (const argument of field.args) {
    if (!isNonNullType(argument.type) && r.chance(0.4)) continue;
    definitions.push(`$${argument.name}: ${argument.type.toString()}`);
    args.push(`${argument.name}: $${argument.name}`);
    if (r.chance(0.97)) variables[argument.name] = valueFor(argument.type, r);
  }
  let query = `${kind} Fuzz${definitions.length ? `(${definitions.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selectionFor(field, r)} }`;
  const call: GraphqlCall = { query, variables };
  // Now and then, something no client should send.
  switch (r.int(14)) {
    case 0:
      call.query = query.slice(0, r.int(query.length));
      break;
    case 1:
      call.query = `${query} query Other { __typename }`;
      if (r.chance(0.5)) call.operationName = r.pick(['Nope', 'Other', 'Fuzz', '', 42, null]);
      break;
    case 2:
      call.extensions = { persistedQuery: { version: r.pick([1, 2, '1']), sha256Hash: r.chance(0.5) ? 'a'.repeat(64) : hostileString(r) } };
      break;
    case 3: {
      const n = 10 + r.int(20);
      query = '{ ...F0 }';
      for (let i = 0; i < n; i++) query += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
      call.query = `${query} fragment F${n} on Query { hubInfo { __typename } }`;
      break;
    }
    case 4:
      call.query = `{ ${Array.from({ length: r.pick([49, 51, 1_000]) }, (_, i) => `a${i}: objects(first: 1) { totalCount }`).join(' ')} }`;
      break;
    case 5:
      call.query = `{ objects(filter: ${'{ labels: ['.repeat(r.pick([20, 70, 3_000]))} "x" ${']}'.repeat(1)} ) { totalCount } }`;
      break;
    case 6:
      call.query = query.replace(/"/g, '').replace(/\{/, r.pick(['{{', '(', '@', '\\u0000', '"\\u0000"']));
      break;
    case 7:
      call.query = `{ objects(filter: { search: "${r.pick(['\\u0000', '\\uD800', '\\u{0}', 'ok'])}" }) { totalCount } }`;
      break;
    default:
      break;
  }
  return call;
}

const CREDENTIAL_KINDS = ['none', 'member', 'key', 'admin', 'junk'] as const;

interface Credentials {
  member: string;
  key: string;
  admin: string;
}

function credentialHeaders(r: Random, credentials: Credentials): Record<string, string> {
  const kind = r.pick(CREDENTIAL_KINDS);
  if (kind === 'none') return {};
  if (kind === 'member') return { authorization: `Bearer ${credentials.member}` };
  if (kind === 'admin') return { authorization: `Bearer ${credentials.admin}` };
  if (kind === 'key') return r.chance(0.5) ? { 'x-api-key': credentials.key } : { authorization: `Basic ${Buffer.from(`siem:${credentials.key}`).toString('base64')}` };
  return r.pick<Record<string, string>>([
    { authorization: 'Bearer' },
    { authorization: 'Bearer hubk_' },
    { authorization: `Bearer ${credentials.member.slice(0, -3)}abc` },
    { authorization: 'Basic !!!' },
    { authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` },
    { authorization: 'Negotiate abc' },
    { 'x-api-key': 'hubk_' + 'A'.repeat(43) },
    { authorization: `Bearer ${credentials.member}`, 'x-api-key': credentials.key },
    { authorization: `Bearer ${'x'.repeat(8_000)}` },
  ]);
}

/** Percent-encodes the UTF-8 bytes of a string (encodeURIComponent refuses lone surrogates), sometimes with raw hostile escapes. */
function encodePart(r: Random, text: string): string {
  const encoded = [...Buffer.from(text, 'utf8')].map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, '0').toUpperCase()}`)).join('');
  return r.chance(0.1) ? encoded + r.pick(['%00', '%ED%A0%80', '%', '%zz', '%C0%AE', '%FF']) : encoded;
}

interface Answer {
  status: number;
  text: string;
}

describe('A bounded fuzz of the edge: no hostile request gets a 5xx or INTERNAL_SERVER_ERROR, and the hub stays up', () => {
  let hub: TestHub;
  let schema: GraphQLSchema;
  let credentials: Credentials;
  let collectionId: string;
  const failures: string[] = [];
  // How the hub answered, so that a fuzz refused wholesale at the door (a broken credential, say) shows.
  const answered = { ok: 0, refused: 0 };

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const org = await createOrganization(hub, admin, { name: 'Fuzz Hospital', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const member = (await createUser(hub, admin, { email: 'member@fuzz.test', role: 'MEMBER', organizationId: org.id })).token;
    const key = (await createApiKey(hub, member, { name: 'fuzz', distribution: 'INTERNAL' })).key;
    credentials = { member, key, admin };
    const introspection = await hub.graphql<IntrospectionQuery>(getIntrospectionQuery());
    schema = buildClientSchema(introspection.data!);
    const collections = await fetch(`${hub.url}${API_ROOT}collections/`, { headers: { accept: TAXII, authorization: `Bearer ${key}` } });
    collectionId = ((await collections.json()) as { collections?: { id: string }[] }).collections?.[0]?.id ?? 'none';
  });

  afterAll(async () => {
    await hub?.close();
  });

  beforeEach(() => {
    failures.length = 0;
    answered.ok = 0;
    answered.refused = 0;
  });

  async function send(description: string, url: string, init: RequestInit): Promise<void> {
    let answer: Answer;
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
      answer = { status: response.status, text: await response.text() };
    } catch (error) {
      // A request fetch itself refuses to send (a header it cannot encode) tells nothing about the hub.
      if (error instanceof TypeError && !/fetch failed/.test(error.message)) return;
      answer = { status: 599, text: String((error as Error)?.cause ?? error) };
    }
    if (answer.status < 300 && !answer.text.includes('"errors"')) answered.ok += 1;
    else if (answer.status < 500) answered.refused += 1;
    if (answer.status >= 500 || answer.text.includes('INTERNAL_SERVER_ERROR')) {
      failures.push(`${answer.status} ${description}\n  => ${answer.text.slice(0, 300)}`);
    }
  }

  async function expectHealthy(): Promise<void> {
    const health = await fetch(`${hub.url}/health`, { signal: AbortSignal.timeout(10_000) });
    expect(health.status).toBe(200);
  }

  function expectNoFailures(): void {
    // All of them at once: one run of the test shows every kind of failure there is.
    expect(failures.slice(0, 15).join('\n')).toBe('');
  }

  it('GraphQL over POST and GET, built from the schema with hostile values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (seed) => {
        const r = random(seed);
        const call = graphqlCall(schema, r);
        const headers = credentialHeaders(r, credentials);
        if (r.chance(0.8)) {
          const body = { query: call.query, variables: r.chance(0.95) ? call.variables : hostileJson(r), ...(call.operationName !== undefined ? { operationName: call.operationName } : {}), ...(call.extensions ? { extensions: call.extensions } : {}) };
          await send(`POST /graphql ${JSON.stringify(body).slice(0, 600)}`, `${hub.url}/graphql`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        } else {
          const params = [`query=${encodePart(r, call.query)}`, `variables=${encodePart(r, JSON.stringify(call.variables))}`];
          if (call.operationName !== undefined) params.push(`operationName=${encodePart(r, String(call.operationName))}`);
          if (call.extensions) params.push(`extensions=${encodePart(r, JSON.stringify(call.extensions))}`);
          const url = `${hub.url}/graphql?${params.join('&')}`.slice(0, 12_000);
          await send(`GET ${url.slice(0, 600)}`, url, { headers: { ...headers, ...(r.chance(0.9) ? { 'apollo-require-preflight': 'true' } : {}) } });
        }
      }),
      { seed: SEED, numRuns: RUNS.graphql, endOnFailure: true },
    );
    await expectHealthy();
    expectNoFailures();
    expect(answered.ok).toBeGreaterThan(RUNS.graphql / 10);
    expect(answered.refused).toBeGreaterThan(RUNS.graphql / 10);
  }, 240_000);

  it('raw bodies: not JSON, deeply nested, wrong media types, odd methods', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (seed) => {
        const r = random(seed);
        const body = r.pick([
          () => JSON.stringify(hostileJson(r)),
          () => `{"query":"{ __typename }","variables":${JSON.stringify(nested(r.pick([60, 64, 66, 2_000])))}}`,
          () => `{"query":"{ __typename }","x":"\\u0041","y":${'['.repeat(r.pick([100, 2_000, 20_000]))}${']'.repeat(r.pick([0, 100]))}}`,
          () => hostileString(r),
          () => '{"query": "{ __typename }"'.slice(0, r.int(26)),
          () => Buffer.from(Array.from({ length: r.int(200) }, () => r.int(256))).toString('latin1'),
          () => JSON.stringify([{ query: '{ __typename }' }, { query: '{ hubInfo { __typename } }' }]),
          () => JSON.stringify({ query: 42, variables: 'x', operationName: {} }),
        ])();
        const path = r.pick(['/graphql', `${API_ROOT}collections/${collectionId}/objects/`, '/taxii2/', '/health', '/']);
        const contentType = r.pick(['application/json', 'application/json; charset=utf-16', 'application/taxii+json;version=2.1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql']);
        const method = r.pick(['POST', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE']);
        const headers = { ...credentialHeaders(r, credentials), 'content-type': contentType, accept: r.pick([TAXII, 'application/json', '*/*', 'text/html', 'application/taxii+json;version=9']) };
        await send(`${method} ${path} (${contentType}) ${body.slice(0, 300)}`, `${hub.url}${path}`, { method, headers, body });
      }),
      { seed: SEED + 1, numRuns: RUNS.raw, endOnFailure: true },
    );
    await expectHealthy();
    expectNoFailures();
  }, 240_000);

  it('TAXII: hostile path segments, query values, envelopes and headers', async () => {
    const segments = () => [collectionId, 'indicator--00000000-0000-4000-8000-000000000000'];
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (seed) => {
        const r = random(seed);
        const part = () => encodePart(r, r.chance(0.4) ? r.pick(segments()) : hostileString(r));
        const path = r.pick([
          () => '/taxii2/',
          () => API_ROOT,
          () => `${API_ROOT}status/${part()}/`,
          () => `${API_ROOT}collections/`,
          () => `${API_ROOT}collections/${part()}/`,
          () => `${API_ROOT}collections/${part()}/manifest/`,
          () => `${API_ROOT}collections/${part()}/objects/`,
          () => `${API_ROOT}collections/${part()}/objects/${part()}/`,
          () => `${API_ROOT}collections/${part()}/objects/${part()}/versions/`,
          () => `/taxii2/${part()}/collections/`,
        ])();
        const query = Array.from({ length: r.int(4) }, () => {
          const name = r.pick(['match[id]', 'match[type]', 'match[version]', 'match[spec_version]', 'added_after', 'limit', 'next', 'match[id', 'match[]', hostileString(r)]);
          return `${encodePart(r, name).replace('%5B', '[').replace('%5D', ']')}=${encodePart(r, r.pick([hostileString(r), 'first', 'last', 'all', '2.1', '0', '-5', '99999999999', 'indicator,malware', ',,,']))}`;
        }).join('&');
        const method = r.pick(['GET', 'GET', 'GET', 'POST', 'DELETE']);
        const body = method === 'POST' ? JSON.stringify(r.chance(0.8) ? { objects: Array.from({ length: r.int(3) }, () => (r.chance(0.7) ? nearlyValidStix(r) : hostileJson(r))) } : hostileJson(r)) : undefined;
        const headers: Record<string, string> = { ...credentialHeaders(r, credentials) };
        if (r.chance(0.9)) headers.accept = r.pick([TAXII, 'application/taxii+json', '*/*', 'application/json', 'text/html', 'application/taxii+json;version=2.0', 'x']);
        if (body !== undefined) headers['content-type'] = r.pick([TAXII, TAXII, 'application/json', 'text/plain']);
        const url = `${hub.url}${path}${query ? `?${query}` : ''}`;
        await send(`${method} ${url.slice(0, 600)} ${body?.slice(0, 300) ?? ''}`, url, { method, headers, body });
      }),
      { seed: SEED + 2, numRuns: RUNS.taxii, endOnFailure: true },
    );
    await expectHealthy();
    expectNoFailures();
    expect(answered.ok).toBeGreaterThan(RUNS.taxii / 20);
  }, 240_000);

  it('other paths and methods', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (seed) => {
        const r = random(seed);
        const path = r.pick(['/', '/health', '/metrics', '/graphql', '/graphql/', '/taxii2', '/x', '/.env', '/graphql/..%2F..%2Fetc%2Fpasswd']) + (r.chance(0.5) ? `/${encodePart(r, hostileString(r))}` : '') + (r.chance(0.3) ? `?${encodePart(r, hostileString(r))}=${encodePart(r, hostileString(r))}` : '');
        const method = r.pick(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH', 'POST']);
        const headers: Record<string, string> = { ...credentialHeaders(r, credentials), accept: r.pick(['*/*', 'application/json', TAXII, 'text/html', 'garbage']) };
        if (r.chance(0.3)) headers['content-type'] = r.pick(['application/json', 'text/plain', 'application/json; charset=latin1']);
        await send(`${method} ${path.slice(0, 600)}`, `${hub.url}${path}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : r.chance(0.5) ? '{}' : hostileString(r) });
      }),
      { seed: SEED + 3, numRuns: RUNS.other, endOnFailure: true },
    );
    await expectHealthy();
    expectNoFailures();
  }, 120_000);
});
