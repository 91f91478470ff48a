/**
 * Text made inert for a log line: whatever a provider, a health endpoint or a file name put in it,
 * the GitHub runner must not read it as a workflow command, and a terminal must not act on it.
 *
 * The runner reads its step's output line by line (a line ends at LF, CR or CRLF) and runs:
 * - `::name props::data` when the line starts with `::` after leading whitespace (`::add-mask::x`,
 *   `::set-output name=status::rolled-back`, `::stop-commands::token`);
 * - `##[name props]data` ANYWHERE in the line (the older form, still parsed).
 * So a log message becomes one line: line breaks and other control characters are shown as
 * escapes (`\n`, `\r`, `\u001b`: an escape sequence could also recolour, hide or retitle what a
 * terminal or the runner's log viewer shows), a line that would start with `::` is prefixed with a
 * backslash, and `##[` becomes `##\[`. Bidirectional-override characters are escaped too, so text
 * cannot be shown in another order than it is.
 *
 * `%` needs nothing here: the runner never unescapes a plain line, and annotation lines (`::error::`,
 * `::warning::`, `::debug::`, `::add-mask::`) are written by @actions/core, whose `escapeData` turns
 * `%`, CR and LF into `%25`, `%0D`, `%0A`, so a `%0A` inside a message stays text.
 *
 * The function is idempotent (inert text is left as it is), so each layer may apply it.
 */

/** C0 controls but TAB, DEL, C1 controls, the Unicode line and paragraph separators, bidi controls. */
const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /\r\n|[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED_ESCAPES: Record<string, string> = { '\r\n': '\\r\\n', '\n': '\\n', '\r': '\\r' };

/** Whitespace the runner trims before looking for `::` (and a few invisible characters besides). */
const COMMAND_AT_START = /^[\s\u180e]*::/;

/** One log line that no runner or terminal acts on (see the module comment). */
export function inertText(text: string): string {
  const flat = text.replace(
    UNSAFE_CHARACTERS,
    (ch) => NAMED_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const noOldCommands = flat.replace(/##\[/g, '##\\[');
  return COMMAND_AT_START.test(noOldCommands) ? `\\${noOldCommands}` : noOldCommands;
}

/** Text of several lines (a summary printed in a terminal): each line made inert, line breaks kept. */
export function inertLines(text: string): string {
  return text.split(/\r?\n/).map(inertText).join('\n');
}
