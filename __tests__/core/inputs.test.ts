import { ConfigurationError } from '../../src/core/errors.js';
import { defineInputs, input, rawInputsFromEnv, readInputs, registerSecrets } from '../../src/core/inputs.js';
import { Secrets } from '../../src/core/secrets.js';

const spec = defineInputs({
  url: input.urls().required(),
  interval: input.duration({ min: 1 }).default('5s'),
  rate: input.rate().default('10%'),
  flag: input.boolean().default('false'),
  mode: input.enum(['watch', 'rollback']).default('watch'),
  samples: input.integer({ min: 1, max: 1000 }).default('20'),
  'expect-status': input.statusList().default('200-399'),
  token: input.string().secret().required(),
  headers: input.headers(),
  before: input.time(),
});

const good = { url: 'https://a.example/health\nhttps://b.example/health', token: 'tok_123456' };

describe('readInputs', () => {
  it('parses given values and applies defaults through the same parsers', () => {
    const values = readInputs(spec, { ...good, rate: '5%', flag: 'TRUE', headers: 'X-Key: v' });
    expect(values.url.map(String)).toEqual(['https://a.example/health', 'https://b.example/health']);
    expect(values.interval).toBe(5000);
    expect(values.rate).toBe(0.05);
    expect(values.flag).toBe(true);
    expect(values.mode).toBe('watch');
    expect(values.samples).toBe(20);
    expect(values['expect-status'].includes(302)).toBe(true);
    expect(values.headers).toEqual({ 'X-Key': 'v' });
    expect(values.before).toBeUndefined();
  });

  it('treats blank values as not given', () => {
    expect(readInputs(spec, { ...good, rate: '   ', before: '' }).rate).toBe(0.1);
  });

  it('reports every bad input at once, each naming what is accepted', () => {
    let error: ConfigurationError | undefined;
    try {
      readInputs(spec, {
        url: 'ftp://x',
        interval: 'soon',
        rate: 'lots',
        samples: '0',
        mode: 'later',
        before: 'yesterday',
      });
    } catch (thrown) {
      error = thrown as ConfigurationError;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const byInput = Object.fromEntries(error!.problems.map((p) => [p.input, p.message]));
    expect(Object.keys(byInput).sort()).toEqual([
      'before',
      'interval',
      'mode',
      'rate',
      'samples',
      'token',
      'url',
    ]);
    expect(byInput.token).toMatch(/is required/);
    expect(byInput.interval).toMatch(/'90s'/);
    expect(byInput.rate).toMatch(/'10%'/);
    expect(byInput.samples).toMatch(/from 1 to 1000/);
    expect(byInput.mode).toMatch(/one of watch, rollback/);
  });

  it('never echoes a secret input in a problem', () => {
    const secretSpec = defineInputs({ key: input.integer().secret() });
    try {
      readInputs(secretSpec, { key: 'sk_live_abcdef' });
      throw new Error('expected a configuration error');
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('sk_live_abcdef');
    }
  });

  it('runs the cross-input check only when each input is valid on its own', () => {
    const crossed = defineInputs({ a: input.string(), b: input.string() }, (values) =>
      values.a || values.b ? [] : [{ input: 'a', message: "or 'b' is required" }],
    );
    expect(() => readInputs(crossed, {})).toThrow(/'a': or 'b' is required/);
    expect(readInputs(crossed, { b: 'x' }).b).toBe('x');
  });
});

describe('rawInputsFromEnv and registerSecrets', () => {
  it('reads INPUT_<NAME> with hyphens kept', () => {
    const raw = rawInputsFromEnv(spec, { 'INPUT_EXPECT-STATUS': '200', INPUT_URL: 'https://x' });
    expect(raw['expect-status']).toBe('200');
    expect(raw.url).toBe('https://x');
  });

  it('masks secret inputs and every header value before validation', () => {
    const masked: string[] = [];
    const secrets = new Secrets((value) => masked.push(value));
    registerSecrets(spec, { token: 'tok_abc', headers: 'Authorization: Bearer xyz987\nX-A: 1' }, secrets);
    expect(masked).toEqual(expect.arrayContaining(['tok_abc', 'Bearer xyz987']));
    expect(secrets.redact('a tok_abc b Bearer xyz987')).toBe('a *** b ***');
  });
});
