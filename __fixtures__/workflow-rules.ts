/**
 * The safety rules every example workflow follows, as a checker that names each breach:
 * - permissions: `permissions:` at the top is none or read-only, every job declares its own as named
 *   scopes, and a job is granted no write scope that nothing it runs needs;
 * - secrets: a secret is read only as `secrets.*` (or `github.token`) in a step's `with:` or `env:`,
 *   never in a script, a job or workflow `env:`, a condition or a name, and never written as text; a
 *   token input comes from a secret, or from an earlier step of the same job that minted it (a
 *   GitHub App token, a cloud login, this repository's local sandbox);
 * - untrusted-in-run: no expression in a `run:` script (or github-script's `script:`) reads anything
 *   but a short list of values GitHub itself sets; the rest goes through `env:` (script injection);
 * - pinned: every action outside this repository is pinned to a full commit SHA with a version comment
 *   (docker images to a digest);
 * - timeout: every job has `timeout-minutes` (the default is 6 hours);
 * - checkout-credentials: actions/checkout runs with `persist-credentials: false`, so the token is not
 *   left in .git/config for later steps.
 */
import {
  contextReads,
  expressionsIn,
  isMapping,
  ourActionFolder,
  readWorkflow,
  stringsIn,
  writePermissionsNeeded,
  type Mapping,
} from './workflow-model.js';

export type SafetyRule =
  'permissions' | 'secrets' | 'untrusted-in-run' | 'pinned' | 'timeout' | 'checkout-credentials';

export interface SafetyFinding {
  rule: SafetyRule;
  where: string;
  message: string;
}

/** Values GitHub sets for the run itself; nobody outside can put text into them. */
const SAFE_IN_RUN = [
  /^github\.(repository|repository_owner|repository_id|run_id|run_number|run_attempt|server_url|api_url|graphql_url|sha|event_name|workflow|job|action|workspace|retention_days)$/,
  /^runner\./,
  /^strategy\./,
  /^job\.status$/,
];

const isSecretRead = (read: string): boolean => read.startsWith('secrets') || read === 'github.token';

/** A key that names a secret (`token`, `github-token`, `GH_TOKEN`, `api-key`, `DB_PASSWORD`, ...). */
const SECRET_KEY = /(^|[-_])(token|secret|password|passwd|api[-_]?key|access[-_]?key|private[-_]?key)$/i;

