/**
 * URLs given as inputs. rollback-guard takes http(s) URLs only, and never one with credentials in
 * it (`https://user:password@host/`): a token has its own input and a header its own, and a URL is
 * written in logs, summaries and reports, where a password inside it would be printed. Such a URL
 * is a configuration error, reported without the credentials; they are also registered as secrets
 * before anything is logged, and removed from any input text the report shows.
 */
import { ParseError } from './parse.js';

/** `scheme://userinfo@`: the userinfo runs to the last '@' before the host's end (as URL parsers read it). */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#\\]*)@/gi;

export const HTTP_URL_ACCEPTED = "an http(s) URL such as 'https://app.example.com/health'";

/** The text with the user name and password of every URL in it replaced by '***'. */
export function hideUrlCredentials(text: string): string {
  return text.replace(USERINFO, '$1***@');
}

/** The credentials of every URL in the text: each whole userinfo, and its password part. */
export function urlCredentialsIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(USERINFO)) {
    const userinfo = match[2] as string;
    if (!userinfo) continue;
    found.push(userinfo);
    const colon = userinfo.indexOf(':');
    if (colon >= 0 && colon < userinfo.length - 1) found.push(userinfo.slice(colon + 1));
  }
  return found;
}

/** An http(s) URL without credentials, or a ParseError that does not repeat the credentials. */
export function parseHttpUrl(text: string): URL {
  const shown = hideUrlCredentials(text.trim());
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ParseError(`'${shown}' is not a URL; expected ${HTTP_URL_ACCEPTED}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ParseError(`'${shown}' is not an http(s) URL`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ParseError(
      `'${hideUrlCredentials(url.href)}' has a user name or password in it; rollback-guard never sends credentials in a URL (they would be printed wherever the URL is): give the token in its own input, or an Authorization header in 'headers'`,
    );
  }
  return url;
}
