/**
 * Files named by an input (a policy, smoke tests, an earlier report) are read only when they are
 * regular files of a sane size. A FIFO would block the step forever, `/dev/zero` or `/dev/urandom`
 * would be read until memory runs out, a directory cannot be parsed: each is a configuration error
 * that says what the path is and what was expected.
 *
 * The file is opened first (non-blocking, so opening a FIFO returns at once) and the open file is
 * checked: no other file can be swapped in between the check and the read. At most `maxBytes + 1`
 * bytes are read, so a file that grows, or one that reports no size (such as those in /proc), is
 * bounded too.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { ParseError } from './parse.js';

const READ_CHUNK = 64 * 1024;

export interface InputFileOptions {
  /** What the file should be, for messages: 'a YAML or JSON policy file'. */
  expected: string;
  /** The largest file accepted. */
  maxBytes: number;
  /** What the file is called in messages, before its path: 'the policy file ' (default: nothing). */
  name?: string;
}

/** 'a FIFO (named pipe)', 'a directory', ...: what a path that is not a regular file is. */
export function fileKind(stats: Stats): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** '64 KiB', '1 MiB'. */
export function byteSize(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * The text of a file named by an input, or a ParseError saying why it cannot be (missing,
 * unreadable, not a regular file, too large). The input reader names the input.
 */
export function readInputFile(file: string, options: InputFileOptions): string {
  const named = `${options.name ?? ''}'${file}'`;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : code;
    throw new ParseError(`cannot read ${named}: ${reason ?? 'error'}; expected ${options.expected}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      throw new ParseError(
        `${named} is ${fileKind(stats)}, not a regular file; expected ${options.expected}`,
      );
    }
    const limit = `at most ${byteSize(options.maxBytes)}`;
    if (stats.size > options.maxBytes) {
      throw new ParseError(
        `${named} is ${byteSize(stats.size)}, too large (${limit}); expected ${options.expected}`,
      );
    }
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= options.maxBytes) {
      const chunk = Buffer.alloc(Math.min(READ_CHUNK, options.maxBytes + 1 - length));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      length += read;
    }
    if (length > options.maxBytes) {
      throw new ParseError(
        `${named} is larger than ${byteSize(options.maxBytes)} (${limit}); expected ${options.expected}`,
      );
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
