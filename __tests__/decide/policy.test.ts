import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '../../src/core/errors.js';
import { decide } from '../../src/policy/decide.js';
import { loadPolicy, parsePolicy } from '../../src/policy/policy-file.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-policy-'));
const file = (name: string, text: string) => {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
};
const base = {
  affectingUsers: true,
  errorRateThreshold: 0.1,
  dataLoss: false,
  deploymentCaused: true,
  dataCompromised: false,
};

describe('policy files', () => {
  it('overrides the fields a YAML row names and keeps the rest', async () => {
    const matrix = await loadPolicy(file('p.yml', 'minor-bug:\n  code-rollback: true\n  priority: P1\n'));
    expect(matrix['minor-bug']).toMatchObject({
      codeRollback: true,
      priority: 'P1',
      severity: 'low',
      maxDowntimeMs: 0,
    });
    expect(decide({ ...base, issueType: 'minor-bug' }, matrix)).toMatchObject({
      action: 'code',
      priority: 'P1',
    });
  });

  it('reads JSON and accepts "maybe" and durations', async () => {
    const matrix = await loadPolicy(
      file('p.json', JSON.stringify({ 'critical-bug': { 'data-rollback': 'maybe', 'max-downtime': '90s' } })),
    );
    expect(matrix['critical-bug']).toMatchObject({ dataRollback: 'maybe', maxDowntimeMs: 90_000 });
    expect(decide({ ...base, issueType: 'critical-bug', dataCompromised: false }, matrix).action).toBe(
      'code',
    );
  });

  it('still applies rules 1 and 3-5 after an override', () => {
    const matrix = parsePolicy('critical-bug: { code-rollback: false }', 'inline.yml');
    expect(decide({ ...base, issueType: 'critical-bug' }, matrix).action).toBe('none');
    expect(decide({ ...base, issueType: 'critical-bug', errorRate: 0.5 }, matrix).action).toBe('code');
    expect(decide({ ...base, issueType: 'critical-bug', dataLoss: true }, matrix).action).toBe('data');
    expect(decide({ ...base, issueType: 'critical-bug', affectingUsers: false }, matrix).action).toBe(
      'monitor',
    );
  });

  it.each([
    ['unknown issue type', 'typo-bug: { priority: P0 }', /field 'typo-bug' is not an issue type/],
    ['unknown field', 'critical-bug: { urgency: high }', /field 'critical-bug.urgency' is not a row field/],
    [
      'bad priority',
      'critical-bug: { priority: P9 }',
      /field 'critical-bug.priority' is 'P9'; expected one of P0, P1, P2/,
    ],
    ['bad severity', 'critical-bug: { severity: 7 }', /field 'critical-bug.severity' is 7/],
    [
      'bad rollback',
      'critical-bug: { code-rollback: perhaps }',
      /'critical-bug.code-rollback' is 'perhaps'; expected true, false or maybe/,
    ],
    ['bad duration', 'critical-bug: { max-downtime: soon }', /'critical-bug.max-downtime' is 'soon'/],
    ['row not a mapping', 'critical-bug: yes', /field 'critical-bug' must be a mapping/],
    ['not a mapping', '- a\n- b', /must be a mapping from issue type/],
    ['not YAML', 'critical-bug: {', /is not valid YAML or JSON/],
  ])('rejects a policy with a %s, naming the file and the field', (_what, text, message) => {
    let error: ConfigurationError | undefined;
    try {
      parsePolicy(text, 'team-policy.yml');
    } catch (thrown) {
      error = thrown as ConfigurationError;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error!.problems[0]!.input).toBe('policy');
    expect(error!.message).toContain("'team-policy.yml'");
    expect(error!.message).toMatch(message);
  });

  it('reports a missing file as a configuration error naming it', async () => {
    await expect(loadPolicy(path.join(dir, 'absent.yml'))).rejects.toThrow(
      /policy file '.*absent\.yml': it does not exist/,
    );
  });

  it('reports every bad field at once', () => {
    expect(() => parsePolicy('critical-bug: { priority: P9, severity: huge }', 'p.yml')).toThrow(
      /priority.*; .*severity/,
    );
  });
});
