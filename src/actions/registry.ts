/**
 * Every action, by name, with the folder of its action.yml. The CLI runs actions from here, and the
 * metadata tests check each definition against its action.yml. The rollback actions come from the
 * provider registry: one per provider, in the folder named after the action.
 */
import type { ActionDefinition } from '../core/action.js';
import type { InputShape } from '../core/inputs.js';
import { PROVIDER_ENTRIES } from '../providers/registry.js';
import { decideAction } from './decide/main.js';
import { detectAction } from './detect/main.js';
import { guardAction } from './guard/main.js';
import { restoreDbAction } from './restore-db/main.js';
import { verifyAction } from './verify/main.js';

export interface RegisteredAction {
  definition: ActionDefinition<InputShape>;
  /** Folder of the action.yml, relative to the repository root ('.' for the guard). */
  folder: string;
}

const entry = (definition: ActionDefinition<InputShape>, folder = definition.name): RegisteredAction => ({
  definition,
  folder,
});

export const ACTIONS: Record<string, RegisteredAction> = {
  decide: entry(decideAction),
  'restore-db': entry(restoreDbAction),
  ...Object.fromEntries(PROVIDER_ENTRIES.map(({ rollback }) => [rollback.name, entry(rollback)])),
  detect: entry(detectAction),
  verify: entry(verifyAction),
  guard: entry(guardAction, '.'),
};
