import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** What a webhook receiver was sent, and what it answered. */
export interface ReceivedPost {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A webhook receiver on loopback that counts every POST. `/fail-first/…` answers 500 to the first
 * POST of each delivery (by its x-hub-delivery header), 204 after; anything else 204, after `delayMs`.
 */
export async function startWebhookReceiver(delayMs = 0): Promise<{ url: string; received: ReceivedPost[]; close(): Promise<void> }> {
  const received: ReceivedPost[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      const delivery = String(request.headers['x-hub-delivery']);
      const earlier = received.filter((entry) => String(entry.headers['x-hub-delivery']) === delivery).length;
      const status = path.startsWith('/fail-first') && earlier === 0 ? 500 : 204;
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      setTimeout(() => response.writeHead(status).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface ReceivedMail {
  to: string[];
  text: string;
}

/** A real SMTP server on loopback that keeps every message it is given. */
export async function startMailbox(): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        mails.push({ to: session.envelope.rcptTo.map((recipient) => recipient.address), text });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
