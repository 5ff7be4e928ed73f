// Throughput of the compiled warninglist matcher: observable values checked per second against about
// a hundred lists of the sizes MISP ships (a few 10k-entry cloud-range CIDR lists, two 50k-entry
// top-domain lists, many small hash, hostname and string lists, a few substring and regex lists),
// plus the hub's own default lists. Target: at least 100,000 values per second on one core.

import type { ObservableType } from '@hub/stix';
import { compileWarninglists } from '../src/warninglists/matcher';
import { readDefaultWarninglists } from '../src/warninglists/default-lists';
import { parseWarninglist, type Warninglist } from '../src/warninglists/warninglist';

export interface BenchResult {
  name: string;
  perSecond: number;
  details: string;
}

export interface WarninglistBenchOptions {
  /** Values to check (default 100,000). */
  valueCount?: number;
  /** Scales every list size (default 1: MISP's sizes); the unit test of the bench uses a small one. */
  listScale?: number;
}

/** A small deterministic generator (mulberry32), so every run checks the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TLDS = ['com', 'net', 'org', 'de', 'fr', 'io', 'co.uk', 'info', 'ru', 'cn'];
const WORDS = ['cloud', 'cdn', 'mail', 'health', 'clinic', 'portal', 'secure', 'update', 'static', 'api', 'shop', 'news'];

function hex(next: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(next() * 16).toString(16);
  return out;
}

function ipv4(next: () => number): string {
  return `${1 + Math.floor(next() * 222)}.${Math.floor(next() * 256)}.${Math.floor(next() * 256)}.${Math.floor(next() * 256)}`;
}

function ipv6Block(next: () => number, prefix: number): string {
  return `2${hex(next, 3)}:${hex(next, 4)}:${hex(next, 4)}::/${prefix}`;
}

function domain(next: () => number, i: number): string {
  return `${WORDS[i % WORDS.length]}${i}-${hex(next, 3)}.${TLDS[Math.floor(next() * TLDS.length)]}`;
}

function list(fields: Record<string, unknown>): Warninglist {
  const result = parseWarninglist({ version: 1, description: 'generated for the benchmark', ...fields });
  if (!result.ok) throw new Error(`generated list ${String(fields.name)}: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return result.list;
}

/** About a hundred lists shaped like MISP's: count and size per kind follow misp-warninglists. */
export function generateWarninglists(scale = 1): Warninglist[] {
  const next = random(42);
  const size = (n: number): number => Math.max(1, Math.round(n * scale));
  const lists: Warninglist[] = [];
  const cidrSizes = [10_000, 10_000, 10_000, ...Array.from({ length: 22 }, (_, i) => 20 + ((i * 97) % 2000))];
  cidrSizes.forEach((n, i) => {
    const entries = Array.from({ length: size(n) }, (_, j) => {
      if (j % 10 === 9) return ipv6Block(next, 32 + Math.floor(next() * 33));
      const prefix = 16 + Math.floor(next() * 13);
      return `${ipv4(next)}/${prefix}`;
    });
    lists.push(list({ name: `cidr ${i}`, type: 'cidr', matching_attributes: ['ip-src', 'ip-dst', 'domain|ip'], list: entries }));
  });
  const hostnameSizes = [50_000, 50_000, ...Array.from({ length: 25 }, (_, i) => 10 + ((i * 131) % 3000))];
  let domainIndex = 0;
  hostnameSizes.forEach((n, i) => {
    const entries = Array.from({ length: size(n) }, () => domain(next, domainIndex++));
    lists.push(list({ name: `hostname ${i}`, type: 'hostname', matching_attributes: ['hostname', 'domain', 'url', 'domain|ip'], list: entries }));
  });
  Array.from({ length: 30 }, (_, i) => (i === 0 ? 10_000 : 1 + ((i * 37) % 1000))).forEach((n, i) => {
    const length = [32, 40, 64][i % 3] as number;
    const entries = Array.from({ length: size(n) }, () => hex(next, length));
    lists.push(list({ name: `string ${i}`, type: 'string', matching_attributes: ['md5', 'sha1', 'sha256'], list: entries }));
  });
  Array.from({ length: 12 }, (_, i) => 5 + ((i * 17) % 200)).forEach((n, i) => {
    const entries = Array.from({ length: size(n) }, (_, j) => `/${WORDS[j % WORDS.length]}-${hex(next, 6)}/`);
    lists.push(list({ name: `substring ${i}`, type: 'substring', matching_attributes: ['url'], list: entries }));
  });
  Array.from({ length: 6 }, (_, i) => 1 + ((i * 3) % 10)).forEach((n, i) => {
    const entries = Array.from({ length: n }, (_, j) => `/^https?:\\/\\/[^\\/]*${WORDS[(i + j) % WORDS.length]}${hex(next, 4)}\\.[a-z]{2,6}\\//i`);
    lists.push(list({ name: `regex ${i}`, type: 'regex', matching_attributes: ['url', 'domain'], list: entries }));
  });
  return lists;
}

