import { refreshDueScores } from './scores.service';
import { DECAY_START, DecayBatch } from './scores.sql';

/** A query that answers DECAY_DUE from a script of batches, recording where each statement started. */
function scripted(batches: DecayBatch[]) {
  const starts: (string | null)[][] = [];
  const query = async (_sql: string, values: unknown[]) => {
    starts.push(values.slice(2) as (string | null)[]);
    const next = batches.shift();
    if (!next) throw new Error('more statements than scripted');
    return [next];
  };
  return { query, starts };
}

const batch = (taken: number, last: number | null): DecayBatch => ({ updated: taken, taken, lastCheck: last === null ? null : `t${last}`, lastPk: last === null ? null : `${last}` });

describe('refreshDueScores', () => {
  it('a pass that fits in one statement is that one statement', async () => {
    const { query, starts } = scripted([batch(3, 3)]);
    expect(await refreshDueScores(query, new Date(), 10)).toBe(3);
    expect(starts).toEqual([[...DECAY_START]]);
  });

  it('carries on after the last row taken, then sweeps once from the start for rows passed over', async () => {
    const { query, starts } = scripted([batch(10, 10), batch(10, 20), batch(4, 24), batch(2, 7)]);
    expect(await refreshDueScores(query, new Date(), 10)).toBe(26);
    expect(starts).toEqual([[...DECAY_START], ['t10', '10'], ['t20', '20'], [...DECAY_START]]);
  });

  it('a sweep that finds a full batch goes on from its position and sweeps again at the end', async () => {
    const { query, starts } = scripted([batch(10, 10), batch(0, null), batch(10, 5), batch(1, 6), batch(0, null)]);
    expect(await refreshDueScores(query, new Date(), 10)).toBe(21);
    expect(starts).toEqual([[...DECAY_START], ['t10', '10'], [...DECAY_START], ['t5', '5'], [...DECAY_START]]);
  });
});
