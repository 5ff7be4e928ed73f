// Suricata and Snort rules for the observables an IDS can see on the wire:
// - addresses: traffic to or from the address (`<>`);
// - domains: DNS queries for the name or any subdomain, and (Suricata) TLS SNI;
// - URLs: http:// ones by host and URI path; https:// ones only by host in the TLS SNI, the path being
//   encrypted;
// - file hashes (Suricata): filemd5 / filesha1 / filesha256 rules that read a list file, one rule per
//   algorithm and protocol, written once the stream has shown that such hashes exist; the list files come
//   from writeValueList(..., { types: ['file'], hashAlgorithms: ['MD5'] }) and so on.
// Snort rules use Snort 2.9 syntax (DNS names in wire form, http_header / http_uri); Snort rules cannot
// match file hashes, so hashes are skipped there.
// Every value is re-normalised before use and written through contentString/msgString (rule-text.ts).
import { canonicalIpv4, canonicalIpv6 } from '@hub/stix';
import type { AnyIterable } from '../common/iterables';
import { exportItems, type ExportItem, type ExportObservable } from './items';
import { contentString, dnsWireContent, msgString, SidAllocator } from './rule-text';

export type RuleEngine = 'suricata' | 'snort';

export interface RuleOptions {
  /** First sid of the range the hub may use (default 1 000 000, the local-rules range). */
  sidBase?: number;
  /** Size of that range (default 1 000 000). */
  sidRange?: number;
  /** Prefix of every rule's msg (default `HUB IOC`). */
  msgPrefix?: string;
  classtype?: string;
  /** Suricata hash rules: the list file for each algorithm, relative to the rules directory. */
  hashListFiles?: Partial<Record<'MD5' | 'SHA-1' | 'SHA-256', string>>;
  /** Suricata hash rules: the app-layer protocols that carry files. */
  fileProtocols?: readonly string[];
  /** Told about each observable that gets no rule, and why. */
  onSkip?: (observable: ExportObservable, reason: string) => void;
}

const DEFAULT_HASH_LIST_FILES = { MD5: 'hub-md5.list', 'SHA-1': 'hub-sha1.list', 'SHA-256': 'hub-sha256.list' } as const;
const HASH_KEYWORDS = { MD5: 'filemd5', 'SHA-1': 'filesha1', 'SHA-256': 'filesha256' } as const;
type RuleHash = keyof typeof HASH_KEYWORDS;

interface RuleContext {
  engine: RuleEngine;
  sids: SidAllocator;
  seen: Set<string>;
  options: RuleOptions;
}

/** The rule's options after msg and before sid: classtype, and the source id as metadata when well formed. */
function tail(context: RuleContext, key: string, item: ExportItem): string {
  const metadata = item.sourceId && /^[a-z0-9-]+--[0-9a-f-]{36}$/.test(item.sourceId) ? ` metadata:stix_id ${item.sourceId};` : '';
  return ` classtype:${context.options.classtype ?? 'trojan-activity'};${metadata} sid:${context.sids.allocate(`${context.engine}:${key}`)}; rev:1;)\n`;
}

function msg(context: RuleContext, text: string): string {
  return `msg:${msgString(`${context.options.msgPrefix ?? 'HUB IOC'} ${text}`)};`;
}

/** True when this rule (by engine-independent key) was already written in this export. */
function once(context: RuleContext, key: string): boolean {
  if (context.seen.has(key)) return false;
  context.seen.add(key);
  return true;
}

function addressRule(context: RuleContext, address: string, item: ExportItem): string[] {
  const canonical = address.includes(':') ? canonicalIpv6(address) : canonicalIpv4(address);
  if (!canonical || !/^[0-9a-f.:/]+$/.test(canonical)) return [];
  const key = `ip:${canonical}`;
  if (!once(context, key)) return [];
  return [`alert ip $HOME_NET any <> ${canonical} any (${msg(context, `address ${canonical}`)}${tail(context, key, item)}`];
}

/** Host names as rules may carry them: LDH labels (IDNs in their punycode form). */
function ruleHost(host: string): string | undefined {
  const ascii = new URL(`http://${host}`).hostname;
  return /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/.test(ascii) ? ascii : undefined;
}

function domainRules(context: RuleContext, domain: string, item: ExportItem, sniOnly = false): string[] {
  let host: string | undefined;
  try {
    host = ruleHost(domain);
  } catch {
    host = undefined;
  }
  if (!host) return [];
  const rules: string[] = [];
  if (context.engine === 'suricata') {
    const content = contentString(`.${host}`);
    if (!sniOnly && once(context, `dns:${host}`)) {
      rules.push(`alert dns $HOME_NET any -> any any (${msg(context, `DNS query for ${host}`)} dns.query; dotprefix; content:${content}; nocase; endswith;${tail(context, `dns:${host}`, item)}`);
    }
    if (once(context, `sni:${host}`)) {
      rules.push(`alert tls $HOME_NET any -> any any (${msg(context, `TLS SNI ${host}`)} tls.sni; dotprefix; content:${content}; nocase; endswith;${tail(context, `sni:${host}`, item)}`);
    }
  } else if (!sniOnly && once(context, `dns:${host}`)) {
    rules.push(`alert udp $HOME_NET any -> any 53 (${msg(context, `DNS query for ${host}`)} content:${dnsWireContent(host)}; nocase; fast_pattern;${tail(context, `dns:${host}`, item)}`);
  }
  return rules;
}

