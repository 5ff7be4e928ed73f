// Indicator (spec 4.7): a pattern that can be used to detect suspicious or malicious activity.
import { z } from 'zod';
import { parsePattern } from '../../pattern';
import { killChainPhase } from '../common';
import { defineDomainObject } from '../define';
import { nonEmptyList, openVocab, openVocabList, timestamp } from '../properties';
import type { RuleContext } from '../rules';
import { INDICATOR_TYPE_OV, PATTERN_TYPE_OV } from '../vocabularies';

/**
 * STIX patterns are parsed and checked; other pattern languages (YARA, Sigma...) are carried as they are.
 * "STIX" or "Stix" still names the STIX language for many readers (and draws the vocabulary warning), so
 * such patterns are checked too rather than let through unread.
 */
function checkStixPattern(indicator: RuleContext): void {
  const pattern = indicator.string('pattern');
  if (pattern === undefined || indicator.string('pattern_type')?.toLowerCase() !== 'stix') return;
  const result = parsePattern(pattern);
  if (!result.ok) {
    for (const issue of result.errors) indicator.error('pattern', `line ${issue.line}, column ${issue.column}: ${issue.message}`);
    return;
  }
  for (const issue of result.warnings) indicator.warning('pattern', `line ${issue.line}, column ${issue.column}: ${issue.message}`);
}

export const indicatorSchema = defineDomainObject(
  'indicator',
  {
    name: z.string().optional(),
    description: z.string().optional(),
    indicator_types: openVocabList(INDICATOR_TYPE_OV).optional(),
    pattern: z.string(),
    pattern_type: openVocab(PATTERN_TYPE_OV),
    pattern_version: z.string().optional(),
    valid_from: timestamp,
    valid_until: timestamp.optional(),
    kill_chain_phases: nonEmptyList(killChainPhase).optional(),
  },
  {
    rules: (indicator) => {
      indicator.requireOrder('valid_from', 'valid_until', true);
      checkStixPattern(indicator);
    },
  },
);

export type Indicator = z.infer<typeof indicatorSchema>;
