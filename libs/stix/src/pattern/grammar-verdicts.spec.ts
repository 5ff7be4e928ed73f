import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseSyntax } from './parser';

// What the official STIX 2.1 grammar (STIXPattern.g4, run as the ANTLR parser generated from it)
// says about 3,400 inputs: the corpus, mutated patterns, token soup and assembled patterns, about
// half accepted and half refused. Recorded by libs/stix/test/grammar-verdicts/record.mjs.
const VERDICTS_FILE = resolve(import.meta.dirname, '../../test/grammar-verdicts/verdicts.json');
const verdicts = JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as [input: string, grammarAccepts: boolean][];

describe('parseSyntax agrees with the official STIX 2.1 grammar', () => {
  it('has verdicts of both kinds to agree with', () => {
    expect(verdicts.filter(([, accepted]) => accepted).length).toBeGreaterThan(1500);
    expect(verdicts.filter(([, accepted]) => !accepted).length).toBeGreaterThan(1500);
  });

  it('accepts exactly what the grammar accepts, and refuses what it refuses', () => {
    const disagreements = verdicts
      .filter(([input, accepted]) => parseSyntax(input).ok !== accepted)
      .map(([input, accepted]) => `${accepted ? 'grammar accepts' : 'grammar refuses'}: ${JSON.stringify(input)}`);
    expect(disagreements).toEqual([]);
  });
});
