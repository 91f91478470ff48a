import type { InputProblem } from '../../core/errors.js';
import { defineInputs, input } from '../../core/inputs.js';
import { ParseError } from '../../core/parse.js';
import { DEFAULT_PATTERN, parseBackupPattern, PATTERN_ACCEPTED } from '../../restore/pattern.js';
import { QDRANT_PRIORITIES } from '../../restore/qdrant.js';

const SHA256_ACCEPTED = 'a sha256 as 64 hexadecimal characters';

function parseSha256(text: string): string {
  const value = text
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '');
  if (!/^[0-9a-f]{64}$/.test(value)) throw new ParseError(`'${text}' is not ${SHA256_ACCEPTED}`);
  return value;
}

const SNAPSHOT_ACCEPTED =
  "an http(s) URL, or a file:// path the Qdrant server can read ('file:///qdrant/snapshots/x.snapshot')";

function parseSnapshotLocation(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ParseError(`'${text}' is not ${SNAPSHOT_ACCEPTED}`);
  }
  if (!['http:', 'https:', 'file:'].includes(url.protocol)) {
    throw new ParseError(`'${text}' is not ${SNAPSHOT_ACCEPTED}`);
  }
  return url;
}

const COLLECTION_ACCEPTED = 'a Qdrant collection name (no slashes)';

function parseCollection(text: string): string {
  const name = text.trim();
  if (/[/\\]/.test(name)) throw new ParseError(`'${text}' is not ${COLLECTION_ACCEPTED}`);
  return name;
}

const SQLITE_ONLY = ['backup', 'backup-dir', 'before', 'expect-tables', 'backup-sha256'] as const;
const QDRANT_ONLY = ['qdrant-collection', 'qdrant-snapshot', 'qdrant-checksum', 'qdrant-api-key'] as const;

export const restoreDbInputs = defineInputs(
  {
    database: input.string(),
    backup: input.string(),
    'backup-dir': input.string(),
    pattern: input.custom(parseBackupPattern, PATTERN_ACCEPTED).default(DEFAULT_PATTERN),
    before: input.time(),
    check: input.enum(['full', 'quick']).default('full'),
    'expect-tables': input.list(),
    'backup-sha256': input.custom(parseSha256, SHA256_ACCEPTED),
    'keep-pre-restore': input.boolean().default('true'),
    'dry-run': input.boolean().default('false'),
    'qdrant-url': input.url(),
    'qdrant-collection': input.custom(parseCollection, COLLECTION_ACCEPTED),
    'qdrant-snapshot': input.custom(parseSnapshotLocation, SNAPSHOT_ACCEPTED),
    'qdrant-checksum': input.custom(parseSha256, SHA256_ACCEPTED),
    'qdrant-api-key': input.string().secret(),
    'qdrant-priority': input.enum(QDRANT_PRIORITIES).default('snapshot'),
    'qdrant-timeout': input.duration({ min: 1000 }).default('10m'),
  },
  (values) => {
    const problems: InputProblem[] = [];
    const given = (name: keyof typeof values) => values[name] !== undefined;
    if (!given('database') && !given('qdrant-url')) {
      problems.push({
        input: 'database',
        message: 'is required unless qdrant-url is given; expected the path of the live SQLite database',
      });
    }
    if (given('database')) {
      if (!given('backup') && !given('backup-dir')) {
        problems.push({
          input: 'backup',
          message:
            'or backup-dir is required with database; expected a backup file (backup) or a folder of backups (backup-dir)',
        });
      }
      if (given('backup') && given('backup-dir')) {
        problems.push({ input: 'backup', message: 'and backup-dir were both given; expected one of them' });
      }
      if (given('before') && given('backup')) {
        problems.push({
          input: 'before',
          message: 'chooses among the backups in backup-dir; it cannot be used with backup',
        });
      }
    } else {
      for (const name of SQLITE_ONLY) {
        if (given(name))
          problems.push({ input: name, message: 'only applies to a SQLite restore; give database too' });
      }
    }
    if (given('qdrant-url')) {
      for (const name of ['qdrant-collection', 'qdrant-snapshot'] as const) {
        if (!given(name)) problems.push({ input: name, message: 'is required with qdrant-url' });
      }
    } else {
      for (const name of QDRANT_ONLY) {
        if (given(name))
          problems.push({ input: name, message: 'only applies to a Qdrant recovery; give qdrant-url too' });
      }
    }
    return problems;
  },
);
