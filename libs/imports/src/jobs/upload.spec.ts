import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { UPLOAD_CHUNK_BYTES, uploadChunks, UploadRefused } from './upload';

async function collect(body: Readable, encoding?: string, maxBytes?: number): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of uploadChunks(body, encoding, maxBytes)) chunks.push(chunk);
  return chunks;
}

describe('uploadChunks', () => {
  it('cuts the body into chunks of the stored size, whatever the pieces it arrives in', async () => {
    const data = Buffer.alloc(UPLOAD_CHUNK_BYTES * 2 + 10, 7);
    const pieces = [data.subarray(0, 100), data.subarray(100, UPLOAD_CHUNK_BYTES + 5), data.subarray(UPLOAD_CHUNK_BYTES + 5)];
    const chunks = await collect(Readable.from(pieces));
    expect(chunks.map((chunk) => chunk.length)).toEqual([UPLOAD_CHUNK_BYTES, UPLOAD_CHUNK_BYTES, 10]);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
  });

  it('decompresses gzip', async () => {
    const text = Buffer.from('value,type\n10.0.0.1,ip\n'.repeat(1000));
    expect(Buffer.concat(await collect(Readable.from([gzipSync(text)]), 'gzip')).equals(text)).toBe(true);
  });

  it('refuses a body past the limit, a decompression bomb, bad gzip and unknown encodings', async () => {
    await expect(collect(Readable.from([Buffer.alloc(2000)]), undefined, 1000)).rejects.toMatchObject({ status: 413 });
    await expect(collect(Readable.from([gzipSync(Buffer.alloc(32 * 1024 * 1024))]), 'gzip')).rejects.toThrow(/expands more than/);
    await expect(collect(Readable.from([Buffer.from('not gzip at all')]), 'gzip')).rejects.toMatchObject({ status: 400 });
    await expect(collect(Readable.from([Buffer.from('x')]), 'br')).rejects.toBeInstanceOf(UploadRefused);
  });
});
