import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

/** The largest upload, after decompression. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024 * 1024;
/** Bytes stored per row of the uploaded file. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/**
 * A compressed upload may expand this many times (text compresses about ten times); past the first
 * megabytes a larger ratio is a decompression bomb, refused before it fills the disk.
 */
export const MAX_EXPANSION_RATIO = 100;
const RATIO_GRACE_BYTES = 8 * 1024 * 1024;

export class UploadRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
    /** What is refused: the file, or the header that announced it. */
    readonly path: 'file' | 'Content-Encoding' = 'file',
  ) {
    super(message);
  }
}

/**
 * The request body as chunks of at most UPLOAD_CHUNK_BYTES, decompressed when sent with
 * `Content-Encoding: gzip`, refused (UploadRefused) past the size or expansion limits. Read at the
 * pace the caller stores it: the body is never held whole. `onArrived` hears of every decompressed
 * byte as it arrives, before it is part of a chunk (an upload cut off mid-chunk still arrived).
 */
export async function* uploadChunks(body: Readable, contentEncoding: string | undefined, maxBytes = MAX_IMPORT_BYTES, onArrived?: (bytes: number) => void): AsyncGenerator<Buffer> {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'x-gzip') throw new UploadRefused(415, `Content-Encoding ${encoding} is not supported; send gzip or nothing`, 'Content-Encoding');
  let compressed = 0;
  let expanded = 0;
  let source: AsyncIterable<Buffer> = body;
  if (encoding !== 'identity') {
    body.on('data', (chunk: Buffer) => (compressed += chunk.length));
    const gunzip = createGunzip();
    body.on('error', (error) => gunzip.destroy(error));
    source = body.pipe(gunzip);
  }
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  try {
    for await (const chunk of source) {
      expanded += chunk.length;
      onArrived?.(chunk.length);
      if (expanded > maxBytes) throw new UploadRefused(413, `The upload is larger than ${Math.floor(maxBytes / 1024 / 1024)} MiB${encoding === 'identity' ? '' : ' once decompressed'}`);
      if (encoding !== 'identity' && expanded > RATIO_GRACE_BYTES && expanded > compressed * MAX_EXPANSION_RATIO) {
        throw new UploadRefused(413, `The compressed upload expands more than ${MAX_EXPANSION_RATIO} times; it is refused as a decompression bomb`);
      }
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= UPLOAD_CHUNK_BYTES) {
        const all = Buffer.concat(pending);
        yield all.subarray(0, UPLOAD_CHUNK_BYTES);
        pending = [all.subarray(UPLOAD_CHUNK_BYTES)];
        pendingBytes = pending[0].length;
      }
    }
  } catch (error) {
    if (error instanceof UploadRefused) throw error;
    if ((error as { code?: string }).code?.startsWith('Z_')) throw new UploadRefused(400, 'The body is not valid gzip, or was cut short; nothing of it was kept');
    throw error;
  }
  if (pendingBytes) yield Buffer.concat(pending);
}
