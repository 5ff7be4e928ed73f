import type { Viewer } from '@hub/access';
import type { CredentialHeaders } from '@hub/members';

/** Close codes, as graphql-ws uses them. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;
/** The client read too slowly and fell too far behind (a WebSocket standard code: "try again later"). */
export const CLOSE_TOO_SLOW = 1013;

let nextConnectionNumber = 1;

/** A close frame holds at most 123 bytes of reason. */
export function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  if (bytes.length <= 123) return text;
  return bytes.subarray(0, 120).toString('utf8').replace(/\uFFFD+$/, '') + '...';
}

/**
 * One WebSocket connection of a subscriber: the credential it connected with (checked again before
 * every delivery), where from, and the viewer that check built last.
 */
export class SubscriberConnection {
  readonly number = nextConnectionNumber++;
  private closed = false;

  constructor(
    readonly credential: CredentialHeaders,
    readonly ip: string | undefined,
    public viewer: Viewer,
    private readonly socket: { close(code: number, reason: string): void },
  ) {}

  get isOpen(): boolean {
    return !this.closed;
  }

  get hasCredential(): boolean {
    return this.credential.authorization !== undefined || this.credential['x-api-key'] !== undefined;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, closeReason(reason));
  }

  /** The socket closed from the other side (or the server stopped). */
  markClosed(): void {
    this.closed = true;
  }
}
