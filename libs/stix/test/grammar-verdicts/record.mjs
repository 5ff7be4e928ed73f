// Records what the official STIX 2.1 pattern grammar says about many inputs, so that
// grammar-verdicts.spec.ts can hold parseSyntax to the same answers without Java or ANTLR.
//
// The reference is the ANTLR parser generated from STIXPattern.g4 of the OASIS
// cti-pattern-validator (stix2patterns, STIX 2.1 grammar). To record again:
//   apt-get install antlr4                       # ANTLR 4.7.2 (needs a Java runtime)
//   mkdir /tmp/ref && cd /tmp/ref && cp <path to>/STIXPattern.g4 .
//   antlr4 -Dlanguage=JavaScript STIXPattern.g4 && npm install --no-save antlr4@4.7.2
//   npx swc apps libs tools -d dist --copy-files --only "**/*.ts" --ignore "**/*.spec.ts"   # for the corpus
//   node libs/stix/test/grammar-verdicts/record.mjs /tmp/ref > libs/stix/test/grammar-verdicts/verdicts.json
// The inputs: the pattern corpus, random mutations of its valid patterns, random token sequences
// and randomly assembled patterns; a fixed seed makes the file reproducible.
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const referenceDir = resolve(process.argv[2] ?? '.');
const PER_VERDICT = Number(process.argv[3] ?? 1500);
const requireReference = createRequire(join(referenceDir, 'index.js'));
const antlr4 = requireReference('antlr4/index');
const { STIXPatternLexer } = requireReference('./STIXPatternLexer');
const { STIXPatternParser } = requireReference('./STIXPatternParser');
const root = resolve(import.meta.dirname, '../../../..');
const { VALID_PATTERNS } = await import(join(root, 'dist/libs/stix/src/pattern/corpus/valid-patterns.js'));
const { INVALID_PATTERNS } = await import(join(root, 'dist/libs/stix/src/pattern/corpus/invalid-patterns.js'));

/** True when the grammar reports no lexer or parser error. */
function grammarAccepts(text) {
  let errors = 0;
  const listener = new antlr4.error.ErrorListener();
  listener.syntaxError = () => errors++;
  const lexer = new STIXPatternLexer(new antlr4.InputStream(text));
  lexer.removeErrorListeners();
  lexer.addErrorListener(listener);
  const parser = new STIXPatternParser(new antlr4.CommonTokenStream(lexer));
  parser.removeErrorListeners();
  parser.addErrorListener(listener);
  parser.buildParseTrees = false;
  parser.pattern();
  return errors === 0;
}

let seed = 2026;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const TOKENS = ['[', ']', '(', ')', ':', '.', ',', '=', '==', '!=', '<>', '<', '<=', '>', '>=', 'AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET', 'EXISTS', 'IN', 'START', 'STOP', 'WITHIN', 'SECONDS', 'REPEATS', 'TIMES', 'LAST', 'true', 'false', "'a'", "'it\\'s'", "'\\\\'", '1', '0', '-1', '+1', '01', '1.5', '-.5', '+.5', '.5', '5.', "h'ab'", "h'abc'", "b'AAAA'", "b'AA=='", "b'AAA'", "t'2016-01-01T00:00:00Z'", "t'2016-13-01T00:00:00Z'", "t'2016-01-01T00:00:00.123Z'", "t'2016-01-01T24:00:00Z'", "t'2016-02-30T00:00:60Z'", 'file', 'ipv4-addr', 'x_custom', '_a', 'a-b', 'name', 'hashes', "'SHA-256'", '*', '[0]', '[-1]', '[*]', '[+1]', ' ', '\n', '/* c */', '// c\n', '^', '/', '+', '-', 'b', 'h', 't', 'T', 'Z', "'", '"', '\\', '\u00a0', '\u2028', '\t'];
const CHARACTERS = "[]():.,=!<>'\"\\ab tThxzZ0123456789-+_*/AND OR\n\u00a0";

