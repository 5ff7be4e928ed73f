// A DNS response-policy zone (RPZ) for resolvers (BIND, Unbound, PowerDNS...): each domain, and by default
// every name under it, answered with NXDOMAIN (`CNAME .`). Owner names are written relative to the zone
// origin, as RPZ expects: `evil.example CNAME .` inside zone `rpz.hub.local`.
import type { AnyIterable } from '../common/iterables';
import type { ExportObservable } from './items';
import { exportItems } from './items';

export interface RpzOptions {
  /** SOA serial; default: seconds since the epoch of `now` (always increasing from one export to the next). */
  serial?: number;
  now?: Date;
  /** Default TTL of the records (seconds). */
  ttl?: number;
  /** SOA MNAME and the NS record, fully qualified. */
  nameServer?: string;
  /** SOA RNAME (the mailbox, first dot for @), fully qualified. */
  hostmaster?: string;
  /** Also block every subdomain (`*.name`); default true. */
  includeSubdomains?: boolean;
  onSkip?: (observable: ExportObservable, reason: string) => void;
}

const FQDN = /^(?:[a-z0-9_-]+\.)+$/;

function checkOptions(options: RpzOptions): void {
  for (const [name, value] of [
    ['nameServer', options.nameServer],
    ['hostmaster', options.hostmaster],
  ] as const) {
    if (value !== undefined && !FQDN.test(value)) throw new RangeError(`${name} must be a fully qualified name ending with a dot`);
  }
  if (options.ttl !== undefined && !(Number.isInteger(options.ttl) && options.ttl >= 0 && options.ttl <= 2147483647)) throw new RangeError('ttl must be a whole number of seconds');
  if (options.serial !== undefined && !(Number.isInteger(options.serial) && options.serial >= 0 && options.serial <= 0xffffffff)) throw new RangeError('serial must be a 32-bit unsigned integer');
}

/** A zone owner name: ASCII (IDNs as punycode) LDH/underscore labels only, so nothing else can be injected. */
function ownerName(domain: string): string | undefined {
  let ascii: string;
  try {
    ascii = new URL(`http://${domain}`).hostname;
  } catch {
    return undefined;
  }
  return /^[a-z0-9_-]{1,63}(?:\.[a-z0-9_-]{1,63})+$/.test(ascii) && ascii.length <= 200 ? ascii : undefined;
}

/** Zone file text chunks: $TTL, SOA and NS, then the policy records. */
export async function* writeRpz(input: AnyIterable<unknown>, options: RpzOptions = {}): AsyncGenerator<string> {
  checkOptions(options);
  const serial = options.serial ?? Math.floor((options.now ?? new Date()).getTime() / 1000) % 0x100000000;
  const nameServer = options.nameServer ?? 'localhost.';
  const ttl = options.ttl ?? 300;
  yield [
    '; Response-policy zone exported by the threat-information sharing hub',
    `$TTL ${ttl}`,
    `@ IN SOA ${nameServer} ${options.hostmaster ?? 'hostmaster.localhost.'} ( ${serial} 3600 600 86400 ${ttl} )`,
    `@ IN NS ${nameServer}`,
    '',
  ].join('\n');
  const seen = new Set<string>();
  for await (const { observable } of exportItems(input, options.onSkip)) {
    if (observable.type !== 'domain-name') {
      options.onSkip?.(observable, 'an RPZ lists domain names only');
      continue;
    }
    const name = ownerName(observable.value);
    if (!name) {
      options.onSkip?.(observable, 'not a name a zone file can hold');
      continue;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    yield `${name} CNAME .\n${options.includeSubdomains === false ? '' : `*.${name} CNAME .\n`}`;
  }
}
