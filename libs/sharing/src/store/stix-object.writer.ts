import { Injectable } from '@nestjs/common';
import { readableCondition, tlpFromRank, tlpRank, versionsToRevoke } from '@hub/access';
import { formatStixTimestamp, TLP_MARKING_IDS } from '@hub/stix';
import { PATIENT_CARE_EXTENSION_ID } from '@hub/incident-rules';
import { DataSource, EntityManager } from 'typeorm';
import { PreparedObject, StoreOutcome } from './prepared-object';

interface OwnerRow {
  id: string;
  mine: boolean;
  /** Whether the newest stored version is revoked (null for an id claimed just now). */
  latest_revoked: boolean | null;
  /** The newest stored version's modified (null for an id claimed just now). */
  latest_modified: Date | null;
  /** Whether the stored versions were shared anonymously (null for an id claimed just now). */
  anonymous: boolean | null;
}

/** Ids only the hub operator organisation may submit (it publishes them itself). */
const OPERATOR_RESERVED_IDS: ReadonlySet<string> = new Set([PATIENT_CARE_EXTENSION_ID]);

/**
 * The owner rule's answer: all that one learns of an id shared by another organisation, or by a colleague
 * at a marking one may not read — the same words for both, so that it does not tell which.
 */
export const OWNED_BY_ANOTHER_MESSAGE = 'this id belongs to an object already shared; only its source may add versions, and only people there who may read it';

/** What the submitter may read of a third party's object another organisation shared first. */
interface ReadableVersions {
  /** Whether any stored version of the id is readable to the submitter. */
  readable: boolean;
  /** Whether the newest stored version of the id is readable to the submitter. */
  latestReadable: boolean;
  /** The stored STIX of the very version submitted, when the submitter may read it. */
  stix: Record<string, unknown> | null;
}

/**
 * Written in the transaction that stores objects, with the outcomes of the objects it holds (by
 * index), so that what it writes (the submission's audit row) commits with them or not at all.
 */
export type WithStored = (manager: EntityManager, outcomes: Map<number, StoreOutcome>) => Promise<void>;

/**
 * Writes prepared objects in batches. Each object's row, its observables and its ownership claim
 * are written in one transaction; when a batch fails, each object is retried alone so that one bad
 * object never blocks the others and never leaves a partial row.
 */
@Injectable()
export class StixObjectWriter {
  constructor(private readonly dataSource: DataSource) {}

  async store(objects: PreparedObject[], withStored?: WithStored): Promise<Map<number, StoreOutcome>> {
    const transaction = (batch: PreparedObject[]) =>
      this.dataSource.transaction(async (manager) => {
        const outcomes = await this.storeBatch(manager, batch);
        await withStored?.(manager, outcomes);
        return outcomes;
      });
    try {
      return await transaction(objects);
    } catch {
      const outcomes = new Map<number, StoreOutcome>();
      for (const object of objects) {
        try {
          const single = await transaction([object]);
          outcomes.set(object.index, single.get(object.index)!);
        } catch {
          outcomes.set(object.index, { status: 'FAILED', path: 'object', message: 'could not be stored; nothing of it was kept' });
        }
      }
      return outcomes;
    }
  }

  /**
   * Revokes every version of a versioned object at once, in one transaction: one new version with
   * revoked: true for each reach that a newer version's revocation does not cover (see
   * versionsToRevoke), each a copy of the version it stands for (content, marking, readers,
   * audience, pseudonym, observables, submitter), so that everyone who could read an earlier version
   * sees it revoked and nobody sees content they could not read before. The submitter reads their
   * own submission whole (references withheld from others included): the copy keeps the version's
   * submitter and the revoker goes in revoked_by, never in their place. `withStored` writes in the same
   * transaction (the audit row commits with the versions). Returns the new rows' keys, or null when
   * the object was already revoked.
   */
  async storeRevocation(
    id: string,
    revokedBy: string,
    now: Date,
    withStored?: (manager: EntityManager, pks: string[]) => Promise<void>,
  ): Promise<string[] | null> {
    return this.dataSource.transaction(async (manager) => {
      // The owner row serialises revocations (and new versions) of one object.
      await manager.query(`SELECT 1 FROM stix_object_owner WHERE id = $1 FOR UPDATE`, [id]);
      const pks = await this.writeRevocation(manager, id, revokedBy, now);
      if (!pks.length) return null;
      await withStored?.(manager, pks);
      return pks;
    });
  }

