// RFC 4180 CSV, read incrementally: quoted fields may hold the delimiter, doubled quotes and line breaks;
// records end with CRLF or LF. Leniencies, as most spreadsheet exports need them: a quote inside an
// unquoted field is kept as a character, and text after a closing quote is appended to the field.
// The delimiter (`,`, `;` or tab) is detected from the first record when not given.
import { FormatError } from '../common/issues';
import type { AnyIterable } from '../common/iterables';

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRecord {
  /** 1-based record number (the header, if any, is record 1). */
  record: number;
  /** 1-based line on which the record starts (records with quoted line breaks span lines). */
  line: number;
  fields: string[];
}

export interface CsvParserOptions {
  delimiter?: CsvDelimiter;
  /** Longest record accepted, in characters; a longer one is refused (bounded memory). Default 1 MiB. */
  maxRecordLength?: number;
}

const CANDIDATE_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/** The delimiter used most often outside quotes in a record's text; `,` when none appears. */
export function detectDelimiter(firstRecord: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CANDIDATE_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of firstRecord) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as CsvDelimiter)) counts.set(char as CsvDelimiter, counts.get(char as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const delimiter of CANDIDATE_DELIMITERS) if (counts.get(delimiter)! > counts.get(best)!) best = delimiter;
  return best;
}

/** Incremental parser: push text chunks, get the records they complete; call end() at the end of input. */
export class CsvParser {
  private delimiter: CsvDelimiter | undefined;
  private readonly maxRecordLength: number;
  private buffer = '';
  private fields: string[] = [];
  private field = '';
  private quoted = false;
  /** Inside quotes of a quoted field. */
  private inQuotes = false;
  /** Just saw a quote inside quotes: either the closing one or the first of a doubled pair. */
  private quotePending = false;
  private recordLength = 0;
  private recordNumber = 0;
  private line = 1;
  private recordLine = 1;
  private pendingCr = false;

  constructor(options: CsvParserOptions = {}) {
    this.delimiter = options.delimiter;
    this.maxRecordLength = options.maxRecordLength ?? 1024 * 1024;
  }

  /** The delimiter in use (detected once the first record is complete). */
  get detectedDelimiter(): CsvDelimiter | undefined {
    return this.delimiter;
  }

  push(chunk: string): CsvRecord[] {
    if (this.delimiter === undefined) {
      // Hold text back until the first record is complete, to detect the delimiter from it.
      this.buffer += chunk;
      const end = endOfFirstRecord(this.buffer);
      if (end === undefined) {
        if (this.buffer.length > this.maxRecordLength) this.tooLarge();
        return [];
      }
      this.delimiter = detectDelimiter(this.buffer.slice(0, end));
      chunk = this.buffer;
      this.buffer = '';
    }
    return this.consume(chunk);
  }

  end(): CsvRecord[] {
    const records: CsvRecord[] = [];
    if (this.delimiter === undefined) {
      this.delimiter = detectDelimiter(this.buffer);
      records.push(...this.consume(this.buffer));
      this.buffer = '';
    }
    if (this.inQuotes && !this.quotePending) {
      throw new FormatError('UNTERMINATED_QUOTE', `record ${this.recordNumber + 1} (line ${this.recordLine}) opens a quoted field that is never closed`);
    }
    if (this.fields.length > 0 || this.field !== '' || this.quoted) records.push(this.finishRecord());
    return records;
  }

  private consume(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    const delimiter = this.delimiter!;
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      if (this.pendingCr) {
        this.pendingCr = false;
        if (char === '\n') continue;
      }
      if (++this.recordLength > this.maxRecordLength) this.tooLarge();
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (char === '"') {
            this.field += '"';
            continue;
          }
          this.inQuotes = false;
          // fall through: the closing quote was followed by `char`
        } else if (char === '"') {
          this.quotePending = true;
          continue;
        } else {
          if (char === '\n') this.line++;
          this.field += char;
          continue;
        }
      }
      if (char === delimiter) {
        this.fields.push(this.field);
        this.field = '';
        this.quoted = false;
      } else if (char === '\n' || char === '\r') {
        this.line++;
        this.pendingCr = char === '\r';
        records.push(this.finishRecord());
      } else if (char === '"' && this.field === '' && !this.quoted) {
        this.inQuotes = true;
        this.quoted = true;
      } else {
        this.field += char;
      }
    }
    return records;
  }

  private finishRecord(): CsvRecord {
    if (this.inQuotes && this.quotePending) {
      this.inQuotes = false;
      this.quotePending = false;
    }
    this.fields.push(this.field);
    const record: CsvRecord = { record: ++this.recordNumber, line: this.recordLine, fields: this.fields };
    this.fields = [];
    this.field = '';
    this.quoted = false;
    this.recordLength = 0;
    this.recordLine = this.line;
    return record;
  }

  private tooLarge(): never {
    throw new FormatError('RECORD_TOO_LARGE', `record ${this.recordNumber + 1} (line ${this.recordLine}) is longer than ${this.maxRecordLength} characters`);
  }
}

/** Index just after the first record's line break outside quotes, if the text holds one. */
function endOfFirstRecord(text: string): number | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) return i;
  }
  return undefined;
}

/** True for a record with nothing in it (a blank line, or only empty fields). */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.every((field) => field.trim() === '');
}

/** Streaming form: text chunks in, records out. */
export async function* parseCsv(chunks: AnyIterable<string>, options: CsvParserOptions = {}): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser(options);
  for await (const chunk of chunks) yield* parser.push(chunk);
  yield* parser.end();
}
