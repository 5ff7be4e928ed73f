// Observables in free text (a vendor's e-mail, a report, a pasted list): found, typed, normalised and
// de-duplicated, each with where it was written, for an analyst to review before sharing.
//
// The text is read line by line (no observable spans lines), so a whole mailbox can stream through in
// constant memory apart from the set of values already seen. In each line, after refanging:
// 1. URLs first: whatever they contain (an address, a hash, a domain) is part of the URL, not found again;
// 2. e-mail addresses, whose domain is part of the address;
// 3. CVE identifiers, hashes, IPv6 and IPv4 addresses (with an optional CIDR prefix length);
// 4. domain names, only when the last label is a real top-level domain (IANA list), so that `report.pdf`,
//    `setup.exe` or `1.2.3` are not domains; a two-label name ending in a TLD that is also a common file
//    extension (`invoice.zip`, `notes.md`) is taken for a file name unless it was defanged.
import { canonicalIpv4, canonicalIpv6, normalizeObservable } from '@hub/stix';
import { HASH_ALGORITHM_BY_LENGTH, patternForObservable } from '../common/observable-pattern';
import { refang } from './refang';
import { IANA_TLDS } from './tlds';

export type ExtractedObservableType = 'ipv4-addr' | 'ipv6-addr' | 'domain-name' | 'url' | 'email-addr' | 'file' | 'vulnerability';

export interface ExtractedObservable {
  type: ExtractedObservableType;
  /** Normalised value: refanged, canonical (lower-case hosts and hashes, RFC 5952 IPv6, upper-case CVE). */
  value: string;
  /** For `file`: the hash algorithm (MD5, SHA-1, SHA-256 or SHA-512). */
  hashAlgorithm?: string;
  /** The text as written, defanging included. */
  original: string;
  /** True when the original was defanged. */
  defanged: boolean;
  /** Where the first occurrence starts: 1-based line and column (in UTF-16 code units), 0-based offset. */
  line: number;
  column: number;
  offset: number;
  /** The STIX pattern an indicator for this value would carry; none for a vulnerability. */
  pattern?: string;
}

/** Last labels that are real TLDs and also everyday file extensions. */
const FILE_EXTENSION_TLDS: ReadonlySet<string> = new Set(['zip', 'mov', 'one', 'py', 'sh', 'pl', 'md', 'rs', 'ps', 'so', 'cs', 'pm', 'sc']);

const URL_RE = /\b(?:https?|ftps?|sftp):\/\/[^\s<>"'`{}|\\^]+/gi;
const EMAIL_RE = /(?<![\w.%+-])[a-z0-9](?:[a-z0-9._%+-]{0,63})@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}(?![\w-]|\.[a-z0-9])/gi;
const CVE_RE = /\bCVE-\d{4}-\d{4,7}\b/gi;
const HASH_RE = /(?<![0-9a-z])[0-9a-f]{32,128}(?![0-9a-z])/gi;
const IPV6_RE = /(?<![0-9a-z:.])(?=[0-9a-f:]*:[0-9a-f]*:)[0-9a-f:]{2,39}(?:(?<=:)(?:\d{1,3}\.){3}\d{1,3})?(?:\/\d{1,3})?(?![0-9a-z:]|\.\d)/gi;
const IPV4_RE = /(?<![0-9.])(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?![0-9]|\.\d)/g;
const DOMAIN_RE = /(?<![\w@.\-/\\])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})(?![\w-]|\.[\w-])/gi;

/** `version 4.12.0.1`, `build 10.0.19041.1`, `v1.2.3.4`: four numbers that are a version, not an address. */
const VERSION_BEFORE = /(?:\bv|\bversion|\bver\.?|\bbuild|\brelease|\brev)\s*$/i;

interface Span {
  start: number;
  end: number;
}

interface Finding extends Span {
  type: ExtractedObservableType;
  value: string;
  hashAlgorithm?: string;
}

/** Removes trailing punctuation that ends a sentence rather than the URL, keeping balanced brackets. */
function trimUrl(url: string): string {
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if ('.,;:!?\'"*'.includes(last)) {
      end--;
      continue;
    }
    const open = last === ')' ? '(' : last === ']' ? '[' : undefined;
    if (open) {
      const body = url.slice(0, end);
      if (body.split(open).length - 1 < body.split(last).length - 1) {
        end--;
        continue;
      }
    }
    return url.slice(0, end);
  }
}

function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((span) => start < span.end && end > span.start);
}

function findAll(re: RegExp, line: string, taken: Span[], accept: (match: string, start: number) => Finding | undefined): Finding[] {
  const found: Finding[] = [];
  for (const match of line.matchAll(re)) {
    const start = match.index;
    if (overlaps(taken, start, start + match[0].length)) continue;
    const finding = accept(match[0], start);
    if (!finding) continue;
    found.push(finding);
    taken.push(finding);
  }
  return found;
}

function urlFinding(text: string, start: number): Finding | undefined {
  const url = trimUrl(text);
  const normalized = normalizeObservable('url', url);
  if ('error' in normalized) return undefined;
  const host = /^[a-z0-9+.-]+:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url)?.[1] ?? '';
  if (host === '' || host === '.') return undefined;
  return { type: 'url', value: normalized.value, start, end: start + url.length };
}

