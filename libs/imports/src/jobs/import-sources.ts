import { stricterTlp, Tlp, tlpRank } from '@hub/access';
import {
  convertMispEvent,
  mispObjectUuid,
  csvBytesToIndicators,
  decodeText,
  extractObservablesFromChunks,
  FormatError,
  isStix20,
  joinText,
  parseCsvMapping,
  upgradeStix20Object,
  type ExtractedObservable,
  type MispTlpTag,
} from '@hub/intel-formats';
import { convertCsafToStix } from '@hub/exposure-rules';
import { formatStixTimestamp, scoId, tlpMarkingRef, uuidV5, type ValidationResult } from '@hub/stix';
import { bundleObjects } from './stix-objects-stream';

export type ImportFormat = 'stix' | 'csv' | 'text' | 'misp' | 'csaf';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['stix', 'csv', 'text', 'misp', 'csaf'];

export interface ItemIssue {
  path: string;
  message: string;
}

/**
 * One item of an uploaded file, in file order: a STIX object to submit, or something that could not
 * become one (a broken CSV row, an unknown MISP attribute type), reported with where it was. An object
 * the conversion made and validated carries that validation, so that the ingestion does not repeat it.
 */
export type ImportItem =
  | { index: number; line?: number; stix: Record<string, unknown>; validation?: ValidationResult }
  | { index: number; line?: number; errors: ItemIssue[] };

/** A file that cannot be imported at all (empty, binary, wrong encoding, not a bundle, too large). */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly issues: ItemIssue[] = [{ path: 'file', message }],
  ) {
    super(message);
  }
}

export interface SourceJob {
  id: string;
  organizationId: string;
  /** The import shares anonymously: nothing it makes may be traced back to the organisation. */
  anonymous: boolean;
  format: ImportFormat;
  tlp: Tlp;
  mapping: unknown;
  createdAt: Date;
  /** What ids derived from the file are made in (importIdScope). */
  idScope: string;
}

/** What the whole file asks of the import: a stricter marking (MISP `tlp:` tags). */
export interface SourceNotes {
  tlp?: Tlp;
}

/** A MISP event is one JSON document; it is read whole, up to this size. */
export const MAX_MISP_BYTES = 64 * 1024 * 1024;

/**
 * The items of an upload. Deterministic for a job: ids the hub makes are derived from the job id and
 * the item's position, times from the job's creation, so that a resumed job makes exactly the same
 * objects again (and the store recognises the ones already written).
 */
export async function* importItems(job: SourceJob, bytes: () => AsyncIterable<Uint8Array>, notes: SourceNotes): AsyncGenerator<ImportItem> {
  try {
    switch (job.format) {
      case 'stix':
        yield* stixItems(decodeText(bytes()));
        return;
      case 'csv':
        yield* csvItems(job, bytes());
        return;
      case 'text':
        yield* textItems(job, decodeText(bytes()));
        return;
      case 'misp':
        yield* mispItems(job, bytes(), notes);
        return;
      case 'csaf':
        yield* csafItems(bytes(), notes, job);
        return;
    }
  } catch (error) {
    if (error instanceof FormatError) throw new ImportFileError(formatErrorMessage(error));
    throw error;
  }
}

function formatErrorMessage(error: FormatError): string {
  switch (error.code) {
    case 'EMPTY_INPUT':
      return 'The file is empty';
    case 'BINARY_INPUT':
      return 'The file is binary (or UTF-16 without a byte-order mark), not text';
    case 'INVALID_ENCODING': {
      const at = /\(at byte \d+\)/.exec(error.message)?.[0];
      return `The file is not UTF-8 (or UTF-16 with a byte-order mark)${at ? ` ${at}` : ''}; save it as UTF-8`;
    }
    default:
      return error.message;
  }
}

