// Exposure matching at the issue's sizes, on one core:
// - a new inventory of 5,000 components against 100,000 advisory products (target: within 5 s);
// - one new advisory against 200,000 declared components (target: within 1 s);
// - reading a 50,000-component CycloneDX SBOM.
// Data are generated with a fixed seed: purls (npm, pypi, maven) with vers ranges, CPEs with ranges or exact
// versions, and devices with model numbers, drawn with a skew so that popular packages have many
// advisories and many installations, as in real feeds.
//
// Run: `npm run build && node dist/libs/exposure-rules/bench/matching.bench.js` (prints a Markdown table).
import { pathToFileURL } from 'node:url';
import { parseInventory } from '../src/inventory/parse-inventory';
import type { AffectedProductSpec, DeclaredComponentFields } from '../src/matching/affected-product';
import { AdvisoryIndex, ComponentIndex, scanComponents } from '../src/matching/exposure-index';

export interface BenchResult {
  name: string;
  /** Wall-clock time; on a loaded machine CPU time (cpuMs) says more about the code. */
  ms: number;
  cpuMs: number;
  targetMs?: number;
  details: string;
}

type Product = AffectedProductSpec & { id: number };
type Component = DeclaredComponentFields & { id: number };

/** mulberry32: a small seeded generator, so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PACKAGES = 20_000;
const CPE_PRODUCTS = 10_000;
const DEVICE_VENDORS = 300;
const MODELS_PER_VENDOR = 40;

/** Skewed towards low indexes: the popular packages. */
function pick(next: () => number, size: number): number {
  const r = next();
  return Math.floor(size * r * r);
}

function version(next: () => number): string {
  return `${Math.floor(next() * 6)}.${Math.floor(next() * 20)}.${Math.floor(next() * 30)}`;
}

const ECOSYSTEMS = [
  { type: 'npm', purl: (i: number) => `pkg:npm/package-${i}` },
  { type: 'pypi', purl: (i: number) => `pkg:pypi/module-${i}` },
  { type: 'maven', purl: (i: number) => `pkg:maven/org.example${i % 97}/artifact-${i}` },
];

export function generateAdvisoryProducts(count: number, seed = 1): Product[] {
  const next = random(seed);
  const products: Product[] = [];
  for (let id = 0; id < count; id++) {
    const kind = next();
    if (kind < 0.5) {
      const ecosystem = ECOSYSTEMS[id % ECOSYSTEMS.length];
      const low = version(next);
      products.push({ id, purl: ecosystem.purl(pick(next, PACKAGES)), range: `vers:${ecosystem.type === 'npm' ? 'npm' : ecosystem.type}/>=${low}|<${Number(low.split('.')[0]) + 1}.0.0` });
    } else if (kind < 0.85) {
      const product = pick(next, CPE_PRODUCTS);
      products.push(next() < 0.5 ? { id, cpe: `cpe:2.3:a:vendor${product % 2_000}:product${product}:${version(next)}:*:*:*:*:*:*:*` } : { id, cpe: `cpe:2.3:a:vendor${product % 2_000}:product${product}:*:*:*:*:*:*:*:*`, range: `vers:generic/<${version(next)}` });
    } else {
      const vendor = pick(next, DEVICE_VENDORS);
      products.push({ id, device: { vendor: `Medical Vendor ${vendor} Inc.`, model: `MX-${vendor}-${Math.floor(next() * MODELS_PER_VENDOR)}` }, range: `vers:generic/<${Math.floor(next() * 10)}.${Math.floor(next() * 10)}` });
    }
  }
  return products;
}

export function generateComponents(count: number, seed = 2): Component[] {
  const next = random(seed);
  const components: Component[] = [];
  for (let id = 0; id < count; id++) {
    const kind = next();
    if (kind < 0.6) {
      const ecosystem = ECOSYSTEMS[id % ECOSYSTEMS.length];
      components.push({ id, name: `c${id}`, cpes: [], purls: [`${ecosystem.purl(pick(next, PACKAGES))}@${version(next)}`] });
    } else if (kind < 0.9) {
      const product = pick(next, CPE_PRODUCTS);
      components.push({ id, name: `c${id}`, cpes: [`cpe:2.3:a:vendor${product % 2_000}:product${product}:${version(next)}:*:*:*:*:*:*:*`], purls: [] });
    } else {
      const vendor = pick(next, DEVICE_VENDORS);
      components.push({ id, name: 'Monitor', vendor: `Medical Vendor ${vendor}`, model: `MX ${vendor} ${Math.floor(next() * MODELS_PER_VENDOR)}`, version: `${Math.floor(next() * 10)}.${Math.floor(next() * 10)}`, cpes: [], purls: [] });
    }
  }
  return components;
}

