import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import pg from 'pg';
import { HubError } from '../graphql/hub-error';

/**
 * A statement timeout for the queries a request runs, and only for those: migrations, the trends
 * catch-up and the hub's background work are not the caller's to bound. Whether a query belongs
 * to a request is known from where it was called (AsyncLocalStorage), not from the code calling it.
 */
const scope = new AsyncLocalStorage<{ timeoutMs: number }>();

const TRANSACTION_END = /^\s*(ROLLBACK|COMMIT|END|RELEASE)\b/i;

/** PostgreSQL's query_canceled: a statement timeout (the hub never cancels queries otherwise). */
const QUERY_CANCELED = '57014';

/** Runs everything the request does next (its resolvers, its queries) under the statement timeout. */
export function statementTimeoutMiddleware(timeoutMs: number) {
  return (_request: Request, _response: Response, next: NextFunction): void => {
    if (timeoutMs > 0) scope.run({ timeoutMs }, next);
    else next();
  };
}

/**
 * Runs `work` without the request's statement timeout: for work a request waits for but did not
 * choose, such as taking newly stored rows into account in the trend tables.
 */
export function withoutStatementTimeout<T>(work: () => T): T {
  return scope.exit(work);
}

/**
 * The connection class of the hub's pool (TypeORM `extra.Client`): before a query, it sets the
 * session's statement_timeout to what the calling code's scope asks for (the request's limit, or
 * the database's default outside requests). The SET is sent only when the wanted value changes, so
 * a connection serving requests one after another sets it once.
 */
export class StatementTimeoutClient extends pg.Client {
  // undefined: the database's default; null: unknown (e.g. after a rollback, which undoes a SET made in it).
  private sessionTimeoutMs: number | undefined | null = undefined;

  // pg's query() has many overloads; this one passes every form through unchanged.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const run = () => (super.query as (...rest: unknown[]) => unknown)(...args);
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | undefined)?.text;
    // Transaction control runs as it comes: a SET sent before the ROLLBACK of a failed transaction
    // would fail too, and the ROLLBACK behind it would never run, leaving the connection aborted.
    if (typeof text === 'string' && TRANSACTION_END.test(text)) {
      if (/^\s*ROLLBACK\b/i.test(text)) this.sessionTimeoutMs = null;
      return run();
    }
    const wanted = scope.getStore()?.timeoutMs;
    if (wanted === this.sessionTimeoutMs) return run();
    this.sessionTimeoutMs = wanted;
    const set = (super.query(wanted === undefined ? 'RESET statement_timeout' : `SET statement_timeout = ${Math.floor(wanted)}`) as Promise<unknown>).catch((error: unknown) => {
      this.sessionTimeoutMs = null;
      throw error;
    });
    const callback = args[args.length - 1];
    if (typeof callback === 'function') {
      set.then(run, (error: unknown) => (callback as (error: unknown) => void)(error));
      return undefined;
    }
    // A streamed query must be returned as it is: it is queued behind the SET instead (pg runs a connection's queries in order).
    if (typeof (args[0] as { submit?: unknown } | undefined)?.submit === 'function') {
      set.catch(() => undefined);
      return run();
    }
    return set.then(run);
  }
}

/** Whether an error (as TypeORM or pg throws it) is a statement that ran into the timeout. */
export function isStatementTimeout(error: unknown): boolean {
  for (let current = error, hops = 0; current && typeof current === 'object' && hops < 5; hops++) {
    const { code, driverError, cause } = current as { code?: unknown; driverError?: unknown; cause?: unknown };
    if (code === QUERY_CANCELED) return true;
    current = driverError ?? cause;
  }
  return false;
}

/** The error a caller gets for a request whose query ran into the statement timeout. */
export function statementTimeoutError(): HubError {
  return new HubError('TIMEOUT', 'A database query of this request ran longer than the limit and was stopped; ask for less (a narrower filter, a smaller page, fewer counts) or try again later');
}