async function* stixItems(text: AsyncIterable<string>): AsyncGenerator<ImportItem> {
  let index = 0;
  try {
    for await (const streamed of bundleObjects(text)) {
      const position = index++;
      if (!streamed.ok) {
        yield { index: position, errors: [{ path: `objects[${position}]`, message: streamed.message }] };
        continue;
      }
      // STIX 2.0 objects (no spec_version) are upgraded one by one; a 2.1 object passes as it is.
      if (isStix20(streamed.object)) {
        const upgraded = upgradeStix20Object(streamed.object, `objects[${position}]`);
        if (upgraded.issues.length && !upgraded.objects.length) {
          yield { index: position, errors: upgraded.issues.map((issue) => ({ path: issue.path, message: issue.message })) };
          continue;
        }
        // An observed-data's SCOs come first (its object_refs point to them), the observed-data last.
        for (const [n, object] of upgraded.objects.entries()) {
          yield n === upgraded.objects.length - 1 ? { index: position, stix: object } : { index: subIndex(position, n), stix: object };
        }
        continue;
      }
      yield { index: position, stix: streamed.object as Record<string, unknown> };
    }
  } catch (error) {
    if (error instanceof FormatError) throw error;
    if (error instanceof Error && !(error instanceof ImportFileError)) throw new ImportFileError(error.message);
    throw error;
  }
}

/** Objects an upgrade adds (an observed-data's SCOs) get indexes past every object of the file. */
function subIndex(position: number, n: number): number {
  return 1_000_000_000_000 + position * 1_000 + n;
}

async function* csvItems(job: SourceJob, bytes: AsyncIterable<Uint8Array>): AsyncGenerator<ImportItem> {
  const parsed = parseCsvMapping(job.mapping ?? {});
  if (!parsed.ok) throw new ImportFileError('The CSV mapping is not valid', parsed.errors.map((issue) => ({ path: issue.path, message: issue.message })));
  let index = 0;
  const idFor = madeIds(job, 'indicator');
  for await (const event of csvBytesToIndicators(bytes, parsed.mapping, { now: job.createdAt, idFor })) {
    if ('fatal' in event) throw new ImportFileError('The CSV mapping names columns the file does not have', event.errors.map((issue) => ({ path: issue.path, message: issue.message })));
    const position = index++;
    if (!event.ok) {
      yield { index: position, line: event.line, errors: event.errors.map((issue) => ({ path: issue.path, message: issue.message })) };
      continue;
    }
    yield { index: position, line: event.line, stix: event.indicator as unknown as Record<string, unknown>, validation: event.validation };
  }
}

async function* textItems(job: SourceJob, text: AsyncIterable<string>): AsyncGenerator<ImportItem> {
  let index = 0;
  const now = formatStixTimestamp(job.createdAt);
  for await (const observable of extractObservablesFromChunks(text)) {
    const position = index++;
    yield { index: position, line: observable.line, stix: objectForObservable(job, position, observable, now) };
  }
}

/** The object an observable found in text becomes: an indicator with its pattern, or a vulnerability. */
export function objectForObservable(job: SourceJob, position: number, observable: ExtractedObservable, now: string): Record<string, unknown> {
  if (observable.type === 'vulnerability') {
    return {
      type: 'vulnerability',
      spec_version: '2.1',
      id: madeId(job, 'vulnerability', position),
      created: now,
      modified: now,
      name: observable.value,
      external_references: [{ source_name: 'cve', external_id: observable.value }],
    };
  }
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: madeId(job, 'indicator', position),
    created: now,
    modified: now,
    name: observable.value,
    pattern: observable.pattern,
    pattern_type: 'stix',
    valid_from: now,
  };
}

// CSAF TLP 1.0 labels, as TLP 2.0 markings (WHITE became CLEAR).
const CSAF_TLP: Record<string, Tlp> = { WHITE: 'CLEAR', GREEN: 'GREEN', AMBER: 'AMBER', RED: 'RED' };

/**
 * A CSAF 2.0 advisory (read whole, as a MISP event): validated (a fault refuses the whole file with its
 * path), converted to STIX by @hub/exposure-rules (software, vulnerability with x_hub_vex, `has`
 * relationships), and kept as sent in an `artifact` (application/json) shared with the same marking.
 * A TLP label in the document stricter than the import's marks everything.
 */
