import { memoryHost, testDeps } from '../../__fixtures__/context.js';
import { executeAction, type ActionDefinition } from '../../src/core/action.js';
import { defineInputs, input } from '../../src/core/inputs.js';

const spec = defineInputs({ token: input.string().secret().required(), count: input.integer().default('1') });

function action(
  execute: ActionDefinition<typeof spec.fields>['execute'],
): ActionDefinition<typeof spec.fields> {
  return { name: 'probe-action', inputs: spec, execute };
}

describe('executeAction', () => {
  it('masks secrets before the action runs and redacts them from outputs, summary, logs and report', async () => {
    const host = memoryHost({ RUNNER_TEMP: process.env.TMPDIR ?? '/tmp' });
    let maskedBeforeRun: string[] = [];
    const outcome = await executeAction(
      action(async (_inputs, context) => {
        maskedBeforeRun = [...host.masked];
        context.log.info('using tok_supersecret');
        return {
          outputs: { echo: 'tok_supersecret' },
          summary: 'got tok_supersecret',
          report: { t: 'tok_supersecret' },
        };
      }),
      { token: 'tok_supersecret' },
      host,
      testDeps(),
    );
    expect(outcome.exitCode).toBe(0);
    expect(maskedBeforeRun).toContain('tok_supersecret');
    expect(host.outputs.echo).toBe('***');
    expect(host.summaries).toEqual(['got ***']);
    expect(host.log.lines).toEqual(['info: using ***']);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(host.outputs.report as string, 'utf8')).not.toContain('tok_supersecret');
  });

  it('fails the step for a thrown non-Error, prefixed with the action name', async () => {
    const host = memoryHost();
    const outcome = await executeAction(
      action(async () => {
        throw { reason: 'odd' };
      }),
      { token: 'tok_x1' },
      host,
      testDeps(),
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.failure).toBe('probe-action: {"reason":"odd"}');
    expect(host.log.lines).toEqual(['error: probe-action: {"reason":"odd"}']);
  });

  it('reports configuration errors before running anything', async () => {
    const host = memoryHost();
    let ran = false;
    const outcome = await executeAction(
      action(async () => {
        ran = true;
        return { outputs: {}, report: {} };
      }),
      { count: 'many' },
      host,
      testDeps(),
    );
    expect(ran).toBe(false);
    expect(outcome.exitCode).toBe(1);
    expect(host.log.lines).toEqual([
      "error: probe-action: input 'token' is required; expected any text",
      "error: probe-action: input 'count' 'many' is not a whole number",
    ]);
  });

  it('fails with the result failure but still writes outputs and the report', async () => {
    const host = memoryHost();
    const outcome = await executeAction(
      action(async () => ({ outputs: { status: 'failed' }, report: {}, failure: 'the rollback failed' })),
      { token: 'tok_x1' },
      host,
      testDeps(),
    );
    expect(outcome).toMatchObject({ exitCode: 1, failure: 'probe-action: the rollback failed' });
    expect(host.outputs.status).toBe('failed');
    expect(host.outputs.report).toMatch(/probe-action-.*\.json$/);
  });
});
