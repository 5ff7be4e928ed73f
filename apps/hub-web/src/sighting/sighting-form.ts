/** The sighting form as typed; times come from `datetime-local` inputs, in the browser's time zone. */
export interface SightingForm {
  sightingOfRef: string;
  count: string;
  firstSeen: string;
  lastSeen: string;
}

export interface SightingFields {
  sightingOfRef: string;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
}

const STIX_ID = /^[a-z0-9][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A `datetime-local` value as an RFC 3339 UTC time (what the hub expects), or undefined when empty or not a time. */
export function localTimeToIso(value: string): string | undefined {
  if (!value) return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** The input fields checked as far as the console can say before sending; `problems` are keyed by input field. */
export function sightingFields(form: SightingForm): { fields: SightingFields; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const sightingOfRef = form.sightingOfRef.trim();
  if (!STIX_ID.test(sightingOfRef)) problems.sightingOfRef = 'Give the STIX id of what was seen, e.g. indicator--0b1c2d3e-…';
  const count = Number(form.count);
  if (!/^\d+$/.test(form.count.trim()) || count < 1 || count > 999_999_999) problems.count = 'A whole number from 1 to 999,999,999';
  const firstSeen = localTimeToIso(form.firstSeen);
  const lastSeen = localTimeToIso(form.lastSeen);
  if (firstSeen && lastSeen && lastSeen < firstSeen) problems.lastSeen = 'Last seen cannot be before first seen';
  return { fields: { sightingOfRef, count, ...(firstSeen ? { firstSeen } : {}), ...(lastSeen ? { lastSeen } : {}) }, problems };
}
