// Safe pieces of Suricata/Snort rule text. A value from shared intelligence is hostile until proven
// otherwise: it must never close a quoted option, end an option (;) or a rule (a line break).

/**
 * A `content` argument: characters outside a small safe set are written as hex bytes (`|3B 22|`), which
 * both engines read as raw bytes, so no quote, semicolon, backslash, pipe or line break is ever literal.
 */
export function contentString(value: string): string {
  let out = '';
  let hex: string[] = [];
  const flush = () => {
    if (hex.length > 0) out += `|${hex.join(' ')}|`;
    hex = [];
  };
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (byte < 0x80 && /[A-Za-z0-9._\-/~=?&%+,@!*()$#[\]{}^`' ]/.test(char)) {
      flush();
      out += char;
    } else {
      hex.push(byte.toString(16).toUpperCase().padStart(2, '0'));
    }
  }
  flush();
  return `"${out}"`;
}

/** A `msg` argument: printable ASCII only, with `\`, `"` and `;` escaped as the rule grammar asks. */
export function msgString(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
  return `"${printable.replace(/[\\";]/g, (char) => `\\${char}`)}"`;
}

/** The DNS wire form of a name, as a content argument: `|04|evil|07|example|00|`. */
export function dnsWireContent(domain: string): string {
  const bytes: number[] = [];
  for (const label of domain.split('.')) {
    const encoded = Buffer.from(label, 'utf8');
    bytes.push(encoded.length, ...encoded);
  }
  bytes.push(0);
  return `"|${bytes.map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ')}|"`;
}

/** 32-bit FNV-1a: a small, stable hash for sid allocation (not for security). */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Stable signature ids: each rule's sid is derived from what it matches (engine, kind and value), so the
 * same observable keeps its sid from one export to the next and a rule manager sees updates, not churn.
 * Two keys that land on the same sid in one export are separated by probing to the next free sid.
 */
export class SidAllocator {
  private readonly used = new Set<number>();

  constructor(
    private readonly base: number,
    private readonly range: number,
  ) {
    if (!Number.isInteger(base) || base < 1 || !Number.isInteger(range) || range < 1 || base + range > 0xffffffff) {
      throw new RangeError('sid base and range must be positive integers within 32 bits');
    }
  }

  allocate(key: string): number {
    if (this.used.size >= this.range) throw new RangeError(`more than ${this.range} rules: widen the sid range`);
    let offset = fnv1a(key) % this.range;
    while (this.used.has(this.base + offset)) offset = (offset + 1) % this.range;
    this.used.add(this.base + offset);
    return this.base + offset;
  }
}
