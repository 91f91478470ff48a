import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readInputFile } from '../../src/core/files.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-files-'));
const options = { expected: 'a YAML file', maxBytes: 1024 };

describe('readInputFile', () => {
  it('reads a regular file', () => {
    const file = path.join(dir, 'ok.yml');
    writeFileSync(file, 'a: 1\n');
    expect(readInputFile(file, options)).toBe('a: 1\n');
  });

  it('says what a path that is not a regular file is, without blocking on a FIFO', () => {
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(() => readInputFile(fifo, options)).toThrow(
      `'${fifo}' is a FIFO (named pipe), not a regular file; expected a YAML file`,
    );
    expect(() => readInputFile('/dev/zero', options)).toThrow(
      "'/dev/zero' is a character device, not a regular file",
    );
    expect(() => readInputFile(dir, options)).toThrow(`'${dir}' is a directory, not a regular file`);
    expect(() => readInputFile(path.join(dir, 'absent'), options)).toThrow(
      ': it does not exist; expected a YAML file',
    );
  });

  it('refuses a file larger than the limit, and bounds one that reports no size', () => {
    const big = path.join(dir, 'big.yml');
    writeFileSync(big, 'x'.repeat(2048));
    expect(() => readInputFile(big, options)).toThrow(`'${big}' is 2 KiB, too large (at most 1 KiB)`);
    // /proc files report size 0 but have content: read up to the limit, then refused.
    expect(() => readInputFile('/proc/self/maps', { expected: 'x', maxBytes: 16 })).toThrow(
      "'/proc/self/maps' is larger than 16 bytes (at most 16 bytes)",
    );
  });
});
