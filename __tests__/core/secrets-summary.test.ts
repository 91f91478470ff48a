import { Secrets } from '../../src/core/secrets.js';
import { cell, code, escapeMarkdown, mermaidLabel, table } from '../../src/core/summary.js';

describe('Secrets', () => {
  it('redacts every registered value, its URL-encoded and base64 forms, in text and deep in objects', () => {
    const secrets = new Secrets();
    secrets.add('p@ss/word+1');
    const encoded = encodeURIComponent('p@ss/word+1');
    const b64 = Buffer.from('p@ss/word+1').toString('base64');
    expect(secrets.redact(`a p@ss/word+1 b ${encoded} c ${b64}`)).toBe('a *** b *** c ***');
    expect(secrets.redactDeep({ list: ['x p@ss/word+1'], nested: { n: 1, t: `${encoded}` } })).toEqual({
      list: ['x ***'],
      nested: { n: 1, t: '***' },
    });
  });

  it('ignores empty and very short values', () => {
    const secrets = new Secrets();
    secrets.add('');
    secrets.add('ab');
    expect(secrets.redact('about ab')).toBe('about ab');
  });
});

describe('summary escaping', () => {
  it('escapes Markdown, HTML, tables and mentions in outside text', () => {
    const hostile = '<script>alert(1)</script> | **bold** [x](http://evil) @team `code`\nnext';
    const escaped = escapeMarkdown(hostile);
    expect(escaped).not.toMatch(/(^|[^\\])</);
    expect(escaped).not.toMatch(/(^|[^\\])\|/);
    expect(escaped).not.toMatch(/(^|[^\\])@/);
    expect(escaped).not.toContain('\n');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
  });

  it('builds tables whose cells cannot break the row', () => {
    const md = table(
      ['a', 'b'],
      [
        ['x|y', code('p|q')],
        [undefined, 3],
      ],
    );
    expect(md.split('\n')).toEqual(['| a | b |', '| --- | --- |', '| x\\|y | `p\\|q` |', '| – | 3 |']);
    expect(cell('')).toBe('–');
  });

  it('fences inline code around backticks', () => {
    expect(code('a`b').text).toBe('``a`b``');
  });

  it('keeps Mermaid labels free of quotes and directives', () => {
    expect(mermaidLabel('a "b"; %%{init}%%\nc')).toBe('a b init c');
  });
});