function time<T>(run: () => T): { value: T; ms: number; cpuMs: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

export interface BenchOptions {
  advisoryProducts?: number;
  inventoryComponents?: number;
  declaredComponents?: number;
  sbomComponents?: number;
}

export function benchExposureMatching(options: BenchOptions = {}): BenchResult[] {
  const advisoryCount = options.advisoryProducts ?? 100_000;
  const inventoryCount = options.inventoryComponents ?? 5_000;
  const declaredCount = options.declaredComponents ?? 200_000;
  const sbomCount = options.sbomComponents ?? 50_000;
  const results: BenchResult[] = [];

  const products = generateAdvisoryProducts(advisoryCount);
  const inventory = generateComponents(inventoryCount, 3);
  // Warm-up on a small slice so the JIT has compiled the hot paths before timing.
  new AdvisoryIndex(products.slice(0, 2_000)).match(inventory.slice(0, 500));

  const advisoryIndex = time(() => new AdvisoryIndex(products));
  const inventoryMatches = time(() => advisoryIndex.value.match(inventory));
  results.push({
    name: `new inventory of ${inventoryCount.toLocaleString('en')} components against ${advisoryCount.toLocaleString('en')} advisory products (index built + matched)`,
    ms: advisoryIndex.ms + inventoryMatches.ms,
    cpuMs: advisoryIndex.cpuMs + inventoryMatches.cpuMs,
    targetMs: 5_000,
    details: `index ${advisoryIndex.ms.toFixed(0)} ms (CPU ${advisoryIndex.cpuMs.toFixed(0)} ms), match ${inventoryMatches.ms.toFixed(0)} ms (CPU ${inventoryMatches.cpuMs.toFixed(0)} ms), ${inventoryMatches.value.length.toLocaleString('en')} matches`,
  });

  const declared = generateComponents(declaredCount, 4);
  const advisories = generateAdvisoryProducts(30, 5);
  const oneAdvisory = (index: number) => advisories.slice(index * 3, index * 3 + 3);
  scanComponents(oneAdvisory(0), declared.slice(0, 20_000));
  const scans = Array.from({ length: 10 }, (_, index) => time(() => scanComponents(oneAdvisory(index), declared)));
  const worstScan = scans.reduce((worst, scan) => (scan.ms > worst.ms ? scan : worst));
  const medianScan = [...scans].sort((a, b) => a.ms - b.ms)[5];
  results.push({
    name: `one new advisory (3 products) against ${declaredCount.toLocaleString('en')} declared components (scan, no index)`,
    ms: worstScan.ms,
    cpuMs: worstScan.cpuMs,
    targetMs: 1_000,
    details: `worst of 10 advisories; median ${medianScan.ms.toFixed(0)} ms (CPU ${medianScan.cpuMs.toFixed(0)} ms); ${scans.reduce((sum, scan) => sum + scan.value.matches.length, 0)} matches`,
  });

  const componentIndex = time(() => new ComponentIndex(declared));
  const lookups = Array.from({ length: 10 }, (_, index) => time(() => componentIndex.value.match(oneAdvisory(index))));
  const worstLookup = lookups.reduce((worst, lookup) => (lookup.ms > worst.ms ? lookup : worst));
  results.push({
    name: `one new advisory (3 products) against ${declaredCount.toLocaleString('en')} declared components (standing ComponentIndex)`,
    ms: worstLookup.ms,
    cpuMs: worstLookup.cpuMs,
    targetMs: 1_000,
    details: `worst of 10 advisories, ${lookups.reduce((sum, lookup) => sum + lookup.value.matches.length, 0)} matches; building the index once took ${componentIndex.ms.toFixed(0)} ms (CPU ${componentIndex.cpuMs.toFixed(0)} ms)`,
  });

  const bom = JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    components: generateComponents(sbomCount, 6).map((component) => ({
      type: 'library',
      name: component.name,
      version: '1.0.0',
      ...(component.purls[0] ? { purl: component.purls[0] } : {}),
      ...(component.cpes[0] ? { cpe: component.cpes[0] } : {}),
    })),
  });
  const parsed = time(() => parseInventory(bom));
  results.push({
    name: `read a CycloneDX SBOM of ${sbomCount.toLocaleString('en')} components (${(bom.length / 1e6).toFixed(1)} MB, JSON.parse included)`,
    ms: parsed.ms,
    cpuMs: parsed.cpuMs,
    details: parsed.value.ok ? `${parsed.value.components.length.toLocaleString('en')} components after merging duplicates` : 'INVALID',
  });
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = benchExposureMatching();
  const lines = ['| what | wall clock | CPU | target | details |', '| --- | --- | --- | --- | --- |'];
  for (const result of results) lines.push(`| ${result.name} | ${result.ms.toFixed(0)} ms | ${result.cpuMs.toFixed(0)} ms | ${result.targetMs ? `${result.targetMs} ms` : '—'} | ${result.details} |`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
