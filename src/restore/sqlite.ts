/**
 * The one place SQLite is loaded. better-sqlite3's default entry finds its native addon through
 * `__dirname`, which does not exist inside an ncc ESM bundle; its per-platform entries
 * (`better-sqlite3/linux-x64`, ...) require their prebuild by a literal relative path instead. Each
 * case below imports one of them by a literal specifier, so ncc follows all eight and copies every
 * prebuild into the bundle, and at run time only the one for this machine is loaded.
 */
import { pathToFileURL } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';

export type SqliteDatabase = BetterSqlite3.Database;
export type SqliteConstructor = typeof BetterSqlite3;

export const SQLITE_TARGETS = [
  'linux-x64',
  'linux-arm64',
  'linuxmusl-x64',
  'linuxmusl-arm64',
  'darwin-x64',
  'darwin-arm64',
  'win32-x64',
  'win32-arm64',
] as const;
export type SqliteTarget = (typeof SQLITE_TARGETS)[number];

/** The prebuild for a platform, or an error that says which platforms have one. */
export function sqliteTarget(platform: string, arch: string, musl: boolean): SqliteTarget {
  const system = platform === 'linux' && musl ? 'linuxmusl' : platform;
  const target = `${system}-${arch}`;
  if ((SQLITE_TARGETS as readonly string[]).includes(target)) return target as SqliteTarget;
  throw new Error(
    `SQLite is not available on ${platform}-${arch}${platform === 'linux' ? (musl ? ' (musl)' : ' (glibc)') : ''}: ` +
      `better-sqlite3 ships prebuilds only for ${SQLITE_TARGETS.join(', ')}. Run this step on one of those runners`,
  );
}

/** Linux with musl libc (Alpine): Node's own report names the glibc it runs on, and musl has none. */
export function isMuslLinux(): boolean {
  if (process.platform !== 'linux') return false;
  // `excludeNetwork` (Node 22+) is missing from @types/node's ProcessReport.
  const report = process.report as NodeJS.ProcessReport & { excludeNetwork: boolean };
  const excludeNetwork = report.excludeNetwork;
  report.excludeNetwork = true; // the report would otherwise list sockets, which can be slow
  try {
    const header = (report.getReport() as { header?: { glibcVersionRuntime?: string } }).header;
    return !header?.glibcVersionRuntime;
  } finally {
    report.excludeNetwork = excludeNetwork;
  }
}

async function importTarget(target: SqliteTarget): Promise<SqliteConstructor> {
  // One literal import per case: a computed specifier would hide the prebuilds from ncc.
  switch (target) {
    case 'linux-x64':
      return (await import('better-sqlite3/linux-x64')).default;
    case 'linux-arm64':
      return (await import('better-sqlite3/linux-arm64')).default;
    case 'linuxmusl-x64':
      return (await import('better-sqlite3/linuxmusl-x64')).default;
    case 'linuxmusl-arm64':
      return (await import('better-sqlite3/linuxmusl-arm64')).default;
    case 'darwin-x64':
      return (await import('better-sqlite3/darwin-x64')).default;
    case 'darwin-arm64':
      return (await import('better-sqlite3/darwin-arm64')).default;
    case 'win32-x64':
      return (await import('better-sqlite3/win32-x64')).default;
    case 'win32-arm64':
      return (await import('better-sqlite3/win32-arm64')).default;
  }
}

let loading: Promise<SqliteConstructor> | undefined;

/**
 * The better-sqlite3 constructor for this machine, loaded once per process. `file:` URI file names
 * are switched on (SQLite reads SQLITE_USE_URI once, when the addon loads), so backups can be
 * opened with `immutable=1`; plain paths are unaffected.
 */
export function loadSqlite(): Promise<SqliteConstructor> {
  loading ??= (async () => {
    const Database = await importTarget(sqliteTarget(process.platform, process.arch, isMuslLinux()));
    const previous = process.env.SQLITE_USE_URI;
    process.env.SQLITE_USE_URI = '1';
    try {
      new Database(':memory:').close(); // loads the addon now, while the variable is set
    } finally {
      if (previous === undefined) delete process.env.SQLITE_USE_URI;
      else process.env.SQLITE_USE_URI = previous;
    }
    return Database;
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * Opens a file that nobody writes (a backup, or a database just restored) to read only its own
 * bytes: `immutable=1` takes no locks and never reads or creates a -wal, -shm or -journal beside it,
 * so checking a backup changes nothing in its folder and checks exactly the bytes that get copied.
 */
export async function openImmutable(file: string): Promise<SqliteDatabase> {
  const Database = await loadSqlite();
  return new Database(`${pathToFileURL(file).href}?mode=ro&immutable=1`, {
    readonly: true,
    fileMustExist: true,
  });
}

/** Opens a live database by path for writing (to settle its journal); never creates one. */
export async function openLive(file: string, busyTimeoutMs: number): Promise<SqliteDatabase> {
  const Database = await loadSqlite();
  return new Database(file, { fileMustExist: true, timeout: busyTimeoutMs });
}

/** SQLite's error code (`SQLITE_CORRUPT`, `SQLITE_NOTADB`, `SQLITE_BUSY`, ...), when there is one. */
export function sqliteErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}
