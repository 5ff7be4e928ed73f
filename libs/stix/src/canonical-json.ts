// RFC 8785 JSON Canonicalization Scheme (JCS). STIX 2.1 feeds the ID-contributing properties of a cyber
// observable through JCS before hashing them into a UUIDv5, so two producers derive the same identifier.
//
// JCS serialises numbers and strings exactly like ECMAScript's JSON.stringify and sorts object members
// by the UTF-16 code units of their names, which is what Array.prototype.sort does for strings.

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`JCS cannot represent the number ${value}`);
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`JCS cannot represent a value of type ${typeof value}`);
  }
}

function canonicalArray(items: readonly unknown[]): string {
  // Like JSON.stringify, holes and undefined entries become null.
  return `[${items.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
}

function canonicalObject(object: Record<string, unknown>): string {
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const member = object[key];
    // Like JSON.stringify, members whose value is undefined are left out.
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${members.join(',')}}`;
}
