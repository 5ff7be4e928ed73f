// All enabled warninglists compiled into one matcher, so checking a value is one lookup per kind of
// list instead of one scan per list:
// - string: one hash map of every entry (exact, case-sensitive, as MISP's `isset`);
// - hostname: one hash map of every entry; a value's host is looked up suffix by suffix, from the
//   top-level label down (`com`, `example.com`, `www.example.com`), as MISP does;
// - cidr: IPv4 blocks cut into sorted elementary ranges (one binary search per value, see
//   ipv4-ranges.ts); IPv6 per prefix length present, a hash map of the masked prefixes (as MISP's
//   CidrTool does for IPv4), looked up for each length at most the value's own;
// - substring: one Aho–Corasick automaton over every entry;
// - regex: each entry in turn (regex lists are small; each entry was checked for safety at load).
// Per list the first match is reported in MISP's order: the shortest hostname suffix, the widest
// block, the first substring or regex entry in list order.

import { OBSERVABLE_TYPES, type ObservableType } from '@hub/stix';
import { maskIpv4, maskIpv6Hex, networkOf, parseIpBlock } from '../ip';
import { AhoCorasick } from './aho-corasick';
import { Ipv4Ranges, type Ipv4Span } from './ipv4-ranges';
import { observableTypesFor } from './attributes';
import { compileMispRegex } from './regex';
import type { Warninglist, WarninglistAction, WarninglistEntry, WarninglistType } from './warninglist';

export interface WarninglistHit {
  /** The list's name (unique: MISP identifies lists by name). */
  list: string;
  action: WarninglistAction;
  category: Warninglist['category'];
  /** The entry that matched, as written in the list (`10.0.0.0/8`, `example.com`, `/^x$/i`). */
  entry: string;
  comment?: string;
}

export interface WarninglistMatcher {
  /**
   * Every list that `value` hits, in the order the lists were given. `value` is the canonical value
   * of an observable of `type` (see normalizeObservable in @hub/stix).
   */
  check(type: ObservableType, value: string): readonly WarninglistHit[];
  /** True when a hit of any list says `block`. */
  blocks(hits: readonly WarninglistHit[]): boolean;
}

interface Ref {
  list: number;
  entry: WarninglistEntry;
}

const NO_HITS: readonly WarninglistHit[] = Object.freeze([]);

export function compileWarninglists(lists: readonly Warninglist[]): WarninglistMatcher {
  return new CompiledWarninglists(lists);
}

function pushRef<K>(map: Map<K, Ref[]>, key: K, ref: Ref): void {
  const refs = map.get(key);
  if (!refs) map.set(key, [ref]);
  // A list repeating an entry (or two entries meaning the same block) counts once.
  else if (!refs.some((other) => other.list === ref.list)) refs.push(ref);
}

class CompiledWarninglists implements WarninglistMatcher {
  private readonly lists: readonly Warninglist[];
  /** applies[type][list]: the list's matching_attributes cover the observable type. */
  private readonly applies = new Map<ObservableType, Uint8Array>();
  /** Whether any list of a kind applies to a type, so a kind with nothing to say costs nothing. */
  private readonly kindApplies = new Map<ObservableType, Set<WarninglistType>>();
  private readonly strings = new Map<string, Ref[]>();
  private readonly hostnames = new Map<string, Ref[]>();
  private readonly ipv4Spans: Ipv4Span<Ref>[] = [];
  private readonly ipv4: Ipv4Ranges<Ref>;
  private readonly ipv6ByLength = new Map<number, Map<string, Ref[]>>();
  private ipv6Lengths: number[] = [];
  private readonly substringRefs: Ref[] = [];
  private readonly substrings: AhoCorasick;
  private readonly regexes: { ref: Ref; regex: RegExp }[] = [];

  constructor(lists: readonly Warninglist[]) {
    this.lists = lists;
    for (const type of OBSERVABLE_TYPES) {
      this.applies.set(type, new Uint8Array(lists.length));
      this.kindApplies.set(type, new Set());
    }
    lists.forEach((list, index) => {
      for (const type of observableTypesFor(list.matchingAttributes)) {
        (this.applies.get(type) as Uint8Array)[index] = 1;
        this.kindApplies.get(type)?.add(list.type);
      }
      for (const entry of list.entries) this.addEntry(list.type, { list: index, entry });
    });
    this.ipv4 = new Ipv4Ranges(this.ipv4Spans);
    this.ipv6Lengths = [...this.ipv6ByLength.keys()].sort((a, b) => a - b);
    this.substrings = new AhoCorasick(this.substringRefs.map((ref) => ref.entry.value));
  }

  private addEntry(type: WarninglistType, ref: Ref): void {
    const value = ref.entry.value;
    if (type === 'string') pushRef(this.strings, value, ref);
    else if (type === 'hostname') pushRef(this.hostnames, trimDots(value.trim().toLowerCase()), ref);
    else if (type === 'substring') this.substringRefs.push(ref);
    else if (type === 'regex') {
      const compiled = compileMispRegex(value);
      // parseWarninglist refuses such entries; a hand-built list must not crash the matcher either.
      if (compiled.ok) this.regexes.push({ ref, regex: compiled.regex });
    } else {
      const block = parseIpBlock(value.trim());
      if (!block) return;
      const network = networkOf(block);
      if (network.version === 4) this.ipv4Spans.push({ item: ref, list: ref.list, start: network.address, end: network.address + 2 ** (32 - network.prefix) - 1 });
      else pushRef(mapFor(this.ipv6ByLength, network.prefix), maskIpv6Hex(network.hex, network.prefix), ref);
    }
  }

