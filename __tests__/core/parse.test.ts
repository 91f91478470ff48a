import {
  ParseError,
  formatDuration,
  parseBoolean,
  parseDuration,
  parseHeaders,
  parseList,
  parseRate,
  parseStatusList,
} from '../../src/core/parse.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['30', 30_000],
    ['1.5s', 1500],
    [' 2M ', 120_000],
    ['0', 0],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'soon', '-5s', '5 minutes', '10d', '1e3', 's'])('rejects %p', (text) => {
    expect(() => parseDuration(text)).toThrow(ParseError);
    expect(() => parseDuration(text)).toThrow(/'250ms', '90s', '10m', '1h'/);
  });

  it.each([
    [300_000, '5m'],
    [0, '0m'],
    [90_000, '90s'],
    [250, '250ms'],
    [7_200_000, '2h'],
  ])('formats %d ms as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('parseRate', () => {
  it.each([
    ['10%', 0.1],
    ['0.1', 0.1],
    ['1%', 0.01],
    ['0', 0],
    ['100%', 1],
    ['1', 1],
    ['.5', 0.5],
    ['2.5%', 0.025],
  ])('%s → %d', (text, rate) => expect(parseRate(text)).toBeCloseTo(rate, 10));

  it.each(['lots', '10', '150%', '-1%', '', '%', '0.1.2'])('rejects %p', (text) => {
    expect(() => parseRate(text)).toThrow(/'10%' or '0.1'/);
  });
});

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['False', false],
  ])('%s → %s', (text, value) => expect(parseBoolean(text)).toBe(value));
  it.each(['yes', '1', '', 'truee'])('rejects %p', (text) =>
    expect(() => parseBoolean(text)).toThrow(/'true' or 'false'/),
  );
});

describe('parseStatusList', () => {
  it('parses codes and ranges and matches statuses', () => {
    const list = parseStatusList('200,204, 300-399');
    expect(list.includes(200)).toBe(true);
    expect(list.includes(204)).toBe(true);
    expect(list.includes(350)).toBe(true);
    expect(list.includes(201)).toBe(false);
    expect(list.includes(400)).toBe(false);
    expect(list.toString()).toBe('200,204,300-399');
  });

  it.each(['', 'ok', '99', '200-100', '600', '2xx', '200,,x'])('rejects %p', (text) => {
    expect(() => parseStatusList(text)).toThrow(/status codes and ranges/);
  });
});

describe('parseList and parseHeaders', () => {
  it('splits on commas and new lines, dropping blanks', () => {
    expect(parseList('a, b\n\nc,')).toEqual(['a', 'b', 'c']);
  });

  it('parses header lines and never echoes a bad line (it may hold a secret)', () => {
    expect(parseHeaders('Authorization: Bearer abc:def\nX-Env: prod')).toEqual({
      Authorization: 'Bearer abc:def',
      'X-Env': 'prod',
    });
    expect(() => parseHeaders('not a header s3cr3t')).toThrow(ParseError);
    try {
      parseHeaders('not a header s3cr3t');
    } catch (error) {
      expect(String(error)).not.toContain('s3cr3t');
    }
  });
});
