import { input, defineInputs } from '../../core/inputs.js';
import { ParseError } from '../../core/parse.js';
import { commonRollbackInputs } from '../rollback-action.js';
import { RENDER_API_URL } from './client.js';

const SERVICE_ID_ACCEPTED = "a Render service id such as 'srv-d0abc123xyz' (letters, digits, '-' and '_')";

/** The id goes into the URL path, so only the characters Render ids are made of are accepted. */
function parseServiceId(text: string): string {
  const id = text.trim();
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new ParseError(`'${text}' is not ${SERVICE_ID_ACCEPTED}`);
  return id;
}

export const rollbackRenderInputs = defineInputs({
  ...commonRollbackInputs,
  'api-key': input.string().required().secret(),
  'service-id': input.custom(parseServiceId, SERVICE_ID_ACCEPTED).required(),
  'disable-auto-deploy': input.boolean().default('true'),
  'api-url': input.url().default(RENDER_API_URL),
});