  /**
   * The revoked copies that versionsToRevoke asks for, later than every stored version, in the
   * caller's transaction (which holds the owner row); none when every reach is revoked already.
   * Versions already revoked count as written: an object whose newest version was submitted revoked
   * for a narrower reach (or stored so by older code) is revoked for the other readers too, rather
   * than being left unrevocable for them.
   */
  private async writeRevocation(manager: EntityManager, id: string, revokedBy: string, now: Date): Promise<string[]> {
    const versions: { pk: string; tlp: number; readers: string[]; revoked: boolean; modified: Date }[] = await manager.query(
      `SELECT pk, tlp, readers, revoked, modified FROM stix_object WHERE id = $1 AND modified IS NOT NULL ORDER BY modified DESC`,
      [id],
    );
    if (!versions.length) return [];
    const toRevoke = versionsToRevoke(versions.map((version) => ({ ...version, tlp: tlpFromRank(version.tlp) }))).reverse();
    if (!toRevoke.length) return [];
    // Later than every version, to the millisecond STIX timestamps here carry: a stored time with
    // microseconds reaches JavaScript cut to milliseconds, so one millisecond more is still later.
    const first = Math.max(now.getTime(), versions[0].modified.getTime() + 1);
    const plan = toRevoke.map((version, position) => ({ pk: version.pk, modified: formatStixTimestamp(new Date(first + position)) }));
    const inserted: { pk: string }[] = await manager.query(
      `WITH plan AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(pk bigint, modified text)),
       revocation AS (
         INSERT INTO stix_object (id, type, spec_version, created, modified, revoked, tlp, readers, audience, source_org_id, submitted_by, revoked_by,
                                  anonymous, pseudonym_sector, pseudonym_country, valid_from, valid_until, name, labels, indicator_types, required_refs, stix)
         SELECT o.id, o.type, o.spec_version, o.created, plan.modified::timestamptz, true, o.tlp, o.readers, o.audience, o.source_org_id, o.submitted_by, $2::uuid,
                o.anonymous, o.pseudonym_sector, o.pseudonym_country, o.valid_from, o.valid_until, o.name, o.labels, o.indicator_types, o.required_refs,
                o.stix || jsonb_build_object('revoked', true, 'modified', plan.modified)
         FROM plan JOIN stix_object o ON o.pk = plan.pk
         ORDER BY plan.modified
         RETURNING pk, modified),
       observables AS (
         INSERT INTO stix_observable (object_pk, type, value, address)
         SELECT revocation.pk, observable.type, observable.value, observable.address
         FROM revocation JOIN plan ON plan.modified::timestamptz = revocation.modified JOIN stix_observable observable ON observable.object_pk = plan.pk)
       SELECT pk FROM revocation ORDER BY pk`,
      [JSON.stringify(plan), revokedBy],
    );
    return inserted.map((row) => String(row.pk));
  }

