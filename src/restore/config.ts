/**
 * What a SQLite restore needs, and the checks of its paths that run before anything else (a missing
 * folder or file is the user's mistake, reported with the input's name like any bad input).
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { InputProblem } from '../core/errors.js';
import { errorCode, sameFile } from './files.js';
import type { BackupPattern } from './pattern.js';
import type { IntegrityMode } from './verify.js';

export interface RestoreConfig {
  /** The live database's path. */
  database: string;
  /** One backup file; or `backupDir`. */
  backup?: string;
  backupDir?: string;
  pattern: BackupPattern;
  before?: Date;
  check: IntegrityMode;
  expectTables: string[];
  /** The sha256 the chosen backup must have. */
  backupSha256?: string;
  keepPreRestore: boolean;
  dryRun: boolean;
}

/** The input names the problems below are reported under (the action's; the guard has the same). */
export interface PathInputNames {
  database: string;
  backup: string;
  backupDir: string;
}

const DEFAULT_NAMES: PathInputNames = { database: 'database', backup: 'backup', backupDir: 'backup-dir' };

/** Every problem with the paths of a restore, all at once. Reads only; changes nothing. */
export async function checkRestorePaths(
  config: Pick<RestoreConfig, 'database' | 'backup' | 'backupDir'>,
  names: PathInputNames = DEFAULT_NAMES,
): Promise<InputProblem[]> {
  const problems: InputProblem[] = [];
  const database = path.resolve(config.database);
  const folder = await kindOf(path.dirname(database));
  if (folder !== 'folder') {
    problems.push({
      input: names.database,
      message: `'${config.database}': its folder ${path.dirname(database)} ${folder === 'missing' ? 'does not exist' : 'is not a folder'}; expected the path of the live database on a disk this runner can reach`,
    });
  } else {
    const live = await kindOf(database);
    if (live !== 'missing' && live !== 'file') {
      problems.push({
        input: names.database,
        message: `'${config.database}' is a ${live}, not a database file`,
      });
    }
  }
  if (config.backup !== undefined) {
    const kind = await kindOf(config.backup);
    if (kind !== 'file') {
      problems.push({
        input: names.backup,
        message: `'${config.backup}' ${kind === 'missing' ? 'does not exist' : `is a ${kind}, not a file`}; expected a backup file this runner can read`,
      });
    } else if (await sameFile(config.backup, database)) {
      problems.push({ input: names.backup, message: `'${config.backup}' is the live database itself` });
    }
  }
  if (config.backupDir !== undefined) {
    const kind = await kindOf(config.backupDir);
    if (kind !== 'folder') {
      problems.push({
        input: names.backupDir,
        message: `'${config.backupDir}' ${kind === 'missing' ? 'does not exist' : `is a ${kind}, not a folder`}; expected the folder of the backups`,
      });
    }
  }
  return problems;
}

/** The live database path with symbolic links resolved, so the swap happens where the file is. */
export async function resolveLiveDatabase(database: string): Promise<string> {
  const absolute = path.resolve(database);
  try {
    return await realpath(absolute);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    return path.join(await realpath(path.dirname(absolute)), path.basename(absolute));
  }
}

async function kindOf(file: string): Promise<'missing' | 'file' | 'folder' | 'special file'> {
  try {
    const info = await stat(file);
    return info.isFile() ? 'file' : info.isDirectory() ? 'folder' : 'special file';
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return 'missing';
    throw error;
  }
}
