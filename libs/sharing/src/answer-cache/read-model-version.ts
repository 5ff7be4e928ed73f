import { Injectable } from '@nestjs/common';
import { SameTurnReads } from '@hub/platform';
import { PreparedQueries } from '../store/prepared-queries';

/** The committed version of everything a read answer is built from (see the ReadModelVersion migration). */
@Injectable()
export class ReadModelVersion {
  private readonly reads: SameTurnReads<'version', string>;

  constructor(queries: PreparedQueries) {
    this.reads = new SameTurnReads(async () => {
      const [row] = await queries.rowsWithGenericPlan<{ version: string | null }>(`SELECT string_agg(version::text, ',' ORDER BY stripe) AS version FROM read_model_version`, []);
      if (!row.version) throw new Error('read_model_version is empty');
      return row.version;
    });
  }

  /** The version as of a moment after this call: every change committed before the call is in it. */
  current(): Promise<string> {
    return this.reads.get('version');
  }
}
