import { ApolloServer } from '@apollo/server';
import { buildSchema, getIntrospectionQuery } from 'graphql';
import { queryLimitsPlugin } from './query-limits';

// A schema whose types nest without end, so that depth can be measured on something else than introspection.
const schema = buildSchema(`
  type Query { node: Node, nodes(first: Int): NodeConnection, count: Int }
  type Node { id: ID!, child: Node, children(first: Int): NodeConnection! }
  type NodeConnection { edges: [Edge!]!, pageInfo: PageInfo!, totalCount: Int! }
  type Edge { cursor: String!, node: Node! }
  type PageInfo { hasNextPage: Boolean! }
`);

async function run(query: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const server = new ApolloServer({ schema, plugins: [queryLimitsPlugin()] });
  await server.start();
  try {
    const response = await server.executeOperation({ query, variables, operationName });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  } finally {
    await server.stop();
  }
}

function nestedChildren(depth: number): string {
  return `{ node ${'{ child '.repeat(depth - 2)}{ id }${' }'.repeat(depth - 2)} }`;
}

describe('queryLimitsPlugin', () => {
  it('refuses a query deeper than 10 levels, with its depth', async () => {
    expect((await run(nestedChildren(10))).errors).toBeUndefined();
    const refused = await run(nestedChildren(11));
    expect(refused?.errors?.[0]).toMatchObject({ message: 'The query is 11 levels deep; the limit is 10', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('measures the depth through fragments, each walked once', async () => {
    const deepFragment = `query { node { ...A } } fragment A on Node { child { child { child { child { child { child { child { child { child { id } } } } } } } } } }`;
    expect((await run(deepFragment)).errors?.[0]?.message).toBe('The query is 11 levels deep; the limit is 10');
    let bomb = '{ ...F0 }';
    for (let i = 0; i < 40; i++) bomb += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
    bomb += ' fragment F40 on Query { count }';
    // 2^40 spreads: measured in 41 walks, and refused by its cost, not by the time it takes.
    expect((await run(bomb)).errors?.[0]?.message).toMatch(/^The query costs more than 10\^12 points; the limit is 20000/);
  });

  it('lets the standard introspection query through: type wrappers (ofType) do not count as depth', async () => {
    expect((await run(getIntrospectionQuery())).errors).toBeUndefined();
  });

  it('costs a connection per requested item, and a total count as a count', async () => {
    // 1 (nodes) + 500 × (edges 1 + node 1 + id 1) = 1501 per alias: thirteen fit, fourteen do not.
    const pages = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `p${i}: nodes(first: $first) { edges { node { id } } }`).join(' ')} }`.replace('{', 'query ($first: Int) {');
    expect((await run(pages(13), { first: 500 })).errors).toBeUndefined();
    expect((await run(pages(14), { first: 500 })).errors?.[0]?.message).toMatch(/^The query costs 21014 points; the limit is 20000/);
    // pageInfo and totalCount are asked once per page, not once per item.
    const counts = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `c${i}: nodes(first: 500) { totalCount pageInfo { hasNextPage } }`).join(' ')} }`;
    expect((await run(counts(19))).errors).toBeUndefined();
    expect((await run(counts(20))).errors?.[0]?.message).toMatch(/^The query costs 20060 points/);
  });

  it('refuses more than 50 aliases, counted through fragments', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: count`).join(' ')} }`;
    expect((await run(aliases(50))).errors).toBeUndefined();
    expect((await run(aliases(51))).errors?.[0]?.message).toBe('The query uses 51 aliases; the limit is 50');
    expect((await run('{ ...A ...B } fragment A on Query { ...C } fragment B on Query { ...C } ' + `fragment C on Query { ${Array.from({ length: 26 }, (_, i) => `c${i}: count`).join(' ')} }`)).errors?.[0]?.message).toBe(
      'The query uses 52 aliases; the limit is 50',
    );
  });

  it('leaves a request with no operation to run to execution, which refuses it as the caller\'s mistake', async () => {
    const several = await run('query A { count } query B { count }');
    expect(several?.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    const unknown = await run('query A { count }', {}, 'B');
    expect(unknown?.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });
});
