/**
 * The rollback actions are one action with three providers: the common inputs, and an action
 * definition that runs the shared flow on whichever provider the inputs build.
 */
import type { ActionContext, ActionDefinition } from '../core/action.js';
import { input, type InputShape, type InputSpec, type InputValues } from '../core/inputs.js';
import { sections } from '../core/summary.js';
import { runRollback } from './flow.js';
import { rollbackOutputs, rollbackSummary } from './outputs.js';
import type { RollbackProvider } from './types.js';

/** Inputs every rollback action has (INTERFACE.md "Common inputs"; `api-url` is per provider). */
export const commonRollbackInputs = {
  target: input.string(),
  wait: input.boolean().default('true'),
  timeout: input.duration({ min: 1000 }).default('10m'),
  'dry-run': input.boolean().default('false'),
};

type CommonInputs = InputValues<typeof commonRollbackInputs>;

export function defineRollbackAction<S extends InputShape & typeof commonRollbackInputs>(
  name: string,
  inputs: InputSpec<S>,
  createProvider: (values: InputValues<S>, context: ActionContext) => RollbackProvider,
): ActionDefinition<S> {
  return {
    name,
    inputs,
    async execute(values, context) {
      const common = values as unknown as CommonInputs;
      const provider = createProvider(values, context);
      const result = await runRollback(
        provider,
        { target: common.target, wait: common.wait, timeoutMs: common.timeout, dryRun: common['dry-run'] },
        context,
      );
      const failed = result.status === 'failed' || result.status === 'timed-out';
      return {
        outputs: rollbackOutputs(result),
        summary: withProviderSection(
          rollbackSummary(result, name),
          provider.summarySection?.(result.details),
        ),
        report: { rollback: result },
        failure: failed ? `${result.message}${result.hint ? ` ${result.hint}.` : ''}` : undefined,
      };
    },
  };
}

/** The common summary, followed by the provider's own section when it has one. */
function withProviderSection(common: string, section: string | undefined): string {
  return section ? sections(common, section) : common;
}
