import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MemberViewer } from '@hub/access';
import { HubError, isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@hub/platform';
import { DataSource, QueryFailedError } from 'typeorm';
import { parseWatchCriteria, storedWatchCriteria, WatchCriteria, WatchCriteriaInput } from './watch-criteria';

export interface WatchFilter {
  id: string;
  name: string;
  criteria: WatchCriteria;
  createdAt: Date;
}

interface WatchFilterRow {
  id: string;
  name: string;
  criteria: Partial<WatchCriteria>;
  created_at: Date;
}

export const MAX_WATCH_FILTERS_PER_PERSON = 50;
const MAX_NAME_LENGTH = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIQUE_VIOLATION = '23505';

/** Saved watch filters: each belongs to one person, who alone lists and deletes it. */
@Injectable()
export class WatchFiltersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(owner: MemberViewer, input: { name: string; criteria: WatchCriteriaInput }): Promise<WatchFilter> {
    const name = input.name.trim();
    if (!name || name.length > MAX_NAME_LENGTH) {
      throw HubError.badInput('The watch filter needs a name', [{ path: 'input.name', message: `must be 1 to ${MAX_NAME_LENGTH} characters` }]);
    }
    if (!isStorableText(name)) {
      throw HubError.badInput('The watch filter name is not valid', [{ path: 'input.name', message: UNSTORABLE_TEXT_MESSAGE }]);
    }
    const criteria = parseWatchCriteria(input.criteria, 'input.criteria');
    try {
      // The count and the insert are one statement, so two requests at once cannot pass the limit together.
      const rows: WatchFilterRow[] = await this.dataSource.query(
        `INSERT INTO watch_filter (owner_user_id, organization_id, name, criteria)
         SELECT $1, $2, $3, $4 WHERE (SELECT count(*) FROM watch_filter WHERE owner_user_id = $1) < $5
         RETURNING id, name, criteria, created_at`,
        [owner.userId, owner.organizationId, name, JSON.stringify(criteria), MAX_WATCH_FILTERS_PER_PERSON],
      );
      if (!rows.length) {
        throw HubError.badInput(`You have ${MAX_WATCH_FILTERS_PER_PERSON} watch filters already; delete one first`, [
          { path: 'input', message: `at most ${MAX_WATCH_FILTERS_PER_PERSON} watch filters per person` },
        ]);
      }
      return toWatchFilter(rows[0]);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw HubError.badInput(`You already have a watch filter named "${name}"`, [{ path: 'input.name', message: 'is already used by another of your watch filters' }]);
      }
      throw error;
    }
  }

  async list(owner: MemberViewer): Promise<WatchFilter[]> {
    const rows: WatchFilterRow[] = await this.dataSource.query(
      `SELECT id, name, criteria, created_at FROM watch_filter WHERE owner_user_id = $1 ORDER BY created_at, id`,
      [owner.userId],
    );
    return rows.map(toWatchFilter);
  }

  /** Deletes the filter and its alerts; NOT_FOUND for an id that is not one of the owner's filters. */
  async delete(owner: MemberViewer, id: string): Promise<boolean> {
    if (!UUID.test(id)) throw HubError.badInput('Not a watch filter id', [{ path: 'id', message: `"${id}" is not an id (a UUID)` }]);
    const [, deleted] = (await this.dataSource.query(`DELETE FROM watch_filter WHERE id = $1 AND owner_user_id = $2`, [id, owner.userId])) as [unknown, number];
    if (!deleted) throw HubError.notFound(`You have no watch filter with the id ${id}`);
    return true;
  }
}

function toWatchFilter(row: WatchFilterRow): WatchFilter {
  return { id: row.id, name: row.name, criteria: storedWatchCriteria(row.criteria), createdAt: row.created_at };
}
