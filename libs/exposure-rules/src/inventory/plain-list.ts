// Inventories without an SBOM: one entry a line, each a CPE (either binding), a purl, or a CSV row
// "vendor,product,model,version" (RFC 4180 quoting; model or version may be empty). Blank lines and lines
// starting with "#" are skipped, as is a header row naming those four columns.
import { ANY, NA, parseCpe, unquote } from '../cpe/wfn';
import { parsePurl } from '../purl/purl';
import { InventoryBuilder, type InventoryResult } from './component';

/** A readable name and version for a CPE or purl line (the vendor is left out: the identifier carries it). */
function describeIdentifier(text: string): { name: string; version?: string } {
  const cpe = parseCpe(text);
  if (cpe.ok) {
    const { product, version } = cpe.wfn;
    const literal = (value: string) => (value === ANY || value === NA ? undefined : unquote(value));
    return { name: literal(product) ?? text, ...(literal(version) ? { version: literal(version) } : {}) };
  }
  const purl = parsePurl(text);
  if (purl.ok) return { name: purl.purl.name, ...(purl.purl.version ? { version: purl.purl.version } : {}) };
  return { name: text };
}

/** Splits one CSV row; undefined when a quoted field is not closed. */
export function splitCsvRow(line: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let index = 0;
  let quoted = false;
  let wasQuoted = false;
  while (index < line.length) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      field = '';
    } else if (char === ',') {
      fields.push(wasQuoted ? field : field.trim());
      field = '';
      wasQuoted = false;
    } else if (!(wasQuoted && /\s/.test(char))) field += char;
    index++;
  }
  if (quoted) return undefined;
  fields.push(wasQuoted ? field : field.trim());
  return fields;
}

const HEADER = /^\s*"?vendor"?\s*,\s*"?product"?\s*,\s*"?model"?\s*,\s*"?version"?\s*$/i;

/** Reads a plain-text inventory; paths are `lines[<index from 0>]`. */
export function parsePlainList(text: string): InventoryResult {
  const builder = new InventoryBuilder();
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length && !builder.full; index++) {
    const line = lines[index].trim();
    const path = `lines[${index}]`;
    if (line === '' || line.startsWith('#') || HEADER.test(line)) continue;
    if (/^cpe:/i.test(line)) {
      const cpe = builder.cpe(line, path);
      if (cpe) builder.add({ ...describeIdentifier(cpe), cpes: [cpe], purls: [], path });
      continue;
    }
    if (/^pkg:/i.test(line)) {
      const purl = builder.purl(line, path);
      if (purl) builder.add({ ...describeIdentifier(purl), cpes: [], purls: [purl], path });
      continue;
    }
    const fields = splitCsvRow(line);
    if (fields === undefined) {
      builder.error(path, 'has a quoted field that is not closed');
      continue;
    }
    if (fields.length !== 4) {
      builder.error(path, `must be a CPE, a package URL, or "vendor,product,model,version" (got ${fields.length} comma-separated fields)`);
      continue;
    }
    const [vendor, product, model, version] = fields;
    if (vendor === '') builder.error(path, 'needs a vendor');
    else if (product === '' && model === '') builder.error(path, 'needs a product or a model');
    else builder.add({ name: product || model, vendor, model: model || undefined, version: version || undefined, type: 'device', cpes: [], purls: [], path });
  }
  return builder.result('list');
}
