// A MISP event (core format JSON) -> STIX 2.1 objects for the hub:
// - an indicator per attribute flagged to_ids (its pattern from the attribute type and value);
// - cyber observables for the other attributes (context, not detections);
// - vulnerabilities for `vulnerability` attributes, notes for `text`/`comment`, links as external references;
// - ATT&CK attack-patterns, malware, tools and intrusion sets from the mitre-* galaxies, each with its ATT&CK
//   external id and an id derived from it (the same technique gets the same id in every import), and
//   `indicates` relationships from the indicators to them;
// - one report for the event, referring to everything above.
// Identifiers come from MISP uuids where they are valid, so importing the same event twice yields the same
// objects; with an idScope (the importing organisation) they are derived from the scope and the uuid, so that
// two members importing the same event each share objects of their own (the hub's first sharer of an id owns
// it: unscoped, the second member's import would be refused, and would learn that someone holds the event).
// TLP tags are not applied as markings: the conversion says, object by object, which attribute's tags
// reach it (`markings`), for the caller to apply against the TLP the user asked for. Whatever cannot be
// converted is listed in `issues` with its JSON path.
import { formatStixTimestamp, isRfc4122Uuid, newStixId, stricterTlp, uuidV5, type TlpLevel } from '@hub/stix';
import { printable, type FormatIssue } from '../common/issues';
import { patternOf } from '../common/observable-pattern';
import { convertAttribute } from './attributes';

type StixLike = Record<string, unknown> & { type: string; id: string };

export interface MispConversionOptions {
  /** Clock for objects whose MISP timestamps are missing. */
  now?: Date;
  /** created_by_ref for every SDO/SRO (the importing organisation's identity). */
  createdByRef?: string;
  /** Makes every id of the conversion its own to this scope (the importing organisation): see mispObjectUuid. */
  idScope?: string;
  /**
   * Ids of what has no valid MISP uuid are derived from this (an import job's id) and their order in
   * the event, so that converting the same event again (a resumed job) makes the same ids; random without it.
   */
  idSeed?: string;
}

export interface ObjectMarking {
  id: string;
  /** The attribute whose tags or distribution decided it. */
  path: string;
  level?: TlpLevel;
  /** Why the object must not be shared at all: a `tlp:` tag that names no level, or a MISP distribution kept to its organisation. */
  refusal?: { path: string; message: string };
}

/** What produced an object: the event, or one attribute (or MISP object) with what its tags and distribution ask. */
interface Producer {
  path: string;
  level?: TlpLevel;
  refusal?: { path: string; message: string };
}

const EVENT_PRODUCER: Producer = { path: 'Event' };

/** How strict what a producer asks is: none, a TLP level, or a refusal (stricter than RED). */
function strictness(producer: Producer): number {
  if (producer.refusal) return TLP_ORDER.length;
  return producer.level ? TLP_ORDER.indexOf(producer.level) : -1;
}

/** The stricter of two producers' asks (a refusal over any level), keeping the first's path when equal. */
function stricterProducer(a: Producer, b: Producer): Producer {
  return strictness(b) > strictness(a) ? b : a;
}

/** The message for a tag that reads as TLP but names no TLP 2.0 level; the file's text shown printably (it is stored with the results). */
export function unknownTlpTagMessage(tag: string): string {
  const shown = printable(tag, 100);
  return `'${shown}' is not a TLP 2.0 level the hub knows (tlp:clear, tlp:green, tlp:amber, tlp:amber+strict, tlp:red), so what it marks is not shared; correct the tag`;
}

/** MISP distributions that keep what they mark inside the source's own MISP: 0, your organisation only; 4, a MISP sharing group. */
const WITHHELD_DISTRIBUTIONS: Readonly<Record<string, string>> = {
  '0': "MISP distribution 0 ('your organisation only')",
  '4': "MISP distribution 4 (a MISP sharing group the hub does not know)",
};

/** MISP distributions that let what they mark leave the source's MISP (5: as the event, which is checked itself). */
const SHAREABLE_DISTRIBUTIONS: ReadonlySet<string> = new Set(['1', '2', '3', '5']);