/** Values as members submit them: mostly addresses, domains, URLs and hashes; a few percent listed. */
export function generateValues(count: number, lists: readonly Warninglist[]): { type: ObservableType; value: string }[] {
  const next = random(7);
  const cidrEntries = lists.filter((l) => l.type === 'cidr').flatMap((l) => l.entries.map((e) => e.value)).filter((v) => !v.includes(':'));
  const hostEntries = lists.filter((l) => l.type === 'hostname').flatMap((l) => l.entries.map((e) => e.value));
  const hashEntries = lists.filter((l) => l.type === 'string').flatMap((l) => l.entries.map((e) => e.value));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const values: { type: ObservableType; value: string }[] = [];
  for (let i = 0; i < count; i++) {
    const listed = next() < 0.05;
    const roll = next();
    if (roll < 0.35) values.push({ type: 'ipv4-addr', value: listed && cidrEntries.length ? (pick(cidrEntries).split('/')[0] as string) : ipv4(next) });
    else if (roll < 0.4) values.push({ type: 'ipv6-addr', value: `2${hex(next, 3)}:${hex(next, 4)}::${hex(next, 4)}` });
    else if (roll < 0.65) values.push({ type: 'domain-name', value: listed && hostEntries.length ? `www.${pick(hostEntries)}` : domain(next, 1_000_000 + i) });
    else if (roll < 0.8) values.push({ type: 'url', value: `https://${listed && hostEntries.length ? pick(hostEntries) : domain(next, 2_000_000 + i)}/${pick(WORDS)}-${hex(next, 6)}/x.php?id=${i}` });
    else if (roll < 0.95) values.push({ type: 'file', value: listed && hashEntries.length ? pick(hashEntries) : hex(next, 64) });
    else values.push({ type: 'email-addr', value: `user${i}@${domain(next, 3_000_000 + i)}` });
  }
  return values;
}

function timeIt(run: () => void): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

/**
 * Wall and CPU seconds of one run. The CPU time is what "per second on one core" means, and it stays
 * meaningful on a shared, loaded machine where the wall clock also counts the time other processes ran.
 */
function timeBoth(run: () => void): { wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const wall = timeIt(run);
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

export async function benchWarninglists(options: WarninglistBenchOptions = {}): Promise<BenchResult[]> {
  const valueCount = options.valueCount ?? 100_000;
  const lists = [...readDefaultWarninglists(), ...generateWarninglists(options.listScale ?? 1)];
  const entries = lists.reduce((sum, l) => sum + l.entries.length, 0);
  const values = generateValues(valueCount, lists);
  let matcher = compileWarninglists([]);
  const compile = timeBoth(() => {
    matcher = compileWarninglists(lists);
  });
  // Warm up the JIT on a slice before measuring.
  for (const { type, value } of values.slice(0, 5000)) matcher.check(type, value);
  let hits = 0;
  const rounds = [0, 1, 2, 3, 4].map(() =>
    timeBoth(() => {
      hits = 0;
      for (const { type, value } of values) hits += matcher.check(type, value).length > 0 ? 1 : 0;
    }),
  );
  const { wall, cpu } = rounds.sort((a, b) => a.cpu - b.cpu)[2] as { wall: number; cpu: number };
  return [
    {
      name: 'intel-rules: warninglist check (values per CPU-second against every list)',
      perSecond: Math.round(valueCount / cpu),
      details: `${valueCount} values against ${lists.length} lists (${entries} entries): ${(cpu * 1000).toFixed(0)} ms CPU, ${(wall * 1000).toFixed(0)} ms wall (median of 5), ${hits} values hit a list`,
    },
    {
      name: 'intel-rules: warninglist compile',
      perSecond: Math.round(entries / compile.cpu),
      details: `${lists.length} lists, ${entries} entries compiled: ${(compile.cpu * 1000).toFixed(0)} ms CPU, ${(compile.wall * 1000).toFixed(0)} ms wall (entries per CPU-second)`,
    },
  ];
}
