import { decide, decisionOutputs, type DecideFacts } from '../../src/policy/decide.js';
import { DEFAULT_MATRIX, ISSUE_TYPES, type IssueType } from '../../src/policy/matrix.js';

const facts = (issueType: IssueType, overrides: Partial<DecideFacts> = {}): DecideFacts => ({
  issueType,
  affectingUsers: true,
  errorRateThreshold: 0.1,
  dataLoss: false,
  deploymentCaused: true,
  dataCompromised: false,
  ...overrides,
});

describe('the decision matrix, row by row (rule 2 and rule 5)', () => {
  // issue type, severity, code, data, max downtime, priority, action — the README's decide table.
  it.each([
    ['critical-bug', 'high', true, false, '5m', 'P0', 'code'],
    ['data-corruption', 'critical', true, true, '15m', 'P0', 'full'],
    ['performance-degradation', 'medium', true, false, '5m', 'P1', 'code'],
    ['minor-bug', 'low', false, false, '0m', 'P2', 'none'],
    ['config-error', 'medium', false, false, '2m', 'P1', 'config'],
    ['security-issue', 'critical', true, false, '5m', 'P0', 'code'],
    ['external-api-incompatibility', 'high', true, false, '5m', 'P0', 'code'],
    ['none', 'low', false, false, '0m', 'P2', 'none'],
  ] as const)(
    '%s → severity %s, code %s, data %s, downtime %s, %s, action %s',
    (type, severity, code, data, downtime, priority, action) => {
      const outputs = decisionOutputs(decide(facts(type)));
      expect(outputs).toMatchObject({
        severity,
        'code-rollback': String(code),
        'data-rollback': String(data),
        'max-downtime': downtime,
        priority,
        action,
      });
      expect(outputs.reason).toMatch(/\(rule 2\)/);
    },
  );

  it('covers every issue type', () => {
    expect(Object.keys(DEFAULT_MATRIX).sort()).toEqual([...ISSUE_TYPES].sort());
  });
});

describe('the rules, in order', () => {
  it('rule 1: not affecting users → monitor, no rollback, P2, whatever else is true', () => {
    const decision = decide(
      facts('data-corruption', { affectingUsers: false, dataLoss: true, errorRate: 0.9 }),
    );
    expect(decision).toMatchObject({
      action: 'monitor',
      codeRollback: false,
      dataRollback: false,
      priority: 'P2',
    });
    expect(decision.fired.map((f) => f.rule)).toEqual([1]);
    expect(decision.reason).toMatch(/monitor and fix in the next release without a rollback \(rule 1\)/);
  });

  it('rule 2: data-corruption code rollback "maybe" follows deployment-caused', () => {
    expect(decide(facts('data-corruption', { deploymentCaused: false }))).toMatchObject({
      action: 'data',
      codeRollback: false,
    });
    expect(decide(facts('data-corruption', { deploymentCaused: true }))).toMatchObject({
      action: 'full',
      codeRollback: true,
    });
    expect(decide(facts('data-corruption', { deploymentCaused: false })).reason).toMatch(
      /deployment-caused is false/,
    );
  });

  it('rule 2: security-issue data rollback "maybe" follows data-compromised', () => {
    expect(decide(facts('security-issue', { dataCompromised: true }))).toMatchObject({
      action: 'full',
      dataRollback: true,
    });
    expect(decide(facts('security-issue', { dataCompromised: false }))).toMatchObject({
      action: 'code',
      dataRollback: false,
    });
  });

  it('rule 3: data loss adds a data rollback', () => {
    const decision = decide(facts('critical-bug', { dataLoss: true }));
    expect(decision).toMatchObject({ action: 'full', dataRollback: true });
    expect(decision.fired.map((f) => f.rule)).toEqual([2, 3, 5]);
    expect(decide(facts('minor-bug', { dataLoss: true })).action).toBe('data');
  });

  it('rule 4: an error rate above the threshold → code rollback at P0', () => {
    const decision = decide(facts('minor-bug', { errorRate: 0.25 }));
    expect(decision).toMatchObject({ action: 'code', codeRollback: true, priority: 'P0' });
    expect(decision.reason).toMatch(/error rate 25% is above the 10% threshold.*\(rule 4\)/);
    // At the threshold is not above it.
    expect(decide(facts('minor-bug', { errorRate: 0.1 }))).toMatchObject({ action: 'none', priority: 'P2' });
    expect(
      decide(facts('performance-degradation', { errorRate: 0.5, errorRateThreshold: 0.6 })).priority,
    ).toBe('P1');
  });

  it('rule 5: config-error with neither rollback is "config"; with one, the rollback wins', () => {
    expect(decide(facts('config-error')).action).toBe('config');
    expect(decide(facts('config-error', { errorRate: 0.5 })).action).toBe('code');
  });

  it('a severity override changes only the severity', () => {
    expect(decide(facts('critical-bug', { severity: 'low' }))).toMatchObject({
      severity: 'low',
      priority: 'P0',
      action: 'code',
    });
  });

  it('names every rule that fired in one sentence', () => {
    const { reason } = decide(facts('critical-bug', { dataLoss: true, errorRate: 0.5 }));
    expect(reason).toMatch(/^Action full at P0, because .*rule 2.*rule 3.*rule 4.*\.$/);
    expect(reason.split('\n')).toHaveLength(1);
  });
});
