import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WarninglistHitModel } from './dto/warninglist-hit.types';
import { HITS_OF_ROWS } from './warninglists.sql';

interface Batch {
  pks: Set<string>;
  result: Promise<Map<string, WarninglistHitModel[]>>;
}

/**
 * Reads the stored hits of the rows one GraphQL answer holds in one query (a feed page would
 * otherwise ask once per object). Rows are collected per request until the resolvers of the current
 * tick have asked.
 */
@Injectable()
export class WarninglistHitsLoader {
  private readonly pending = new WeakMap<object, Batch>();

  constructor(private readonly dataSource: DataSource) {}

  async hitsOf(request: object, pk: string): Promise<WarninglistHitModel[]> {
    let batch = this.pending.get(request);
    if (!batch) {
      const pks = new Set<string>();
      const result = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.pending.delete(request);
        const rows: (WarninglistHitModel & { pk: string })[] = await this.dataSource.query(HITS_OF_ROWS, [[...pks]]);
        const byPk = new Map<string, WarninglistHitModel[]>();
        for (const { pk: rowPk, ...hit } of rows) byPk.set(rowPk, [...(byPk.get(rowPk) ?? []), hit]);
        return byPk;
      });
      batch = { pks, result };
      this.pending.set(request, batch);
    }
    batch.pks.add(pk);
    return (await batch.result).get(pk) ?? [];
  }
}