function urlRules(context: RuleContext, url: string, item: ExportItem): string[] | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL an IDS can match';
  }
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
  const isAddress = canonicalIpv4(hostname) !== undefined || canonicalIpv6(hostname) !== undefined;
  if (parsed.protocol === 'https:') {
    if (isAddress) return addressRule(context, hostname, item);
    const rules = domainRules(context, hostname, item, true);
    return context.engine === 'snort' ? 'https URLs are encrypted: Snort rules here cannot match them' : rules;
  }
  if (parsed.protocol !== 'http:') return `${parsed.protocol.slice(0, -1)} URLs are not matched (http and https only)`;
  // The URI as the client sends it: the path and query of the URL as written (not re-encoded by URL).
  const afterAuthority = url.replace(/^http:\/\/[^/?#]*/i, '');
  const uri = (afterAuthority.split('#')[0] || '/').replace(/^(?=\?)/, '/');
  const host = isAddress ? hostname : (() => {
    try {
      return ruleHost(hostname);
    } catch {
      return undefined;
    }
  })();
  if (!host) return 'the host cannot be written into a rule';
  const key = `url:${host}${uri}`;
  if (!once(context, key)) return [];
  if (context.engine === 'suricata') {
    return [
      `alert http $HOME_NET any -> $EXTERNAL_NET any (${msg(context, `URL ${host}${uri}`)} flow:established,to_server; http.host; content:${contentString(host)}; bsize:${Buffer.byteLength(host)}; http.uri; content:${contentString(uri)}; startswith;${tail(context, key, item)}`,
    ];
  }
  return [
    `alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (${msg(context, `URL ${host}${uri}`)} flow:established,to_server; content:${contentString(host)}; http_header; nocase; content:${contentString(uri)}; http_uri;${tail(context, key, item)}`,
  ];
}

function rulesFor(context: RuleContext, item: ExportItem, hashesSeen: Set<RuleHash>): string[] | string {
  const { observable } = item;
  switch (observable.type) {
    case 'ipv4-addr':
    case 'ipv6-addr':
      return addressRule(context, observable.value, item);
    case 'domain-name':
      return domainRules(context, observable.value, item);
    case 'url':
      return urlRules(context, observable.value, item);
    case 'file':
    case 'artifact': {
      if (context.engine === 'snort') return 'Snort rules cannot match file hashes';
      const algorithm = observable.hashAlgorithm as RuleHash | undefined;
      if (!algorithm || !(algorithm in HASH_KEYWORDS)) return `Suricata has no file keyword for ${observable.hashAlgorithm ?? 'this hash'}`;
      hashesSeen.add(algorithm);
      return [];
    }
    default:
      return `no ${context.engine} rule for ${observable.type}`;
  }
}

/** Rule text chunks (one rule a line, after a comment header) for the observables of the input. */
export async function* writeIdsRules(input: AnyIterable<unknown>, engine: RuleEngine, options: RuleOptions = {}): AsyncGenerator<string> {
  const context: RuleContext = { engine, sids: new SidAllocator(options.sidBase ?? 1_000_000, options.sidRange ?? 1_000_000), seen: new Set(), options };
  const hashesSeen = new Set<RuleHash>();
  yield `# ${engine === 'suricata' ? 'Suricata' : 'Snort'} rules exported by the threat-information sharing hub\n`;
  for await (const item of exportItems(input, options.onSkip)) {
    const rules = rulesFor(context, item, hashesSeen);
    if (typeof rules === 'string') options.onSkip?.(item.observable, rules);
    else if (rules.length > 0) yield rules.join('');
  }
  for (const algorithm of Object.keys(HASH_KEYWORDS) as RuleHash[]) {
    if (!hashesSeen.has(algorithm)) continue;
    const file = options.hashListFiles?.[algorithm] ?? DEFAULT_HASH_LIST_FILES[algorithm];
    if (!/^[A-Za-z0-9._/-]+$/.test(file)) throw new RangeError(`hash list file name '${file}' may only hold letters, digits, '.', '_', '/' and '-'`);
    for (const protocol of options.fileProtocols ?? ['http', 'smtp', 'smb', 'ftp-data', 'nfs']) {
      if (!/^[a-z0-9-]+$/.test(protocol)) throw new RangeError(`'${protocol}' is not an app-layer protocol name`);
      const key = `hash:${algorithm}:${protocol}`;
      yield `alert ${protocol} any any -> any any (${msg(context, `file ${algorithm} on list ${file} (${protocol})`)} ${HASH_KEYWORDS[algorithm]}:${file};${tail(context, key, { observable: { type: 'file', value: '' } })}`;
    }
  }
}

export function writeSuricataRules(input: AnyIterable<unknown>, options: RuleOptions = {}): AsyncGenerator<string> {
  return writeIdsRules(input, 'suricata', options);
}

export function writeSnortRules(input: AnyIterable<unknown>, options: RuleOptions = {}): AsyncGenerator<string> {
  return writeIdsRules(input, 'snort', options);
}
