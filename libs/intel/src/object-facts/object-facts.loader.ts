import { Injectable } from '@nestjs/common';
import { PreparedQueries } from '@hub/sharing';
import type { WarninglistHitModel } from '../warninglists/dto/warninglist-hit.types';
import { FactsAsked, factsOfRows } from './object-facts.sql';

interface Facts {
  score: number | null;
  hits: WarninglistHitModel[];
}

interface Batch {
  pks: Set<string>;
  asked: FactsAsked;
  result: Promise<Map<string, Facts>>;
}

/**
 * The score and the warninglist hits of the rows one GraphQL answer holds, read in ONE statement
 * per answer (a look-up asks both for each indicator: two statements before, and one per field for
 * a feed page before that). Rows are collected per request until the resolvers of the current tick
 * have asked; only the facts some resolver asked for are read. A named statement with a generic
 * plan: its plan is the same whatever the pks (primary-key probes).
 */
@Injectable()
export class ObjectFactsLoader {
  private readonly pending = new WeakMap<object, Batch>();

  constructor(private readonly queries: PreparedQueries) {}

  async scoreOf(request: object, pk: string): Promise<number | null> {
    return (await this.factsOf(request, pk, 'score'))?.score ?? null;
  }

  async hitsOf(request: object, pk: string): Promise<WarninglistHitModel[]> {
    return (await this.factsOf(request, pk, 'hits'))?.hits ?? [];
  }

  private async factsOf(request: object, pk: string, fact: keyof FactsAsked): Promise<Facts | undefined> {
    let batch = this.pending.get(request);
    if (!batch) {
      const pks = new Set<string>();
      const asked: FactsAsked = { score: false, hits: false };
      const result = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.pending.delete(request);
        const rows = await this.queries.rowsWithGenericPlan<{ pk: string; score: number | null; hits: WarninglistHitModel[] | null }>(factsOfRows(asked), [[...pks]]);
        return new Map(rows.map((row) => [row.pk, { score: row.score, hits: row.hits ?? [] }]));
      });
      batch = { pks, asked, result };
      this.pending.set(request, batch);
    }
    batch.pks.add(pk);
    batch.asked[fact] = true;
    return (await batch.result).get(pk);
  }
}
