import { MigrationInterface, QueryRunner } from 'typeorm';
import { ANONYMOUS_SECTOR_FUNCTIONS } from './1766600000000-trend-anonymous-sector';

const REVISED_BY_JOIN = 'AND EXISTS (SELECT 1 FROM stix_object other WHERE other.id = o.id AND other.pk <> o.pk);';
// OFFSET 0 keeps the EXISTS a subplan run for each row of the batch (an index probe by id): it
// cannot become a semi-join, which the planner hashed over the whole table.
const REVISED_BY_KEY = 'AND EXISTS (SELECT 1 FROM stix_object other WHERE other.id = o.id AND other.pk <> o.pk OFFSET 0);';

/** TrendAnonymousSector1766600000000's trend_track, finding the batch's revised objects by key. */
export const TRACK_REVISED_BY_KEY = trackWith(REVISED_BY_JOIN, REVISED_BY_KEY);

/**
 * trend_track first looks for the batch's objects that have another version. Planned as a hash
 * semi-join, it read every stored row into a hash table for each catch-up batch, a cost growing with
 * the table: 1.8 s (a parallel scan, three processes) for a 20,000-row batch at 630,000 stored objects
 * on a loaded 2-core machine, against 0.7 s for one index probe per row of the batch (and 9.7 s when
 * sequential scans were turned off, the hash then filled through the index). Each of the batch's rows
 * is now looked up by its id. What it computes is unchanged.
 */
export class TrendRevisedIdsByKey1767810000000 implements MigrationInterface {
  name = 'TrendRevisedIdsByKey1767810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(TRACK_REVISED_BY_KEY);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(trackWith(REVISED_BY_KEY, REVISED_BY_JOIN));
  }
}

function trackWith(from: string, to: string): string {
  const [track] = ANONYMOUS_SECTOR_FUNCTIONS;
  if (!track.includes(from) && !track.includes(to)) throw new Error('trend_track no longer has the revised-objects lookup this migration rewrites');
  return track.replace(from, to);
}
