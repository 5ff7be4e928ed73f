import { createServer } from 'node:net';

/**
 * Binds HOST:PORT for a moment, before the embedded PostgreSQL starts or migrations run, so a
 * port in use stops the start at once with one line naming the variable to change. Undefined when
 * the port is free (or PORT=0, any free port).
 */
export async function portProblem(host: string, port: number): Promise<string | undefined> {
  if (port === 0) return undefined;
  const code = await new Promise<string | undefined>((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'unknown'));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
  switch (code) {
    case undefined:
      return undefined;
    case 'EADDRINUSE':
      return `PORT ${port} is already in use on ${host}: stop the program that uses it, or set PORT to a free port`;
    case 'EACCES':
      return `PORT ${port} may not be used by this user on ${host} (ports below 1024 need privileges): set PORT to 1024 or above`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST ${host} is not an address of this machine: set HOST to one of its addresses, e.g. 127.0.0.1 or 0.0.0.0`;
    default:
      return `HOST ${host} and PORT ${port} cannot be listened on (${code})`;
  }
}
