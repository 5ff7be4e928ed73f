import { Kind } from 'graphql';
import { HubDateTime } from './date-time.scalar';

describe('HubDateTime', () => {
  it('reads RFC 3339 date-times', () => {
    expect(HubDateTime.parseValue('2026-01-31T09:54:33Z')).toEqual(new Date('2026-01-31T09:54:33.000Z'));
    expect(HubDateTime.parseLiteral({ kind: Kind.STRING, value: '2026-01-31T10:54:33+01:00' })).toEqual(new Date('2026-01-31T09:54:33.000Z'));
  });

  it.each([['garbage'], ['2026-13-45T99:00:00Z'], [''], [12345], [null]])('refuses %p with a message, not an Invalid Date', (value) => {
    expect(() => HubDateTime.parseValue(value)).toThrow(/must be a date-time/);
  });

  it('refuses a literal that is not a string', () => {
    expect(() => HubDateTime.parseLiteral({ kind: Kind.INT, value: '5' })).toThrow(/must be a date-time/);
  });
});
