import { rowKeysOf } from './live-deliveries.service';

describe('rowKeysOf', () => {
  it('keeps the row keys (positive integers as text) of an event and drops anything else', () => {
    expect(rowKeysOf(['1', '42', '9007199254740993'])).toEqual(['1', '42', '9007199254740993']);
    expect(rowKeysOf(['0', '-1', '1; DROP TABLE alert', 7, null, '01'])).toEqual([]);
    expect(rowKeysOf('1')).toEqual([]);
    expect(rowKeysOf(undefined)).toEqual([]);
  });
});
