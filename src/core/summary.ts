/**
 * Step summary building blocks. Anything that came from outside (a provider's message, a URL, a
 * response body, a file name) is escaped, so it can neither break the Markdown nor inject HTML or
 * mentions. Text we wrote ourselves is marked with `raw()`.
 */

/** Trusted Markdown that must not be escaped. */
export class Markdown {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export const raw = (text: string): Markdown => new Markdown(text);

export type Cell = string | number | boolean | Markdown | null | undefined;

/**
 * Escapes text for inline Markdown: the characters that start emphasis, code, links, HTML, tables,
 * headings or mentions are backslash-escaped, '&' becomes an entity, and line breaks are folded.
 * Bare URLs (`https://...`, `www.`, `mailto:`) would become links through GitHub's autolinks: the
 * character that makes them one is escaped, so they render as the same text, not as a link.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]<>|~#!@]/g, (ch) => `\\${ch}`)
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/\b(mailto|xmpp):/gi, '$1\\:')
    .replace(/&/g, '&amp;')
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * A link whose target is checked: an http(s) URL (percent-encoded, inside `<>` so no character of
 * it ends the link), or no link at all, only the text.
 */
export function link(text: string, url: string | undefined): Markdown {
  const target = url && URL.canParse(url) ? new URL(url) : undefined;
  if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:'))
    return raw(escapeMarkdown(text));
  return raw(`[${escapeMarkdown(text)}](<${target.href.replace(/[<>\s]/g, encodeURIComponent)}>)`);
}

/** Inline code; backticks inside are fenced with a longer run. */
export function code(text: string): Markdown {
  const flat = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return raw(`${fence}${pad}${flat}${pad}${fence}`);
}

export function cell(value: Cell): string {
  if (value === null || value === undefined || value === '') return '–';
  if (value instanceof Markdown) return value.text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  return escapeMarkdown(String(value));
}

export function table(headers: string[], rows: Cell[][]): string {
  // An empty header stays empty (a two-column fact table needs no column names).
  const head = `| ${headers.map((h) => (h === '' ? ' ' : cell(h))).join(' | ')} |`;
  const rule = `| ${headers.map(() => '---').join(' | ')} |`;
  return [head, rule, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

export function heading(level: number, text: Cell): string {
  return `${'#'.repeat(level)} ${cell(text)}`;
}

export function bulletList(items: Cell[]): string {
  return items.map((item) => `- ${cell(item)}`).join('\n');
}

/** A task list: `- [x] done` / `- [ ] not done`. */
export function checklist(items: { label: Cell; done: boolean }[]): string {
  return items.map((item) => `- [${item.done ? 'x' : ' '}] ${cell(item.label)}`).join('\n');
}

/** A collapsed section; the body is trusted Markdown built by the caller. */
export function details(summaryText: string, body: string): string {
  return `<details><summary>${escapeHtml(summaryText)}</summary>\n\n${body}\n\n</details>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A fenced Mermaid block. */
export function mermaid(body: string): string {
  return ['```mermaid', body, '```'].join('\n');
}

/** A label safe inside a Mermaid quoted string: no quotes, line breaks, directives or HTML. */
export function mermaidLabel(text: string): string {
  return (
    text
      .replace(/["`\r\n;#%{}<>&]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || '-'
  );
}

/** Joins summary sections with blank lines, dropping empty ones. */
export function sections(...parts: (string | undefined | false)[]): string {
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join('\n\n') + '\n';
}

/** A verdict line with an icon: '✅ **healthy**: reason'. */
export function verdictLine(ok: boolean | 'neutral', verdict: Cell, reason?: Cell): string {
  const icon = ok === 'neutral' ? '⚠️' : ok ? '✅' : '❌';
  return `${icon} **${cell(verdict)}**${reason ? `: ${cell(reason)}` : ''}`;
}

/** A fenced code block whose fence is longer than any backtick run inside, so text cannot escape it. */
export function codeBlock(language: string, text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}
