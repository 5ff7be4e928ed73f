import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { isPublicAddress, postWebhook, webhookSignature, webhookUrlProblem } from './webhook';

const strict = { allowHttp: false, allowPrivate: false };

describe('isPublicAddress', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:7f00:1', '::7f00:1', '::a00:1', '::127.0.0.1', '224.0.0.1', 'not-an-ip'])(
    'refuses %s',
    (address) => expect(isPublicAddress(address)).toBe(false),
  );
  it.each(['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111'])('accepts %s', (address) => expect(isPublicAddress(address)).toBe(true));
});

describe('webhookUrlProblem', () => {
  it('accepts an https URL on a host name or a public address', () => {
    expect(webhookUrlProblem('https://siem.example/hooks/hub?x=1', strict)).toBeUndefined();
    expect(webhookUrlProblem('https://93.184.216.34/hook', strict)).toBeUndefined();
  });
  it.each([
    ['http://siem.example/hook', 'must be an https:// URL'],
    ['ftp://siem.example/hook', 'must be an https:// URL'],
    ['not a url', 'must be an absolute URL like https://siem.example/hooks/hub'],
    ['https://user:pw@siem.example/hook', 'must not carry a user name or password (the HMAC signature authenticates the hub)'],
    ['https://127.0.0.1/hook', 'must point to a public address, not a loopback, private or link-local one'],
    ['https://169.254.169.254/latest/meta-data', 'must point to a public address, not a loopback, private or link-local one'],
    ['https://[::1]/hook', 'must point to a public address, not a loopback, private or link-local one'],
    ['https://[::7f00:1]/hook', 'must point to a public address, not a loopback, private or link-local one'],
    [`https://siem.example/${'a'.repeat(2000)}`, 'must be at most 2000 characters'],
  ])('refuses %s', (url, problem) => expect(webhookUrlProblem(url, strict)).toBe(problem));

  it('accepts http and private addresses only when the operator allows them', () => {
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', { allowHttp: true, allowPrivate: true })).toBeUndefined();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', { allowHttp: true, allowPrivate: false })).toBe('must point to a public address, not a loopback, private or link-local one');
  });
});

describe('webhookSignature', () => {
  it('is the hex HMAC-SHA256 of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', 'secret').update('1700000000.{"a":1}').digest('hex');
    expect(webhookSignature('secret', '1700000000', '{"a":1}')).toBe(`sha256=${expected}`);
  });
});

describe('postWebhook', () => {
  it('does not connect to a host name that resolves to loopback unless private addresses are allowed', async () => {
    expect(await postWebhook('https://localhost:1/hook', '{}', {}, strict)).toEqual({
      ok: false,
      error: 'the address is not allowed',
      detail: 'localhost resolves to an address that is not public; refused (EADDRNOTPUBLIC)',
    });
  });

  it('tells the owner only a category of failure, not which names resolve or which ports are closed', async () => {
    const open = { allowHttp: true, allowPrivate: true };
    const unknownName = await postWebhook('http://no-such-host.invalid/hook', '{}', {}, open);
    expect(unknownName).toMatchObject({ ok: false, error: 'the receiver could not be reached' });
    expect(unknownName.ok ? '' : unknownName.detail).toMatch(/ENOTFOUND|EAI_AGAIN/); // EAI_AGAIN where no resolver answers
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const closedPort = await postWebhook(`http://127.0.0.1:${port}/hook`, '{}', {}, open);
    expect(closedPort).toMatchObject({ ok: false, error: 'the receiver could not be reached' });
    expect(closedPort.ok ? '' : closedPort.detail).toContain('ECONNREFUSED');
  });

  it('POSTs the body with its headers to a receiver the operator allows, and reports its answer', async () => {
    const received: { body: string; signature?: string }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ body, signature: request.headers['x-test'] as string | undefined });
        response.writeHead(received.length === 1 ? 204 : 503).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const open = { allowHttp: true, allowPrivate: true };
      expect(await postWebhook(url, '{"a":1}', { 'x-test': 'yes' }, open)).toEqual({ ok: true });
      expect(await postWebhook(url, '{"a":2}', {}, open)).toEqual({ ok: false, error: 'the receiver answered HTTP 503', detail: 'the receiver answered HTTP 503' });
      expect(received).toEqual([{ body: '{"a":1}', signature: 'yes' }, { body: '{"a":2}' }]);
      expect(await postWebhook(url, '{}', {}, { allowHttp: true, allowPrivate: false })).toEqual({
        ok: false,
        error: 'the address is not allowed',
        detail: 'the URL must point to a public address, not a loopback, private or link-local one',
      });
    } finally {
      server.close();
    }
  });

  it('gives up a send that is still not answered at its deadline, however busy the receiver keeps the connection', async () => {
    // The status line one byte every 50 ms: the socket is never idle long enough for the idle timeout.
    const server = createNetServer((socket) => {
      socket.on('error', () => undefined);
      const line = 'HTTP/1.1 204 No Content\r\n\r\n';
      let sent = 0;
      const timer = setInterval(() => (sent < line.length ? socket.write(line[sent++]) : clearInterval(timer)), 50);
      socket.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const outcome = await postWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, '{}', {}, { allowHttp: true, allowPrivate: true }, 300);
      expect(outcome).toEqual({ ok: false, error: 'the receiver could not be reached', detail: 'not answered within 0.3 s' });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      server.close();
    }
  });
});
