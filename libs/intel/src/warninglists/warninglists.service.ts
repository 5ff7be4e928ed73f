import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { compileWarninglists, readDefaultWarninglists, shouldReload, type Warninglist, type WarninglistHit, type WarninglistMatcher } from '@hub/intel-rules';
import { HUB_CONFIG } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import { ObservableFlag, SubmissionCheck, SubmissionChecks } from '@hub/sharing';
import { normalizeObservable, type ObservableType } from '@hub/stix';
import { DataSource, EntityManager } from 'typeorm';
import { readWarninglistSource } from './warninglist-sources';
import { DROP_UNCONFIGURED, INSERT_HITS, LOCK_LISTS, STORED_LISTS, STORED_VERSIONS, UPSERT_LIST } from './warninglists.sql';

export interface ObservableHit {
  list: string;
  action: 'warn' | 'block';
  type: string;
  value: string;
}

/**
 * The warninglists in force: the hub's defaults plus the operator's (HUB_WARNINGLISTS), stored in the
 * database with their versions and compiled once per process. Every shared object's observables are
 * checked on ingestion (see SubmissionChecks of libs/sharing).
 */
@Injectable()
export class WarninglistsService implements OnModuleInit, SubmissionCheck {
  private matcher: WarninglistMatcher = compileWarninglists([]);

  constructor(
    private readonly dataSource: DataSource,
    private readonly checks: SubmissionChecks,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const defaults = this.config.defaultWarninglists ? readDefaultWarninglists() : [];
    const configured: { source: string; list: Warninglist }[] = defaults.map((list) => ({ source: 'default', list }));
    for (const source of this.config.warninglists) configured.push({ source, list: await readWarninglistSource(source) });
    await this.store(configured);
    await this.reloadFromDatabase();
    this.checks.register(this);
  }

  /**
   * Makes the configured lists the ones in force: a list no longer configured is dropped; a
   * configured one is written when its version is newer than the stored one (MISP's update rule), so
   * an equal or older file changes nothing and a replica started with an older file never rolls a
   * list back. Returns the names written.
   */
  async store(lists: { source: string; list: Warninglist }[]): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_LISTS);
      await manager.query(DROP_UNCONFIGURED, [lists.map(({ list }) => list.name)]);
      const stored = new Map<string, number>((await manager.query(STORED_VERSIONS)).map((row: { name: string; version: number }) => [row.name, row.version]));
      const written: string[] = [];
      for (const { source, list } of lists) {
        if (!shouldReload(stored.get(list.name), list.version)) continue;
        await manager.query(UPSERT_LIST, [list.name, list.version, list.action, source, JSON.stringify(list)]);
        stored.set(list.name, list.version);
        written.push(list.name);
      }
      return written;
    });
  }

  /** Compiles the stored set (every replica the same), in name order. */
  async reloadFromDatabase(): Promise<void> {
    const rows: { list: Warninglist }[] = await this.dataSource.query(STORED_LISTS);
    this.matcher = compileWarninglists(rows.map((row) => row.list));
  }

  /** The hits of one value, given as typed; a value that does not parse has none. */
  hitsOf(type: string, value: string): ObservableHit[] {
    const normalized = normalizeObservable(type, value);
    if ('error' in normalized) return [];
    return this.matcher.check(normalized.type as ObservableType, normalized.value).map((hit) => ({ list: hit.list, action: hit.action, type: normalized.type, value: normalized.value }));
  }

  flags(observables: readonly { type: string; value: string }[]): ObservableFlag[] {
    return observables.flatMap(({ type, value }) =>
      this.matcher.check(type as ObservableType, value).map((hit) => ({ type, value, list: hit.list, action: hit.action, message: messageOf(value, hit) })),
    );
  }

  async record(manager: EntityManager, stored: { pk: string; flags: ObservableFlag[] }[]): Promise<void> {
    const rows = stored.flatMap(({ pk, flags }) => flags.map((flag) => ({ object_pk: pk, list: flag.list, action: flag.action, type: flag.type, value: flag.value })));
    if (rows.length) await manager.query(INSERT_HITS, [JSON.stringify(rows)]);
  }
}

/** e.g. "198.51.100.7 is in the block list 'Hub: documentation addresses (…)' (TEST-NET-2 (RFC 5737))" */
export function messageOf(value: string, hit: WarninglistHit): string {
  const why = hit.comment ? ` (${hit.comment})` : hit.entry !== value ? ` (${hit.entry})` : '';
  return `${value} is in the ${hit.action} list '${hit.list}'${why}`;
}
