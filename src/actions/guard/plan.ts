/**
 * From the guard's inputs to the plan of a run, checked all at once before anything happens. Each
 * step is configured by the same code as its single action: detect's and verify's config builders
 * and cross-checks, the chosen provider's rollback action inputs (through its registry entry, so
 * `service` is checked as a Railway id, a Render service id or a Fly app name), restore-db's inputs
 * and path checks, and decide's policy file loader. Problems come back under the guard's own input
 * names.
 */
import { ConfigurationError, type InputProblem } from '../../core/errors.js';
import { readInputsAs, type RenamedRead } from '../../core/input-names.js';
import type { RawInputs } from '../../core/inputs.js';
import type { GuardPlan } from '../../guard/plan.js';
import { repoContextFromEnv } from '../../guard/github.js';
import { DEFAULT_MATRIX, type Matrix } from '../../policy/matrix.js';
import { loadPolicy } from '../../policy/policy-file.js';
import type { ProviderEntry } from '../../providers/entry.js';
import { inapplicableInputs, PROVIDERS, rollbackInputNames } from '../../providers/registry.js';
import type { RollbackInputShape } from '../../providers/rollback-action.js';
import { checkRestorePaths, type RestoreConfig } from '../../restore/config.js';
import { detectConfig, detectProblems } from '../detect/inputs.js';
import { restoreDbInputs } from '../restore-db/inputs.js';
import { restoreConfigFromInputs } from '../restore-db/main.js';
import { verifyConfig } from '../verify/inputs.js';
import type { GuardInputs } from './inputs.js';

/** Guard inputs every provider's rollback action takes, under these names. */
const COMMON_ROLLBACK_INPUTS = { target: 'target', 'rollback-timeout': 'timeout', 'dry-run': 'dry-run' };

/** Guard inputs restore-db takes, under the same names. */
const RESTORE_INPUTS = {
  database: 'database',
  'backup-dir': 'backup-dir',
  backup: 'backup',
  before: 'before',
  'dry-run': 'dry-run',
};

/** The guard's values as text, for a step that parses them itself. */
function asText(values: Partial<GuardInputs>): RawInputs {
  const named: Record<string, unknown> = values;
  const raw: RawInputs = {};
  for (const [name, value] of Object.entries(named))
    raw[name] = value === undefined || typeof value === 'string' ? value : String(value);
  return raw;
}

/** The chosen provider's rollback inputs, read from the guard's (the guard always waits). */
function readRollback(values: Partial<GuardInputs>, entry: ProviderEntry): RenamedRead<RollbackInputShape> {
  const names = { ...COMMON_ROLLBACK_INPUTS, ...rollbackInputNames(entry) };
  return readInputsAs(entry.rollback.inputs, asText(values), names, { wait: 'true' });
}

function readRestore(values: Partial<GuardInputs>): RenamedRead<typeof restoreDbInputs.fields> {
  return readInputsAs(restoreDbInputs, asText(values), RESTORE_INPUTS);
}

/** detect's cross-checks, when every input they compare is valid on its own. */
function detectCrossProblems(values: Partial<GuardInputs>): InputProblem[] {
  const compared = {
    interval: values.interval,
    window: values.window,
    'baseline-error-rate': values['baseline-error-rate'],
    'max-error-rate': values['max-error-rate'],
    'false-alarm-rate': values['false-alarm-rate'],
    'miss-rate': values['miss-rate'],
  };
  return allGiven(compared) ? detectProblems(compared) : [];
}

function allGiven<T extends object>(values: T): values is { [K in keyof T]-?: NonNullable<T[K]> } {
  return Object.values(values).every((value) => value !== undefined);
}

/** Provider inputs given for a provider that does not take them ("does not apply to Render"). */
function providerInputProblems(
  values: Partial<GuardInputs>,
  defaults: Readonly<Record<string, string | undefined>>,
): InputProblem[] {
  if (values.provider === undefined) return [];
  const entry = PROVIDERS[values.provider];
  // An input left at the guard's default was not given.
  const given = Object.fromEntries(
    Object.entries(asText(values)).filter(([name, value]) => value !== defaults[name]),
  );
  return [...readRollback(values, entry).problems, ...inapplicableInputs(entry, given)];
}

