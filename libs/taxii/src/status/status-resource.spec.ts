import { statusFromOutcome } from './status-resource';

describe('statusFromOutcome', () => {
  it('counts and details every object of the envelope; a version is never empty (an observable goes by the date it was added)', () => {
    const objects = [
      { id: 'indicator--1', modified: '2026-01-01T00:00:00.000Z' },
      { id: 'ipv4-addr--2', type: 'ipv4-addr' },
      { id: 'malware--3', created: '2026-01-02T00:00:00.000Z', modified: '2026-01-03T00:00:00.000Z' },
      'not an object',
    ];
    const status = statusFromOutcome('5d9c8a2e-0000-4000-8000-000000000000', '2026-12-02T10:00:00.000000Z', objects, {
      accepted: 1,
      duplicates: 1,
      rejected: 2,
      results: [
        { index: 0, stixId: 'indicator--1', status: 'ACCEPTED', errors: [], warnings: [] },
        { index: 1, stixId: 'ipv4-addr--2', status: 'DUPLICATE', errors: [], warnings: [] },
        { index: 2, stixId: 'malware--3', status: 'REJECTED', errors: [{ path: 'objects[2].is_family', message: 'is required' }], warnings: [] },
        { index: 3, stixId: null, status: 'REJECTED', errors: [{ path: 'objects[3]', message: 'must be an object' }], warnings: [] },
      ],
    }, new Map([['ipv4-addr--2', '2026-11-30T08:00:00.123456Z']]));
    expect(status).toEqual({
      id: '5d9c8a2e-0000-4000-8000-000000000000',
      status: 'complete',
      request_timestamp: '2026-12-02T10:00:00.000000Z',
      total_count: 4,
      success_count: 2,
      successes: [
        { id: 'indicator--1', version: '2026-01-01T00:00:00.000Z' },
        { id: 'ipv4-addr--2', version: '2026-11-30T08:00:00.123456Z', message: 'this version was already stored' },
      ],
      failure_count: 2,
      failures: [
        { id: 'malware--3', version: '2026-01-03T00:00:00.000Z', message: 'objects[2].is_family: is required' },
        { id: '', version: '2026-12-02T10:00:00.000000Z', message: 'objects[3]: must be an object' },
      ],
      pending_count: 0,
      pendings: [],
    });
  });
});
