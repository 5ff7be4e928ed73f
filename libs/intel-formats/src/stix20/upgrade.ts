// STIX 2.0 -> 2.1, object by object, as the OASIS "STIX 2.0 to 2.1" notes describe the differences:
// - every object gets spec_version 2.1 (2.0 had it on the bundle only);
// - `labels` that were the open vocabulary of indicators, malware, tools, threat actors and reports move
//   to indicator_types, malware_types (+ is_family, now required), tool_types, threat_actor_types and
//   report_types; indicators get pattern_type 'stix';
// - cyber observables embedded in an observed-data `objects` dictionary become top-level SCOs with the
//   deterministic ids of STIX 2.1 (their local `_ref(s)` rewritten to those ids), and the observed-data
//   points at them with object_refs;
// - the file/directory timestamps and process properties renamed in 2.1 are renamed.
// TLP 1.0 marking-definitions keep their fixed ids (the hub reads them as TLP 2.0 levels) and become the
// exact objects that STIX 2.1 publishes for them (2.1 added `name`).
import { scoId, TLP1_MARKING_DEFINITIONS } from '@hub/stix';
import type { FormatIssue } from '../common/issues';
import type { AnyIterable } from '../common/iterables';

type Json = Record<string, unknown>;

export interface UpgradeResult {
  /** The 2.1 objects: one per input object, plus the SCOs an observed-data held. */
  objects: Json[];
  issues: FormatIssue[];
}

const LABEL_VOCABULARIES: Readonly<Record<string, string>> = {
  indicator: 'indicator_types',
  malware: 'malware_types',
  tool: 'tool_types',
  'threat-actor': 'threat_actor_types',
  report: 'report_types',
};

/** Properties renamed between the 2.0 and 2.1 cyber-observable objects. */
const SCO_RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  file: { created: 'ctime', modified: 'mtime', accessed: 'atime' },
  directory: { created: 'ctime', modified: 'mtime', accessed: 'atime' },
  process: { created: 'created_time', binary_ref: 'image_ref' },
  'windows-registry-key': { modified: 'modified_time' },
};

/** 2.0 properties with no 2.1 counterpart on that object. */
const SCO_DROPPED: Readonly<Record<string, readonly string[]>> = {
  file: ['is_encrypted', 'encryption_algorithm', 'decryption_key'],
  process: ['is_hidden', 'name', 'arguments'],
};

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a bundle or object written in STIX 2.0 (no spec_version on objects, or 2.0 on the bundle). */
export function isStix20(input: unknown): boolean {
  if (!isRecord(input)) return false;
  if (input.type === 'bundle') {
    if (input.spec_version === '2.0') return true;
    return Array.isArray(input.objects) && input.objects.some((object) => isRecord(object) && object.spec_version === undefined);
  }
  return input.spec_version === undefined || input.spec_version === '2.0';
}

/** Upgrades one 2.0 object; `path` prefixes the issue paths (e.g. `objects[3]`). Objects already 2.1 pass unchanged. */
export function upgradeStix20Object(input: unknown, path = ''): UpgradeResult {
  if (!isRecord(input) || typeof input.type !== 'string') return { objects: [], issues: [{ path, message: 'is not a STIX object (no type)' }] };
  if (input.spec_version === '2.1') return { objects: [input], issues: [] };
  const tlp1 = Object.values(TLP1_MARKING_DEFINITIONS).find((marking) => marking.id === input.id);
  if (tlp1) return { objects: [{ ...tlp1 }], issues: [] };
  const object: Json = { ...input, spec_version: '2.1' };
  const issues: FormatIssue[] = [];
  const vocabulary = LABEL_VOCABULARIES[input.type];
  if (vocabulary && Array.isArray(object.labels) && object[vocabulary] === undefined) {
    object[vocabulary] = object.labels;
    delete object.labels;
  }
  if (input.type === 'malware' && object.is_family === undefined) object.is_family = true;
  if (input.type === 'indicator' && object.pattern_type === undefined) object.pattern_type = 'stix';
  if (input.type === 'observed-data' && object.objects !== undefined) {
    const scos = embeddedObservables(object.objects, join(path, 'objects'), issues);
    delete object.objects;
    if (scos.length === 0) return { objects: [], issues: [...issues, { path, message: 'observed-data holds no usable cyber observable' }] };
    object.object_refs = scos.map((sco) => sco.id);
    return { objects: [...scos, object], issues };
  }
  return { objects: [object], issues };
}

/** Upgrades a 2.0 bundle (or a 2.1 one holding 2.0 objects); the bundle itself is not kept. */
export function upgradeStix20Bundle(bundle: unknown): UpgradeResult {
  if (!isRecord(bundle) || bundle.type !== 'bundle' || !Array.isArray(bundle.objects)) {
    return { objects: [], issues: [{ path: '', message: 'is not a STIX bundle (type "bundle" with an objects list)' }] };
  }
  const objects: Json[] = [];
  const issues: FormatIssue[] = [];
  bundle.objects.forEach((object, index) => {
    const result = upgradeStix20Object(object, `objects[${index}]`);
    objects.push(...result.objects);
    issues.push(...result.issues);
  });
  return { objects, issues };
}

