/**
 * From the guard's inputs to the configuration of each step, checked all at once before anything
 * happens. Each step is configured by the same code as its single action: detect's and verify's
 * config builders and cross-checks, the chosen provider's rollback action inputs (so `service` is
 * checked as a Railway id, a Render service id or a Fly app name), restore-db's inputs and path
 * checks, and decide's policy file loader. Problems come back under the guard's own input names.
 */
import { ConfigurationError, type InputProblem } from '../core/errors.js';
import {
  readInputs,
  type InputShape,
  type InputSpec,
  type InputValues,
  type RawInputs,
} from '../core/inputs.js';
import { detectConfig, detectProblems, type DetectInputs } from '../actions/detect/inputs.js';
import type { GuardInputs, ProviderName } from '../actions/guard/inputs.js';
import { restoreConfigFromInputs } from '../actions/restore-db/main.js';
import { restoreDbInputs } from '../actions/restore-db/inputs.js';
import { rollbackFlyAction } from '../actions/rollback-fly/main.js';
import { rollbackRailwayAction } from '../actions/rollback-railway/main.js';
import { rollbackRenderAction } from '../actions/rollback-render/main.js';
import { verifyConfig } from '../actions/verify/inputs.js';
import type { ActionContext } from '../core/action.js';
import { DEFAULT_MATRIX, type IssueType, type Matrix } from '../policy/matrix.js';
import { loadPolicy } from '../policy/policy-file.js';
import type { DetectConfig } from '../probe/detect.js';
import type { VerifyConfig } from '../probe/verify.js';
import type { RollbackOptions } from '../providers/flow.js';
import type { RollbackActionDefinition } from '../providers/rollback-action.js';
import type { RollbackProvider } from '../providers/types.js';
import { FLY_GRAPHQL_URL } from '../providers/fly/graphql.js';
import { checkRestorePaths, type RestoreConfig } from '../restore/config.js';
import { repoContextFromEnv, type RepoContext } from './github.js';

/** Each provider's rollback action, and which of its inputs each guard input fills. */
const PROVIDERS: Record<
  ProviderName,
  { action: RollbackActionDefinition<InputShape>; title: string; inputs: Record<string, string> }
> = {
  railway: {
    action: rollbackRailwayAction as unknown as RollbackActionDefinition<InputShape>,
    title: 'Railway',
    inputs: {
      token: 'token',
      'token-type': 'token-type',
      service: 'service-id',
      environment: 'environment-id',
    },
  },
  render: {
    action: rollbackRenderAction as unknown as RollbackActionDefinition<InputShape>,
    title: 'Render',
    inputs: { token: 'api-key', service: 'service-id', 'disable-auto-deploy': 'disable-auto-deploy' },
  },
  fly: {
    action: rollbackFlyAction as unknown as RollbackActionDefinition<InputShape>,
    title: 'Fly.io',
    inputs: { token: 'api-token', service: 'app', strategy: 'strategy', 'graphql-url': 'graphql-url' },
  },
};

/** Guard inputs every provider's rollback action takes under the same or another name. */
const COMMON_ROLLBACK_INPUTS: Record<string, string> = {
  'api-url': 'api-url',
  target: 'target',
  'rollback-timeout': 'timeout',
  'dry-run': 'dry-run',
};

export interface GuardPlan {
  provider: ProviderName;
  providerTitle: string;
  /** The service as the user named it (for the lock, summaries and the incident). */
  service: string;
  mode: 'watch' | 'rollback';
  dryRun: boolean;
  detect: DetectConfig;
  decide: {
    issueType?: IssueType;
    dataLoss: boolean;
    affectingUsers: boolean;
    matrix: Matrix;
    policyFile?: string;
  };
  rollback: {
    action: string;
    options: RollbackOptions;
    createProvider(context: ActionContext): RollbackProvider;
  };
  /** The SQLite restore, when a database is given. */
  restore?: RestoreConfig;
  verify: VerifyConfig;
  /** Where to take the lock and write the records; absent without a token or a repository. */
  github?: { token: string; repo: RepoContext; environment: string; recordIncident: boolean };
}

/**
 * Reads another action's inputs from the guard's: `names` maps guard input → that action's input.
 * A problem comes back under the guard's name for the input.
 */
function readAs<S extends InputShape>(
  spec: InputSpec<S>,
  raw: RawInputs,
  names: Record<string, string>,
  problems: InputProblem[],
): InputValues<S> | undefined {
  const guardName = Object.fromEntries(Object.entries(names).map(([guard, own]) => [own, guard]));
  try {
    return readInputs(spec, raw);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    for (const problem of error.problems) {
      problems.push({ ...problem, input: guardName[problem.input] ?? problem.input });
    }
    return undefined;
  }
}

/** The raw text of a guard value, for a step that parses it itself. */
function text(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : String(value);
}