function findingsOfLine(line: string): Finding[] {
  const taken: Span[] = [];
  const findings: Finding[] = [];
  findings.push(...findAll(URL_RE, line, taken, urlFinding));
  findings.push(
    ...findAll(EMAIL_RE, line, taken, (text, start) => {
      const tld = text.slice(text.lastIndexOf('.') + 1).toLowerCase();
      const normalized = normalizeObservable('email-addr', text);
      if (!IANA_TLDS.has(tld) || 'error' in normalized) return undefined;
      return { type: 'email-addr', value: normalized.value, start, end: start + text.length };
    }),
  );
  findings.push(...findAll(CVE_RE, line, taken, (text, start) => ({ type: 'vulnerability', value: text.toUpperCase(), start, end: start + text.length })));
  findings.push(
    ...findAll(HASH_RE, line, taken, (text, start) => {
      const hashAlgorithm = HASH_ALGORITHM_BY_LENGTH[text.length];
      return hashAlgorithm ? { type: 'file', value: text.toLowerCase(), hashAlgorithm, start, end: start + text.length } : undefined;
    }),
  );
  findings.push(
    ...findAll(IPV6_RE, line, taken, (text, start) => {
      const value = canonicalIpv6(text);
      // `::` alone or a clock time like 10:30:15 are not worth reporting (the latter does not parse anyway).
      return value && value !== '::' ? { type: 'ipv6-addr', value, start, end: start + text.length } : undefined;
    }),
  );
  findings.push(
    ...findAll(IPV4_RE, line, taken, (text, start) => {
      if (VERSION_BEFORE.test(line.slice(Math.max(0, start - 12), start))) return undefined;
      const value = canonicalIpv4(text);
      return value ? { type: 'ipv4-addr', value, start, end: start + text.length } : undefined;
    }),
  );
  return findings;
}

function domainFindings(line: string, taken: Span[], defangedAt: (start: number, end: number) => boolean): Finding[] {
  return findAll(DOMAIN_RE, line, taken, (text, start) => {
    const labels = text.toLowerCase().split('.');
    const tld = labels[labels.length - 1];
    if (!IANA_TLDS.has(tld)) return undefined;
    if (labels.length === 2 && FILE_EXTENSION_TLDS.has(tld) && !defangedAt(start, start + text.length)) return undefined;
    const normalized = normalizeObservable('domain-name', text);
    if ('error' in normalized) return undefined;
    return { type: 'domain-name', value: normalized.value, start, end: start + text.length };
  });
}

/** Longest stretch of a line read at once; longer lines are read in pieces cut at whitespace. */
const MAX_LINE_PIECE = 64 * 1024;

/**
 * Incremental extractor: push text chunks as they arrive, get back the observables not seen before.
 * Memory: at most one line piece (64 KiB; a longer line is cut at whitespace, or anywhere if it has none)
 * and the set of values already reported.
 */
export class ObservableExtractor {
  private pending = '';
  /** Offset in the whole text of pending[0]. */
  private pendingOffset = 0;
  /** Column (0-based) of pending[0] within its line, when a long line was cut. */
  private pendingColumn = 0;
  private lineNumber = 1;
  private readonly seen = new Set<string>();

  /** Feeds the next chunk of text; returns new observables found in the lines it completes. */
  push(chunk: string): ExtractedObservable[] {
    this.pending += chunk;
    const found: ExtractedObservable[] = [];
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      found.push(...this.readLine(this.pending.slice(0, newline)));
      this.pendingOffset += newline + 1;
      this.pending = this.pending.slice(newline + 1);
      this.pendingColumn = 0;
      this.lineNumber++;
      newline = this.pending.indexOf('\n');
    }
    while (this.pending.length > MAX_LINE_PIECE) {
      const space = this.pending.lastIndexOf(' ', MAX_LINE_PIECE);
      const cut = space > 0 ? space + 1 : MAX_LINE_PIECE;
      found.push(...this.readLine(this.pending.slice(0, cut)));
      this.pendingOffset += cut;
      this.pendingColumn += cut;
      this.pending = this.pending.slice(cut);
    }
    return found;
  }

  /** Reads the last line (the text after the last newline). */
  end(): ExtractedObservable[] {
    const found = this.readLine(this.pending);
    this.pendingOffset += this.pending.length;
    this.pending = '';
    return found;
  }

  private readLine(rawLine: string): ExtractedObservable[] {
    const original = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const refanged = refang(original);
    const line = refanged.text;
    const isDefanged = (start: number, end: number) => refanged.end[end - 1] - refanged.start[start] !== end - start;
    const findings = findingsOfLine(line);
    findings.push(...domainFindings(line, findings.slice(), isDefanged));
    findings.sort((a, b) => a.start - b.start);
    const results: ExtractedObservable[] = [];
    for (const finding of findings) {
      const key = `${finding.type}\u0000${finding.value}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      const originalStart = refanged.start[finding.start];
      const originalEnd = refanged.end[finding.end - 1];
      const { start: _start, end: _end, ...typed } = finding;
      results.push({
        ...typed,
        original: original.slice(originalStart, originalEnd),
        defanged: isDefanged(finding.start, finding.end),
        line: this.lineNumber,
        column: this.pendingColumn + originalStart + 1,
        offset: this.pendingOffset + originalStart,
        ...(finding.type === 'vulnerability'
          ? {}
          : { pattern: patternForObservable({ type: finding.type, value: finding.value, hashAlgorithm: finding.hashAlgorithm }) }),
      });
    }
    return results;
  }
}

/** Every distinct observable in a text, in order of first appearance. */
export function extractObservablesFromText(text: string): ExtractedObservable[] {
  const extractor = new ObservableExtractor();
  return [...extractor.push(text), ...extractor.end()];
}

/** Streaming form: text chunks in, each distinct observable out as soon as its line is complete. */
export async function* extractObservablesFromChunks(chunks: Iterable<string> | AsyncIterable<string>): AsyncGenerator<ExtractedObservable> {
  const extractor = new ObservableExtractor();
  for await (const chunk of chunks) yield* extractor.push(chunk);
  yield* extractor.end();
}
