/**
 * Every action, by name, with the folder of its action.yml. The CLI runs actions from here, and the
 * metadata tests check each definition against its action.yml.
 */
import type { ActionDefinition } from '../core/action.js';
import type { InputShape } from '../core/inputs.js';
import { decideAction } from './decide/main.js';
import { restoreDbAction } from './restore-db/main.js';
import { rollbackRenderAction } from './rollback-render/main.js';
import { rollbackRailwayAction } from './rollback-railway/main.js';
import { detectAction } from './detect/main.js';
import { verifyAction } from './verify/main.js';
import { rollbackFlyAction } from './rollback-fly/main.js';
import { guardAction } from './guard/main.js';

export interface RegisteredAction {
  definition: ActionDefinition<InputShape>;
  /** Folder of the action.yml, relative to the repository root ('.' for the guard). */
  folder: string;
}

const entry = <S extends InputShape>(definition: ActionDefinition<S>, folder: string): RegisteredAction => ({
  definition: definition as unknown as ActionDefinition<InputShape>,
  folder,
});

export const ACTIONS: Record<string, RegisteredAction> = {
  decide: entry(decideAction, 'decide'),
  'restore-db': entry(restoreDbAction, 'restore-db'),
  'rollback-render': entry(rollbackRenderAction, 'rollback-render'),
  'rollback-railway': entry(rollbackRailwayAction, 'rollback-railway'),
  detect: entry(detectAction, 'detect'),
  verify: entry(verifyAction, 'verify'),
  'rollback-fly': entry(rollbackFlyAction, 'rollback-fly'),
  guard: entry(guardAction, '.'),
};
