// Extension Definition (spec 7.3): declares a new object type or new properties, with a schema for them.
import { z } from 'zod';
import { extensionType } from '../common';
import { domainObjectShape, withObjectRules } from '../define';
import { describeValue } from '../issues';
import { identityRef, nonEmptyList } from '../properties';

const SEMANTIC_VERSION = /^\d+\.\d+\.\d+(?:[-+].*)?$/;

const { lang: _lang, confidence: _confidence, extensions: _extensions, ...commonProperties } = domainObjectShape('extension-definition');

export const extensionDefinitionSchema = withObjectRules(
  z.looseObject({
    ...commonProperties,
    // The creator of an extension is who users must trust for its schema, so it is required here.
    created_by_ref: identityRef,
    name: z.string(),
    description: z.string().optional(),
    schema: z.string(),
    version: z.string(),
    extension_types: nonEmptyList(extensionType),
    extension_properties: nonEmptyList(z.string()).optional(),
  }),
  'meta',
  {
    notApplicable: { properties: new Set(['lang', 'confidence', 'extensions']), owner: 'extension-definition objects' },
    rules: (definition) => {
      const types = definition.list('extension_types') ?? [];
      if (definition.has('extension_properties') && !types.includes('toplevel-property-extension')) {
        definition.error('extension_properties', 'may only be used when extension_types includes toplevel-property-extension');
      }
      const version = definition.string('version');
      if (version !== undefined && !SEMANTIC_VERSION.test(version)) {
        definition.warning('version', `should be a semantic version such as 1.0.0 (got ${describeValue(version)})`);
      }
    },
  },
);

export type ExtensionDefinition = z.infer<typeof extensionDefinitionSchema>;