  private async storeBatch(manager: EntityManager, objects: PreparedObject[]): Promise<Map<number, StoreOutcome>> {
    const outcomes = new Map<number, StoreOutcome>();
    const writable = await this.withoutCoveredObservables(manager, await this.claimVersionedIds(manager, objects, outcomes), outcomes);
    if (!writable.length) return outcomes;

    // The rows' keys are taken first and their observables written before them, so that the
    // triggers on stix_object (libs/intel's scores: an indicator's decay rule comes from its
    // observables) find them there at once. Written after, they made the scores be computed twice
    // per indicator (once with no observables, once more when they came): 40 % of PostgreSQL's time
    // in an import batch. Observables of a row that turns out not to be inserted (a version already
    // stored) are deleted again below; nothing outside this transaction ever sees them.
    // The sequence is looked up once: named in each nextval, the look-up (and the cast of its name)
    // ran for every key, 6 ms of a batch of 1,000 where the keys themselves take 1.
    const [{ pks }]: { pks: string[] }[] = await manager.query(
      `WITH sequence AS MATERIALIZED (SELECT pg_get_serial_sequence('stix_object', 'pk')::regclass AS name)
       SELECT array_agg(nextval(sequence.name)::text) AS pks FROM sequence, generate_series(1, $1::int)`,
      [writable.length],
    );
    const observables: { object_pk: string; type: string; value: string; address: string | null }[] = [];
    writable.forEach((object, position) => {
      for (const observable of object.observables) {
        observables.push({ object_pk: pks[position], type: observable.type, value: observable.value, address: observable.address ?? null });
      }
    });
    if (observables.length) {
      await manager.query(
        `INSERT INTO stix_observable (object_pk, type, value, address)
         SELECT object_pk, type, value, address FROM jsonb_to_recordset($1::jsonb) AS r(object_pk bigint, type text, value text, address inet)`,
        [JSON.stringify(observables)],
      );
    }

    // A row not inserted (ON CONFLICT) already existed: the same version submitted again, or twice
    // in this batch (the first of them is the one stored). What every row of the submission shares
    // is sent once rather than in each row: parsing the JSON parameter is a large part of the
    // statement, and the audience, as a JSON object in every row, was the costliest part of it.
    const shared = sharedColumns(writable);
    const inserted: { pk: string }[] = await manager.query(
      `INSERT INTO stix_object (pk, id, type, spec_version, created, modified, revoked, tlp, readers, audience, source_org_id,
                                submitted_by, anonymous, pseudonym_sector, pseudonym_country, valid_from, valid_until, name, labels, indicator_types, required_refs, stix)
       OVERRIDING SYSTEM VALUE
       SELECT pk, id, type, spec_version, created, modified, revoked, tlp, readers, $2::jsonb, $3::uuid,
              $4::uuid, $5::boolean, pseudonym_sector, pseudonym_country, valid_from, valid_until, name, labels, indicator_types, required_refs, stix
       FROM jsonb_to_recordset($1::jsonb) AS r(pk bigint, id text, type text, spec_version text, created timestamptz, modified timestamptz,
              revoked boolean, tlp smallint, readers text[], pseudonym_sector text, pseudonym_country text,
              valid_from timestamptz, valid_until timestamptz, name text, labels text[], indicator_types text[], required_refs text[], stix jsonb)
       ORDER BY pk
       ON CONFLICT DO NOTHING
       RETURNING pk::text`,
      [
        JSON.stringify(writable.map((object, position) => ({ pk: pks[position], ...toRecord(object) }))),
        JSON.stringify(shared.audience),
        shared.sourceOrganizationId,
        shared.submittedByUserId,
        shared.anonymous,
      ],
    );

    const stored = new Set(inserted.map((row) => String(row.pk)));
    const notStored: string[] = [];
    writable.forEach((object, position) => {
      const pk = pks[position];
      if (!stored.has(pk) || outcomes.has(object.index)) {
        if (object.observables.length) notStored.push(pk);
        outcomes.set(object.index, { status: 'DUPLICATE' });
        return;
      }
      outcomes.set(object.index, { status: 'STORED', pk });
    });
    if (notStored.length) await manager.query(`DELETE FROM stix_observable WHERE object_pk = ANY($1::bigint[])`, [notStored]);

    // A version submitted revoked reaches everyone who could read an earlier version, as a
    // revocation through revokeObject does: revoked for one reach only, it would leave the object
    // live (and unrevocable) for the others, and tell them a hidden newer version exists. The owner
    // rows of these ids (the submitter's organisation's) are held by this transaction
    // (claimVersionedIds). At most one revoked version of an id is stored per batch (the newest, see
    // claimVersionedIds), in the order of ids.
    const revocations = writable
      .filter((object) => object.revoked && object.modified !== undefined && outcomes.get(object.index)?.status === 'STORED')
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const object of revocations) {
      const copies = await this.writeRevocation(manager, object.id, object.submittedByUserId, new Date());
      if (copies.length) outcomes.set(object.index, { status: 'STORED', pk: (outcomes.get(object.index) as { pk: string }).pk, revocationCopies: copies });
    }
    return outcomes;
  }

  /**
   * A cyber observable has no versions: the organisation keeps one row of it per reach. A new share
   * is a duplicate only when a row the organisation stored reaches everyone the new one would (see
   * reachCovers: a marking at most as strict, and for AMBER and RED every reader token); such a row
   * is readable to the submitter, whose tokens the new row holds. Otherwise the new row is stored
   * with its own reach: a narrower row (say RED for one colleague) neither absorbs a wider share
   * nor shows through the answer. Rows of equal reach written at once meet in the unique index.
   */
  private async withoutCoveredObservables(manager: EntityManager, objects: PreparedObject[], outcomes: Map<number, StoreOutcome>): Promise<PreparedObject[]> {
    const observables = objects.filter((object) => object.modified === undefined);
    if (!observables.length) return objects;
    const covered: { position: number }[] = await manager.query(
      `SELECT input.position
         FROM jsonb_to_recordset($1::jsonb) AS input(position int, id text, tlp smallint, readers text[], source_org_id uuid)
        WHERE EXISTS (SELECT 1 FROM stix_object stored
                       WHERE stored.id = input.id AND stored.source_org_id = input.source_org_id AND stored.modified IS NULL
                         AND stored.tlp <= input.tlp AND (stored.tlp <= ${tlpRank('GREEN')} OR stored.readers @> input.readers))`,
      [JSON.stringify(observables.map((object, position) => ({ position, id: object.id, tlp: tlpRank(object.tlp), readers: object.readers, source_org_id: object.sourceOrganizationId })))],
    );
    const duplicates = new Set(covered.map((row) => observables[Number(row.position)].index));
    for (const index of duplicates) outcomes.set(index, { status: 'DUPLICATE' });
    return objects.filter((object) => !duplicates.has(object.index));
  }

  /**
   * What the submitter may read of these objects as stored (readableCondition, in the SQL): whether
   * any version of the id is readable, and the STIX of the very version (id and modified, not a
   * revocation's copy), by index. Read only to compare with what is submitted again; nothing of it
   * is returned, and what the submitter may not read never decides the answer.
   */
  private async readableVersions(manager: EntityManager, objects: PreparedObject[]): Promise<Map<number, ReadableVersions>> {
    if (!objects.length) return new Map();
    const parameters: unknown[] = [objects.map((object) => object.id), objects.map((object) => object.modified), objects.map((object) => object.index)];
    const readable = readableCondition(objects[0].submitter, 'o', (value) => {
      parameters.push(value);
      return `$${parameters.length}`;
    });
    const rows: { position: number; readable: boolean; latest_readable: boolean; stix: Record<string, unknown> | null }[] = await manager.query(
      `SELECT t.position,
              EXISTS (SELECT 1 FROM stix_object o WHERE o.id = t.id AND ${readable}) AS readable,
              EXISTS (SELECT 1 FROM stix_object o WHERE o.id = t.id AND ${readable}
                        AND NOT EXISTS (SELECT 1 FROM stix_object n WHERE n.id = o.id AND n.modified > o.modified)) AS latest_readable,
              (SELECT o.stix FROM stix_object o WHERE o.id = t.id AND o.modified = t.modified AND NOT o.revoked AND ${readable} LIMIT 1) AS stix
       FROM unnest($1::text[], $2::timestamptz[], $3::int[]) AS t(id, modified, position)`,
      parameters,
    );
    return new Map(rows.map((row) => [Number(row.position), { readable: row.readable, latestReadable: row.latest_readable, stix: row.stix }]));
  }

  /**
   * Ids the hub publishes itself (the patient-care extension-definition) belong to the operator
   * organisation even before it has published them: anyone else is answered as for any id another
   * organisation owns, and claims nothing (a member could otherwise define what the hub's own
   * extension means).
   */
  private async withoutReservedIds(manager: EntityManager, objects: PreparedObject[], outcomes: Map<number, StoreOutcome>): Promise<PreparedObject[]> {
    if (!objects.some((object) => OPERATOR_RESERVED_IDS.has(object.id))) return objects;
    const [organization]: { is_operator: boolean }[] = await manager.query('SELECT is_operator FROM organization WHERE id = $1', [objects[0].sourceOrganizationId]);
    if (organization?.is_operator) return objects;
    return objects.filter((object) => {
      if (!OPERATOR_RESERVED_IDS.has(object.id)) return true;
      outcomes.set(object.index, { status: 'REJECTED', path: 'id', message: OWNED_BY_ANOTHER_MESSAGE, ...(object.thirdParty ? { thirdParty: true } : {}) });
      return false;
    });
  }

  /**
   * The first organisation to submit a versioned id owns it; only the owner adds versions, and a
   * revoked object takes no newer version. The unique owner row settles concurrent first claims.
   */
  private async claimVersionedIds(manager: EntityManager, objects: PreparedObject[], outcomes: Map<number, StoreOutcome>): Promise<PreparedObject[]> {
    if (!objects.length) return objects;
    const sourceOrganizationId = objects[0].sourceOrganizationId;
    objects = await this.withoutReservedIds(manager, objects, outcomes);
    const versioned = objects.filter((object) => object.modified !== undefined);
    if (!versioned.length) return objects;
    // Sorted, so that two batches claiming the same ids lock them in the same order (no deadlock).
    const ids = [...new Set(versioned.map((object) => object.id))].sort();
    const claimed: { id: string }[] = await manager.query(
      `INSERT INTO stix_object_owner (id, source_org_id) SELECT unnest($1::text[]), $2 ON CONFLICT (id) DO NOTHING RETURNING id`,
      [ids, sourceOrganizationId],
    );
    // An id claimed just now is ours and has no stored version yet (an owner row is written with
    // the first version of every id): only the ids known before need their owner and revocation read.
    const newlyClaimed = new Set(claimed.map((row) => row.id));
    const known = ids.filter((id) => !newlyClaimed.has(id));
    // The own organisation's ids are held for the batch (in id order): a revocation's copies are
    // written for the versions stored when it is checked. Others' ids are not locked: nothing is
    // written for them, and waiting on their owner's writes would tell when those happen.
    if (known.length) {
      await manager.query(`SELECT 1 FROM stix_object_owner WHERE id = ANY($1::text[]) AND source_org_id = $2 ORDER BY id FOR UPDATE`, [known, sourceOrganizationId]);
    }
    const owners: OwnerRow[] = known.length
      ? await manager.query(
          `SELECT ow.id, ow.source_org_id = $2 AS mine,
                  latest.revoked AS latest_revoked, latest.modified AS latest_modified,
                  (SELECT bool_or(r.anonymous) FROM stix_object r WHERE r.id = ow.id) AS anonymous
           FROM stix_object_owner ow
           LEFT JOIN LATERAL (SELECT r.revoked, r.modified FROM stix_object r WHERE r.id = ow.id AND r.modified IS NOT NULL ORDER BY r.modified DESC LIMIT 1) latest ON true
           WHERE ow.id = ANY($1::text[])`,
          [known, sourceOrganizationId],
        )
      : [];
    const ownerById = new Map<string, OwnerRow>(owners.map((owner) => [owner.id, owner]));
    for (const id of newlyClaimed) ownerById.set(id, { id, mine: true, latest_revoked: null, latest_modified: null, anonymous: null });
    // Stored versions are read as the submitter may read them: a third party's object another
    // organisation shared (a duplicate when readable), and every id of the submitter's own
    // organisation known before. Only who may read its newest version adds versions: a colleague's
    // RED or named-audience version stays hidden (its being there, its revocation, and its content
    // for its readers, which a newer version would replace); and once the newest is readable, the
    // anonymity and revocation checks below tell nothing new (both hold for every later version).
    // What is left: the same `modified` as a hidden older version is a duplicate (a guess to the
    // microsecond). Read for every id known before, whoever owns it, so that the time an answer
    // takes does not tell the own organisation's ids from others'.
    const compared = objects.filter((object) => object.modified !== undefined && !newlyClaimed.has(object.id));
    const stored = await this.readableVersions(manager, compared);
    const newestInBatch = new Map<string, number>();
    for (const object of versioned) newestInBatch.set(object.id, Math.max(newestInBatch.get(object.id) ?? -Infinity, new Date(object.modified!).getTime()));
    return objects.filter((object) => {
      if (object.modified === undefined) return true;
      const owner = ownerById.get(object.id)!;
      if (owner.mine && stored.get(object.index)?.latestReadable === false) {
        outcomes.set(object.index, { status: 'REJECTED', path: 'id', message: OWNED_BY_ANOTHER_MESSAGE, ...(object.thirdParty ? { thirdParty: true } : {}) });
        return false;
      }
      // Only what the submitter may read is compared: an id whose versions they cannot read gets the
      // owner rule's answer, so duplicate or conflict never tells them what another organisation holds.
      const shared = !owner.mine && object.thirdParty ? stored.get(object.index) : undefined;
      if (shared?.readable) {
        // Nothing is written for it: the audience of this submission does not widen who reads the stored one.
        const conflict = thirdPartyConflict(object, shared.stix ?? undefined);
        outcomes.set(object.index, conflict ? { status: 'REJECTED', ...conflict, thirdParty: true } : { status: 'DUPLICATE' });
        return false;
      }
      if (!owner.mine) {
        outcomes.set(object.index, { status: 'REJECTED', path: 'id', message: OWNED_BY_ANOTHER_MESSAGE, ...(object.thirdParty ? { thirdParty: true } : {}) });
        return false;
      }
      // A named version of an object shared anonymously would name the source of every earlier
      // version too (and the reverse links a pseudonym to a name): the choice is kept for all versions.
      if (owner.anonymous !== null && owner.anonymous !== object.anonymous) {
        const earlier = owner.anonymous ? 'anonymously' : "under your organisation's name";
        outcomes.set(object.index, { status: 'REJECTED', path: 'anonymous', message: `earlier versions of this object were shared ${earlier}; submit its new versions the same way` });
        return false;
      }
      // A revoked object takes no other version, older ones included: an older version would be the
      // newest one some readers see (the object un-revoked for them), and its answer would tell which
      // revocation copies (one for each reach, a millisecond apart) exist. Revoked is what its newest
      // version says, which the submitter may read (above): a hidden older revoked version (stored
      // by older code) tells nothing here.
      if (owner.latest_revoked) {
        outcomes.set(object.index, { status: 'REJECTED', path: 'modified', message: 'the object is revoked; a revoked object takes no other version' });
        return false;
      }
      // A revoked version is the newest or nothing, of the stored versions and of this batch's: revoked
      // under an older time, it would hide the revocation from readers of the newer versions and from
      // their source (revokeObject), and answer "revoked" to colleagues who cannot read it.
      if (object.revoked && ((owner.latest_modified && new Date(object.modified) <= owner.latest_modified) || new Date(object.modified).getTime() < newestInBatch.get(object.id)!)) {
        outcomes.set(object.index, { status: 'REJECTED', path: 'revoked', message: 'a revoked version must be newer than every stored version of the object; revoke it with revokeObject' });
        return false;
      }
      return true;
    });
  }
}