async function* csafItems(bytes: AsyncIterable<Uint8Array>, notes: SourceNotes, job: SourceJob): AsyncGenerator<ImportItem> {
  const text = await wholeJsonText(bytes, 'A CSAF document');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportFileError('The file is not valid JSON');
  }
  // The ids are made in the job's idScope, which nobody else can compute (importIdScope).
  const converted = convertCsafToStix(json, job.idScope);
  if (!converted.ok) throw new ImportFileError('The file is not a valid CSAF 2.0 document', converted.errors.map((issue) => ({ path: issue.path, message: issue.message })));
  const label = converted.tlp === undefined ? undefined : CSAF_TLP[converted.tlp.toUpperCase()];
  if (label && tlpRank(label) > tlpRank(notes.tlp ?? job.tlp)) notes.tlp = label;
  const original = { type: 'artifact', spec_version: '2.1', mime_type: 'application/json', payload_bin: Buffer.from(text, 'utf8').toString('base64') };
  let index = 0;
  yield { index: index++, stix: { ...original, id: scoId(original) } };
  for (const object of converted.objects) yield { index: index++, stix: object };
  for (const warning of converted.warnings) yield { index: index++, errors: [{ path: warning.path, message: `not matched against inventories: ${warning.message}` }] };
}

async function wholeJsonText(bytes: AsyncIterable<Uint8Array>, what: string): Promise<string> {
  let size = 0;
  async function* limited(): AsyncGenerator<Uint8Array> {
    for await (const chunk of bytes) {
      size += chunk.length;
      if (size > MAX_MISP_BYTES) throw new ImportFileError(`${what} is read whole; this one is larger than ${MAX_MISP_BYTES / 1024 / 1024} MiB`);
      yield chunk;
    }
  }
  return joinText(decodeText(limited()));
}

async function* mispItems(job: SourceJob, bytes: AsyncIterable<Uint8Array>, notes: SourceNotes): AsyncGenerator<ImportItem> {
  let size = 0;
  async function* limited(): AsyncGenerator<Uint8Array> {
    for await (const chunk of bytes) {
      size += chunk.length;
      if (size > MAX_MISP_BYTES) throw new ImportFileError(`A MISP event is read whole; this one is larger than ${MAX_MISP_BYTES / 1024 / 1024} MiB`);
      yield chunk;
    }
  }
  const text = await joinText(decodeText(limited()));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportFileError('The file is not valid JSON');
  }
  const converted = convertMispEvent(json, { now: job.createdAt, idScope: job.idScope, idSeed: job.id });
  if (!converted.ok) throw new ImportFileError('The file is not a MISP event', converted.errors.map((issue) => ({ path: issue.path, message: issue.message })));
  const refused = refusedByUnknownTags(job, json, converted.objects, converted.unknownTlpTags);
  markByTags(job, json, converted.objects, converted.tlpTags, notes);
  let index = 0;
  for (const object of converted.objects) {
    const issue = refused.get(String(object.id));
    yield issue ? { index: index++, errors: [issue] } : { index: index++, stix: object };
  }
  for (const issue of converted.issues) yield { index: index++, errors: [{ path: issue.path, message: issue.message }] };
}

/**
 * A `tlp:` tag that names no TLP 2.0 level (`tlp: red`) may have meant anything up to RED: what it
 * marks is not shared at all (fail closed). An attribute's object is refused with the tag named,
 * with the relationships that name it; a tag on anything else (the event) fails the whole import
 * before anything is stored.
 */
function refusedByUnknownTags(job: SourceJob, json: unknown, objects: Record<string, unknown>[], tags: { path: string; tag: string }[]): Map<string, ItemIssue> {
  const refused = new Map<string, ItemIssue>();
  const event = mispEvent(json);
  for (const tag of tags) {
    const message = `'${tag.tag}' is not a TLP 2.0 level the hub knows (tlp:clear, tlp:green, tlp:amber, tlp:amber+strict, tlp:red), so what it marks is not shared; correct the tag`;
    const object = attributeObject(job, event, objects, tag.path);
    if (!object) throw new ImportFileError(`A tlp: tag of the event is not a TLP 2.0 level the hub knows; nothing was shared`, [{ path: tag.path, message }]);
    refused.set(String(object.id), { path: tag.path, message });
  }
  for (const object of objects) {
    const end = relationshipEnds(object).find((id) => refused.has(id));
    if (end) refused.set(String(object.id), { path: refused.get(end)!.path, message: `names ${end}, which is not shared: its attribute's tlp: tag is not a TLP 2.0 level the hub knows` });
  }
  return refused;
}

