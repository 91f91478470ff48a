/**
 * The backup catalog: which backup to restore. Either the one file the user names, or the newest
 * file in a folder whose name matches the pattern (or the newest strictly older than `before`, the
 * last backup taken before the bad deploy). Names are parsed, never trusted:
 * - a name whose time is not a real time is skipped with a warning;
 * - a symbolic link is followed only when its target stays inside the backup folder (a link out of
 *   it could make the restore copy any file on the runner over the live database), and only regular
 *   files are candidates (a FIFO would block the read forever);
 * - the live database itself is never a candidate.
 * Files that do not match the pattern (the runbook's backup.log) are ignored quietly.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../core/action.js';
import { errorCode, isInside, sameFile } from './files.js';
import { matchBackupName, type BackupPattern } from './pattern.js';
import { isoSeconds } from './time.js';

export interface BackupSource {
  /** One backup file named by the user. */
  backup?: string;
  /** Or a folder of timestamped backups. */
  backupDir?: string;
  pattern: BackupPattern;
  /** Choose the newest backup strictly older than this. */
  before?: Date;
  /** The live database (resolved), which is never a candidate. */
  liveDatabase?: string;
}

export interface BackupFile {
  /** Absolute path (for a link inside the folder, the link's own path). */
  path: string;
  name: string;
  /** The backup's time: from its name, or for a named file that has none, its modification time. */
  time: Date;
  timeSource: 'name' | 'modified';
  sizeBytes: number;
}

export interface SkippedFile {
  name: string;
  reason: string;
}

export interface BackupCatalog {
  /** The backup folder, when one was searched. */
  folder?: string;
  /** The backup to restore; missing when there is none (see `problem`). */
  chosen?: BackupFile;
  /** Every backup that qualifies, newest first (`chosen` is the first). */
  candidates: BackupFile[];
  /** Backups that match the pattern but are not older than `before`. */
  notBefore: BackupFile[];
  /** Names that match the pattern but were not usable, with why. */
  skipped: SkippedFile[];
  /** Names that do not match the pattern. */
  ignored: string[];
  /** When no backup was chosen: why, listing what was found. */
  problem?: string;
}

export async function findBackup(source: BackupSource, log: Logger): Promise<BackupCatalog> {
  if (source.backup !== undefined) return namedBackup(source.backup, source.pattern, log);
  if (source.backupDir === undefined) throw new Error('findBackup needs backup or backupDir');
  return searchFolder({ ...source, backupDir: source.backupDir }, log);
}

async function namedBackup(file: string, pattern: BackupPattern, log: Logger): Promise<BackupCatalog> {
  const absolute = path.resolve(file);
  const name = path.basename(absolute);
  const info = await stat(absolute);
  const parsed = matchBackupName(pattern, name);
  let time = info.mtime;
  let timeSource: BackupFile['timeSource'] = 'modified';
  if (parsed.kind === 'time') {
    time = parsed.time;
    timeSource = 'name';
  } else {
    const why =
      parsed.kind === 'invalid-time' ? parsed.reason : `it does not match the pattern '${pattern.text}'`;
    log.warning(
      `restore-db: the time of backup '${name}' is taken from its modification time (${isoSeconds(time)}): ${why}`,
    );
  }
  const chosen: BackupFile = { path: absolute, name, time, timeSource, sizeBytes: info.size };
  return { chosen, candidates: [chosen], notBefore: [], skipped: [], ignored: [] };
}

async function searchFolder(
  source: BackupSource & { backupDir: string },
  log: Logger,
): Promise<BackupCatalog> {
  const folder = path.resolve(source.backupDir);
  const realFolder = await realpath(folder);
  const live = source.liveDatabase;
  const entries = await readdir(folder, { withFileTypes: true });
  const catalog: BackupCatalog = { folder, candidates: [], notBefore: [], skipped: [], ignored: [] };
  const skip = (name: string, reason: string) => {
    catalog.skipped.push({ name, reason });
    log.warning(`restore-db: skipped '${name}' in ${folder}: ${reason}`);
  };

  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const name = entry.name;
    // A directory entry is one path component; anything else is not a name we can trust.
    if (name !== path.basename(name) || name === '.' || name === '..' || /[/\\]/.test(name)) {
      skip(name, 'the name is not a plain file name');
      continue;
    }
    const parsed = matchBackupName(source.pattern, name);
    if (parsed.kind === 'no-match') {
      catalog.ignored.push(name);
      continue;
    }
    if (parsed.kind === 'invalid-time') {
      skip(name, parsed.reason);
      continue;
    }
    const file = path.join(folder, name);
    const usable = await usableFile(entry, file, realFolder, live);
    if (typeof usable === 'string') {
      skip(name, usable);
      continue;
    }
    const backup: BackupFile = { path: file, name, time: parsed.time, timeSource: 'name', sizeBytes: usable };
    if (source.before && backup.time.getTime() >= source.before.getTime()) catalog.notBefore.push(backup);
    else catalog.candidates.push(backup);
  }

  const newestFirst = (a: BackupFile, b: BackupFile) =>
    b.time.getTime() - a.time.getTime() || (a.name < b.name ? 1 : -1);
  catalog.candidates.sort(newestFirst);
  catalog.notBefore.sort(newestFirst);
  catalog.chosen = catalog.candidates[0];
  const second = catalog.candidates[1];
  if (catalog.chosen && second && second.time.getTime() === catalog.chosen.time.getTime()) {
    log.warning(
      `restore-db: '${catalog.chosen.name}' and '${second.name}' have the same time; choosing '${catalog.chosen.name}' (the last by name). Set backup to choose one yourself`,
    );
  }
  if (!catalog.chosen) catalog.problem = describeNoCandidate(catalog, source);
  return catalog;
}

/** The file's size when it can be a candidate, or why not. */
async function usableFile(
  entry: Dirent,
  file: string,
  realFolder: string,
  liveDatabase: string | undefined,
): Promise<number | string> {
  let target = file;
  if (entry.isSymbolicLink()) {
    try {
      target = await realpath(file);
    } catch (error) {
      return errorCode(error) === 'ENOENT'
        ? 'a broken symbolic link'
        : `unreadable link (${errorCode(error)})`;
    }
    if (!isInside(realFolder, target)) return `a symbolic link to ${target}, outside the backup folder`;
  }
  const info = await stat(target);
  if (!info.isFile()) return 'not a regular file';
  if (liveDatabase !== undefined && (await sameFile(target, liveDatabase))) return 'it is the live database';
  return info.size;
}

function listNames(names: string[], limit = 8): string {
  if (names.length <= limit) return names.join(', ');
  return `${names.slice(0, limit).join(', ')} and ${names.length - limit} more`;
}

function describeNoCandidate(catalog: BackupCatalog, source: BackupSource): string {
  const found: string[] = [];
  if (catalog.notBefore.length && source.before) {
    found.push(
      `not older than before (${isoSeconds(source.before)}): ${listNames(
        catalog.notBefore.map((b) => `${b.name} (${isoSeconds(b.time)})`),
      )}`,
    );
  }
  if (catalog.skipped.length) {
    found.push(`skipped: ${listNames(catalog.skipped.map((s) => `${s.name} (${s.reason})`))}`);
  }
  if (catalog.ignored.length) {
    found.push(`not matching the pattern: ${listNames(catalog.ignored)}`);
  }
  const what = source.before ? `no backup older than ${isoSeconds(source.before)}` : 'no backup';
  return `${what} in ${catalog.folder} matches '${source.pattern.text}'; ${
    found.length ? `found ${found.join('; ')}` : 'the folder is empty'
  }`;
}