/**
 * Why a third party's object that another organisation shared first is not a duplicate of it, or
 * nothing when it is: the same version (id and modified) with the same content. Markings may differ
 * (each sharer chooses its TLP); the message names the conflict, never who shared it or what it says.
 */
export function thirdPartyConflict(object: PreparedObject, stored: Record<string, unknown> | undefined): { path: string; message: string } | undefined {
  if (!stored) {
    return {
      path: 'modified',
      message: `another organisation shared a different version of this object by ${String(object.stix.created_by_ref)}; a third party's object is shared as its author published it, and only the first sharer adds versions`,
    };
  }
  if (!sameContent(withoutTlpMarkings(stored), withoutTlpMarkings(object.stix))) {
    return {
      path: 'id',
      message: `another organisation shared this version (the same id and modified) of this object by ${String(object.stix.created_by_ref)} with different content; submit it exactly as its author published it`,
    };
  }
  return undefined;
}

function withoutTlpMarkings(stix: Record<string, unknown>): Record<string, unknown> {
  const markings = Array.isArray(stix.object_marking_refs) ? (stix.object_marking_refs as unknown[]).filter((ref) => typeof ref !== 'string' || !TLP_MARKING_IDS.has(ref)) : [];
  const { object_marking_refs: _ignored, ...rest } = stix;
  return markings.length ? { ...rest, object_marking_refs: markings } : rest;
}

