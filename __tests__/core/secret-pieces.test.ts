import { PIECE_LENGTH, Secrets } from '../../src/core/secrets.js';

const TOKEN = 'rnd_AbCdEfGhIjKlMnOpQrStUvWx';

describe('Secrets: pieces of a secret', () => {
  const secrets = new Secrets();
  secrets.add(TOKEN);

  it('redacts a prefix, a suffix and a middle part of 8 characters or more, whole runs at a time', () => {
    expect(secrets.redact(`token ${TOKEN.slice(0, 12)}... refused`)).toBe('token ***... refused');
    expect(secrets.redact(`ends in ${TOKEN.slice(-8)}.`)).toBe('ends in ***.');
    expect(secrets.redact(`[${TOKEN.slice(5, 20)}]`)).toBe('[***]');
    expect(secrets.redact(`x${TOKEN}y`)).toBe('x***y');
  });

  it('leaves runs shorter than 8 characters, and text that only resembles the secret', () => {
    expect(secrets.redact(`starts ${TOKEN.slice(0, PIECE_LENGTH - 1)}|`)).toBe(
      `starts ${TOKEN.slice(0, 7)}|`,
    );
    expect(secrets.redact('rnd_AbC rnd_AbCdEfGX')).toBe('rnd_AbC ***X');
    expect(secrets.redact('an ordinary sentence')).toBe('an ordinary sentence');
  });

  it('redacts the token cut in two fields of a JSON report', () => {
    const report = { a: TOKEN.slice(0, 13), b: TOKEN.slice(13), note: `${TOKEN.slice(3, 11)} seen` };
    expect(secrets.redactDeep(report)).toEqual({ a: '***', b: '***', note: '*** seen' });
  });

  it('redacts pieces of the encoded forms', () => {
    const withSlash = new Secrets();
    withSlash.add('p@ss/word+with/slashes');
    const encoded = encodeURIComponent('p@ss/word+with/slashes');
    expect(withSlash.redact(`q=${encoded.slice(0, 14)}&`)).toBe('q=***&');
    const b64 = Buffer.from(TOKEN).toString('base64');
    expect(secrets.redact(`basic ${b64.slice(0, 16)}`)).toBe('basic ***');
  });

  it('redacts a list of secrets whole but not in pieces, and each of its parts in pieces', () => {
    const list = new Secrets();
    list.add('Accept: application/json\nX-Api-Key: k3y-1234567890', { pieces: false });
    list.add('k3y-1234567890');
    expect(list.redact('content-type application/json, key k3y-12345678')).toBe(
      'content-type application/json, key ***',
    );
  });

  it('keeps whole-value redaction for short secrets', () => {
    const short = new Secrets();
    short.add('abc12');
    expect(short.redact('x abc12 y abc1')).toBe('x *** y abc1');
  });

  it('tells the runner to mask each form once', () => {
    const masked: string[] = [];
    const masking = new Secrets((value) => masked.push(value));
    masking.add(TOKEN);
    masking.add(TOKEN);
    expect(masked).toEqual([TOKEN, Buffer.from(TOKEN).toString('base64')]);
  });
});
