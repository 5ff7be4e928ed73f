import { HubError } from '@hub/platform';

export type QuotaName = 'activeJobs' | 'bytesPerDay';

/** When an organisation at its job limit is told to try again: a job usually ends within minutes. */
const ACTIVE_JOBS_RETRY_SECONDS = 60;

/**
 * An organisation at one of its import quotas (429). It says which quota, its limit, why, and when
 * to try again; it never says how much of it was used or by whom (colleagues' jobs are theirs), and
 * never anything of another organisation, whose uploads count only towards its own quota.
 */
export class ImportQuotaExceeded extends HubError {
  /** Fixed when refused, so that the Retry-After header and the body agree. */
  readonly retryAfterSeconds: number;

  constructor(
    readonly quota: QuotaName,
    readonly limit: number,
    readonly retryAt: Date,
    message: string,
  ) {
    super('RATE_LIMITED', message);
    this.retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
  }

  static activeJobs(limit: number): ImportQuotaExceeded {
    return new ImportQuotaExceeded(
      'activeJobs',
      limit,
      new Date(Date.now() + ACTIVE_JOBS_RETRY_SECONDS * 1000),
      `Your organisation has ${limit} import job${limit === 1 ? '' : 's'} uploading, queued or running, the most it may have at once; start this one when one of them has ended`,
    );
  }

  /** Refused before the upload (the quota is used up) or during it (this upload would go past it). */
  static bytesPerDay(limit: number, retryAt: Date, during: boolean): ImportQuotaExceeded {
    const why = during
      ? `This upload would take your organisation past its import quota of ${bytes(limit)} in 24 hours; nothing of it was kept`
      : `Your organisation has used its import quota of ${bytes(limit)} in 24 hours`;
    return new ImportQuotaExceeded('bytesPerDay', limit, retryAt, `${why}; try again after ${retryAt.toISOString()}`);
  }

  /** The JSON answer: the route's usual fields, and the TAXII error object's (title, description, http_status, details). */
  body(): Record<string, unknown> {
    return {
      statusCode: 429,
      code: this.code,
      message: this.message,
      errors: [],
      title: 'Import quota reached',
      description: this.message,
      error_code: this.code,
      http_status: '429',
      details: { quota: this.quota, limit: this.limit, retry_after_seconds: this.retryAfterSeconds, retry_at: this.retryAt.toISOString() },
    };
  }
}

export function bytes(count: number): string {
  if (count >= 1024 ** 3 && count % 1024 ** 3 === 0) return `${count / 1024 ** 3} GiB`;
  if (count >= 1024 ** 2 && count % 1024 ** 2 === 0) return `${count / 1024 ** 2} MiB`;
  return `${count.toLocaleString('en')} bytes`;
}
