import { Injectable } from '@nestjs/common';
import { tlpRank } from '@hub/access';
import { DataSource, EntityManager } from 'typeorm';
import { PreparedObject, StoreOutcome } from './prepared-object';

interface OwnerRow {
  id: string;
  mine: boolean;
  revoked_modified: Date | null;
  /** Whether the stored versions were shared anonymously (null for an id claimed just now). */
  anonymous: boolean | null;
}

// Milliseconds, as JavaScript dates hold them, whether the time comes as STIX text or from PostgreSQL.
const versionKey = (id: string, modified: string | Date | null | undefined) =>
  `${id}|${modified === null || modified === undefined ? '' : typeof modified === 'string' ? Date.parse(modified) : modified.getTime()}`;

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

  private async storeBatch(manager: EntityManager, objects: PreparedObject[]): Promise<Map<number, StoreOutcome>> {
    const outcomes = new Map<number, StoreOutcome>();
    const writable = await this.claimVersionedIds(manager, objects, outcomes);
    if (!writable.length) return outcomes;

    const inserted: { pk: string; id: string; modified: Date | null }[] = await manager.query(
      `INSERT INTO stix_object (id, type, spec_version, created, modified, revoked, tlp, readers, audience, source_org_id,
                                submitted_by, anonymous, valid_from, valid_until, name, labels, indicator_types, required_refs, stix)
       SELECT id, type, spec_version, created, modified, revoked, tlp, readers, audience, source_org_id,
              submitted_by, anonymous, valid_from, valid_until, name, labels, indicator_types, required_refs, stix
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, type text, spec_version text, created timestamptz, modified timestamptz,
            revoked boolean, tlp smallint, readers text[], audience jsonb, source_org_id uuid, submitted_by uuid, anonymous boolean,
            valid_from timestamptz, valid_until timestamptz, name text, labels text[], indicator_types text[], required_refs text[], stix jsonb)
       ON CONFLICT DO NOTHING
       RETURNING pk, id, modified`,
      [JSON.stringify(writable.map(toRecord))],
    );

    const pkByKey = new Map(inserted.map((row) => [versionKey(row.id, row.modified), String(row.pk)]));
    const observables: { object_pk: string; type: string; value: string; address: string | null }[] = [];
    for (const object of writable) {
      const pk = pkByKey.get(versionKey(object.id, object.modified));
      // A row that was not inserted already existed: the same version submitted again.
      if (pk === undefined || outcomes.has(object.index)) {
        outcomes.set(object.index, { status: 'DUPLICATE' });
        continue;
      }
      pkByKey.delete(versionKey(object.id, object.modified));
      outcomes.set(object.index, { status: 'STORED', pk });
      for (const observable of object.observables) {
        observables.push({ object_pk: pk, type: observable.type, value: observable.value, address: observable.address ?? null });
      }
    }
    if (observables.length) {
      await manager.query(
        `INSERT INTO stix_observable (object_pk, type, value, address)
         SELECT object_pk, type, value, address FROM jsonb_to_recordset($1::jsonb) AS r(object_pk bigint, type text, value text, address inet)`,
        [JSON.stringify(observables)],
      );
    }
    return outcomes;
  }

  /**
   * The first organisation to submit a versioned id owns it; only the owner adds versions, and a
   * revoked object takes no newer version. The unique owner row settles concurrent first claims.
   */
  private async claimVersionedIds(manager: EntityManager, objects: PreparedObject[], outcomes: Map<number, StoreOutcome>): Promise<PreparedObject[]> {
    const versioned = objects.filter((object) => object.modified !== undefined);
    if (!versioned.length) return objects;
    const sourceOrganizationId = objects[0].sourceOrganizationId;
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
    const owners: OwnerRow[] = known.length
      ? await manager.query(
          `SELECT ow.id, ow.source_org_id = $2 AS mine,
                  (SELECT max(r.modified) FROM stix_object r WHERE r.id = ow.id AND r.revoked) AS revoked_modified,
                  (SELECT bool_or(r.anonymous) FROM stix_object r WHERE r.id = ow.id) AS anonymous
           FROM stix_object_owner ow WHERE ow.id = ANY($1::text[])`,
          [known, sourceOrganizationId],
        )
      : [];
    const ownerById = new Map<string, OwnerRow>(owners.map((owner) => [owner.id, owner]));
    for (const id of newlyClaimed) ownerById.set(id, { id, mine: true, revoked_modified: null, anonymous: null });
    return objects.filter((object) => {
      if (object.modified === undefined) return true;
      const owner = ownerById.get(object.id)!;
      if (!owner.mine) {
        outcomes.set(object.index, { status: 'REJECTED', path: 'id', message: 'this id belongs to an object another organisation shared; only its source may add versions' });
        return false;
      }
      // A named version of an object shared anonymously would name the source of every earlier
      // version too (and the reverse links a pseudonym to a name): the choice is kept for all versions.
      if (owner.anonymous !== null && owner.anonymous !== object.anonymous) {
        const earlier = owner.anonymous ? 'anonymously' : "under your organisation's name";
        outcomes.set(object.index, { status: 'REJECTED', path: 'anonymous', message: `earlier versions of this object were shared ${earlier}; submit its new versions the same way` });
        return false;
      }
      if (owner.revoked_modified && new Date(object.modified) > owner.revoked_modified) {
        outcomes.set(object.index, { status: 'REJECTED', path: 'modified', message: 'the object is revoked; a revoked object takes no newer version' });
        return false;
      }
      return true;
    });
  }
}

function toRecord(object: PreparedObject) {
  return {
    id: object.id,
    type: object.type,
    spec_version: object.specVersion,
    created: object.created ?? null,
    modified: object.modified ?? null,
    revoked: object.revoked,
    tlp: tlpRank(object.tlp),
    readers: object.readers,
    audience: object.audience,
    source_org_id: object.sourceOrganizationId,
    submitted_by: object.submittedByUserId,
    anonymous: object.anonymous,
    valid_from: object.validFrom ?? null,
    valid_until: object.validUntil ?? null,
    name: object.name ?? null,
    labels: object.labels,
    indicator_types: object.indicatorTypes,
    required_refs: object.requiredRefs,
    stix: object.stix,
  };
}
