/** A `CliIo` over in-memory streams for CLI tests: what the command wrote to stdout and stderr, and optional stdin text. */
import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/args';

export function memoryIo(stdin = ''): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdin: Readable.from([stdin]), stdout, stderr, isTTY: false }, out: () => out, err: () => err };
}
