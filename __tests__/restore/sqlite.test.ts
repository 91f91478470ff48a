import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../__fixtures__/bundle.js';
import { SQLITE_TARGETS, sqliteTarget } from '../../src/restore/sqlite.js';

describe('the SQLite loader', () => {
  it.each([
    ['linux', 'x64', false, 'linux-x64'],
    ['linux', 'arm64', false, 'linux-arm64'],
    ['linux', 'x64', true, 'linuxmusl-x64'],
    ['linux', 'arm64', true, 'linuxmusl-arm64'],
    ['darwin', 'x64', false, 'darwin-x64'],
    ['darwin', 'arm64', false, 'darwin-arm64'],
    ['win32', 'x64', false, 'win32-x64'],
    ['win32', 'arm64', false, 'win32-arm64'],
  ])('loads the %s-%s prebuild (musl: %s) as %s', (platform, arch, musl, target) => {
    expect(sqliteTarget(platform, arch, musl)).toBe(target);
  });

  it.each([
    [
      'freebsd',
      'x64',
      false,
      /^SQLite is not available on freebsd-x64: better-sqlite3 ships prebuilds only for linux-x64, /,
    ],
    ['linux', 'ia32', false, /^SQLite is not available on linux-ia32 \(glibc\): /],
    [
      'linux',
      's390x',
      true,
      /^SQLite is not available on linux-s390x \(musl\): .*Run this step on one of those runners$/,
    ],
  ])('says which platforms it supports on %s-%s', (platform, arch, musl, message) => {
    expect(() => sqliteTarget(platform, arch, musl)).toThrow(message);
  });

  it('ships every prebuild in the bundle, each imported by a literal specifier', () => {
    const prebuilds = readdirSync(path.join(ROOT, 'dist/restore-db/prebuilds')).sort();
    expect(prebuilds).toEqual(SQLITE_TARGETS.map((target) => `${target}.node`).sort());
    const source = readFileSync(path.join(ROOT, 'src/restore/sqlite.ts'), 'utf8');
    for (const target of SQLITE_TARGETS) expect(source).toContain(`await import('better-sqlite3/${target}')`);
  });
});
