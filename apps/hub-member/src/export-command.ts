import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ParsedArgs, stringOption } from './args';
import { CliError, EXIT, usageError } from './exit-codes';
import { Connection, failureOf, request } from './hub-client';

export const EXPORT_FORMATS = ['stix', 'csv', 'text', 'suricata', 'snort', 'rpz'];

// Command-line option → query parameter of GET /export/{format}.
export const EXPORT_FILTERS: Record<string, string> = {
  types: 'types',
  'observable-types': 'observableTypes',
  'max-tlp': 'maxTlp',
  since: 'since',
  until: 'until',
  labels: 'labels',
  'hash-algorithms': 'hashAlgorithms',
  'min-score': 'minScore',
  'exclude-warned': 'excludeWarned',
};

export const EXPORT_FLAGS = ['include-revoked', 'exclude-decayed'];

/** The query string of an export: the filters given, passed as they are (the hub validates them and names what it refuses). */
export function exportQuery(args: ParsedArgs): URLSearchParams {
  const query = new URLSearchParams();
  for (const [option, parameter] of Object.entries(EXPORT_FILTERS)) {
    const value = stringOption(args, option);
    if (value !== undefined) query.set(parameter, value);
  }
  if (args.options.get('include-revoked') === true) query.set('includeRevoked', 'true');
  if (args.options.get('exclude-decayed') === true) query.set('excludeDecayed', 'true');
  return query;
}

/**
 * Streams GET /export/{format} to standard output or to `-o file`. A file is written beside its
 * name and renamed when complete, so a cut export never leaves a file that looks whole.
 */
export async function runExport(connection: Connection, args: ParsedArgs, stdout: Writable): Promise<{ bytes: number; output: string }> {
  const [format, ...extra] = args.positionals;
  if (!format) throw usageError(`export needs a format: ${EXPORT_FORMATS.join(', ')}`);
  if (!EXPORT_FORMATS.includes(format)) throw usageError(`unknown export format ${format}: ${EXPORT_FORMATS.join(', ')}`);
  if (extra.length) throw usageError(`unexpected argument ${extra[0]}`);
  const query = exportQuery(args).toString();
  const output = stringOption(args, 'output');
  // Checked before asking the hub: an export (audited, perhaps long) into a folder that is not there is a typo.
  if (output && output !== '-') await assertWritableFolder(output);
  const response = await request(connection, `/export/${format}${query ? `?${query}` : ''}`);
  if (!response.ok) throw await failureOf(response);
  if (!response.body) throw new CliError('the hub answered without a body', EXIT.REFUSED_OR_PARTIAL);

  let bytes = 0;
  const body = Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => (bytes += chunk.length));
  try {
    if (output && output !== '-') {
      const partial = `${output}.part`;
      try {
        await pipeline(body, createWriteStream(partial));
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      await rename(partial, output);
    } else {
      await pipeline(body, stdout, { end: false });
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return { bytes, output: output ?? '-' };
    throw new CliError(`the export was cut short after ${bytes} bytes (${(error as Error).message}); nothing complete was written`, EXIT.REFUSED_OR_PARTIAL);
  }
  return { bytes, output: output ?? '-' };
}

async function assertWritableFolder(output: string): Promise<void> {
  const folder = dirname(output);
  const found = await stat(folder).catch(() => undefined);
  if (!found?.isDirectory()) throw usageError(`cannot write ${output}: ${folder} is not a folder`);
}
