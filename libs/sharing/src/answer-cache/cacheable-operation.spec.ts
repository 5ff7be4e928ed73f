import { isCacheableOperation } from './cacheable-operation';

describe('isCacheableOperation', () => {
  it.each([
    ['{ objects(first: 10) { edges { node { id } } } }', undefined],
    ['query Feed { objects { totalCount } object(id: "x") { id } lookupObservable(type: "ipv4-addr", value: "1.2.3.4") { value } }', undefined],
    ['query A { objects { totalCount } } mutation B { revokeObject(id: "x") { id } }', 'A'],
    ['query { feed: objects { edges { node { ...Fields } } } } fragment Fields on StixObject { id stix }', undefined],
    ['{ __typename objects @include(if: true) { totalCount } }', undefined],
  ])('serves %s (operation %s)', (query, operationName) => {
    expect(isCacheableOperation(query, operationName)).toBe(true);
  });

  it.each<[string, string | undefined, string]>([
    ['mutation { revokeObject(id: "x") { id } }', undefined, 'a mutation'],
    ['subscription { objectAdded { id } }', undefined, 'a subscription'],
    ['{ me { id } }', undefined, 'another query'],
    ['{ objects { totalCount } me { id } }', undefined, 'a cacheable field next to another'],
    ['{ ...Root } fragment Root on Query { objects { totalCount } }', undefined, 'a fragment at the top level'],
    ['{ ... on Query { objects { totalCount } } }', undefined, 'an inline fragment at the top level'],
    ['query A { objects { totalCount } } query B { me { id } }', undefined, 'two operations and no name'],
    ['query A { objects { totalCount } } mutation B { revokeObject(id: "x") { id } }', 'B', 'the mutation of two'],
    ['query A { objects { totalCount } }', 'C', 'an operation that is not there'],
    ['{ objects { totalCount ', undefined, 'a syntax error'],
    ['{ __schema { types { name } } }', undefined, 'introspection'],
    [`{ objects(filter: { search: "${'x'.repeat(9_000)}" }) { totalCount } }`, undefined, 'a very long query'],
  ])('does not serve %s (operation %s): %s', (query: string, operationName: string | undefined) => {
    expect(isCacheableOperation(query, operationName)).toBe(false);
  });

  it('gives the same verdict when asked again (from memory)', () => {
    const query = '{ objects { totalCount } }';
    expect(isCacheableOperation(query, undefined)).toBe(true);
    expect(isCacheableOperation(query, undefined)).toBe(true);
    expect(isCacheableOperation(query, 'Other')).toBe(false);
  });
});
