/** A short human title for a STIX object: its name, else its value, else its pattern, else its id. */
export function objectTitle(stix: unknown, id: string): string {
  if (stix && typeof stix === 'object') {
    const record = stix as Record<string, unknown>;
    for (const key of ['name', 'value', 'pattern', 'hashes']) {
      const value = record[key];
      if (typeof value === 'string' && value) return value;
      if (value && typeof value === 'object') return Object.values(value as Record<string, unknown>).map(String).join(', ');
    }
  }
  return id;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}
