import { input, defineInputs } from '../../core/inputs.js';
import { ParseError } from '../../core/parse.js';
import { RAILWAY_API_URL, RAILWAY_TOKEN_TYPES } from './client.js';
import { commonRollbackInputs } from '../rollback-action.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const RAILWAY_ID_ACCEPTED =
  "a Railway id, a UUID such as '3f2a9c1d-5b6e-4f70-8a91-2b3c4d5e6f70' (in the dashboard URL or the service's settings), not a name";

/** Railway ids are UUIDs; a service or environment name here is the usual mistake, caught before any call. */
export function parseRailwayId(text: string): string {
  const id = text.trim();
  if (!UUID.test(id)) throw new ParseError(`'${text}' is not ${RAILWAY_ID_ACCEPTED}`);
  return id.toLowerCase();
}

export const rollbackRailwayInputs = defineInputs({
  token: input.string().required().secret(),
  'token-type': input.enum(RAILWAY_TOKEN_TYPES).default('account'),
  'service-id': input.custom(parseRailwayId, RAILWAY_ID_ACCEPTED).required(),
  'environment-id': input.custom(parseRailwayId, RAILWAY_ID_ACCEPTED).required(),
  ...commonRollbackInputs,
  'api-url': input.url().default(RAILWAY_API_URL),
});