/**
 * Why the distribution of an event, attribute, object or galaxy cluster keeps it inside the source's
 * MISP, or undefined when it does not. Only absent, 1, 2, 3 and 5 (a number or its digits) let it out:
 * any other value, however written, is not shared (fail closed).
 */
function withheldDistribution(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const key = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (key !== undefined && SHAREABLE_DISTRIBUTIONS.has(key)) return undefined;
  if (key !== undefined && Object.hasOwn(WITHHELD_DISTRIBUTIONS, key)) return WITHHELD_DISTRIBUTIONS[key];
  return `MISP distribution ${describe(value)} (not one of 0–5)`;
}

/** A value from the file in a message: short, printable, and never walked (it may nest without end). */
function describe(value: unknown): string {
  if (typeof value === 'string') return `'${printable(value, 40)}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : value === null ? 'null' : 'an object';
}

/** MISP's own tag keys; any other key that speaks of tags is not read, so it refuses what it marks. */
const TAG_KEYS = ['Tag', 'EventTag', 'AttributeTag'];

function isTagLikeKey(key: string): boolean {
  return !TAG_KEYS.includes(key) && /^(event|attribute|object)?[_-]?tags?([_-]?list)?$/.test(tagKey(key));
}

/** A key spelled otherwise than `distribution` that reads as it (`Distribution`, `distribution `): refused, never ignored. */
function isDistributionLikeKey(key: string): boolean {
  return key !== 'distribution' && tagKey(key) === 'distribution';
}

/**
 * A flag as MISP reads it when it saves: set unless absent or plainly off (fail closed: `"True"`, `2`,
 * `"yes"` are set).
 */
function flagSet(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0) return false;
  return !(typeof value === 'string' && ['', '0', 'false'].includes(value.trim().toLowerCase()));
}

/** A flag that lets something out only when it plainly says so (`exportable`, `published`): absent counts as on. */
function flagOn(value: unknown): boolean {
  return value === undefined || value === null || value === true || value === 1 || (typeof value === 'string' && ['1', 'true'].includes(value.trim().toLowerCase()));
}

/**
 * A tag that is not to leave the source's MISP as a label: `local` (never synced), not `exportable`,
 * or a galaxy cluster's tag (`misp-galaxy:…`, `is_galaxy`): the clusters become ATT&CK objects of their
 * own, or are withheld with their distribution, and their name must not go out as a label meanwhile.
 */
function notALabel(tag: unknown, key: string): boolean {
  return keptInMisp(tag) || isGalaxyTag(tag, key);
}

/** The records a tag is made of: itself and its inner `Tag`. */
function tagLevels(tag: unknown): Record<string, unknown>[] {
  return isRecord(tag) ? [tag, ...(isRecord(tag.Tag) ? [tag.Tag] : [])] : [];
}

/** A tag MISP keeps to itself: `local` (or `local_only`), not `exportable`, or deleted, said on the tag or on its inner `Tag`. */
function keptInMisp(tag: unknown): boolean {
  return tagLevels(tag).some((level) => flagSet(level.local) || flagSet(level.local_only) || !flagOn(level.exportable) || flagSet(level.deleted));
}

/** `key`: the tag's name as tagKey reads it. */
function isGalaxyTag(tag: unknown, key: string): boolean {
  return tagLevels(tag).some((level) => flagSet(level.is_galaxy)) || key.startsWith('misp-galaxy:');
}

const NAME_KEYS = ['name', 'tag_name', 'Tag'];

/**
 * Every name a tag carries (`name`, `tag_name`, at the tag and in its inner `Tag`), or undefined when
 * it cannot be read: a name that is not text, another key that reads as a name or a tag (`Name`,
 * `tag`), or a `Tag` within the inner `Tag`. Unreadable, it refuses what it marks.
 */
function tagNames(tag: unknown): string[] | undefined {
  if (typeof tag === 'string') return [tag];
  if (!isRecord(tag)) return undefined;
  const names: string[] = [];
  const levels: Record<string, unknown>[] = [tag];
  if (tag.Tag !== undefined && tag.Tag !== null) {
    if (typeof tag.Tag === 'string') names.push(tag.Tag);
    else if (isRecord(tag.Tag)) levels.push(tag.Tag);
    else return undefined;
  }
  for (const [depth, level] of levels.entries()) {
    for (const key of Object.keys(level)) {
      const nameLike = /^(tag[_-]?)?names?$|^tags?$/.test(tagKey(key));
      if (nameLike && !(NAME_KEYS.includes(key) && !(depth === 1 && key === 'Tag'))) return undefined;
    }
    for (const candidate of [level.name, level.tag_name]) {
      if (candidate === undefined || candidate === null) continue;
      if (typeof candidate !== 'string') return undefined;
      names.push(candidate);
    }
  }
  return names;
}

/** A tag name as its reader sees it: format characters and spaces dropped (`tlp\u200b:red`, `tlp: red`). */
function tagKey(name: string): string {
  return name.normalize('NFKC').replace(/[\p{Default_Ignorable_Code_Point}\s]/gu, '').toLowerCase();
}

const TLP_ORDER: TlpLevel[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];

export interface MispTlpTag {
  path: string;
  tag: string;
  level: TlpLevel;
}

export interface MispConversion {
  ok: true;
  event: { uuid?: string; info: string };
  /** STIX 2.1 objects, not yet validated or marked. */
  objects: StixLike[];
  /** The strictest TLP among the event's and its attributes' `tlp:` tags. */
  tlp?: TlpLevel;
  tlpTags: MispTlpTag[];
  /**
   * `tlp:` tags that name no TLP 2.0 level (`tlp: red`, `tlp:amber-strict`): what they meant is
   * unknown, so the caller must not share what they mark at any marking (it refuses it).
   */
  unknownTlpTags: { path: string; tag: string }[];
  /**
   * What attribute tags ask of each object they reach (objects absent here take the import's
   * marking, and the event's tags): `level` the TLP to mark it with, or `unknownTag` when an
   * attribute's `tlp:` tag names no TLP 2.0 level (the caller refuses the object). An object made
   * from several attributes takes the widest of them (any one of them shares it that widely); an
   * object made from the event itself (its galaxies, the report) takes none.
   */
  markings: ObjectMarking[];
  /** What the event's own tags ask of everything in it: a level to mark the whole import with, or a refusal of the whole file. */
  eventMarking: Omit<ObjectMarking, 'id' | 'path'>;
  /** ATT&CK external ids of the attack-patterns found (e.g. T1566.001), for linking to known objects. */
  attackExternalIds: string[];
  issues: FormatIssue[];
}

/** Namespace for ids derived from ATT&CK external ids and relationship ends (a fixed random UUID). */
const MISP_NAMESPACE = '7f2d3c9a-5b1e-4d8f-a6c0-3e9b2f1d4a57';

const TLP_TAGS: Readonly<Record<string, TlpLevel>> = {
  'tlp:clear': 'CLEAR',
  'tlp:white': 'CLEAR',
  'tlp:green': 'GREEN',
  'tlp:amber': 'AMBER',
  'tlp:amber+strict': 'AMBER_STRICT',
  'tlp:red': 'RED',
  // The other TLP taxonomies of MISP: FIRST's IEP (1 and 2) and the US AIS markings.
  'iep:traffic-light-protocol="white"': 'CLEAR',
  'iep:traffic-light-protocol="green"': 'GREEN',
  'iep:traffic-light-protocol="amber"': 'AMBER',
  'iep:traffic-light-protocol="red"': 'RED',
  'iep2-policy:tlp="clear"': 'CLEAR',
  'iep2-policy:tlp="white"': 'CLEAR',
  'iep2-policy:tlp="green"': 'GREEN',
  'iep2-policy:tlp="amber"': 'AMBER',
  'iep2-policy:tlp="amber+strict"': 'AMBER_STRICT',
  'iep2-policy:tlp="red"': 'RED',
  'ais-marking:tlpmarking="white"': 'CLEAR',
  'ais-marking:tlpmarking="green"': 'GREEN',
  'ais-marking:tlpmarking="amber"': 'AMBER',
  'ais-marking:tlpmarking="red"': 'RED',
};

/**
 * Whether a tag reads as a traffic-light marking without being one the hub knows: `tlp…` itself, or a
 * machine tag whose namespace or predicate speaks of TLP (`iep:traffic-light-protocol="ORANGE"`). What
 * it marks is refused (fail closed).
 */
function readsAsTlp(key: string): boolean {
  if (key.startsWith('tlp')) return true;
  const [namespace, rest = ''] = key.split(':', 2);
  const predicate = rest.split('=', 1)[0];
  return [namespace, predicate].some((part) => part.includes('tlp') || part.includes('traffic-light'));
}

const GALAXY_TYPES: Readonly<Record<string, 'attack-pattern' | 'malware' | 'tool' | 'intrusion-set'>> = {
  'mitre-attack-pattern': 'attack-pattern',
  'mitre-enterprise-attack-attack-pattern': 'attack-pattern',
  'mitre-malware': 'malware',
  'mitre-tool': 'tool',
  'mitre-intrusion-set': 'intrusion-set',
};

const ATTACK_URL_KINDS: Readonly<Record<string, string>> = { 'attack-pattern': 'techniques', malware: 'software', tool: 'software', 'intrusion-set': 'groups' };

/** A table's entry for a name from the file, never what every object inherits (`constructor`, `toString`). */
function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** MISP timestamps are epoch seconds, as strings or numbers. */
function epochTimestamp(value: unknown): string | undefined {
  const seconds = Number(text(value));
  // Past year 9999 no timestamp can be written: such a time is treated as missing.
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds >= 253_402_300_800) return undefined;
  return formatStixTimestamp(new Date(seconds * 1000));
}

/** The uuid part of the STIX id made from a MISP uuid (or from a name such as `mitre-attack:T1566`) in a scope. */
export function mispObjectUuid(uuid: string, scope: string | undefined): string {
  return scope === undefined ? uuid : uuidV5(MISP_NAMESPACE, `${scope}:${uuid}`);
}

function idFor(type: string, uuid: unknown, scope: string | undefined, fresh: (type: string) => string): string {
  const candidate = text(uuid)?.toLowerCase();
  return candidate && isRfc4122Uuid(candidate) ? `${type}--${mispObjectUuid(candidate, scope)}` : fresh(type);
}

function isTrue(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

/** Accepts `{ "Event": {...} }`, `{ "response": [{ "Event": {...} }] }` or a bare event. */
function eventOf(input: unknown): Record<string, unknown> | undefined {
  if (!isRecord(input)) return undefined;
  if (isRecord(input.Event)) return input.Event;
  if (Array.isArray(input.response) && input.response.length === 1 && isRecord(input.response[0]) && isRecord(input.response[0].Event)) return input.response[0].Event;
  return typeof input.info === 'string' ? input : undefined;
}

export function convertMispEvent(input: unknown, options: MispConversionOptions = {}): MispConversion | { ok: false; errors: FormatIssue[] } {
  if (isRecord(input) && Array.isArray(input.response) && input.response.length > 1) {
    return { ok: false, errors: [{ path: 'response', message: `holds ${input.response.length} events; import one event per file` }] };
  }
  const event = eventOf(input);
  if (!event) return { ok: false, errors: [{ path: '', message: 'not a MISP event: expected {"Event": {...}} with an info text' }] };
  if (typeof event.info !== 'string' || event.info.trim() === '') return { ok: false, errors: [{ path: 'Event.info', message: 'is required' }] };
  if (event.Attribute !== undefined && !Array.isArray(event.Attribute)) return { ok: false, errors: [{ path: 'Event.Attribute', message: 'must be a list' }] };
  if (event.Object !== undefined && !Array.isArray(event.Object)) return { ok: false, errors: [{ path: 'Event.Object', message: 'must be a list' }] };
  // Kept inside the source's MISP as a whole: nothing of it is shared.
  const eventDistribution = withheldDistribution(event.distribution);
  if (eventDistribution) return { ok: false, errors: [{ path: 'Event.distribution', message: `${eventDistribution}: the event is not shared; change its distribution in MISP first` }] };

  const now = formatStixTimestamp(options.now ?? new Date());
  const eventTime = epochTimestamp(event.timestamp) ?? now;
  const creator = options.createdByRef ? { created_by_ref: options.createdByRef } : {};
  const scope = options.idScope;
  let made = 0;
  const fresh = (type: string) => (options.idSeed === undefined ? newStixId(type) : `${type}--${uuidV5(MISP_NAMESPACE, `${options.idSeed}:${type}:${made++}`)}`);
  const reportId = idFor('report', event.uuid, scope, fresh);
  const issues: FormatIssue[] = [];
  const tlpTags: MispTlpTag[] = [];
  const unknownTlpTags: { path: string; tag: string }[] = [];
  const objects = new Map<string, StixLike>();
  const producers = new Map<string, Producer[]>();
  const links: Record<string, unknown>[] = [];
  const add = (object: StixLike, producer: Producer) => {
    if (!objects.has(object.id)) objects.set(object.id, object);
    producers.set(object.id, [...(producers.get(object.id) ?? []), producer]);
  };

  /**
   * Labels from the tags of an event, attribute or MISP object; `tlp:` tags are collected apart, and
   * what the tags and the distribution ask of the objects made from it (`producer`, stricter than
   * `inherited`: the event's distribution, a MISP object's tags). Read under `Tag` and MISP's own
   * `EventTag`/`AttributeTag`, in any shape tools write (a list of `{name}` or `{Tag: {name}}`, a lone
   * tag, names as strings). Whatever cannot be read as a tag, and any name that starts with `tlp`
   * without being a TLP 2.0 level, refuses what it marks (fail closed): a `tlp:` tag must never be
   * skipped for its shape or spelling.
   */
  const tagsOf = (holder: Record<string, unknown>, path: string, inherited: Producer = { path }): { labels: string[]; producer: Producer; keptNames: Set<string> } => {
    const labels: string[] = [];
    /** Names of the tags MISP keeps to itself: a galaxy cluster attached by one of them is kept too. */
    const keptNames = new Set<string>();
    let producer: Producer = { path, ...(inherited.level ? { level: inherited.level } : {}), ...(inherited.refusal ? { refusal: inherited.refusal } : {}) };
    const refuse = (refusal: { path: string; message: string }) => {
      producer = stricterProducer(producer, { path, refusal });
    };
    const distribution = withheldDistribution(holder.distribution);
    if (distribution) refuse({ path: `${path}.distribution`, message: `${distribution}: not shared; change its distribution in MISP, or leave it out of the file` });
    const unreadable = (tagPath: string, shown: string) => {
      unknownTlpTags.push({ path: tagPath, tag: shown });
      refuse({ path: tagPath, message: `${unknownTlpTagMessage(shown)} (a tag is {"name": "…"})` });
    };
    for (const key of Object.keys(holder).filter(isTagLikeKey)) {
      unreadable(`${path}.${key}`, `${key}: ${describe(holder[key])}`);
    }
    for (const key of Object.keys(holder).filter(isDistributionLikeKey)) {
      refuse({ path: `${path}.${key}`, message: `${describe(key)} is not MISP's distribution key: what it marks is not shared; write it as distribution` });
    }
    for (const key of TAG_KEYS) {
      const tags = holder[key];
      if (tags === undefined || tags === null) continue;
      const list = Array.isArray(tags) ? tags : isRecord(tags) ? [tags] : undefined;
      if (!list) {
        unreadable(`${path}.${key}`, describe(tags));
        continue;
      }
      list.forEach((tag, index) => {
        const tagPath = `${path}.${key}[${index}]`;
        // Every name the tag carries counts (MISP's {name}, {tag_name}, {Tag: {name}}); one that is not
        // text makes the whole tag unreadable, even beside a readable one.
        const names = tagNames(tag)
          ?.map((name) => name.trim())
          .filter(Boolean);
        if (!names?.length) {
          unreadable(tagPath, describe(tag));
          return;
        }
        const kept = keptInMisp(tag);
        for (const name of names) {
          const key = tagKey(name);
          if (kept) keptNames.add(key);
          const level = ownValue(TLP_TAGS, key);
          if (level) {
            tlpTags.push({ path: tagPath, tag: name, level });
            producer = stricterProducer(producer, { path, level });
          } else if (readsAsTlp(key)) {
            unknownTlpTags.push({ path: tagPath, tag: name });
            refuse({ path: tagPath, message: unknownTlpTagMessage(name) });
          } else if (!notALabel(tag, key) && !labels.includes(name)) {
            // What must not leave the source's MISP as a label (notALabel) still marks, above.
            labels.push(name);
          }
        }
      });
    }
    return { labels, producer, keptNames };
  };

  /** The STIX objects of one galaxy list; returns their ids. */
  const galaxyObjects = (galaxies: unknown, path: string, producer: Producer, keptNames: ReadonlySet<string>): string[] => {
    const ids: string[] = [];
    records(galaxies).forEach((galaxy, galaxyIndex) => {
      const galaxyType = text(galaxy.type) ?? '';
      const stixType = ownValue(GALAXY_TYPES, galaxyType);
      const galaxyPath = `${path}.Galaxy[${galaxyIndex}]`;
      if (!stixType) {
        issues.push({ path: galaxyPath, message: `galaxy type '${galaxyType}' is not converted (only the MITRE ATT&CK galaxies are)` });
        return;
      }
      records(galaxy.GalaxyCluster).forEach((cluster, clusterIndex) => {
        const clusterPath = `${galaxyPath}.GalaxyCluster[${clusterIndex}]`;
        // A cluster kept inside the source's MISP (local, or its own distribution) is not shared.
        const tagName = tagKey(text(cluster.tag_name) ?? `misp-galaxy:${galaxyType}="${text(cluster.value) ?? ''}"`);
        const withheld =
          flagSet(cluster.local) || keptNames.has(tagName)
            ? 'a galaxy cluster attached locally (or by a tag MISP does not export)'
            : flagSet(cluster.deleted) || !flagOn(cluster.published)
              ? 'a deleted or unpublished galaxy cluster'
              : Object.keys(cluster).some(isDistributionLikeKey) || Object.keys(galaxy).some(isDistributionLikeKey)
                ? 'a distribution written under another key'
                : withheldDistribution(cluster.distribution ?? galaxy.distribution);
        if (withheld) {
          issues.push({ path: clusterPath, message: `${withheld}: not shared` });
          return;
        }
        const value = text(cluster.value) ?? '';
        const meta = isRecord(cluster.meta) ? cluster.meta : {};
        const metaId = Array.isArray(meta.external_id) ? text(meta.external_id[0]) : text(meta.external_id);
        const suffix = / - ((?:T\d{4}(?:\.\d{3})?)|(?:S|G|M)\d{4})$/.exec(value);
        const externalId = metaId ?? suffix?.[1];
        if (!externalId) {
          issues.push({ path: `${galaxyPath}.GalaxyCluster[${clusterIndex}]`, message: `'${value}' has no ATT&CK external id` });
          return;
        }
        const name = suffix ? value.slice(0, suffix.index) : value;
        const attackName = `mitre-attack:${externalId}`;
        const id = `${stixType}--${uuidV5(MISP_NAMESPACE, scope === undefined ? attackName : `${scope}:${attackName}`)}`;
        const description = text(cluster.description);
        add({
          type: stixType,
          spec_version: '2.1',
          id,
          created: eventTime,
          modified: eventTime,
          name,
          ...(description ? { description } : {}),
          ...(stixType === 'malware' ? { is_family: true } : {}),
          external_references: [{ source_name: 'mitre-attack', external_id: externalId, url: `https://attack.mitre.org/${ATTACK_URL_KINDS[stixType]}/${externalId.replace('.', '/')}/` }],
          ...creator,
        }, producer);
        ids.push(id);
      });
    });
    return ids;
  };

  // The event's own tags reach everything: the caller marks the whole import with them (`eventMarking`).
  const eventTags = tagsOf(event, 'Event');
  const eventLabels = eventTags.labels;
  const eventKeptNames = eventTags.keptNames;
  const eventGalaxyIds = galaxyObjects(event.Galaxy, 'Event', EVENT_PRODUCER, eventKeptNames);
  const indicatorTargets: [string, string[], Producer][] = [];
  /** Attributes written into the report itself (links), with tags that ask more than the event. */
  const reportEmbeds: Producer[] = [];
  /** An attribute whose uuid an earlier attribute of the same kind had would add nothing and be lost unsaid: it is reported. */
  const taken = (id: string, path: string): boolean => {
    if (!objects.has(id)) return false;
    issues.push({ path: `${path}.uuid`, message: 'is the uuid of an earlier attribute; this attribute was not converted (each attribute needs its own uuid)' });
    return true;
  };

  const convert = (attribute: Record<string, unknown>, path: string, inherited: Producer = { path }) => {
    const type = text(attribute.type) ?? '';
    const value = text(attribute.value);
    if (value === undefined) {
      issues.push({ path: `${path}.value`, message: 'is required' });
      return;
    }
    const { labels, producer, keptNames } = tagsOf(attribute, path, inherited);
    const comment = text(attribute.comment)?.trim() || undefined;
    const time = epochTimestamp(attribute.timestamp) ?? eventTime;
    const converted = convertAttribute(type, value);
    if (converted.kind === 'error') {
      issues.push({ path, message: converted.reason });
      return;
    }
    // Only for an attribute that is converted: its galaxies stand for what it says.
    const galaxies = () => galaxyObjects(attribute.Galaxy, path, producer, keptNames);
    switch (converted.kind) {
      case 'link':
        // Written into the report: the report is then as strict as the link's tags.
        links.push({ source_name: 'misp-link', url: converted.url, ...(comment ? { description: comment } : {}) });
        if (strictness(producer) >= 0) reportEmbeds.push(producer);
        galaxies();
        return;
      case 'text': {
        const id = idFor('note', attribute.uuid, scope, fresh);
        if (taken(id, path)) return;
        galaxies();
        add({ type: 'note', spec_version: '2.1', id, created: time, modified: time, content: converted.text, ...(comment ? { abstract: comment } : {}), object_refs: [reportId], ...creator }, producer);
        return;
      }
      case 'vulnerability': {
        const id = idFor('vulnerability', attribute.uuid, scope, fresh);
        if (taken(id, path)) return;
        galaxies();
        add({
          type: 'vulnerability',
          spec_version: '2.1',
          id,
          created: time,
          modified: time,
          name: converted.name,
          ...(comment ? { description: comment } : {}),
          external_references: [{ source_name: 'cve', external_id: converted.name }],
          ...creator,
        }, producer);
        return;
      }
      case 'observable':
        if (isTrue(attribute.to_ids)) {
          const id = idFor('indicator', attribute.uuid, scope, fresh);
          if (taken(id, path)) return;
          add({
            type: 'indicator',
            spec_version: '2.1',
            id,
            created: time,
            modified: time,
            name: `${type}: ${value}`.slice(0, 256),
            ...(comment ? { description: comment } : {}),
            indicator_types: ['malicious-activity'],
            pattern: patternOf(converted.comparisons),
            pattern_type: 'stix',
            valid_from: time,
            ...(labels.length > 0 ? { labels } : {}),
            ...creator,
          }, producer);
          indicatorTargets.push([id, galaxies(), producer]);
        } else if (converted.scos.length === 0) {
          issues.push({ path, message: `a ${type} that is not flagged to_ids has no STIX observable form (only a pattern can name it)` });
        } else {
          for (const sco of converted.scos) add(sco, producer);
          galaxies();
        }
    }
  };

  const eachRecord = (list: unknown, path: string, visit: (item: Record<string, unknown>, itemPath: string) => void) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, index) => {
      if (!isRecord(item)) issues.push({ path: `${path}[${index}]`, message: 'must be a JSON object' });
      // MISP keeps soft-deleted attributes and objects in exports, flagged; they are not intelligence.
      else if (!flagSet(item.deleted)) visit(item, `${path}[${index}]`);
    });
  };
  eachRecord(event.Attribute, 'Event.Attribute', convert);
  eachRecord(event.Object, 'Event.Object', (object, objectPath) => {
    if (object.Attribute !== undefined && !Array.isArray(object.Attribute)) issues.push({ path: `${objectPath}.Attribute`, message: 'must be a list' });
    // A MISP object's tags and distribution reach each of its attributes.
    const objectProducer = tagsOf(object, objectPath).producer;
    eachRecord(object.Attribute, `${objectPath}.Attribute`, (attribute, attributePath) => convert(attribute, attributePath, objectProducer));
  });

  // A relationship says as much as the attribute whose indicator it starts from.
  for (const [indicatorId, galaxyIds, producer] of indicatorTargets) {
    for (const targetId of new Set([...eventGalaxyIds, ...galaxyIds])) {
      add({
        type: 'relationship',
        spec_version: '2.1',
        id: `relationship--${uuidV5(MISP_NAMESPACE, `${indicatorId} indicates ${targetId}`)}`,
        created: eventTime,
        modified: eventTime,
        relationship_type: 'indicates',
        source_ref: indicatorId,
        target_ref: targetId,
        ...creator,
      }, producer);
    }
  }

  const refs = [...objects.values()].filter((object) => object.type !== 'note').map((object) => object.id);
  const notes = [...objects.values()].filter((object) => object.type === 'note');
  const all = [...objects.values()];
  if (refs.length > 0) {
    const published = epochTimestamp(event.publish_timestamp) ?? (typeof event.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(event.date) ? `${event.date}T00:00:00.000Z` : eventTime);
    all.push({
      type: 'report',
      spec_version: '2.1',
      id: reportId,
      created: eventTime,
      modified: eventTime,
      name: event.info.trim(),
      report_types: ['threat-report'],
      published,
      object_refs: refs,
      ...(eventLabels.length > 0 ? { labels: eventLabels } : {}),
      ...(links.length > 0 ? { external_references: links } : {}),
      ...creator,
    });
  } else {
    // A note needs the report it annotates; without anything to report there is neither.
    for (const note of notes) all.splice(all.indexOf(note), 1);
    issues.push({ path: 'Event', message: 'nothing in the event could be converted, so no report was made' });
  }

  let tlp: TlpLevel | undefined;
  for (const { level } of tlpTags) tlp = tlp === undefined ? level : stricterTlp(tlp, level);
  const markings: ObjectMarking[] = [];
  for (const object of all) {
    // The strictest of what made the object decides: the object holds what the first of them wrote
    // (a galaxy's name and description, a domain's resolution), so it is as strict as any of them.
    // The report also holds the links written into it.
    const decided = [...(producers.get(object.id) ?? [EVENT_PRODUCER]), ...(object.id === reportId ? reportEmbeds : [])].reduce(stricterProducer);
    if (decided.level || decided.refusal) markings.push({ id: object.id, path: decided.path, ...(decided.level ? { level: decided.level } : {}), ...(decided.refusal ? { refusal: decided.refusal } : {}) });
  }
  return {
    ok: true,
    event: { ...(text(event.uuid) ? { uuid: text(event.uuid) } : {}), info: event.info.trim() },
    objects: all,
    ...(tlp ? { tlp } : {}),
    tlpTags,
    unknownTlpTags,
    eventMarking: { ...(eventTags.producer.level ? { level: eventTags.producer.level } : {}), ...(eventTags.producer.refusal ? { refusal: eventTags.producer.refusal } : {}) },
    markings,
    attackExternalIds: all.filter((object) => object.type === 'attack-pattern').map((object) => (object.external_references as { external_id: string }[])[0].external_id),
    issues,
  };
}
