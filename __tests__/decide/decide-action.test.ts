import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryHost, testDeps } from '../../__fixtures__/context.js';
import { runBundle } from '../../__fixtures__/bundle.js';
import { decideAction } from '../../src/actions/decide/main.js';
import { executeAction } from '../../src/core/action.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rg-decide-'));

describe('the decide action', () => {
  it('writes every output, a summary and a report', async () => {
    const host = memoryHost({ RUNNER_TEMP: tmp });
    const outcome = await executeAction(
      decideAction,
      { 'issue-type': 'critical-bug', 'error-rate': '34%', 'data-loss': 'true' },
      host,
      testDeps(),
    );
    expect(outcome.exitCode).toBe(0);
    expect(host.outputs).toMatchObject({
      action: 'full',
      'code-rollback': 'true',
      'data-rollback': 'true',
      priority: 'P0',
    });
    expect(host.outputs.reason).toMatch(/rule 3.*rule 4/);
    expect(host.summaries.join('')).toMatch(/\| Data rollback \| yes \|/);
    const report = JSON.parse(readFileSync(host.outputs.report as string, 'utf8'));
    expect(report).toMatchObject({
      action: 'decide',
      decision: { action: 'full' },
      inputs: { 'issue-type': 'critical-bug' },
    });
    expect(path.dirname(host.outputs.report as string)).toBe(path.join(tmp, 'rollback-guard'));
  });

  it('reports a malformed policy as a configuration error, with no outputs', async () => {
    const policy = path.join(tmp, 'bad.yml');
    writeFileSync(policy, 'critical-bug: { priority: urgent }\n');
    const host = memoryHost({ RUNNER_TEMP: tmp });
    const outcome = await executeAction(
      decideAction,
      { 'issue-type': 'critical-bug', policy },
      host,
      testDeps(),
    );
    expect(outcome.exitCode).toBe(1);
    expect(host.outputs).toEqual({});
    expect(host.log.lines).toEqual([
      expect.stringMatching(
        /^error: decide: input 'policy' policy file '.*bad\.yml': field 'critical-bug\.priority' is 'urgent'/,
      ),
    ]);
  });
});

describe('dist/decide/index.js, run as the runner runs it', () => {
  it('writes the outputs of a data-corruption not caused by the deployment', async () => {
    const run = await runBundle('dist/decide/index.js', {
      'issue-type': 'data-corruption',
      'deployment-caused': 'false',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      action: 'data',
      'code-rollback': 'false',
      'data-rollback': 'true',
      priority: 'P0',
    });
    expect(run.outputs['max-downtime']).toBe('15m');
    expect(run.report).toMatchObject({ action: 'decide' });
    expect(run.summary).toContain('## rollback-guard · decide');
  });

  it('exits 1 naming each bad input, one ::error:: line per input', async () => {
    const run = await runBundle('dist/decide/index.js', { 'issue-type': 'oops', 'error-rate': 'lots' });
    expect(run.exitCode).toBe(1);
    const errors = run.lines.filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^::error::decide: input 'issue-type' 'oops' is not one of critical-bug,/);
    expect(errors[1]).toMatch(/^::error::decide: input 'error-rate' 'lots' is not a rate/);
    expect(run.outputs).toEqual({});
  });
});
