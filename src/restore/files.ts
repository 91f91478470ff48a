/**
 * File operations the restore is built from, each in constant memory: a streamed sha256, a durable
 * copy, a directory fsync, and keeping a file under a second name (a hard link, or a durable copy
 * where links are not possible).
 */
import { constants } from 'node:fs';
import { copyFile, link, lstat, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Hashes a file in a worker thread: SQLite's integrity_check runs synchronously on the main thread,
 * and with the hash beside it the two full reads of a large file overlap instead of adding up.
 */
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
// One buffer, read into again and again: memory stays flat whatever the file's size.
try {
  const hash = require('node:crypto').createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = fs.openSync(workerData, 'r');
  try {
    for (let read; (read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  parentPort.postMessage({ hex: hash.digest('hex') });
} catch (error) {
  parentPort.postMessage({ message: error.message, code: error.code });
}
`;

/** The sha256 of a file, read as a stream in a worker thread (never held in memory). */
export function sha256File(file: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASH_WORKER, { eval: true, workerData: file });
    const onAbort = () => {
      void worker.terminate();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (answer: { hex?: string; message?: string; code?: string }) => {
      signal?.removeEventListener('abort', onAbort);
      if (answer.hex) resolve(answer.hex);
      else reject(Object.assign(new Error(answer.message), { code: answer.code }));
    });
    worker.once('error', reject);
  });
}

/** The first `length` bytes of a file (fewer when it is shorter). */
export async function readHead(file: string, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Flushes a file's bytes to the disk. */
export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes a folder's entries (creations, renames, removals) to the disk. Windows cannot open a
 * folder as a file; NTFS journals its metadata itself, so there is nothing to do there.
 */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Copies `from` to a new file `to` (which must not exist), then flushes it. `copyFile` lets the
 * kernel move the bytes (copy_file_range; a reflink where the file system shares blocks, such as
 * btrfs or XFS, which makes the copy instant), so it takes constant memory whatever the size.
 */
export async function copyDurably(from: string, to: string): Promise<void> {
  await copyFile(from, to, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
  await fsyncFile(to);
}

/** How a file was kept under its second name. */
export type KeepMethod = 'hard-link' | 'copy';

/** Error codes of a file system (or a link across devices) that cannot hard-link. */
const NO_LINK_CODES = new Set(['EPERM', 'EXDEV', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EACCES']);

/**
 * Makes `to` a second name of `from` without ever leaving `to` half-written: a hard link (instant,
 * and `from` itself is never missing), or, where the file system has no hard links, a durable copy
 * under a temporary name renamed into place. Fails when `to` exists.
 */
export async function keepAs(from: string, to: string, tempSuffix: string): Promise<KeepMethod> {
  try {
    await link(from, to);
    return 'hard-link';
  } catch (error) {
    if (!NO_LINK_CODES.has(errorCode(error))) throw error;
  }
  const temp = `${to}.${tempSuffix}.tmp`;
  try {
    await copyDurably(from, temp);
    // rename would replace an existing `to`: check first, as link() would have.
    if (await exists(to)) throw Object.assign(new Error(`${to} already exists`), { code: 'EEXIST' });
    await rename(temp, to);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return 'copy';
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** Whether anything (a file, folder or link, even a broken one) has this name. */
export async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Whether two paths name the same file (after links). False when either is missing. */
export async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([stat(a), stat(b)]);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** The size of a file, or undefined when there is none. */
export async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** Whether `inner` is `outer` or inside it (both already resolved). */
export function isInside(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  const escapes = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return !escapes;
}

/** Bytes as a short human reading: '4.0 MiB'. */
export function humanBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A path quoted for a POSIX shell. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
