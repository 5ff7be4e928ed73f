/** What an e-mail about an alert may say: never anything of an AMBER or RED object but its marking and where to read it. */
export interface AlertEmailInput {
  watchFilterName: string;
  objectId: string;
  type: string;
  tlp: string;
  /** The object's STIX `name`, if any. */
  name?: unknown;
}

const SHAREABLE = new Set(['CLEAR', 'GREEN']);
const MAX_NAME_LENGTH = 200;

/**
 * The summary of one alert. E-mail crosses mail servers outside the hub, so only CLEAR and GREEN
 * objects are described (type and name); for AMBER, AMBER+STRICT and RED the mail says only that
 * an object of that marking matched, with a link to read it in the hub after signing in.
 */
export function alertEmail(input: AlertEmailInput, publicUrl: string): { subject: string; text: string } {
  const label = `TLP:${input.tlp === 'AMBER_STRICT' ? 'AMBER+STRICT' : input.tlp}`;
  const filter = oneLine(input.watchFilterName);
  const link = `${publicUrl}/objects/${encodeURIComponent(input.objectId)}`;
  const name = typeof input.name === 'string' && input.name.trim() ? ` "${oneLine(input.name)}"` : '';
  const what = SHAREABLE.has(input.tlp)
    ? `A new ${oneLine(input.type)}${name} (${label}) matched your watch filter "${filter}".`
    : `A new ${label} object matched your watch filter "${filter}". Sign in to the hub to read it.`;
  return {
    subject: `Hub alert: ${filter}`,
    text: `${what}\n\n${link}\n\nYou receive this because your watch filter "${filter}" delivers its alerts by e-mail.\n`,
  };
}

/** Text from a STIX object or a filter name, safe on one line of a mail: no control characters, bounded. */
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > MAX_NAME_LENGTH ? `${flat.slice(0, MAX_NAME_LENGTH - 1)}…` : flat;
}
