import { defaultQuestion, queryFromQuestion, questionFromQuery, toTrendInput } from './question';

const now = new Date('2026-12-06T08:00:00Z');

describe('the trends question', () => {
  it('defaults to twelve weeks by object type, readable', () => {
    expect(questionFromQuery(new URLSearchParams(), now)).toEqual({ groupBy: 'OBJECT_TYPE', scope: 'READABLE', bucket: 'WEEK', from: '2026-09-13', to: '2026-12-07', filter: 'none', value: '' });
  });

  it('round-trips through the address bar', () => {
    const question = { ...defaultQuestion(now), groupBy: 'LABEL' as const, filter: 'label' as const, value: 'campaign x' };
    expect(questionFromQuery(new URLSearchParams(queryFromQuestion(question)), now)).toEqual(question);
  });

  it('asks sector-wide questions by week only', () => {
    const question = questionFromQuery(new URLSearchParams('scope=SECTOR_WIDE&bucket=DAY'), now);
    expect(question.bucket).toBe('WEEK');
    expect(toTrendInput(question)).toMatchObject({ scope: 'SECTOR_WIDE', bucket: 'WEEK' });
  });

  it('ignores values it does not know', () => {
    expect(questionFromQuery(new URLSearchParams('groupBy=NAME&from=yesterday&filter=owner&value=x'), now)).toMatchObject({ groupBy: 'OBJECT_TYPE', from: '2026-09-13', filter: 'none', value: '' });
  });

  it('sends one filter of one value, and none for an empty value', () => {
    expect(toTrendInput({ ...defaultQuestion(now), filter: 'sector', value: 'PHARMA' })).toMatchObject({ sectors: ['PHARMA'] });
    expect(toTrendInput({ ...defaultQuestion(now), filter: 'type', value: ' indicator ' })).toMatchObject({ types: ['indicator'] });
    const input = toTrendInput({ ...defaultQuestion(now), filter: 'label', value: '  ' });
    expect([input.labels, input.types, input.sectors]).toEqual([undefined, undefined, undefined]);
    expect(input.from).toBe('2026-09-13T00:00:00.000Z');
  });
});
