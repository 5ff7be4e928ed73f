import { RELATIONSHIP_TYPE_OV } from '../vocabularies';
import { characterSetNameProblem, isRegisteredCharacterSet } from './character-sets';
import { cpeProblem } from './cpe';
import { IANA_CHARACTER_SETS } from './iana-character-sets';
import { ISO_3166_ALPHA_2 } from './iso-3166-countries';
import { isLanguageTag } from './language-tags';
import { mediaTypeProblem, parseMediaType } from './media-types';
import { COMMON_RELATIONSHIP_TYPES, SPEC_RELATIONSHIPS, isSpecRelationship } from './relationship-table';

describe('RFC 5646 language tags', () => {
  it.each(['en', 'EN', 'pt-BR', 'zh-Hant-TW', 'zh-yue-HK', 'sr-Latn-RS', 'es-419', 'de-CH-1901', 'sl-rozaj-biske', 'en-US-x-twain', 'de-DE-u-co-phonebk', 'x-private', 'i-klingon', 'zh-min-nan'])(
    'accepts %s',
    (tag) => expect(isLanguageTag(tag)).toBe(true),
  );

  it.each(['', 'e', 'english', 'Deutsch', 'engl', 'en_US', 'en-', '-en', 'en--US', 'en-US-', 'de-419-DE', 'en-a-bbb-a-ccc', 'en-x', 'a-DE', 'en-ÜS', 'en US'])('refuses %s', (tag) =>
    expect(isLanguageTag(tag)).toBe(false),
  );
});

describe('CPE 2.3 formatted strings', () => {
  it.each([
    'cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*',
    'cpe:2.3:o:microsoft:windows_10:1607:*:*:*:*:*:x64:*',
    'cpe:2.3:h:cisco:asa_5505:-:*:*:*:*:*:*:*',
    'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*',
    'cpe:2.3:a:foo\\:bar:baz\\!:1.0:*:*:en:*:*:*:*',
    'cpe:2.3:a:*:??ad*:*:*:*:*:*:*:*:*',
  ])('accepts %s', (cpe) => expect(cpeProblem(cpe)).toBeUndefined());

  it.each([
    ['cpe:/a:microsoft:word:2000', 'must be a CPE 2.3 formatted string starting with "cpe:2.3:"'],
    ['cpe:2.2:a:microsoft:word:2000:*:*:*:*:*:*:*', 'must be a CPE 2.3 formatted string starting with "cpe:2.3:"'],
    ['cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*:*', expect.stringContaining('not 14')],
    ['cpe:2.3:a:micro soft:word:2000:*:*:*:*:*:*:*', 'has an invalid vendor component "micro soft"'],
    ['cpe:2.3:a:microsoft:wo*rd:2000:*:*:*:*:*:*:*', 'has an invalid product component "wo*rd"'],
    ['cpe:2.3:a:microsoft:word:2000:*:*:english:*:*:*:*', 'has an invalid language component "english"'],
    ['cpe:2.3:a:microsoft::2000:*:*:*:*:*:*:*', 'has an invalid product component ""'],
  ])('refuses %s', (cpe, problem) => expect(cpeProblem(cpe)).toEqual(problem));
});

describe('the IANA character set registry', () => {
  it('holds the 257 character sets of its 2013-12-20 revision, each with a name', () => {
    expect(IANA_CHARACTER_SETS).toHaveLength(257);
    for (const entry of IANA_CHARACTER_SETS) expect(entry.split('|')[1]).not.toBe('');
  });

  it('wants the preferred MIME name, else the name, in any case', () => {
    expect(characterSetNameProblem('UTF-8')).toBeUndefined();
    expect(characterSetNameProblem('utf-8')).toBeUndefined();
    expect(characterSetNameProblem('Shift_JIS')).toBeUndefined();
    expect(characterSetNameProblem('IBM437')).toBeUndefined();
    expect(characterSetNameProblem('cp437')).toBe('must be written "IBM437", the name the IANA registry prefers for this character set');
    expect(characterSetNameProblem('Extended_UNIX_Code_Packed_Format_for_Japanese')).toBe('must be written "EUC-JP", the name the IANA registry prefers for this character set');
    expect(characterSetNameProblem('utf8')).toBe('is not a character set of the IANA registry (such as "UTF-8" or "windows-1252")');
  });

  it('knows every alias as a registered name (for MIME charset parameters)', () => {
    expect(isRegisteredCharacterSet('csUTF8')).toBe(true);
    expect(isRegisteredCharacterSet('LATIN1')).toBe(true);
    expect(isRegisteredCharacterSet('utf8')).toBe(false);
  });
});

describe('media types', () => {
  it('knows the registered types, without regard to case', () => {
    expect(mediaTypeProblem('application/pdf')).toBeUndefined();
    expect(mediaTypeProblem('Text/HTML')).toBeUndefined();
    expect(mediaTypeProblem('application/vnd.tcpdump.pcap')).toBeUndefined();
    expect(mediaTypeProblem('application/x-msdownload')).toBe('is not a media type registered with IANA');
    expect(mediaTypeProblem('text/')).toBe('should be a media type of the form type/subtype, such as application/pdf');
  });

  it('reads the parameters of a Content-Type value', () => {
    const parsed = parseMediaType('text/plain; Charset="ISO-8859-1"; format=flowed');
    expect(parsed.essence).toBe('text/plain');
    expect([...parsed.parameters]).toEqual([
      ['charset', 'ISO-8859-1'],
      ['format', 'flowed'],
    ]);
  });
});

describe('ISO 3166-1 country codes', () => {
  it('holds the 249 assigned alpha-2 codes', () => {
    expect(ISO_3166_ALPHA_2).toHaveLength(249);
    expect(ISO_3166_ALPHA_2).toEqual(expect.arrayContaining(['US', 'TH', 'AQ', 'SS']));
    expect(ISO_3166_ALPHA_2).not.toContain('XK');
    expect(ISO_3166_ALPHA_2).not.toContain('UK');
  });
});

describe("the specification's relationship tables", () => {
  it('only use relationship types the specification defines', () => {
    const used = new Set([...COMMON_RELATIONSHIP_TYPES, ...Object.values(SPEC_RELATIONSHIPS).flatMap((byType) => Object.keys(byType))]);
    expect([...used].sort()).toEqual([...RELATIONSHIP_TYPE_OV.values].sort());
  });

  it('allow the common relationship types between any objects, and nothing else off the table', () => {
    expect(isSpecRelationship('x-acme-thing', 'related-to', 'file')).toBe(true);
    expect(isSpecRelationship('malware', 'uses', 'attack-pattern')).toBe(true);
    expect(isSpecRelationship('attack-pattern', 'uses', 'malware')).toBe(true);
    expect(isSpecRelationship('malware', 'uses', 'identity')).toBe(false);
    expect(isSpecRelationship('infrastructure', 'consists-of', 'x509-certificate')).toBe(true);
  });
});
