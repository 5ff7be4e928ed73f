import { example } from '../../test/examples';
import { validateBundle } from '../bundle';
import { MAX_OBJECT_DEPTH, pathBeyondDepth } from './depth';
import { validateObject } from './validate';

/** `{ a: { a: ... { a: 1 } } }` with `levels` objects, built without recursion. */
function nestedObjects(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { a: 1 };
  for (let level = 1; level < levels; level++) value = { a: value };
  return value;
}

function nestedJson(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

const BUNDLE_ID = 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d';

describe('how deep an object may nest', () => {
  it('refuses a custom property nested 1,000 deep, naming the path where the limit is passed', () => {
    const result = validateObject(example('indicator', { x_acme_tree: nestedObjects(1000) }));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { path: `x_acme_tree${'.a'.repeat(MAX_OBJECT_DEPTH)}`, message: `is nested more than ${MAX_OBJECT_DEPTH} levels deep inside the object, the most the hub accepts` },
    ]);
  });

  it('accepts 64 levels of objects and refuses 65', () => {
    expect(validateObject(example('indicator', { x_acme_tree: nestedObjects(MAX_OBJECT_DEPTH) })).ok).toBe(true);
    expect(validateObject(example('indicator', { x_acme_tree: nestedObjects(MAX_OBJECT_DEPTH + 1) })).ok).toBe(false);
  });

  it('counts lists as levels too', () => {
    let list: unknown = [];
    for (let level = 1; level <= MAX_OBJECT_DEPTH + 1; level++) list = [list];
    expect(validateObject(example('indicator', { x_acme_list: list })).errors[0]?.path).toBe(`x_acme_list${'[0]'.repeat(MAX_OBJECT_DEPTH)}`);
  });

  it('refuses 100,000 levels parsed from JSON text without exhausting the stack, and keeps the other objects', () => {
    const deep = nestedJson(100_000);
    const indicator = JSON.stringify(example('indicator'));
    const text = `{"type":"bundle","id":"${BUNDLE_ID}","objects":[${indicator},{"type":"x-acme-thing","id":"x-acme-thing--0b5b3b4b-4c0d-4e8f-9a6b-6c2f6b1c8d3e","x_acme_tree":${deep}}]}`;
    const validation = validateBundle(text);
    expect(validation.objects.map(({ result }) => result.ok)).toEqual([true, false]);
    expect(validation.objects[1].result.errors).toEqual([
      { path: `objects[1].x_acme_tree${'.a'.repeat(MAX_OBJECT_DEPTH)}`, message: `is nested more than ${MAX_OBJECT_DEPTH} levels deep inside the object, the most the hub accepts` },
    ]);
  });

  it('finds nothing to refuse in flat values and in what STIX itself nests', () => {
    expect(pathBeyondDepth('text')).toBeUndefined();
    expect(pathBeyondDepth(example('observed-data'))).toBeUndefined();
    expect(pathBeyondDepth({ a: [{ b: [1, 2, { c: null }] }] }, 4)).toBeUndefined();
    expect(pathBeyondDepth({ a: [{ b: [1, 2, { c: null }] }] }, 3)).toEqual(['a', 0, 'b', 2]);
  });
});

describe('text that is not text', () => {
  it.each([
    ['U+0000 in a value', { name: 'nul\u0000 here' }, 'objects[0].name'],
    ['a lone high surrogate deep in a list', { labels: ['fine', 'broken \ud800'] }, 'objects[0].labels[1]'],
    ['a lone low surrogate in a property name (named with U+FFFD in its stead)', { 'x_acme_\udc00': 'value' }, "objects[0]['x_acme_\ufffd']"],
  ])('refuses %s at its path, with why (PostgreSQL would refuse the write)', (_case, extra, path) => {
    const result = validateObject({ ...example('malware'), ...extra }, 'objects[0]');
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([{ path, message: 'holds a character that is not text (U+0000, or half of a UTF-16 surrogate pair); remove it' }]);
  });

  it('takes characters outside the basic plane, written as surrogate pairs', () => {
    expect(validateObject({ ...example('malware'), name: 'QakBot 🦆 \ud83d\ude00' }).ok).toBe(true);
  });
});
