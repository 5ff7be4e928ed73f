/** A result for people: a list as a table with a header, one record as `field: value` lines. JSON is for scripts (--json). */
export function formatForPeople(result: unknown): string {
  if (Array.isArray(result)) return table(result as Record<string, unknown>[]);
  if (result && typeof result === 'object') return record(result as Record<string, unknown>);
  return cell(result);
}

function record(fields: Record<string, unknown>): string {
  const width = Math.max(...Object.keys(fields).map((field) => field.length));
  return Object.entries(fields)
    .map(([field, value]) => `${`${field}:`.padEnd(width + 1)} ${cell(value)}`)
    .join('\n');
}

function table(rows: Record<string, unknown>[]): string {
  if (!rows.length) return '(none)';
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = [columns, ...rows.map((row) => columns.map((column) => cell(row[column])))];
  const widths = columns.map((_, index) => Math.max(...cells.map((line) => line[index].length)));
  return cells.map((line) => line.map((value, index) => value.padEnd(widths[index])).join('  ').trimEnd()).join('\n');
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length ? value.map(cell).join(', ') : '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
