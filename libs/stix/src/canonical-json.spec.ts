import { canonicalJson } from './canonical-json';

describe('RFC 8785 JSON canonicalization', () => {
  it('sorts members, drops whitespace and keeps arrays in order', () => {
    expect(canonicalJson({ b: [3, 1, 2], a: { d: true, c: null } })).toBe('{"a":{"c":null,"d":true},"b":[3,1,2]}');
  });

  it('serialises numbers like ECMAScript (RFC 8785 section 3.2.2.3)', () => {
    expect(canonicalJson([0, -0, 1e21, 1e-7, 333333333.3333333, 4.5, 100, -1.5e-10])).toBe('[0,0,1e+21,1e-7,333333333.3333333,4.5,100,-1.5e-10]');
  });

  it('escapes strings minimally and keeps non-ASCII characters as they are', () => {
    expect(canonicalJson({ text: 'Ω €\n"\\\u0001' })).toBe('{"text":"Ω €\\n\\"\\\\\\u0001"}');
  });

  it('orders member names by UTF-16 code units (RFC 8785 section 3.2.3 example)', () => {
    const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    // Parsing the output back would reorder the integer-like key "1", so read the order off the text.
    const text = canonicalJson(input);
    const positions = ['\\r', '"1"', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((key) => text.indexOf(key));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });

  it('leaves out undefined members like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});
