// Throughput of STIX validation: indicators per second (the submission hot path, including the pattern
// parser) and objects per second over the two MITRE ATT&CK bundles (real-world data, mostly relationships).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateBundle } from '../src/bundle';
import { validateObject } from '../src/objects/validate';
import { ATTACK_BUNDLES, attackDataDir } from '../test/attack-data';

export interface BenchResult {
  name: string;
  perSecond: number;
  details: string;
}

export interface StixBenchOptions {
  /** How many indicators to generate (default 50,000). */
  indicatorCount?: number;
  /** Folder holding the ATT&CK bundles; by default the copy in libs/stix/test/attack. */
  attackDir?: string;
}


function hex(value: number, length: number): string {
  return value.toString(16).padStart(length, '0').slice(-length);
}

/** Deterministic indicators with the simple patterns members submit most: hashes, IPs, domains, URLs. */
export function generateIndicators(count: number): Record<string, unknown>[] {
  const indicators: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const uuid = `${hex(i, 8)}-${hex(i >> 3, 4)}-4${hex(i, 3)}-8${hex(i >> 5, 3)}-${hex(i * 7919, 12)}`;
    const patterns = [
      `[file:hashes.'SHA-256' = '${hex(i, 8).repeat(8)}']`,
      `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`,
      `[domain-name:value = 'host-${i}.example.org']`,
      `[url:value = 'https://example.org/${i}/payload.bin']`,
    ];
    indicators.push({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${uuid}`,
      created: '2024-03-01T12:00:00.000Z',
      modified: '2024-03-01T12:00:00.000Z',
      name: `Indicator ${i}`,
      indicator_types: ['malicious-activity'],
      pattern: patterns[i % patterns.length],
      pattern_type: 'stix',
      valid_from: '2024-03-01T12:00:00Z',
      labels: ['healthcare'],
      confidence: 80,
      object_marking_refs: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'],
    });
  }
  return indicators;
}

function timeIt(run: () => void): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

/** Small inputs finish in milliseconds, so time several rounds and keep the median. */
function medianSeconds(run: () => void, rounds: number): number {
  const times = Array.from({ length: rounds }, () => timeIt(run)).sort((a, b) => a - b);
  return times[Math.floor(rounds / 2)];
}

function benchIndicators(count: number): BenchResult {
  const indicators = generateIndicators(count);
  // Warm up the JIT (and zod's compiled object parsers) before measuring.
  for (const indicator of indicators.slice(0, 2000)) validateObject(indicator);
  let invalid = 0;
  const seconds = timeIt(() => {
    for (const indicator of indicators) if (!validateObject(indicator).ok) invalid++;
  });
  return {
    name: 'stix: validate indicators (with STIX pattern parsing)',
    perSecond: Math.round(count / seconds),
    details: `${count} indicators in ${(seconds * 1000).toFixed(0)} ms, ${invalid} invalid`,
  };
}

/** A large submission end to end: JSON text of tens of MB in, one result per object out. */
function benchLargeBundle(count: number): BenchResult {
  const text = JSON.stringify({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: generateIndicators(count) });
  let ok = false;
  const seconds = timeIt(() => {
    ok = validateBundle(text).ok;
  });
  return {
    name: 'stix: validate a large bundle from JSON text',
    perSecond: Math.round(count / seconds),
    details: `${count} indicators (${(text.length / 1e6).toFixed(1)} MB of JSON) in ${(seconds * 1000).toFixed(0)} ms including JSON.parse, ${ok ? 'valid' : 'INVALID'}`,
  };
}

function benchAttackBundle(file: string, attackDir: string): BenchResult {
  const text = readFileSync(join(attackDir, file), 'utf8');
  const bundle = JSON.parse(text) as { objects: unknown[] };
  let result = validateBundle(bundle);
  const seconds = medianSeconds(() => {
    result = validateBundle(bundle);
  }, 9);
  const errors = result.objects.reduce((sum, object) => sum + object.result.errors.length, result.errors.length);
  return {
    name: `stix: validate ATT&CK bundle ${file}`,
    perSecond: Math.round(bundle.objects.length / seconds),
    details: `${bundle.objects.length} objects (${(text.length / 1e6).toFixed(1)} MB) in ${(seconds * 1000).toFixed(0)} ms (median of 9 runs), ${errors} errors`,
  };
}

export async function benchStixValidation(options: StixBenchOptions = {}): Promise<BenchResult[]> {
  const count = options.indicatorCount ?? 50_000;
  const results = [benchIndicators(count), benchLargeBundle(count)];
  const attackDir = options.attackDir ? resolve(options.attackDir) : attackDataDir();
  for (const file of ATTACK_BUNDLES) results.push(benchAttackBundle(file, attackDir));
  return results;
}