function mutate(text) {
  for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
    const at = Math.floor(random() * (text.length + 1));
    const choice = random();
    if (choice < 0.3) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
    else if (choice < 0.6) text = text.slice(0, at) + pick(CHARACTERS) + text.slice(at);
    else if (choice < 0.85) text = `${text.slice(0, at)} ${pick(TOKENS)} ${text.slice(at)}`;
    else {
      const donor = pick(VALID_PATTERNS);
      const from = Math.floor(random() * donor.length);
      text = text.slice(0, at) + donor.slice(from, from + 1 + Math.floor(random() * 12)) + text.slice(at);
    }
  }
  return text;
}

function tokenSoup() {
  let text = '';
  for (let count = 1 + Math.floor(random() * 14); count > 0; count--) text += (random() < 0.5 ? ' ' : '') + pick(TOKENS);
  return text;
}

function assembled() {
  const path = () =>
    pick(['file', 'ipv4-addr', 'x_custom', 'a-b', '_a', 'AND', 'true', 'b', 't', 'h']) +
    ':' +
    pick(['name', "'SHA-256'", 'a', 'true', 'AND', "'x'", '_']) +
    pick(['', '.x', "['k']", '[0]', '[-1]', '[*]', '[+1]', "'q'", '.true', ".'s'", '[01]', '.AND', '.x.y[2]']);
  const literal = () => pick(["'a'", '1', '-1', '+1', '0', '1.5', '-.5', '.5', "h'ab'", "h''", "b'AAAA'", "b''", "t'2016-01-01T00:00:00Z'", 'true', 'false', '01', '-0', '+0', '1e5', "t'2016-01-01T00:00:00+01:00'", "t'2016-01-01T00:00:60.5Z'"]);
  const operator = () => pick(['=', '==', '!=', '<>', '<', '<=', '>', '>=', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET', 'IN', 'NOT =', 'NOT LIKE', 'NOT IN', 'NOT <', 'NOT']);
  const comparison = (depth) =>
    random() < 0.15
      ? `EXISTS ${path()}`
      : random() < 0.2 && depth < 2
        ? `(${comparison(depth + 1)} ${pick(['AND', 'OR'])} ${comparison(depth + 1)})`
        : `${path()} ${operator()} ${random() < 0.15 ? `(${[literal(), literal()].slice(0, Math.floor(random() * 3)).join(', ')})` : literal()}`;
  const qualifier = () => pick(['', '', ' WITHIN 5 SECONDS', ' WITHIN 1.5 SECONDS', ' WITHIN -1 SECONDS', ' WITHIN 0 SECONDS', ' REPEATS 2 TIMES', ' REPEATS 0 TIMES', ' REPEATS 1.5 TIMES', " START t'2016-01-01T00:00:00Z' STOP t'2017-01-01T00:00:00Z'", " START '2016' STOP t'2017-01-01T00:00:00Z'", ' WITHIN +5 SECONDS', ' REPEATS +2 TIMES']);
  const observation = (depth) =>
    random() < 0.25 && depth < 2
      ? `(${observation(depth + 1)} ${pick(['AND', 'OR', 'FOLLOWEDBY'])} ${observation(depth + 1)})${qualifier()}`
      : `[${comparison(0)}]${qualifier()}`;
  return observation(0) + (random() < 0.3 ? ` ${pick(['AND', 'OR', 'FOLLOWEDBY'])} ${observation(0)}` : '');
}

const verdicts = new Map();
for (const pattern of [...VALID_PATTERNS, ...INVALID_PATTERNS.map((invalid) => invalid.pattern)]) verdicts.set(pattern, grammarAccepts(pattern));
const counts = { true: 0, false: 0 };
for (let tries = 0; tries < 400_000 && (counts.true < PER_VERDICT || counts.false < PER_VERDICT); tries++) {
  const choice = random();
  const input = choice < 0.4 ? mutate(pick(VALID_PATTERNS)) : choice < 0.6 ? tokenSoup() : assembled();
  if (verdicts.has(input)) continue;
  const accepted = grammarAccepts(input);
  if (counts[accepted] >= PER_VERDICT) continue;
  counts[accepted]++;
  verdicts.set(input, accepted);
}
process.stdout.write(`${JSON.stringify([...verdicts], null, 0).replace(/\],\[/g, '],\n[')}\n`);
