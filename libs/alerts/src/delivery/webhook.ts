import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, LookupAddress, LookupAllOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

/** What the operator allows beyond HTTPS to public addresses (HUB_WEBHOOK_ALLOW_HTTP, HUB_WEBHOOK_ALLOW_PRIVATE). */
export interface WebhookPolicy {
  allowHttp: boolean;
  allowPrivate: boolean;
}

export const MAX_WEBHOOK_URL_LENGTH = 2000;
const SEND_TIMEOUT_MS = 10_000;

// Addresses that are not on the public internet: a webhook must not become a way to reach the
// hub's own network (SSRF), a cloud metadata service (169.254.169.254, fd00:ec2::254) or loopback.
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  // ::/96 holds the unspecified address, loopback and the deprecated IPv4-compatible addresses (::7f00:1 is 127.0.0.1).
  ['::', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) NON_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address is on the public internet (not loopback, private, link-local, metadata, reserved, multicast). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // An IPv4-mapped IPv6 address is the IPv4 address; in hexadecimal form it is refused rather than decoded.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]);
  if (/^::ffff:/i.test(address)) return false;
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The problem with a webhook URL given by a watch filter's owner, or undefined when it may be used. */
export function webhookUrlProblem(value: string, policy: WebhookPolicy): string | undefined {
  if (value.length > MAX_WEBHOOK_URL_LENGTH) return `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`;
  if (!URL.canParse(value)) return 'must be an absolute URL like https://siem.example/hooks/hub';
  const url = new URL(value);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    return policy.allowHttp ? 'must be an http:// or https:// URL' : 'must be an https:// URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password (the HMAC signature authenticates the hub)';
  const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(literal) && !isPublicAddress(literal) && !policy.allowPrivate) return 'must point to a public address, not a loopback, private or link-local one';
  return undefined;
}

/** `sha256=<hex>`: HMAC-SHA256 with the filter's secret over `<timestamp>.<body>`, so a captured request cannot be replayed with a new timestamp. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * `error` is what the owner is shown (watchFilterDeliveries.lastError): a category only, since
 * "resolves to an address that is not public", ENOTFOUND or ECONNREFUSED would let an owner map the
 * hub's internal names and ports. `detail` is for the server log.
 */
export type WebhookOutcome = { ok: true } | { ok: false; error: string; detail: string };

const NOT_ALLOWED = 'the address is not allowed';
const UNREACHABLE = 'the receiver could not be reached';
const NOT_PUBLIC_CODE = 'EADDRNOTPUBLIC';

/**
 * POSTs the body once. The host name is resolved when connecting, and every address it resolves to
 * must be public (unless allowed), so a name that changes its answer after the check cannot lead the
 * hub elsewhere: the connection goes to the address that was checked. Redirects are not followed.
 */
export function postWebhook(target: string, body: string, headers: Record<string, string>, policy: WebhookPolicy, deadlineMs = SEND_TIMEOUT_MS): Promise<WebhookOutcome> {
  const problem = webhookUrlProblem(target, policy);
  if (problem) return Promise.resolve({ ok: false, error: NOT_ALLOWED, detail: `the URL ${problem}` });
  const url = new URL(target);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'health-isac-hub', ...headers },
        timeout: SEND_TIMEOUT_MS,
        lookup: checkedLookup(policy),
        agent: false,
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        resolve(status >= 200 && status < 300 ? { ok: true } : { ok: false, error: `the receiver answered HTTP ${status}`, detail: `the receiver answered HTTP ${status}` });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${SEND_TIMEOUT_MS / 1000} s`)));
    // The socket timeout counts idle time only: a receiver trickling its answer would hold the send
    // past the delivery's lease, and another replica would send it again. The whole send is bounded.
    const deadline = setTimeout(() => request.destroy(new Error(`not answered within ${deadlineMs / 1000} s`)), deadlineMs);
    request.on('close', () => clearTimeout(deadline));
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({
        ok: false,
        error: error.code === NOT_PUBLIC_CODE ? NOT_ALLOWED : UNREACHABLE,
        detail: error.code && !error.message.includes(error.code) ? `${error.message} (${error.code})` : error.message,
      }),
    );
    request.end(body);
  });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function checkedLookup(policy: WebhookPolicy) {
  return (hostname: string, options: { family?: number | string; all?: boolean }, callback: LookupCallback): void => {
    const lookupOptions: LookupAllOptions = { all: true, family: typeof options.family === 'number' ? options.family : undefined };
    dnsLookup(hostname, lookupOptions, (error, addresses) => {
      if (error) return callback(error, []);
      if (!policy.allowPrivate && addresses.some((entry) => !isPublicAddress(entry.address))) {
        return callback(Object.assign(new Error(`${hostname} resolves to an address that is not public; refused`), { code: NOT_PUBLIC_CODE }), []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