/**
 * The import's marking, unless the MISP tags say stricter: an event's `tlp:` tag stricter than the
 * import's marks everything; an attribute's marks the object made from it (it is then refused
 * alone if the import's audience does not fit that marking), or everything when no single object
 * stands for that attribute.
 */
function markByTags(job: SourceJob, json: unknown, objects: Record<string, unknown>[], tags: MispTlpTag[], notes: SourceNotes): void {
  const event = mispEvent(json);
  const marked = new Map<string, Tlp>();
  for (const tag of tags) {
    if (tlpRank(tag.level) <= tlpRank(notes.tlp ?? job.tlp)) continue;
    const object = attributeObject(job, event, objects, tag.path);
    if (!object) {
      notes.tlp = stricterTlp(notes.tlp ?? job.tlp, tag.level);
      continue;
    }
    addMarking(object, tag.level);
    marked.set(String(object.id), stricterTlp(marked.get(String(object.id)) ?? tag.level, tag.level));
  }
  // A relationship that names a more strictly marked object tells as much about it (that it exists,
  // what it indicates): it takes that marking too, and is refused with it where the audience does not fit.
  for (const object of objects) {
    for (const end of relationshipEnds(object)) {
      const level = marked.get(end);
      if (level) addMarking(object, level);
    }
  }
}

function addMarking(object: Record<string, unknown>, level: Tlp): void {
  const markings = Array.isArray(object.object_marking_refs) ? object.object_marking_refs : [];
  const ref = tlpMarkingRef(level);
  if (!markings.includes(ref)) object.object_marking_refs = [...markings, ref];
}

function relationshipEnds(object: Record<string, unknown>): string[] {
  if (object.type !== 'relationship') return [];
  return [object.source_ref, object.target_ref].filter((ref): ref is string => typeof ref === 'string');
}

/** The one object made from the attribute a tag at `tagPath` sits on, if the tag is an attribute's and one object stands for it. */
function attributeObject(job: SourceJob, event: unknown, objects: Record<string, unknown>[], tagPath: string): Record<string, unknown> | undefined {
  const attributePath = /^Event((?:\.Object\[\d+\])?\.Attribute\[\d+\])\.Tag\[\d+\]$/.exec(tagPath)?.[1];
  const uuid = attributePath ? attributeUuid(event, attributePath) : undefined;
  const objectUuid = uuid ? mispObjectUuid(uuid, job.idScope) : undefined;
  return objectUuid ? objects.find((candidate) => typeof candidate.id === 'string' && candidate.id.endsWith(`--${objectUuid}`)) : undefined;
}

function mispEvent(json: unknown): unknown {
  const record = json as { Event?: unknown; response?: { Event?: unknown }[] } | null;
  return record?.Event ?? record?.response?.[0]?.Event ?? json;
}

function attributeUuid(event: unknown, path: string): string | undefined {
  let node: unknown = event;
  for (const [, key, position] of path.matchAll(/\.(\w+)\[(\d+)\]/g)) {
    node = (node as Record<string, unknown[]> | undefined)?.[key]?.[Number(position)];
  }
  const uuid = (node as { uuid?: unknown } | undefined)?.uuid;
  return typeof uuid === 'string' && /^[0-9a-f-]{36}$/i.test(uuid) ? uuid.toLowerCase() : undefined;
}

const JOB_NAMESPACE = '6f1d6c2e-3b0a-4c53-9a55-1b3c1d2e4f60';

function madeId(job: SourceJob, type: string, position: number): string {
  return `${type}--${uuidV5(JOB_NAMESPACE, `${job.id}:${position}`)}`;
}

/** madeId for one job and type, as the CSV conversion asks for it (by the row result's position). */
function madeIds(job: SourceJob, type: string): (position: number) => string {
  return (position) => madeId(job, type, position);
}
