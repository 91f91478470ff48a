import { ConfigurationError } from '../../src/core/errors.js';
import { defineInputs, input, readInputs, registerSecrets } from '../../src/core/inputs.js';
import { headerProblem, parseHeaders } from '../../src/core/parse.js';
import { Secrets } from '../../src/core/secrets.js';
import { hideUrlCredentials, parseHttpUrl, urlCredentialsIn } from '../../src/core/urls.js';

describe('URLs with credentials', () => {
  it('are refused without repeating them', () => {
    expect(() => parseHttpUrl('https://bot:pa55word@api.example.com/x')).toThrow(
      "'https://***@api.example.com/x' has a user name or password in it",
    );
    expect(() => parseHttpUrl('https://token-only@api.example.com/')).toThrow('https://***@api.example.com/');
    expect(() => parseHttpUrl('ftp://a:b@c/')).toThrow("'ftp://***@c/' is not an http(s) URL");
    expect(parseHttpUrl(' https://api.example.com/v1 ').href).toBe('https://api.example.com/v1');
  });

  it('are found and hidden in any text, up to the last @ before the host', () => {
    expect(urlCredentialsIn('x https://u:p%40ss@h/ y http://a@b@c/')).toEqual(['u:p%40ss', 'p%40ss', 'a@b']);
    expect(hideUrlCredentials('see https://u:p@h/a and http://a@b@c/')).toBe(
      'see https://***@h/a and http://***@c/',
    );
  });

  it('are registered as secrets from any input, before anything else', () => {
    const spec = defineInputs({ url: input.url(), note: input.string() });
    const secrets = new Secrets();
    registerSecrets(
      spec,
      { url: 'https://bot:pa55word-xyz@h/', note: 'see http://other:s3cr3t-pass@h' },
      secrets,
    );
    expect(secrets.redact('pa55word-xyz s3cr3t-pass')).toBe('*** ***');
    expect(() => readInputs(spec, { url: 'https://bot:pa55word-xyz@h/' })).toThrow(ConfigurationError);
  });
});

describe('headers', () => {
  it('name every problem without repeating a value', () => {
    expect(headerProblem('X-Key', 'a\rb')).toBe(
      "the value of 'X-Key' holds a carriage return (CR), which HTTP does not allow in a header",
    );
    expect(headerProblem('X-Key', 'a\u0000b')).toMatch(/holds a NUL character/);
    expect(headerProblem('X-Key', 'café')).toBeUndefined();
    expect(headerProblem('X-Key', 'tab\tok')).toBeUndefined();
    expect(headerProblem('X-Key', '☕')).toMatch(/above U\+00FF/);
    expect(headerProblem('X Key', 'v')).toMatch(/a header name has a character/);
    expect(() => parseHeaders('A: s3cret\u0001x\nB s3cret: y')).toThrow(
      /^the value of 'A' holds a control character \(U\+0001\).*; a header name has a character/,
    );
    expect(parseHeaders('A: 1\r\nB: two words\r\n')).toEqual({ A: '1', B: 'two words' });
  });

  it('show their problem for a secret input, since it never holds the value', () => {
    const spec = defineInputs({ headers: input.headers() });
    const error = (() => {
      try {
        readInputs(spec, { headers: 'X-Api-Key: abc\rdef' });
      } catch (thrown) {
        return thrown as ConfigurationError;
      }
    })();
    expect(error?.problems).toEqual([
      {
        input: 'headers',
        message: expect.stringMatching(/^the value of 'X-Api-Key' holds a carriage return \(CR\)/),
      },
    ]);
    expect(error?.message).not.toContain('abc');
  });
});
