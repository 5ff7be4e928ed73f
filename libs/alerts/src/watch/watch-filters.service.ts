import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MemberViewer } from '@hub/access';
import { HUB_CONFIG, HubError, isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import { webhookUrlProblem } from '../delivery/webhook';
import { DataSource, QueryFailedError } from 'typeorm';
import { parseWatchCriteria, storedWatchCriteria, WatchCriteria, WatchCriteriaInput } from './watch-criteria';

export interface WatchFilter {
  id: string;
  name: string;
  criteria: WatchCriteria;
  webhookUrl: string | null;
  /** The owner's sign-in address when alerts are also e-mailed; null otherwise. */
  email: string | null;
  /** Only when just created: the HMAC secret of the webhook, shown once. */
  webhookSecret?: string | null;
  createdAt: Date;
}

export interface WatchFilterInput {
  name: string;
  criteria: WatchCriteriaInput;
  webhookUrl?: string | null;
  webhookSecret?: string | null;
  email?: string | null;
}

interface WatchFilterRow {
  id: string;
  name: string;
  criteria: Partial<WatchCriteria>;
  webhook_url: string | null;
  email: string | null;
  created_at: Date;
}

export const MAX_WATCH_FILTERS_PER_PERSON = 50;
const MAX_NAME_LENGTH = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIQUE_VIOLATION = '23505';
const SECRET = /^[\x21-\x7e]{32,200}$/;

/** Saved watch filters: each belongs to one person, who alone lists and deletes it. */
@Injectable()
export class WatchFiltersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async create(owner: MemberViewer, input: WatchFilterInput): Promise<WatchFilter> {
    const name = input.name.trim();
    if (!name || name.length > MAX_NAME_LENGTH) {
      throw HubError.badInput('The watch filter needs a name', [{ path: 'input.name', message: `must be 1 to ${MAX_NAME_LENGTH} characters` }]);
    }
    if (!isStorableText(name)) {
      throw HubError.badInput('The watch filter name is not valid', [{ path: 'input.name', message: UNSTORABLE_TEXT_MESSAGE }]);
    }
    const criteria = parseWatchCriteria(input.criteria, 'input.criteria');
    const webhook = this.parseWebhook(input);
    const email = await this.parseEmail(owner, input.email);
    try {
      // The count and the insert are one statement, so two requests at once cannot pass the limit together.
      const rows: WatchFilterRow[] = await this.dataSource.query(
        `INSERT INTO watch_filter (owner_user_id, organization_id, name, criteria, webhook_url, webhook_secret, email)
         SELECT $1, $2, $3, $4, $6, $7, $8 WHERE (SELECT count(*) FROM watch_filter WHERE owner_user_id = $1) < $5
         RETURNING id, name, criteria, webhook_url, CASE WHEN email THEN (SELECT u.email FROM hub_user u WHERE u.id = owner_user_id) END AS email, created_at`,
        [owner.userId, owner.organizationId, name, JSON.stringify(criteria), MAX_WATCH_FILTERS_PER_PERSON, webhook?.url ?? null, webhook?.secret ?? null, email],
      );
      if (!rows.length) {
        throw HubError.badInput(`You have ${MAX_WATCH_FILTERS_PER_PERSON} watch filters already; delete one first`, [
          { path: 'input', message: `at most ${MAX_WATCH_FILTERS_PER_PERSON} watch filters per person` },
        ]);
      }
      return { ...toWatchFilter(rows[0]), webhookSecret: webhook?.secret ?? null };
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw HubError.badInput(`You already have a watch filter named "${name}"`, [{ path: 'input.name', message: 'is already used by another of your watch filters' }]);
      }
      throw error;
    }
  }

  async list(owner: MemberViewer): Promise<WatchFilter[]> {
    const rows: WatchFilterRow[] = await this.dataSource.query(
      `SELECT f.id, f.name, f.criteria, f.webhook_url, CASE WHEN f.email THEN u.email END AS email, f.created_at
         FROM watch_filter f JOIN hub_user u ON u.id = f.owner_user_id
        WHERE f.owner_user_id = $1 ORDER BY f.created_at, f.id`,
      [owner.userId],
    );
    return rows.map(toWatchFilter);
  }

  /**
   * E-mail goes only to the owner's own sign-in address (the hub has verified no other, and an
   * address of someone else's choosing would send the hub's alerts anywhere); it follows the
   * address if it changes later.
   */
  private async parseEmail(owner: MemberViewer, value: string | null | undefined): Promise<boolean> {
    const address = value?.trim();
    if (!address) return false;
    if (!this.config.smtp || !this.config.publicUrl) {
      throw HubError.badInput('E-mail delivery is not set up on this hub', [{ path: 'input.email', message: 'the operator has not configured an SMTP server (HUB_SMTP_HOST)' }]);
    }
    const [user]: { email: string }[] = await this.dataSource.query(`SELECT email FROM hub_user WHERE id = $1`, [owner.userId]);
    if (!user || user.email.toLowerCase() !== address.toLowerCase()) {
      throw HubError.badInput('Alerts are e-mailed only to your own address', [{ path: 'input.email', message: 'must be your own sign-in e-mail address' }]);
    }
    return true;
  }

  /** The webhook's URL (checked against the operator's policy) and its secret (the owner's, or a new random one). */
  private parseWebhook(input: WatchFilterInput): { url: string; secret: string } | undefined {
    const url = input.webhookUrl?.trim();
    if (!url) {
      if (input.webhookSecret) throw HubError.badInput('A webhook secret needs a webhook URL', [{ path: 'input.webhookSecret', message: 'is only used with input.webhookUrl' }]);
      return undefined;
    }
    const problem = webhookUrlProblem(url, { allowHttp: this.config.webhookAllowHttp, allowPrivate: this.config.webhookAllowPrivate });
    if (problem) throw HubError.badInput('The webhook URL cannot be used', [{ path: 'input.webhookUrl', message: problem }]);
    const secret = input.webhookSecret ?? randomBytes(32).toString('base64url');
    if (!SECRET.test(secret)) {
      throw HubError.badInput('The webhook secret is not valid', [{ path: 'input.webhookSecret', message: 'must be 32 to 200 printable ASCII characters without spaces' }]);
    }
    return { url, secret };
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
  return { id: row.id, name: row.name, criteria: storedWatchCriteria(row.criteria), webhookUrl: row.webhook_url, email: row.email, createdAt: row.created_at };
}
