import { fileSizeProblem, MAX_BUNDLE_OBJECTS, MAX_REQUEST_BYTES, readBundle, resultRows, resultSummary } from './bundle-file';

describe('bundle upload: before sending', () => {
  it('accepts a file that fits in one request and refuses one that does not, saying the limit', () => {
    expect(fileSizeProblem(1024)).toBeUndefined();
    expect(fileSizeProblem(MAX_REQUEST_BYTES - 64 * 1024)).toBeUndefined();
    expect(fileSizeProblem(MAX_REQUEST_BYTES)).toMatch(/at most 32 MiB/);
    expect(fileSizeProblem(40 * 1024 * 1024)).toMatch(/^The file is 40\.0 MiB; .*Split the bundle/);
    expect(fileSizeProblem(0)).toBe('The file is empty.');
  });

  it('reads a bundle and what the file says of each object', () => {
    const read = readBundle(JSON.stringify({ type: 'bundle', id: 'bundle--1', objects: [{ type: 'indicator', id: 'indicator--a' }, 42, { type: 'malware' }] }));
    expect('objects' in read && read.objects).toEqual([{ type: 'indicator', id: 'indicator--a' }, { id: undefined, type: undefined }, { type: 'malware', id: undefined }]);
  });

  it.each([
    ['{', /^The file is not JSON/],
    ['[]', /must be one JSON object/],
    ['{"type":"bundle"}', /no "objects" list/],
    [JSON.stringify({ objects: Array.from({ length: MAX_BUNDLE_OBJECTS + 1 }, () => ({})) }), /20,001 objects; the hub accepts at most 20,000/],
  ])('refuses %#', (text, message) => {
    const read = readBundle(text);
    expect('problem' in read && read.problem).toMatch(message);
  });
});

describe('bundle upload: the results table', () => {
  it('gives one row per object in bundle order, with the hub’s errors and the file’s id and type', () => {
    const rows = resultRows(
      [
        { index: 1, stixId: null, status: 'REJECTED', errors: [{ path: 'objects[1].valid_until', message: 'must be after valid_from' }], warnings: [] },
        { index: 0, stixId: 'indicator--a', status: 'ACCEPTED', errors: [], warnings: [{ path: 'objects[0].labels', message: 'unknown label' }], pseudonym: { name: 'Pseudonym 7' } },
      ],
      [{ id: 'indicator--a', type: 'indicator' }, { id: 'indicator--b', type: 'indicator' }],
    );
    expect(rows).toEqual([
      { index: 0, id: 'indicator--a', type: 'indicator', status: 'ACCEPTED', errors: [], warnings: [{ path: 'objects[0].labels', message: 'unknown label' }], pseudonym: 'Pseudonym 7' },
      { index: 1, id: 'indicator--b', type: 'indicator', status: 'REJECTED', errors: [{ path: 'objects[1].valid_until', message: 'must be after valid_from' }], warnings: [] },
    ]);
  });

  it('takes the type from the hub’s id when the file has none', () => {
    expect(resultRows([{ index: 0, stixId: 'malware--x', status: 'DUPLICATE', errors: [], warnings: [] }], [])[0]).toMatchObject({ id: 'malware--x', type: 'malware' });
  });

  it('sums up in words', () => {
    expect(resultSummary({ accepted: 3, duplicates: 1, rejected: 2 })).toBe('3 accepted, 1 duplicate, 2 rejected');
  });
});
