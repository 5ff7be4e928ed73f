import { benchWarninglists, generateValues, generateWarninglists } from './warninglists.bench';

describe('warninglist benchmark', () => {
  it('generates valid lists of MISP-like kinds and values some of which are listed', () => {
    const lists = generateWarninglists(0.01);
    expect(lists).toHaveLength(100);
    expect(new Set(lists.map((list) => list.type))).toEqual(new Set(['cidr', 'hostname', 'string', 'substring', 'regex']));
    const values = generateValues(1000, lists);
    expect(values).toHaveLength(1000);
    expect(new Set(values.map((value) => value.type)).size).toBeGreaterThanOrEqual(5);
  });

  it('reports values per second and how many hit (small sizes: no timing asserted here)', async () => {
    const results = await benchWarninglists({ valueCount: 2000, listScale: 0.01 });
    expect(results.map((result) => result.name)).toEqual(['intel-rules: warninglist check (values per CPU-second against every list)', 'intel-rules: warninglist compile']);
    for (const result of results) expect(result.perSecond).toBeGreaterThan(0);
    const hits = Number(/(\d+) values hit a list/.exec(results[0]!.details)?.[1]);
    expect(hits).toBeGreaterThan(20);
    expect(hits).toBeLessThan(1000);
  });
});