/** The rollback action's raw inputs, from the guard's values. */
function rollbackRaw(values: Partial<GuardInputs>): { raw: RawInputs; names: Record<string, string> } {
  const names = { ...COMMON_ROLLBACK_INPUTS, ...PROVIDERS[values.provider as ProviderName].inputs };
  const raw: RawInputs = { wait: 'true' };
  for (const [guard, own] of Object.entries(names)) raw[own] = text(values[guard as keyof GuardInputs]);
  return { raw, names };
}

const RESTORE_INPUTS = {
  database: 'database',
  'backup-dir': 'backup-dir',
  backup: 'backup',
  before: 'before',
  'dry-run': 'dry-run',
};

function restoreRaw(values: Partial<GuardInputs>): RawInputs {
  const raw: RawInputs = {};
  for (const [guard, own] of Object.entries(RESTORE_INPUTS))
    raw[own] = text(values[guard as keyof GuardInputs]);
  return raw;
}

const DETECT_CROSS_INPUTS = [
  'baseline-error-rate',
  'max-error-rate',
  'false-alarm-rate',
  'miss-rate',
  'window',
  'interval',
];

/**
 * Every problem the steps' own checks find in the guard's inputs, run even when other inputs are bad
 * so that one run reports them all (the guard's `partialCheck`).
 */
export function guardInputProblems(
  values: Partial<GuardInputs>,
  invalid: ReadonlySet<string>,
): InputProblem[] {
  const problems: InputProblem[] = [];
  if (!DETECT_CROSS_INPUTS.some((name) => invalid.has(name))) {
    problems.push(...detectProblems(values as unknown as DetectInputs));
  }
  if (values.provider !== undefined) {
    const provider = PROVIDERS[values.provider];
    const { raw, names } = rollbackRaw(values);
    readAs(provider.action.inputs, raw, names, problems);
    for (const [input, given] of [
      ['environment', values.environment],
      ['token-type', values['token-type'] !== 'account' ? values['token-type'] : undefined],
      ['strategy', values.strategy !== 'rolling' ? values.strategy : undefined],
      ['graphql-url', values['graphql-url'] !== FLY_GRAPHQL_URL ? values['graphql-url'] : undefined],
      [
        'disable-auto-deploy',
        values['disable-auto-deploy'] !== 'true' ? values['disable-auto-deploy'] : undefined,
      ],
    ] as const) {
      if (given !== undefined && !(input in provider.inputs)) {
        problems.push({ input, message: `does not apply to ${provider.title}; leave it empty` });
      }
    }
  }
  if (values.database !== undefined) {
    readAs(restoreDbInputs, restoreRaw(values), RESTORE_INPUTS, problems);
  } else {
    for (const name of ['backup-dir', 'backup', 'before'] as const) {
      if (values[name] !== undefined)
        problems.push({ input: name, message: 'only applies with database; give database too' });
    }
  }
  return problems;
}

/**
 * The plan of a run, from inputs that passed `guardInputProblems`. Reads the policy file and checks
 * the restore paths (both can only be checked on disk); every problem found is reported at once.
 */
export async function planGuard(values: GuardInputs, env: NodeJS.ProcessEnv): Promise<GuardPlan> {
  const problems: InputProblem[] = [];
  const provider = PROVIDERS[values.provider];
  const { raw, names } = rollbackRaw(values);
  const rollbackValues = readAs(provider.action.inputs, raw, names, problems);

  let restore: RestoreConfig | undefined;
  if (values.database !== undefined) {
    const restoreValues = readAs(restoreDbInputs, restoreRaw(values), RESTORE_INPUTS, problems);
    restore = restoreValues ? restoreConfigFromInputs(restoreValues) : undefined;
    if (restore) problems.push(...(await checkRestorePaths(restore)));
  }

  // decide: the policy file, read now so a bad one stops the run before it watches for minutes.
  let matrix: Matrix = DEFAULT_MATRIX;
  if (values.policy !== undefined) {
    try {
      matrix = await loadPolicy(values.policy);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0 || !rollbackValues) throw new ConfigurationError(problems);

  const detectValues = { ...values, 'fail-on-unhealthy': false } as unknown as DetectInputs;
  const repo = repoContextFromEnv(env);
  const rollbackTimeout = (rollbackValues as { timeout: number }).timeout;
  return {
    provider: values.provider,
    providerTitle: provider.title,
    service: values.service ?? '',
    mode: values.mode,
    dryRun: values['dry-run'],
    detect: detectConfig(detectValues),
    decide: {
      issueType: values['issue-type'],
      dataLoss: values['data-loss'],
      affectingUsers: values['affecting-users'],
      matrix,
      policyFile: values.policy,
    },
    rollback: {
      action: provider.action.name,
      options: { target: values.target, wait: true, timeoutMs: rollbackTimeout, dryRun: values['dry-run'] },
      createProvider: (context) => provider.action.createProvider(rollbackValues, context),
    },
    restore,
    verify: verifyConfig({
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
    }),
    github:
      values['github-token'] && repo
        ? {
            token: values['github-token'],
            repo,
            environment: values['github-environment'],
            recordIncident: values['record-incident'],
          }
        : undefined,
  };
}