function restoreInputProblems(values: Partial<GuardInputs>): InputProblem[] {
  if (values.database !== undefined) return readRestore(values).problems;
  return (['backup-dir', 'backup', 'before'] as const)
    .filter((name) => values[name] !== undefined)
    .map((name) => ({ input: name, message: 'only applies with database; give database too' }));
}

/**
 * Every problem the steps' own checks find in the guard's inputs, run even when other inputs are bad
 * so that one run reports them all (the guard's `partialCheck`). `defaults` are the guard's default
 * texts, by input.
 */
export function guardInputProblems(
  values: Partial<GuardInputs>,
  defaults: Readonly<Record<string, string | undefined>>,
): InputProblem[] {
  return [
    ...detectCrossProblems(values),
    ...providerInputProblems(values, defaults),
    ...restoreInputProblems(values),
  ];
}

/** The SQLite restore, with its paths checked on disk. */
async function planRestore(
  values: GuardInputs,
): Promise<{ restore?: RestoreConfig; problems: InputProblem[] }> {
  if (values.database === undefined) return { problems: [] };
  const read = readRestore(values);
  const restore = read.values ? restoreConfigFromInputs(read.values) : undefined;
  const problems = restore ? await checkRestorePaths(restore) : read.problems;
  return { restore, problems };
}

/** decide's matrix: the policy file, read now so a bad one stops the run before it watches for minutes. */
async function planMatrix(policy: string | undefined): Promise<{ matrix: Matrix; problems: InputProblem[] }> {
  if (policy === undefined) return { matrix: DEFAULT_MATRIX, problems: [] };
  try {
    return { matrix: await loadPolicy(policy), problems: [] };
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return { matrix: DEFAULT_MATRIX, problems: error.problems };
  }
}

function planVerify(values: GuardInputs): GuardPlan['verify'] {
  return verifyConfig({
    url: values.url,
    'smoke-tests': values['smoke-tests'],
    samples: values['verify-samples'],
    interval: values['verify-interval'],
    timeout: values['verify-timeout'],
    'max-error-rate': values['verify-max-error-rate'],
    'max-latency': values['verify-max-latency'],
    'expect-status': values['expect-status'],
    'expect-body': values['expect-body'],
    'request-timeout': values['request-timeout'],
    headers: values.headers,
    'fail-on-unhealthy': true,
  });
}

function planGitHub(values: GuardInputs, env: NodeJS.ProcessEnv): GuardPlan['github'] {
  const repo = repoContextFromEnv(env);
  const token = values['github-token'];
  if (!token || !repo) return undefined;
  return {
    token,
    repo,
    environment: values['github-environment'],
    recordIncident: values['record-incident'],
  };
}

/**
 * The plan of a run, from inputs that passed `guardInputProblems`. Reads the policy file and checks
 * the restore paths (both can only be checked on disk); every problem found is reported at once.
 */
export async function planGuard(values: GuardInputs, env: NodeJS.ProcessEnv): Promise<GuardPlan> {
  const entry: ProviderEntry = PROVIDERS[values.provider];
  const rollback = readRollback(values, entry);
  const { restore, problems: restoreProblems } = await planRestore(values);
  const { matrix, problems: policyProblems } = await planMatrix(values.policy);
  const problems = [...rollback.problems, ...restoreProblems, ...policyProblems];
  if (problems.length > 0 || !rollback.values) throw new ConfigurationError(problems);
  const rollbackValues = rollback.values;
  return {
    provider: values.provider,
    providerTitle: entry.title,
    service: values.service ?? '',
    mode: values.mode,
    dryRun: values['dry-run'],
    detect: detectConfig(values),
    decide: {
      issueType: values['issue-type'],
      dataLoss: values['data-loss'],
      affectingUsers: values['affecting-users'],
      matrix,
      policyFile: values.policy,
    },
    rollback: {
      action: entry.rollback.name,
      options: {
        target: values.target,
        wait: true,
        timeoutMs: rollbackValues.timeout,
        dryRun: values['dry-run'],
      },
      createProvider: (context) => entry.rollback.createProvider(rollbackValues, context),
    },
    restore,
    verify: planVerify(values),
    github: planGitHub(values, env),
  };
}
