/**
 * Provider responses checked against a zod schema before anything reads them, so a provider that
 * changed a field's shape (or an `api-url` that points somewhere else) gives an error naming the
 * field — "Render deploys response: [0].deploy.status: expected string, received number" — instead
 * of a crash deep inside the code that uses it.
 */
import type { z } from 'zod';
import { ProviderError, type Redactor } from './errors.js';

/** How many mismatches a message lists before "and N more". */
const MAX_LISTED = 3;

/** `[0].deploy.status` for the path [0, 'deploy', 'status']. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text || '(the whole response)';
}

/**
 * The value, parsed by the schema; otherwise a ProviderError naming each field that did not match.
 * `at` is where the value sits in the whole answer (['data'] inside a GraphQL envelope), for names.
 */
export function parseResponse<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
  secrets?: Redactor,
  at: readonly PropertyKey[] = [],
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const listed = issues
    .slice(0, MAX_LISTED)
    .map(
      (issue) =>
        `${formatIssuePath([...at, ...issue.path])}: ${issue.message.replace(/^Invalid input: /, '')}`,
    );
  const more = issues.length > MAX_LISTED ? `; and ${issues.length - MAX_LISTED} more` : '';
  throw new ProviderError(`${what}: ${listed.join('; ')}${more}`, {
    retryable: false,
    hint: 'The API answered in a shape this version does not understand: check that the API URL points at the provider, and report it if it does',
    secrets,
  });
}
