import { matchBackupName, parseBackupPattern } from '../../src/restore/pattern.js';

const utc = (text: string) => new Date(text);

describe('backup name patterns', () => {
  it("reads the runbook's memory_YYYYMMDD_HHMMSS.db names as UTC times", () => {
    const pattern = parseBackupPattern('*_YYYYMMDD_HHMMSS.db');
    expect(matchBackupName(pattern, 'memory_20240115_020000.db')).toEqual({
      kind: 'time',
      time: utc('2024-01-15T02:00:00Z'),
    });
    expect(matchBackupName(pattern, 'backup.log')).toEqual({ kind: 'no-match' });
    expect(matchBackupName(pattern, 'memory_20240115_020000.db-wal')).toEqual({ kind: 'no-match' });
    expect(matchBackupName(pattern, 'memory_2024011_020000.db')).toEqual({ kind: 'no-match' });
  });

  it('tells the month MM from the minutes MM by where HH is, and allows a date alone', () => {
    expect(
      matchBackupName(parseBackupPattern('db-YYYY-MM-DDTHH-MM-SS.sqlite'), 'db-2024-03-09T17-45-30.sqlite'),
    ).toEqual({ kind: 'time', time: utc('2024-03-09T17:45:30Z') });
    expect(matchBackupName(parseBackupPattern('nightly-YYYYMMDD.db'), 'nightly-20231231.db')).toEqual({
      kind: 'time',
      time: utc('2023-12-31T00:00:00Z'),
    });
  });

  it('treats everything but * and the time tokens literally', () => {
    const pattern = parseBackupPattern('app.(prod)+_YYYYMMDD_HHMMSS.db');
    expect(matchBackupName(pattern, 'app.(prod)+_20240115_020000.db').kind).toBe('time');
    expect(matchBackupName(pattern, 'appX(prod)+_20240115_020000.db').kind).toBe('no-match');
    expect(matchBackupName(pattern, 'app.(prod)+_20240115_020000Xdb').kind).toBe('no-match');
  });

  it.each([
    ['20240230_020000', '2024-02-30 02:00:00'],
    ['20240115_250000', '2024-01-15 25:00:00'],
    ['20241301_000000', '2024-13-01 00:00:00'],
    ['20240115_026000', '2024-01-15 02:60:00'],
    ['20230229_000000', '2023-02-29 00:00:00'],
  ])('reports %s as not a real time instead of rolling it over', (stamp, shown) => {
    expect(matchBackupName(parseBackupPattern('*_YYYYMMDD_HHMMSS.db'), `memory_${stamp}.db`)).toEqual({
      kind: 'invalid-time',
      reason: `its time ${shown} is not a real UTC date and time`,
    });
  });

  it('accepts a leap day', () => {
    expect(matchBackupName(parseBackupPattern('*_YYYYMMDD_HHMMSS.db'), 'm_20240229_235959.db')).toEqual({
      kind: 'time',
      time: utc('2024-02-29T23:59:59Z'),
    });
  });

  it.each([
    ['backups/*_YYYYMMDD.db', /contains a path separator/],
    ['*_HHMMSS.db', /has no YYYY/],
    ['*_YYYYDD.db', /has no MM/],
    ['*_YYYYMMDD_YYYY.db', /has YYYY twice/],
    ['*_YYYYMMDD_SS.db', /has SS without the minutes/],
  ])('rejects the pattern %s, saying what is accepted', (text, why) => {
    expect(() => parseBackupPattern(text)).toThrow(why);
    expect(() => parseBackupPattern(text)).toThrow(
      /expected a file name pattern such as '\*_YYYYMMDD_HHMMSS\.db'/,
    );
  });
});