/** Deep equality of JSON values, whatever the order of object keys (JSONB reorders them). */
function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameContent(item, b[index]));
  }
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return aKeys.length === Object.keys(bRecord).length && aKeys.every((key) => key in bRecord && sameContent((a as Record<string, unknown>)[key], bRecord[key]));
}

/**
 * What every object of a batch shares: they come from one submission (one source, submitter,
 * audience and choice of anonymity). A batch that mixed them would be refused here, and each of its
 * objects then stored alone (store), rather than stored under another's.
 */
function sharedColumns(objects: PreparedObject[]): Pick<PreparedObject, 'audience' | 'sourceOrganizationId' | 'submittedByUserId' | 'anonymous'> {
  const [first] = objects;
  const audience = JSON.stringify(first.audience);
  for (const object of objects) {
    if (
      object.sourceOrganizationId !== first.sourceOrganizationId ||
      object.submittedByUserId !== first.submittedByUserId ||
      object.anonymous !== first.anonymous ||
      (object.audience !== first.audience && JSON.stringify(object.audience) !== audience)
    ) {
      throw new Error('the objects of a batch are of one submission');
    }
  }
  return first;
}

/** A row's own columns; a column left out (undefined) is NULL, and is not sent at all. */
function toRecord(object: PreparedObject) {
  return {
    id: object.id,
    type: object.type,
    spec_version: object.specVersion,
    created: object.created,
    modified: object.modified,
    revoked: object.revoked,
    tlp: tlpRank(object.tlp),
    readers: object.readers,
    pseudonym_sector: object.pseudonym?.sector ?? undefined,
    pseudonym_country: object.pseudonym?.country ?? undefined,
    valid_from: object.validFrom,
    valid_until: object.validUntil,
    name: object.name,
    labels: object.labels,
    indicator_types: object.indicatorTypes,
    required_refs: object.requiredRefs,
    stix: object.stix,
  };
}
