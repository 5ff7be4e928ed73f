import { Injectable } from '@nestjs/common';
import { PreparedQueries } from '@hub/sharing';
import { RequestBatch } from '../request-batch';
import type { WarninglistHitModel } from '../warninglists/dto/warninglist-hit.types';
import { FactsAsked, factsOfRows } from './object-facts.sql';

interface Facts {
  score: number | null;
  hits: WarninglistHitModel[];
}

/**
 * The score and the warninglist hits of the rows one GraphQL answer holds, read in ONE statement
 * per answer (a look-up asks both for each indicator: two statements before, and one per field for
 * a feed page before that). The keys a RequestBatch collects name the fact and the row
 * (`score 123`, `hits 123`): only the facts some resolver asked for are read. A named statement
 * with a generic plan: its plan is the same whatever the pks (primary-key probes).
 */
@Injectable()
export class ObjectFactsLoader {
  private readonly facts: RequestBatch<Facts>;

  constructor(private readonly queries: PreparedQueries) {
    this.facts = new RequestBatch(async (_request, keys) => {
      const asked: FactsAsked = { score: false, hits: false };
      const pkOfKey = new Map<string, string>();
      for (const key of keys) {
        const [fact, pk] = key.split(' ');
        asked[fact as keyof FactsAsked] = true;
        pkOfKey.set(key, pk);
      }
      const rows = await this.queries.rowsWithGenericPlan<{ pk: string; score: number | null; hits: WarninglistHitModel[] | null }>(factsOfRows(asked), [
        [...new Set(pkOfKey.values())],
      ]);
      const byPk = new Map(rows.map((row) => [row.pk, { score: row.score, hits: row.hits ?? [] }]));
      const facts = new Map<string, Facts>();
      for (const [key, pk] of pkOfKey) {
        const found = byPk.get(pk);
        if (found) facts.set(key, found);
      }
      return facts;
    });
  }

  async scoreOf(request: object, pk: string): Promise<number | null> {
    return (await this.facts.get(request, `score ${pk}`))?.score ?? null;
  }

  async hitsOf(request: object, pk: string): Promise<WarninglistHitModel[]> {
    return (await this.facts.get(request, `hits ${pk}`))?.hits ?? [];
  }
}