/** Where a secret may be read: a step's `with:` or `env:`, and nothing else. */
const SECRET_PLACE = /^jobs\.[^.]+\.steps\[\d+\]\.(with|env)\.[^.[]+$/;

/** For each step (`jobs.<job>.steps[<index>]`), the ids of the steps before it in its job. */
function earlierStepIds(jobs: ReturnType<typeof readWorkflow>['jobs']): Map<string, Set<string>> {
  const earlier = new Map<string, Set<string>>();
  for (const job of jobs) {
    const ids = new Set<string>();
    for (const { step, index } of job.steps) {
      earlier.set(`jobs.${job.id}.steps[${index}]`, new Set(ids));
      if (typeof step.id === 'string') ids.add(step.id);
    }
  }
  return earlier;
}

export function safetyFindings(text: string): SafetyFinding[] {
  const { workflow, jobs } = readWorkflow(text);
  const earlier = earlierStepIds(jobs);
  const findings: SafetyFinding[] = [];
  const find = (rule: SafetyRule, where: string, message: string) => findings.push({ rule, where, message });

  // permissions
  const top = workflow.permissions;
  if (top === undefined) {
    find(
      'permissions',
      'permissions',
      'no top-level permissions: write `permissions: {}` (or read-only scopes)',
    );
  } else if (typeof top === 'string' && top !== 'read-all') {
    find('permissions', 'permissions', `top-level permissions '${top}': use {} or read-only scopes`);
  } else if (isMapping(top)) {
    for (const [scope, level] of Object.entries(top)) {
      if (level === 'write') {
        find('permissions', `permissions.${scope}`, `top-level ${scope}: write: grant writes per job`);
      }
    }
  }
  for (const job of jobs) {
    const where = `jobs.${job.id}.permissions`;
    const granted = job.job.permissions;
    if (granted === undefined) {
      find('permissions', where, 'the job declares no permissions: name the scopes it needs ({} for none)');
    } else if (!isMapping(granted)) {
      find('permissions', where, `'${String(granted)}': name the scopes the job needs instead`);
    } else {
      const needed = writePermissionsNeeded(job);
      for (const [scope, level] of Object.entries(granted)) {
        if (level === 'write' && !needed.has(scope)) {
          find('permissions', `${where}.${scope}`, `${scope}: write is not needed by anything this job runs`);
        }
      }
    }
  }

  // secrets, and the expressions in scripts
  for (const { where, text: value } of stringsIn(workflow, '')) {
    const path = where.replace(/^\./, '');
    const key = /\.([^.[]+)$/.exec(path)?.[1] ?? '';
    const reads = expressionsIn(value, path).flatMap(contextReads);
    const readsSecret = reads.some(isSecretRead);
    const inScript = /\.steps\[\d+\]\.run$/.test(path) || /\.steps\[\d+\]\.with\.script$/.test(path);

    if (readsSecret && !SECRET_PLACE.test(path)) {
      const hint = inScript
        ? "pass it to the script through the step's env:"
        : /\.env\./.test(path)
          ? "a job or workflow env: hands it to every step: move it to the step's env:"
          : "read it only in a step's with: or env:";
      find('secrets', path, `a secret is read here: ${hint}`);
    }
    if (SECRET_KEY.test(key) && /(^|\.)(with|env)\.[^.[]+$/.test(path) && value.trim() !== '') {
      if (!value.includes('${{')) {
        find(
          'secrets',
          path,
          `'${key}' is written as text: store it as a secret and use \${{ secrets.NAME }}`,
        );
      } else if (!readsSecret && !mintedEarlier(reads, path, earlier)) {
        find(
          'secrets',
          path,
          `'${key}' comes from ${reads.join(', ') || 'an expression'}, not from secrets.* or an earlier step of the job`,
        );
      }
    }
    if (inScript) {
      for (const read of reads) {
        if (isSecretRead(read) || SAFE_IN_RUN.some((safe) => safe.test(read))) continue;
        find(
          'untrusted-in-run',
          path,
          `\${{ ${read} }} is pasted into the script before it runs: pass it through env: and use "$NAME"`,
        );
      }
    }
  }

  // pinned actions, checkout credentials, timeouts
  for (const job of jobs) {
    if (typeof job.job.uses === 'string') {
      checkPinned(job.job.uses, undefined, `jobs.${job.id}.uses`, find);
    } else if (job.job['timeout-minutes'] === undefined) {
      find('timeout', `jobs.${job.id}`, 'no timeout-minutes: a stuck job would hold its runner for 6 hours');
    }
    for (const { step, where, usesComment } of job.steps) {
      if (typeof step.uses !== 'string') continue;
      checkPinned(step.uses, usesComment, `${where}.uses`, find);
      if (/^actions\/checkout@/i.test(step.uses) && !checkoutForgetsToken(step)) {
        find(
          'checkout-credentials',
          where,
          'actions/checkout keeps the token in .git/config: set persist-credentials: false',
        );
      }
    }
  }
  return findings;
}

/** Whether every read is an output of a step that ran before this one in the same job. */
function mintedEarlier(reads: string[], path: string, earlier: Map<string, Set<string>>): boolean {
  const step = /^(jobs\.[^.]+\.steps\[\d+\])\./.exec(path)?.[1];
  const before = step ? earlier.get(step) : undefined;
  return (
    before !== undefined &&
    reads.length > 0 &&
    reads.every((read) => {
      const match = /^steps\.([^.]+)\.outputs\./.exec(read);
      return match !== null && before.has(match[1] as string);
    })
  );
}

function checkPinned(
  uses: string,
  comment: string | undefined,
  where: string,
  find: (rule: SafetyRule, where: string, message: string) => void,
): void {
  if (uses.startsWith('./') || ourActionFolder(uses) !== undefined) return;
  if (uses.startsWith('docker://')) {
    if (!/@sha256:[0-9a-f]{64}$/.test(uses))
      find('pinned', where, `${uses}: pin the image to its @sha256: digest`);
    return;
  }
  if (!/@[0-9a-f]{40}$/.test(uses)) {
    find('pinned', where, `${uses}: pin it to a full 40-character commit SHA (a tag or branch can be moved)`);
  } else if (!comment || !/^v?\d+(\.\d+)*\b/.test(comment)) {
    find('pinned', where, `${uses}: add the version the SHA is, as a comment ('# v5.0.0')`);
  }
}

function checkoutForgetsToken(step: Mapping): boolean {
  return isMapping(step.with) && String(step.with['persist-credentials']).trim() === 'false';
}
