import { FormatError } from '../common/issues';
import { collect } from '../common/iterables';
import { CsvParser, detectDelimiter, parseCsv } from './parser';

const fields = async (text: string | string[], delimiter?: ',' | ';' | '\t') =>
  (await collect(parseCsv(typeof text === 'string' ? [text] : text, { delimiter }))).map((record) => record.fields);

describe('parseCsv (RFC 4180)', () => {
  it.each<[string, string, string[][]]>([
    ['plain fields, LF', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['CRLF line breaks', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['a last record without a line break', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['a quoted field holding the delimiter', '"a,b",c\n', [['a,b', 'c']]],
    ['doubled quotes inside quotes', '"say ""hi""",x\n', [['say "hi"', 'x']]],
    ['a line break inside quotes', '"line 1\r\nline 2",x\n', [['line 1\r\nline 2', 'x']]],
    ['empty fields and an empty quoted field', 'a,,""\n', [['a', '', '']]],
    ['a quote inside an unquoted field is kept', 'ab"c,d\n', [['ab"c', 'd']]],
    ['text after a closing quote is appended', '"ab"c,d\n', [['abc', 'd']]],
    ['a blank line is an empty record', 'a\n\nb\n', [['a'], [''], ['b']]],
    ['semicolons detected', 'a;b;"c;d"\n1;2;3\n', [['a', 'b', 'c;d'], ['1', '2', '3']]],
    ['tabs detected', 'a\tb\n1\t2\n', [['a', 'b'], ['1', '2']]],
    ['commas inside quotes do not outvote semicolons', '"x,y,z";b\n', [['x,y,z', 'b']]],
  ])('%s', async (_name, text, expected) => {
    expect(await fields(text)).toEqual(expected);
  });

  it('gives the same records however the text is chunked (CRLF and quotes split across chunks)', async () => {
    const text = 'h1,h2\r\n"a ""quoted""\r\nvalue",2\r\nx,"y,z"\r\n';
    const whole = await fields(text);
    for (let size = 1; size < text.length; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(await fields(chunks)).toEqual(whole);
    }
  });

  it('numbers records and the lines they start on', async () => {
    const records = await collect(parseCsv(['a,b\r\n"multi\nline",2\r\nlast,3']));
    expect(records.map(({ record, line }) => [record, line])).toEqual([[1, 1], [2, 2], [3, 4]]);
  });

  it('uses a given delimiter instead of detecting one', async () => {
    expect(await fields('a;b,c\n', ',')).toEqual([['a;b', 'c']]);
  });

  it('refuses an unterminated quoted field, naming where it opened', async () => {
    await expect(fields('a,b\n"open,\nmore\n')).rejects.toThrow(new FormatError('UNTERMINATED_QUOTE', 'record 2 (line 2) opens a quoted field that is never closed'));
  });

  it('refuses a record longer than the limit (bounded memory)', () => {
    const parser = new CsvParser({ delimiter: ',', maxRecordLength: 10 });
    expect(() => parser.push('"0123456789abc')).toThrow(FormatError);
    const detecting = new CsvParser({ maxRecordLength: 10 });
    expect(() => detecting.push('01234567890123')).toThrow(/longer than 10 characters/);
  });

  it.each<[string, string]>([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['a\tb\tc', '\t'],
    ['single', ','],
    ['"a;b";c,d,e', ','],
  ])('detectDelimiter(%j) = %j', (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });
});
