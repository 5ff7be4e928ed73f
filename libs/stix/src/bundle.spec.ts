import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateIndicators } from '../bench/validate.bench';
import { ATTACK_BUNDLES, attackDataDir } from '../test/attack-data';
import { example } from '../test/examples';
import { validateBundle } from './bundle';

const ATTACK_DIR = attackDataDir();
const BUNDLE_ID = 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d';

describe('validateBundle', () => {
  it('validates every object and reports each on its own', () => {
    const good = example('indicator');
    const bad = example('indicator', { id: 'indicator--26ffb872-1dd9-446e-b6f5-d58527e5b5d2', valid_from: '2024-01-02T00:00:00Z', valid_until: '2024-01-01T00:00:00Z' });
    const validation = validateBundle({ type: 'bundle', id: BUNDLE_ID, objects: [good, bad, example('identity')] });
    expect(validation.ok).toBe(false);
    expect(validation.id).toBe(BUNDLE_ID);
    expect(validation.errors).toEqual([]);
    expect(validation.objects.map(({ index, id, type, result }) => ({ index, id, type, ok: result.ok }))).toEqual([
      { index: 0, id: good.id, type: 'indicator', ok: true },
      { index: 1, id: bad.id, type: 'indicator', ok: false },
      { index: 2, id: 'identity--023d105b-752e-4e3c-941c-7d3f3cb15e9e', type: 'identity', ok: true },
    ]);
    expect(validation.objects[1].result.errors).toEqual([{ path: 'objects[1].valid_until', message: 'must be later than valid_from (2024-01-02T00:00:00Z)' }]);
    expect(validation.objects[0].result.object).toBe(good);
  });

  it('accepts JSON text', () => {
    const validation = validateBundle(JSON.stringify({ type: 'bundle', id: BUNDLE_ID, objects: [example('malware')] }));
    expect(validation.ok).toBe(true);
    expect(validation.objects).toHaveLength(1);
  });

  it('rejects text that is not JSON, and JSON that is not an object', () => {
    expect(validateBundle('{"type": "bundle",').errors[0]).toEqual({ path: '', message: expect.stringMatching(/^is not valid JSON: /) });
    expect(validateBundle([1, 2])).toEqual({ ok: false, errors: [{ path: '', message: 'must be a JSON object (got an array)' }], warnings: [], objects: [] });
  });

  it('checks the envelope', () => {
    const validation = validateBundle({ type: 'collection', id: 'bundle-1', objects: 'none', spec_version: '2.0', x_source: 'x' });
    expect(validation.ok).toBe(false);
    expect(validation.errors).toEqual(
      expect.arrayContaining([
        { path: 'type', message: 'must be "bundle" (got "collection")' },
        { path: 'id', message: 'must be a STIX identifier of the form <object-type>--<UUID> (got "bundle-1")' },
        { path: 'objects', message: 'must be an array (got "none")' },
      ]),
    );
    expect(validation.warnings).toEqual([
      { path: 'spec_version', message: 'is not a bundle property in STIX 2.1 (each object carries its own spec_version)' },
      { path: 'x_source', message: 'unknown property of a bundle' },
    ]);
  });

  it('accepts a bundle without objects, but not an empty objects list', () => {
    expect(validateBundle({ type: 'bundle', id: BUNDLE_ID }).ok).toBe(true);
    expect(validateBundle({ type: 'bundle', id: BUNDLE_ID, objects: [] }).errors).toEqual([{ path: 'objects', message: 'must not be empty' }]);
  });

  it('does not let one malformed element hide the others', () => {
    const validation = validateBundle({ type: 'bundle', id: BUNDLE_ID, objects: [null, 'text', example('tool'), { type: 'bundle', id: BUNDLE_ID }] });
    expect(validation.objects.map(({ result }) => result.ok)).toEqual([false, false, true, false]);
    expect(validation.objects[0].result.errors).toEqual([{ path: 'objects[0]', message: 'must be a JSON object (got null)' }]);
    expect(validation.objects[3].result.errors).toEqual([{ path: 'objects[3].type', message: 'a bundle is not a STIX object and cannot be validated as one (use validateBundle)' }]);
  });

  it('warns about repeated copies of one object version', () => {
    const validation = validateBundle({ type: 'bundle', id: BUNDLE_ID, objects: [example('tool'), example('tool'), example('tool', { modified: '2017-01-01T00:00:00.000Z' })] });
    expect(validation.ok).toBe(true);
    expect(validation.warnings).toEqual([{ path: 'objects[1].id', message: 'repeats objects[0] (same id and version)' }]);
  });

  // Its speed is measured by the benchmark (npm run bench -- stix), not here.
  it('validates a large bundle (20,000 indicators, about 10 MB of JSON) object by object', () => {
    const text = JSON.stringify({ type: 'bundle', id: BUNDLE_ID, objects: generateIndicators(20_000) });
    const validation = validateBundle(text);
    expect(validation.ok).toBe(true);
    expect(validation.objects).toHaveLength(20_000);
    expect(validation.objects[19_999]).toMatchObject({ index: 19_999, type: 'indicator', result: { ok: true } });
  });

  describe.each(ATTACK_BUNDLES)('the MITRE ATT&CK bundle %s', (file) => {
    const validation = validateBundle(readFileSync(resolve(ATTACK_DIR, file), 'utf8'));

    it('validates with zero errors', () => {
      const errors = [...validation.errors, ...validation.objects.flatMap(({ result }) => result.errors)];
      expect(errors).toEqual([]);
      expect(validation.ok).toBe(true);
      expect(validation.objects.length).toBeGreaterThan(1800);
    });

    // ATT&CK uses relationship types of its own, and ICS ships some data components with x_mitre_data_source_ref: "".
    // It also links its pages without hashes, has tools "use" techniques (STIX lists only infrastructure
    // for a tool's "uses") and has techniques target its own x-mitre-asset objects.
    it('only draws warnings about relationship types, custom references and unhashed links that ATT&CK chose', () => {
      const warnings = validation.objects.flatMap(({ result }) => result.warnings).map(({ path, message }) => `${path.replace(/^objects\[\d+\]\./, '')}: ${message}`);
      expect(warnings.length).toBeGreaterThan(0);
      const expected = [
        /^relationship_type: "(detects|revoked-by|subtechnique-of)" is not one of the relationship types defined by STIX 2\.1$/,
        /^relationship_type: "uses" is not a relationship STIX 2\.1 defines from a tool to an attack-pattern$/,
        /^relationship_type: "targets" is not a relationship STIX 2\.1 defines from an attack-pattern to an x-mitre-asset$/,
        /^x_mitre_data_source_ref: should hold a STIX identifier, as its name ends in _ref \(got ""\)$/,
        /^external_references\[\d+\]\.hashes: should be present when url is, to pin down the content the URL points to$/,
      ];
      for (const warning of warnings) expect(expected.some((pattern) => pattern.test(warning)) ? '' : warning).toBe('');
    });
  });
});
