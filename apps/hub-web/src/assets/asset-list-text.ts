import type { AssetKind, OrganizationAssetEntryInput } from '../api/schema-types';

// The asset list as text, one entry a line, so a list can be pasted from a spreadsheet or a CMDB
// export and edited in place:  [KIND] value [# comment]
// Without a kind, a block (with "/") is CIDR, an address is IP, anything else DOMAIN (the domain and
// its subdomains); HOSTNAME (that one name only) must be written. The hub checks every entry.

const KINDS: readonly AssetKind[] = ['DOMAIN', 'HOSTNAME', 'CIDR', 'IP'];

export interface ParsedAssetText {
  entries: OrganizationAssetEntryInput[];
  /** The 1-based line of each entry, to put the hub's `input.entries[i]` errors back on their lines. */
  lines: number[];
}

export function parseAssetText(text: string): ParsedAssetText {
  const entries: OrganizationAssetEntryInput[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((raw, index) => {
    const hash = raw.indexOf('#');
    const body = (hash < 0 ? raw : raw.slice(0, hash)).trim();
    const comment = hash < 0 ? '' : raw.slice(hash + 1).trim();
    if (!body) return;
    const words = body.split(/\s+/);
    const first = (words[0] ?? '').toUpperCase();
    const explicit = words.length > 1 && (KINDS as readonly string[]).includes(first);
    const value = explicit ? words.slice(1).join(' ') : body;
    entries.push({ kind: explicit ? (first as AssetKind) : guessKind(value), value, ...(comment ? { comment } : {}) });
    lines.push(index + 1);
  });
  return { entries, lines };
}

export function formatAssetText(assets: readonly { kind: AssetKind; value: string; comment?: string | null }[]): string {
  return assets.map((asset) => `${asset.kind} ${asset.value}${asset.comment ? ` # ${asset.comment}` : ''}`).join('\n');
}

function guessKind(value: string): AssetKind {
  if (value.includes('/')) return 'CIDR';
  if (/^[0-9.]+$/.test(value) || value.includes(':')) return 'IP';
  return 'DOMAIN';
}

/** `input.entries[3].value` -> `line 5: …` when the entry came from line 5; other paths unchanged. */
export function lineOfError(path: string, lines: readonly number[]): string | undefined {
  const match = /^input\.entries\[(\d+)\]/.exec(path);
  const line = match ? lines[Number(match[1])] : undefined;
  return line === undefined ? undefined : `line ${line}`;
}
