import { relative } from 'node:path';
import TestSequencer from '@jest/test-sequencer';

/*
 * The order in which jest hands files to its two workers. A run ends when the last file ends: a file
 * that takes a minute and a half, started near the end, leaves the other worker idle all that time.
 * With timings of an earlier run (jest keeps them in its cache) jest starts the longest files first
 * itself. A clean clone (CI) has none, and jest then goes by file size, which says little here
 * (the CLI's tests are short and take longest). Then: the files known to take longest, longest
 * first; then the other end-to-end files, largest first; the quick unit specs last, to fill the gaps.
 */
const KNOWN_LONGEST = [
  'tests/e2e/cli.e2e-spec.ts',
  'tests/e2e/trends-references.e2e-spec.ts',
  'tests/e2e/hub-process.e2e-spec.ts',
  'tests/e2e/login-rate-limit.e2e-spec.ts',
  'tests/e2e/taxii-access-matrix.e2e-spec.ts',
  'tests/e2e/trends-sub-k.e2e-spec.ts',
  'tests/e2e/imports-resume.e2e-spec.ts',
  'tests/e2e/console-admin-trends.e2e-spec.ts',
  'tests/e2e/crash-durability.e2e-spec.ts',
  'tests/e2e/alerts-live.e2e-spec.ts',
  'tests/e2e/replicas.e2e-spec.ts',
  'tests/e2e/alerts-access-matrix.e2e-spec.ts',
  'tests/e2e/trends-profile-rows.e2e-spec.ts',
  'tests/e2e/trends-sector-wide.e2e-spec.ts',
  // Unit specs that take as long as an end-to-end file (property tests and fuzzing).
  'libs/stix/src/objects/validate.property.spec.ts',
  'libs/stix/src/pattern/fuzz.spec.ts',
  'libs/stix/bench/validate.bench.spec.ts',
];

export default class LongestFirstSequencer extends TestSequencer {
  sort(tests) {
    if (tests.some((test) => this.time(test) != null || this.hasFailed(test))) return super.sort(tests);
    const rank = (test) => {
      const known = KNOWN_LONGEST.indexOf(relative(test.context.config.rootDir, test.path).split('\\').join('/'));
      if (known >= 0) return known;
      return test.path.endsWith('.e2e-spec.ts') ? KNOWN_LONGEST.length : KNOWN_LONGEST.length + 1;
    };
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    return [...tests].sort((a, b) => rank(a) - rank(b) || size(b) - size(a));
  }
}
