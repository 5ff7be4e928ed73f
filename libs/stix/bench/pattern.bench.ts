// Throughput of STIX pattern parsing (lexing, parsing, semantic checks) and of
// observable extraction, over a mix shaped like real indicator feeds: mostly single
// equality tests on hashes, addresses, domains and URLs, some compound patterns with
// qualifiers, a few invalid ones.

import { observablesFromPattern } from '../src/observables';
import { parsePattern } from '../src/pattern';

const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';
const MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f';

const SIMPLE_PATTERNS: readonly string[] = [
  `[ipv4-addr:value = '203.0.113.5']`,
  `[ipv4-addr:value = '198.51.100.0/24']`,
  `[ipv6-addr:value = '2001:db8::1']`,
  `[domain-name:value = 'malicious.example.com']`,
  `[url:value = 'http://malicious.example.com/payload.exe']`,
  `[email-addr:value = 'phish@example.org']`,
  `[file:hashes.'SHA-256' = '${SHA256}']`,
  `[file:hashes.MD5 = '${MD5}']`,
];

const COMPOUND_PATTERNS: readonly string[] = [
  `[file:hashes.'SHA-256' = '${SHA256}' OR file:hashes.MD5 = '${MD5}']`,
  `[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32' AND network-traffic:dst_port IN (80, 443, 8080)]`,
  `([file:hashes.MD5 = '${MD5}'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS`,
  `[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']`,
  `[ipv4-addr:value = '203.0.113.1'] START t'2017-01-01T00:00:00Z' STOP t'2017-02-01T00:00:00Z'`,
  `[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0] REPEATS 3 TIMES`,
];

const INVALID_PATTERNS: readonly string[] = [
  `[file:hashes.'SHA-256' = 'f00']`,
  `[ipv4-addr:value = '203.0.113.5'`,
  `[domain-name:value == example.com]`,
];

/** 80% simple, 15% compound, 5% invalid. */
function realisticMix(): string[] {
  const mix: string[] = [];
  for (let i = 0; i < 16; i++) mix.push(...SIMPLE_PATTERNS);
  for (let i = 0; i < 4; i++) mix.push(...COMPOUND_PATTERNS);
  for (let i = 0; i < 3; i++) mix.push(...INVALID_PATTERNS);
  return mix;
}

function measure(name: string, inputs: readonly string[], run: (input: string) => unknown, minimumMs = 1000) {
  // Warm up so the JIT has compiled the hot paths before timing.
  for (let i = 0; i < 20_000; i++) run(inputs[i % inputs.length] as string);
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minimumMs) {
    for (const input of inputs) run(input);
    count += inputs.length;
    elapsed = performance.now() - started;
  }
  const perSecond = Math.round((count / elapsed) * 1000);
  return { name, perSecond, details: `${count} inputs in ${elapsed.toFixed(0)} ms (${inputs.length} distinct)` };
}

export async function benchPatternParsing(): Promise<{ name: string; perSecond: number; details: string }[]> {
  const mix = realisticMix();
  return [
    measure('pattern parse: simple patterns', SIMPLE_PATTERNS, parsePattern),
    measure('pattern parse: compound patterns', COMPOUND_PATTERNS, parsePattern),
    measure('pattern parse: realistic mix', mix, parsePattern),
    measure('pattern parse + observable extraction: realistic mix', mix, observablesFromPattern),
  ];
}
