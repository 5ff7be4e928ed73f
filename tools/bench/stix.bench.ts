import { benchPatternParsing, benchStixValidation } from '@hub/stix-bench';
import type { BenchSuite } from './bench-suite';

export const stixSuite: BenchSuite = {
  name: 'stix',
  async run() {
    const results = [...(await benchStixValidation()), ...(await benchPatternParsing())];
    return [
      '| what | measured | target |',
      '| --- | --- | --- |',
      ...results.map((result) => `| ${result.name} | ${Math.round(result.perSecond).toLocaleString('en')} /s (${result.details}) | indicators ≥ 50,000 /s on one core |`),
    ];
  },
};
