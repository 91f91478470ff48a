/**
 * How a Fly.io token is sent. Macaroon tokens (`fm1r_…`, `fm1a_…`, `fm2_…`, the kind `fly tokens
 * create` prints) go as `Authorization: FlyV1 <token>`; older personal access tokens as `Bearer`.
 * Both APIs (GraphQL and Machines) take the same header.
 *
 * `fly tokens create` prints the token with its scheme already in front (`FlyV1 fm2_…,fm2_…`), and
 * people paste it as printed, so a leading `FlyV1 ` or `Bearer ` is accepted and not doubled.
 */

const MACAROON = /^(fm1r_|fm1a_|fm2_)/;
const SCHEME = /^(FlyV1|Bearer)\s+/i;

/** The token without a scheme the user may have pasted in front of it. */
export function bareFlyToken(token: string): string {
  return token.trim().replace(SCHEME, '').trim();
}

/** The Authorization header value for a token. */
export function flyAuthorization(token: string): string {
  const trimmed = token.trim();
  const scheme = SCHEME.exec(trimmed)?.[1];
  const bare = bareFlyToken(trimmed);
  if (scheme?.toLowerCase() === 'flyv1' || MACAROON.test(bare)) return `FlyV1 ${bare}`;
  return `Bearer ${bare}`;
}

/**
 * The forms of a token that may appear in text (so they can be redacted): the token as given, without
 * its scheme, and each macaroon of a comma-separated deploy token on its own.
 */
export function flyTokenForms(token: string): string[] {
  const bare = bareFlyToken(token);
  const parts = bare.split(',').map((part) => part.trim());
  return [...new Set([token.trim(), bare, ...parts].filter((form) => form.length > 0))];
}
