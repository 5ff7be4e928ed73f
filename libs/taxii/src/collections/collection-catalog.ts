import { Audience, EMPTY_AUDIENCE, isMember, Tlp, tlpLabel, Viewer } from '@hub/access';
import { uuidV5 } from '@hub/stix';
import { STIX_MEDIA_TYPE } from '../http/media-type';

// The hub's namespace for collection ids: the same collection has the same id on every hub and every day.
const COLLECTION_NAMESPACE = '3b7d6a9e-1c2f-5d4e-8a6b-9c0d1e2f3a4b';

/** What a collection holds: the versions of one marking, the AMBER content of one sharing group, or nothing (write only). */
export type CollectionScope = { kind: 'tlp'; tlp: Tlp } | { kind: 'group'; groupId: string } | { kind: 'submit' };

export interface TaxiiCollection {
  id: string;
  title: string;
  description: string;
  scope: CollectionScope;
  canRead: boolean;
  canWrite: boolean;
  /** How a POST to this collection is marked and who it is for: the collection decides, not the client. */
  submitAs?: { tlp: Tlp; audience: Audience };
}

export interface SharingGroupSummary {
  id: string;
  name: string;
}

/** RED never travels over TAXII; these are the readable levels, widest first. */
const READABLE_LEVELS: Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT'];

export function collectionIdOf(scope: CollectionScope): string {
  const name = scope.kind === 'tlp' ? `tlp:${scope.tlp}` : scope.kind === 'group' ? `group:${scope.groupId}` : 'submit';
  return uuidV5(COLLECTION_NAMESPACE, name);
}

/** Members and analysts share; focal points and admins read only (the same rule as submitBundle). */
function maySubmit(viewer: Viewer): boolean {
  return isMember(viewer) && (viewer.role === 'MEMBER' || viewer.role === 'ANALYST');
}

/** The TLP levels a viewer may have a collection for: the public sees CLEAR; a CLIENTS key never gets AMBER+STRICT. */
function levelsFor(viewer: Viewer): Tlp[] {
  if (!isMember(viewer)) return ['CLEAR'];
  return READABLE_LEVELS.filter((tlp) => !(tlp === 'AMBER_STRICT' && viewer.kind === 'key' && viewer.keyDistribution === 'CLIENTS'));
}

/**
 * The collections a viewer sees, in a stable order: one per readable TLP level, one per sharing
 * group of the viewer's organisation (its AMBER and AMBER+STRICT content; a POST shares TLP:AMBER
 * with the group), and "submit" (a POST shares TLP:GREEN with every member). `groups` are the
 * viewer's own groups.
 */
export function collectionsFor(viewer: Viewer, groups: SharingGroupSummary[]): TaxiiCollection[] {
  const levels = levelsFor(viewer).map((tlp): TaxiiCollection => {
    const scope: CollectionScope = { kind: 'tlp', tlp };
    return {
      id: collectionIdOf(scope),
      title: `TLP:${tlpLabel(tlp)}`,
      description: `The latest version you may read of every object marked TLP:${tlpLabel(tlp)}`,
      scope,
      canRead: true,
      canWrite: false,
    };
  });
  if (!isMember(viewer)) return levels;
  const writer = maySubmit(viewer);
  const sharingGroups = [...groups]
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((group): TaxiiCollection => {
      const scope: CollectionScope = { kind: 'group', groupId: group.id };
      return {
        id: collectionIdOf(scope),
        title: `Sharing group: ${group.name}`,
        description: `TLP:AMBER and TLP:AMBER+STRICT content shared with ${group.name}; what you add here is shared as TLP:AMBER with this group, and deleting an object your organisation shared revokes it`,
        scope,
        canRead: true,
        canWrite: writer,
        submitAs: { tlp: 'AMBER', audience: { ...EMPTY_AUDIENCE, sharingGroupIds: [group.id] } },
      };
    });
  const submit: TaxiiCollection = {
    id: collectionIdOf({ kind: 'submit' }),
    title: 'Submit',
    description:
      'Add objects here to share them as TLP:GREEN with every member (the same ingestion as submitBundle); read them from the TLP collections. ' +
      'Deleting an object here revokes it, whatever its marking, if your organisation shared it',
    scope: { kind: 'submit' },
    canRead: false,
    canWrite: writer,
    submitAs: { tlp: 'GREEN', audience: EMPTY_AUDIENCE },
  };
  return [...levels, ...sharingGroups, submit];
}

/** The collection resource of spec 5.2. */
export function collectionResource(collection: TaxiiCollection) {
  return {
    id: collection.id,
    title: collection.title,
    description: collection.description,
    can_read: collection.canRead,
    can_write: collection.canWrite,
    media_types: [STIX_MEDIA_TYPE],
  };
}
