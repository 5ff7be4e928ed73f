import { isLostConnection } from './trend-catch-up.service';

describe('isLostConnection', () => {
  it('tells a lost connection from a failed statement', () => {
    expect(isLostConnection(new Error('Connection terminated'))).toBe(true);
    expect(isLostConnection(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isLostConnection(Object.assign(new Error('connection failure'), { code: '08006' }))).toBe(true);
    expect(isLostConnection(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe(false);
    expect(isLostConnection(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(false);
    expect(isLostConnection(undefined)).toBe(false);
  });
});