/** Streaming form: objects in (e.g. from a streaming JSON parser), one result per object out. */
export async function* upgradeStix20Objects(objects: AnyIterable<unknown>): AsyncGenerator<UpgradeResult> {
  let index = 0;
  for await (const object of objects) yield upgradeStix20Object(object, `objects[${index++}]`);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * The SCOs of a 2.0 `objects` dictionary. Ids are derived in dependency order, because a reference can
 * contribute to an id (a file's parent_directory_ref, a network-traffic's src_ref...).
 */
function embeddedObservables(dictionary: unknown, path: string, issues: FormatIssue[]): (Json & { id: string })[] {
  if (!isRecord(dictionary)) {
    issues.push({ path, message: 'must be a dictionary of cyber observables' });
    return [];
  }
  const ids = new Map<string, string | undefined>();
  const upgraded = new Map<string, Json & { id: string }>();
  const resolving = new Set<string>();

  const resolve = (key: string): string | undefined => {
    if (ids.has(key)) return ids.get(key);
    if (!Object.hasOwn(dictionary, key)) return undefined;
    const source = dictionary[key];
    if (!isRecord(source) || typeof source.type !== 'string') {
      issues.push({ path: `${path}.${key}`, message: 'is not a cyber observable (no type)' });
      ids.set(key, undefined);
      return undefined;
    }
    if (resolving.has(key)) {
      issues.push({ path: `${path}.${key}`, message: 'is part of a reference cycle; the reference is dropped' });
      return undefined;
    }
    resolving.add(key);
    const sco = upgradeSco(source, `${path}.${key}`, resolve, issues);
    resolving.delete(key);
    let id: string;
    try {
      id = scoId(sco as { type: string });
    } catch {
      issues.push({ path: `${path}.${key}.type`, message: `'${source.type}' is not a STIX cyber-observable type` });
      ids.set(key, undefined);
      return undefined;
    }
    ids.set(key, id);
    upgraded.set(key, { ...sco, id });
    return id;
  };

  for (const key of Object.keys(dictionary)) resolve(key);
  return Object.keys(dictionary).flatMap((key) => (upgraded.has(key) ? [upgraded.get(key)!] : []));
}

function upgradeSco(source: Json, path: string, resolve: (key: string) => string | undefined, issues: FormatIssue[]): Json {
  const type = source.type as string;
  const renames = SCO_RENAMES[type] ?? {};
  const dropped = SCO_DROPPED[type] ?? [];
  const sco: Json = { type, spec_version: '2.1' };
  for (const [key, value] of Object.entries(source)) {
    if (key === 'type') continue;
    if (dropped.includes(key)) {
      issues.push({ path: `${path}.${key}`, message: `has no STIX 2.1 counterpart on ${type} and is dropped` });
      continue;
    }
    const rewritten = rewriteRefs(key, value, `${path}.${key}`, resolve, issues);
    if (rewritten !== undefined) sco[renames[key] ?? key] = rewritten;
  }
  return sco;
}

/** Rewrites local references (`"0"`) to ids wherever they are, extensions and nested lists included. */
function rewriteRefs(key: string, value: unknown, path: string, resolve: (key: string) => string | undefined, issues: FormatIssue[]): unknown {
  if (key.endsWith('_ref') && typeof value === 'string') return resolveOrReport(value, path, resolve, issues);
  if (key.endsWith('_refs') && Array.isArray(value)) {
    const ids = value.flatMap((ref, index) => {
      const id = typeof ref === 'string' ? resolveOrReport(ref, `${path}[${index}]`, resolve, issues) : undefined;
      return id ? [id] : [];
    });
    return ids.length > 0 ? ids : undefined;
  }
  if (Array.isArray(value)) return value.map((item, index) => rewriteRefs('', item, `${path}[${index}]`, resolve, issues));
  if (isRecord(value)) {
    const rewritten: Json = {};
    for (const [childKey, child] of Object.entries(value)) {
      const result = rewriteRefs(childKey, child, `${path}.${childKey}`, resolve, issues);
      if (result !== undefined) rewritten[childKey] = result;
    }
    return rewritten;
  }
  return value;
}

function resolveOrReport(ref: string, path: string, resolve: (key: string) => string | undefined, issues: FormatIssue[]): string | undefined {
  const id = resolve(ref);
  // A target that exists but could not be upgraded has its own issue already.
  if (id === undefined && !issues.some((issue) => issue.path.endsWith(`.${ref}`) || issue.path.includes(`.${ref}.`))) {
    issues.push({ path, message: `refers to '${ref}', which is not a usable object of the objects dictionary` });
  }
  return id;
}