  check(type: ObservableType, value: string): readonly WarninglistHit[] {
    const kinds = this.kindApplies.get(type);
    if (!kinds || kinds.size === 0) return NO_HITS;
    const applies = this.applies.get(type) as Uint8Array;
    let found: Ref[] | undefined;
    const add = (refs: readonly Ref[] | undefined): void => {
      if (!refs) return;
      for (const ref of refs) {
        if (applies[ref.list] !== 1 || found?.some((other) => other.list === ref.list)) continue;
        (found ??= []).push(ref);
      }
    };
    if (kinds.has('string')) add(this.strings.get(value));
    if (kinds.has('hostname')) this.checkHostname(value, add);
    if (kinds.has('cidr')) this.checkCidr(value, add);
    if (kinds.has('substring') && this.substringRefs.length > 0) {
      const ids = this.substrings.search(value);
      if (ids.length > 0) add(ids.sort((a, b) => a - b).map((id) => this.substringRefs[id] as Ref));
    }
    if (kinds.has('regex')) {
      for (const { ref, regex } of this.regexes) if (applies[ref.list] === 1 && regex.test(value)) add([ref]);
    }
    if (!found) return NO_HITS;
    return found.sort((a, b) => a.list - b.list).map((ref) => this.hit(ref));
  }

  blocks(hits: readonly WarninglistHit[]): boolean {
    return hits.some((hit) => hit.action === 'block');
  }

  private hit(ref: Ref): WarninglistHit {
    const list = this.lists[ref.list] as Warninglist;
    const hit: WarninglistHit = { list: list.name, action: list.action, category: list.category, entry: ref.entry.value };
    if (ref.entry.comment) hit.comment = ref.entry.comment;
    return hit;
  }

  private checkHostname(value: string, add: (refs: readonly Ref[] | undefined) => void): void {
    if (this.hostnames.size === 0) return;
    const host = hostOf(value);
    if (!host) return;
    // Suffixes from the last label to the whole host: the shortest listed suffix is the one reported.
    let dot = host.length;
    while (dot > 0) {
      dot = host.lastIndexOf('.', dot - 1);
      add(this.hostnames.get(dot < 0 ? host : host.slice(dot + 1)));
      if (dot < 0) break;
    }
  }

  private checkCidr(value: string, add: (refs: readonly Ref[] | undefined) => void): void {
    const first = value.charCodeAt(0);
    // Only addresses can be inside a block; skip the parse for values that cannot be one.
    if (!((first >= 48 && first <= 57) || (first >= 97 && first <= 102) || (first >= 65 && first <= 70) || first === 58)) return;
    const block = parseIpBlock(value);
    if (!block) return;
    // A block is inside a listed block only when its prefix is at least as long (MISP: value mask >= list mask).
    if (block.version === 4) {
      const start = maskIpv4(block.address, block.prefix);
      const spans = this.ipv4.containing(start, start + 2 ** (32 - block.prefix) - 1);
      if (spans) for (const span of spans) add([span.item]);
    } else {
      for (const length of this.ipv6Lengths) {
        if (length > block.prefix) break;
        add(this.ipv6ByLength.get(length)?.get(maskIpv6Hex(block.hex, length)));
      }
    }
  }
}

function mapFor<K>(byLength: Map<number, Map<K, Ref[]>>, length: number): Map<K, Ref[]> {
  let map = byLength.get(length);
  if (!map) byLength.set(length, (map = new Map()));
  return map;
}

function trimDots(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 46) start++;
  while (end > start && text.charCodeAt(end - 1) === 46) end--;
  return text.slice(start, end);
}

/**
 * The host a hostname list is matched against: the authority of a URL (`scheme://host/...`), else the
 * text before the first `/`; without user info, port or IPv6 brackets; lower case, no trailing dot.
 * An e-mail address gives its domain. MISP takes the text between the 2nd and 3rd `/` and keeps the
 * port, so `https://example.com:8443/` misses `example.com` there; the hub does not miss it.
 */
export function hostOf(value: string): string | undefined {
  const scheme = value.indexOf('//');
  const start = scheme >= 0 && (scheme === 0 || value.charCodeAt(scheme - 1) === 58) ? scheme + 2 : 0;
  let end = value.indexOf('/', start);
  if (end < 0) end = value.length;
  let host = value.slice(start, end);
  for (const separator of ['?', '#']) {
    const at = host.indexOf(separator);
    if (at >= 0) host = host.slice(0, at);
  }
  host = host.slice(host.lastIndexOf('@') + 1);
  if (host.startsWith('[')) host = host.slice(1, host.indexOf(']') < 0 ? host.length : host.indexOf(']'));
  else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && host.indexOf(':') === colon) host = host.slice(0, colon);
  }
  host = host.toLowerCase();
  while (host.endsWith('.')) host = host.slice(0, -1);
  return host === '' ? undefined : host;
}
