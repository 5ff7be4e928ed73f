// Language Content (spec 7.1): translations of the text properties of another object.
import { z } from 'zod';
import { anyObjectRef } from '../common';
import { domainObjectShape, withObjectRules } from '../define';
import { isLanguageTag } from '../formats/language-tags';
import { describeValue } from '../issues';
import { anyDictionary, isRecord, reportError, timestamp } from '../properties';

/** `contents` maps RFC 5646 language codes to dictionaries of translated properties. */
const contents = z.record(z.string(), anyDictionary).check((payload) => {
  if (!isRecord(payload.value)) return;
  const languages = Object.keys(payload.value);
  if (languages.length === 0) reportError(payload, 'must not be empty');
  for (const language of languages) {
    if (!isLanguageTag(language)) {
      reportError(payload, `must be keyed by RFC 5646 language codes such as "de" or "fr-CA" (got ${describeValue(language)})`, [language]);
    }
  }
});

// `lang` would be meaningless here: the contents name their own languages.
const { lang: _notApplicable, ...commonProperties } = domainObjectShape('language-content');

export const languageContentSchema = withObjectRules(
  z.looseObject({
    ...commonProperties,
    object_ref: anyObjectRef,
    object_modified: timestamp.optional(),
    contents,
  }),
  'meta',
  { notApplicable: { properties: new Set(['lang']), owner: 'language-content objects' } },
);

export type LanguageContent = z.infer<typeof languageContentSchema>;
