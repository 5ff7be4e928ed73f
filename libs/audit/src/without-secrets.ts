// Details describe an action, never carry its secrets: a field with one of these names is dropped
// wherever it appears, in case a caller passes a whole input object along.
const SECRET_FIELD = /password|passphrase|secret|token|^key$|^api_?key$|credential|authorization|hash$/i;

export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([field]) => !SECRET_FIELD.test(field))
        .map(([field, inner]) => [field, withoutSecrets(inner)]),
    );
  }
  return value;
}
