import { input, defineInputs } from '../../core/inputs.js';
import { ParseError } from '../../core/parse.js';
import { commonRollbackInputs } from '../rollback-action.js';
import { FLY_GRAPHQL_URL } from './graphql.js';
import { FLY_MACHINES_URL } from './machines.js';

const APP_NAME = /^[a-z0-9][a-z0-9_-]*$/i;
const APP_ACCEPTED = 'a Fly app name (letters, digits, dashes), as `fly apps list` shows it';

export const rollbackFlyInputs = defineInputs({
  'api-token': input.string().required().secret(),
  app: input
    .custom((text) => {
      const name = text.trim();
      if (!APP_NAME.test(name)) throw new ParseError(`'${text}' is not ${APP_ACCEPTED}`);
      return name;
    }, APP_ACCEPTED)
    .required(),
  strategy: input.enum(['rolling', 'immediate']).default('rolling'),
  ...commonRollbackInputs,
  'api-url': input.url().default(FLY_MACHINES_URL),
  'graphql-url': input.url().default(FLY_GRAPHQL_URL),
});
