import { Tlp, tlpRank } from '@hub/access';
import {
  convertMispEvent,
  csvBytesToIndicators,
  decodeText,
  extractObservablesFromChunks,
  FormatError,
  isStix20,
  joinText,
  parseCsvMapping,
  upgradeStix20Object,
  type ExtractedObservable,
  type MispConversion,
} from '@hub/intel-formats';
import { convertCsafToStix } from '@hub/exposure-rules';
import { formatStixTimestamp, scoId, tlpMarkingRef, tlpOfObject, uuidV5, type ValidationResult } from '@hub/stix';
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
  const refused = applyTags(job, converted, notes);
  let index = 0;
  for (const object of converted.objects) {
    const issue = refused.get(String(object.id));
    yield issue ? { index: index++, errors: [issue] } : { index: index++, stix: object };
  }
  for (const issue of converted.issues) yield { index: index++, errors: [{ path: issue.path, message: issue.message }] };
}

/**
 * The import's marking, unless the MISP tags say stricter (the conversion tells which attribute's
 * tags reach which object, `markings`). The event's tags reach everything: a stricter one marks the
 * whole import (a job whose audience does not fit it fails with the audience error), an unknown one
 * fails the job before anything is stored. An attribute's stricter tag marks the objects made from
 * it (its indicator or observables, its galaxies' objects, its relationships): the ingestion keeps the
 * stricter marking and refuses such an object alone if the import's audience does not fit it. A
 * `tlp:` tag that names no TLP 2.0 level may have meant anything up to RED: what it reaches is
 * refused with the tag named (fail closed). Returns the refused objects' reasons by id.
 */
function applyTags(job: SourceJob, converted: MispConversion, notes: SourceNotes): Map<string, ItemIssue> {
  const event = converted.eventMarking;
  if (event.refusal) throw new ImportFileError('The event cannot be shared as it stands; nothing was shared', [event.refusal]);
  if (event.level && tlpRank(event.level) > tlpRank(notes.tlp ?? job.tlp)) notes.tlp = event.level;
  const refused = new Map<string, ItemIssue>();
  const byId = new Map(converted.objects.map((object) => [String(object.id), object]));
  for (const marking of converted.markings) {
    const object = byId.get(marking.id);
    if (!object) continue;
    if (marking.refusal) refused.set(marking.id, marking.refusal);
    else if (marking.level && tlpRank(marking.level) > tlpRank(notes.tlp ?? job.tlp)) addMarking(object, marking.level);
  }
  // The report lists what the event holds: never an object it is not as strict as, nor one refused
  // (its id alone would name it to whoever reads another copy of that id).
  const reportRank = (object: Record<string, unknown>) => {
    const own = tlpOfObject(object);
    return Math.max(tlpRank(notes.tlp ?? job.tlp), own ? tlpRank(own) : -1);
  };
  for (const report of converted.objects.filter((object) => object.type === 'report' && Array.isArray(object.object_refs))) {
    const rank = reportRank(report);
    report.object_refs = (report.object_refs as string[]).filter((ref) => {
      const listed = byId.get(ref);
      return listed !== undefined && !refused.has(ref) && reportRank(listed) <= rank;
    });
  }
  return refused;
}


function addMarking(object: Record<string, unknown>, level: Tlp): void {
  const markings = Array.isArray(object.object_marking_refs) ? object.object_marking_refs : [];
  const ref = tlpMarkingRef(level);
  if (!markings.includes(ref)) object.object_marking_refs = [...markings, ref];
}

const JOB_NAMESPACE = '6f1d6c2e-3b0a-4c53-9a55-1b3c1d2e4f60';

function madeId(job: SourceJob, type: string, position: number): string {
  return `${type}--${uuidV5(JOB_NAMESPACE, `${job.id}:${position}`)}`;
}

/** madeId for one job and type, as the CSV conversion asks for it (by the row result's position). */
function madeIds(job: SourceJob, type: string): (position: number) => string {
  return (position) => madeId(job, type, position);
}
