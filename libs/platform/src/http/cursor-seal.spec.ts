import { CursorSeal } from './cursor-seal';

describe('CursorSeal', () => {
  const seal = new CursorSeal('a secret that is long enough for the test');

  it('opens what it sealed, and the sealed text does not show what it holds', () => {
    const cursor = seal.seal('123456789');
    expect(cursor).not.toContain('123456789');
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain('123456789');
    expect(seal.open(cursor)).toBe('123456789');
    expect(seal.seal('1')).not.toBe(seal.seal('1'));
  });

  it('refuses a cursor changed by one bit, one sealed under another secret, and garbage', () => {
    const cursor = seal.seal('42');
    const bytes = Buffer.from(cursor, 'base64url');
    bytes[bytes.length - 1] ^= 1;
    expect(seal.open(bytes.toString('base64url'))).toBeUndefined();
    expect(seal.open(new CursorSeal('another secret that is long enough').seal('42'))).toBeUndefined();
    expect(seal.open('')).toBeUndefined();
    expect(seal.open(`${cursor}.x`)).toBeUndefined();
    expect(seal.open('not a cursor at all')).toBeUndefined();
  });
});
