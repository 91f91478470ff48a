/**
 * The rollback actions are one action with three providers: the common inputs, and an action
 * definition that runs the shared flow on whichever provider the inputs build.
 */
import type { ActionContext, ActionDefinition } from '../core/action.js';
import { input, type InputShape, type InputSpec, type InputValues } from '../core/inputs.js';
import { sections } from '../core/summary.js';
import { runRollback, type RollbackResult } from './flow.js';
import { rollbackOutputs, rollbackSummary } from './outputs.js';
import type { RollbackProvider } from './types.js';

/** Inputs every rollback action has (the README's rollback-* input tables; `api-url` is per provider). */
export const commonRollbackInputs = {
  target: input.string(),
  wait: input.boolean().default('true'),
  timeout: input.duration({ min: 1000 }).default('10m'),
  'dry-run': input.boolean().default('false'),
};

type CommonInputs = InputValues<typeof commonRollbackInputs>;

/** The inputs of any rollback action: the common ones, and the provider's own. */
export type RollbackInputShape = InputShape & typeof commonRollbackInputs;

/** A rollback action: the action, and how it builds its provider (the guard uses both). */
export interface RollbackActionDefinition<S extends InputShape> extends ActionDefinition<S> {
  createProvider(values: InputValues<S>, context: ActionContext): RollbackProvider;
}

export function defineRollbackAction<S extends RollbackInputShape>(
  name: string,
  inputs: InputSpec<S>,
  createProvider: (values: InputValues<S>, context: ActionContext) => RollbackProvider,
): RollbackActionDefinition<S> {
  return {
    name,
    inputs,
    createProvider,
    async execute(values, context) {
      const common: CommonInputs = values;
      const provider = createProvider(values, context);
      const result = await runRollback(
        provider,
        { target: common.target, wait: common.wait, timeoutMs: common.timeout, dryRun: common['dry-run'] },
        context,
      );
      return {
        outputs: rollbackOutputs(result),
        summary: rollbackStepSummary(result, provider, name),
        report: { rollback: result },
        failure: rollbackFailure(result),
      };
    },
  };
}

/** The failure message of a failed or timed-out rollback, or undefined. */
export function rollbackFailure(result: RollbackResult): string | undefined {
  const failed = result.status === 'failed' || result.status === 'timed-out';
  return failed ? `${result.message}${result.hint ? ` ${result.hint}.` : ''}` : undefined;
}

/** The common summary, followed by the provider's own section when it has one. */
export function rollbackStepSummary(
  result: RollbackResult,
  provider: RollbackProvider,
  title: string,
): string {
  const section = provider.summarySection?.(result.details);
  const common = rollbackSummary(result, title);
  return section ? sections(common, section) : common;
}
