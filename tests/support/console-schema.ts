import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isListType, isNonNullType, isObjectType, isScalarType, isUnionType, printSchema } from 'graphql';
import type { GraphQLNamedType, GraphQLSchema, GraphQLType } from 'graphql';

/** How the console sees each scalar over JSON. */
const SCALARS: Record<string, string> = { ID: 'string', String: 'string', Int: 'number', Float: 'number', Boolean: 'boolean', DateTime: 'string', JSON: 'unknown' };

export const SCHEMA_TYPES_HEADER = '// Generated from apps/hub-web/schema.graphql by tests/support/console-schema.ts (npm run console:schema). Do not edit.\n';

/** The schema as the console's committed file holds it. */
export function printedSchema(schema: GraphQLSchema): string {
  return `${printSchema(schema)}\n`;
}

/**
 * TypeScript types for every enum, input and object type of the schema: the console types its
 * documents' results and variables with these (Pick and nesting), so a schema change that breaks a
 * document breaks the type-check.
 */
export function schemaTypes(sdl: string): string {
  const schema = buildSchema(sdl);
  const lines: string[] = [SCHEMA_TYPES_HEADER];
  const types = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of types) lines.push(...declaration(type));
  return `${lines.join('\n')}\n`;
}

function declaration(type: GraphQLNamedType): string[] {
  const doc = type.description ? [`/** ${type.description.replace(/\*\//g, '* /').replace(/\n/g, ' ')} */`] : [];
  if (isScalarType(type)) return SCALARS[type.name] ? [] : [...doc, `export type ${type.name} = unknown;`, ''];
  if (isEnumType(type)) return [...doc, `export type ${type.name} = ${type.getValues().map((value) => `'${value.name}'`).join(' | ')};`, ''];
  if (isUnionType(type)) return [...doc, `export type ${type.name} = ${type.getTypes().map((member) => member.name).join(' | ')};`, ''];
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).map((field) => {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      return `  ${field.name}${required ? '' : '?'}: ${typeText(field.type)};`;
    });
    return [...doc, `export interface ${type.name} {`, ...fields, '}', ''];
  }
  if (isObjectType(type) || isInterfaceType(type)) {
    const fields = Object.values(type.getFields()).map((field) => `  ${field.name}: ${typeText(field.type)};`);
    return [...doc, `export interface ${type.name} {`, `  __typename?: '${type.name}';`, ...fields, '}', ''];
  }
  return [];
}

function typeText(type: GraphQLType): string {
  if (isNonNullType(type)) return nonNullText(type.ofType);
  return `${nonNullText(type)} | null`;
}

function nonNullText(type: GraphQLType): string {
  if (isNonNullType(type)) return nonNullText(type.ofType);
  if (isListType(type)) {
    const inner = typeText(type.ofType);
    return inner.includes('|') ? `Array<${inner}>` : `${inner}[]`;
  }
  const named = type as GraphQLNamedType;
  return SCALARS[named.name] ?? named.name;
}
