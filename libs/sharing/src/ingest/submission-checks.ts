import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One observable of a submitted object that a check flagged (e.g. it is on a warninglist). */
export interface ObservableFlag {
  type: string;
  value: string;
  /** The name of what flagged it (a warninglist), shown to the submitter. */
  list: string;
  /** `block` refuses the object; `warn` accepts it with a warning. */
  action: 'warn' | 'block';
  /** e.g. "198.51.100.7 is in the block list 'Hub: documentation addresses' (TEST-NET-2 (RFC 5737))" */
  message: string;
}

/**
 * What another feature checks on every object shared (bundles, single objects, TAXII POST), without
 * ingestion knowing what it is. `record` runs in the transaction that stores the objects, so what it
 * writes commits with them or not at all.
 */
export interface SubmissionCheck {
  flags(observables: readonly { type: string; value: string }[]): ObservableFlag[];
  record(manager: EntityManager, stored: { pk: string; flags: ObservableFlag[] }[]): Promise<void>;
}

/** The checks registered by other modules at start (none: ingestion checks nothing more). */
@Injectable()
export class SubmissionChecks {
  private readonly checks: SubmissionCheck[] = [];

  register(check: SubmissionCheck): void {
    this.checks.push(check);
  }

  flags(observables: readonly { type: string; value: string }[]): ObservableFlag[] {
    return this.checks.flatMap((check) => check.flags(observables));
  }

  async record(manager: EntityManager, stored: { pk: string; flags: ObservableFlag[] }[]): Promise<void> {
    for (const check of this.checks) await check.record(manager, stored);
  }
}
