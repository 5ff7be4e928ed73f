import { ParsedArgs } from './args';
import { usageError } from './exit-codes';
import { Connection, graphql } from './hub-client';

const OBJECT_FIELDS = 'id type tlp created modified revoked source { name anonymous } stix';
const LOOKUP = `query Lookup($type: String!, $value: String!) {
  lookupObservable(type: $type, value: $value) { type value indicators { ${OBJECT_FIELDS} } sightings { ${OBJECT_FIELDS} } sightingCount }
}`;

export interface FoundObject {
  id: string;
  type: string;
  tlp: string;
  modified: string | null;
  revoked: boolean;
  source: { name: string; anonymous: boolean } | null;
  stix: Record<string, unknown>;
}

export interface LookupAnswer {
  type: string;
  value: string;
  indicators: FoundObject[];
  sightings: FoundObject[];
  sightingCount: number;
}

/** GraphQL lookupObservable: the readable indicators and sightings that mention the value. */
export async function runLookup(connection: Connection, args: ParsedArgs): Promise<LookupAnswer> {
  const [type, value, ...extra] = args.positionals;
  if (!type || !value) throw usageError('lookup needs a type and a value, e.g. lookup ipv4-addr 203.0.113.5');
  if (extra.length) throw usageError(`unexpected argument ${extra[0]}`);
  return (await graphql<{ lookupObservable: LookupAnswer }>(connection, LOOKUP, { type, value })).lookupObservable;
}

/** A few lines for people: what matched, and the sightings. */
export function lookupText(answer: LookupAnswer): string {
  const line = (object: FoundObject) =>
    `${object.tlp.padEnd(12)} ${object.id}  ${String(object.stix.name ?? '')}${object.revoked ? ' (revoked)' : ''}${object.source ? `  [${object.source.name}]` : ''}`;
  const lines = [`${answer.type} ${answer.value}: ${answer.indicators.length} match${answer.indicators.length === 1 ? '' : 'es'}, ${answer.sightingCount} sighting${answer.sightingCount === 1 ? '' : 's'}`];
  lines.push(...answer.indicators.map(line));
  if (answer.sightings.length) lines.push('sightings:', ...answer.sightings.map(line));
  return `${lines.join('\n')}\n`;
}
