/**
 * A workflow file read for checking: its jobs and steps as plain values (with the YAML nodes where a
 * check needs a comment), the `${{ }}` expressions in any text, the contexts an expression reads, and
 * the GitHub token permissions each job needs. Shared by the safety rules (workflow-rules.ts) and
 * the checks of our own actions' use (workflow-actions.ts).
 */
import { isScalar, parseDocument } from 'yaml';

export type Mapping = Record<string, unknown>;

export interface StepModel {
  /** `jobs.<job>.steps[<index>]`, or `… (<id>)` when the step has an id: used in messages. */
  where: string;
  index: number;
  step: Mapping;
  /** The trailing comment of the `uses:` line (`# v5.0.0` → `v5.0.0`), when there is one. */
  usesComment?: string;
}

export interface JobModel {
  id: string;
  job: Mapping;
  steps: StepModel[];
}

export interface WorkflowModel {
  workflow: Mapping;
  jobs: JobModel[];
}

export const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a workflow's text. Throws on YAML that does not parse (actionlint reports that better). */
export function readWorkflow(text: string): WorkflowModel {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`not YAML: ${doc.errors[0]?.message}`);
  const workflow = doc.toJS() as unknown;
  if (!isMapping(workflow)) throw new Error('a workflow is a YAML mapping');
  const jobs = Object.entries(isMapping(workflow.jobs) ? workflow.jobs : {}).map(([id, job]) => {
    const value = isMapping(job) ? job : {};
    const steps = (Array.isArray(value.steps) ? value.steps : []).map((step: unknown, index: number) => {
      const node = doc.getIn(['jobs', id, 'steps', index, 'uses'], true);
      const comment = isScalar(node) ? node.comment?.trim() : undefined;
      const body = isMapping(step) ? step : {};
      const name = typeof body.id === 'string' ? ` (${body.id})` : '';
      return { where: `jobs.${id}.steps[${index}]${name}`, index, step: body, usesComment: comment };
    });
    return { id, job: value, steps };
  });
  return { workflow, jobs };
}

/**
 * The text of every `${{ … }}` in a string, without the braces. The value of an `if:` (its `where`
 * ends in `.if`) is an expression even without them.
 */
export function expressionsIn(text: string, where = ''): string[] {
  const braced = [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((match) => (match[1] as string).trim());
  return braced.length === 0 && /(^|\.)if$/.test(where) ? [text.trim()] : braced;
}

const CONTEXTS = new Set([
  'github',
  'env',
  'vars',
  'job',
  'jobs',
  'steps',
  'runner',
  'secrets',
  'strategy',
  'matrix',
  'needs',
  'inputs',
]);

/**
 * The contexts an expression reads, as dotted paths (`github.event.issue.title`,
 * `steps.live.outputs.from`; `x['y']` is read as `x.y`). String literals are skipped, so
 * `'github.event'` inside quotes is not a read.
 */
export function contextReads(expression: string): string[] {
  const code = expression.replace(/'(?:[^']|'')*'/g, "''");
  const reads: string[] = [];
  for (const match of code.matchAll(/(?<![\w.-])([A-Za-z_][\w-]*)((?:\s*(?:\.[\w*-]+|\[[^\]]*\]))*)/g)) {
    const [, root, rest] = match as unknown as [string, string, string];
    if (!CONTEXTS.has(root.toLowerCase())) continue;
    const parts = [...rest.matchAll(/\.([\w*-]+)|\[([^\]]*)\]/g)].map((part) =>
      part[1] !== undefined ? part[1] : (part[2] as string).trim().replace(/^'(.*)'$/, '$1'),
    );
    reads.push([root.toLowerCase(), ...parts].join('.'));
  }
  return reads;
}

/** Every string inside a value (mapping values and sequence items, recursively), with its path. */
export function stringsIn(value: unknown, where: string): { where: string; text: string }[] {
  if (typeof value === 'string') return [{ where, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, `${where}[${i}]`));
  if (isMapping(value)) return Object.entries(value).flatMap(([k, v]) => stringsIn(v, `${where}.${k}`));
  return [];
}

/**
 * One of this repository's actions, by folder ('.' = guard): `<anyone>/rollback-guard[/<folder>]@<ref>`
 * as users reference them, or `./` and `./<folder>` as this repository's own workflows do (the
 * examples are copied elsewhere, where `./` would be the user's repository, and never use it).
 */
export function ourActionFolder(uses: unknown): string | undefined {
  if (typeof uses !== 'string') return undefined;
  const local = /^\.\/(?:([\w-][\w.-]*)\/?)?$/.exec(uses.trim());
  if (local) return local[1] ?? '.';
  const match = /^[^/@\s]+\/rollback-guard(?:\/([\w.-]+))?@\S+$/.exec(uses.trim());
  return match ? (match[1] ?? '.') : undefined;
}

/** Whether a step runs the guard with a GitHub token (its default is the job's token). */
export function usesGuardWithToken(step: Mapping): boolean {
  if (ourActionFolder(step.uses) !== '.') return false;
  const token = isMapping(step.with) ? step.with['github-token'] : undefined;
  return token === undefined || String(token).trim() !== '';
}

/**
 * The write permissions a job's steps need from its GitHub token, each with why. The guard, when it
 * has a token, creates and deletes its lock ref (contents), records the rollback's deployment
 * status (deployments) and opens the incident issue (issues); in a script, `gh issue
 * create|comment|edit|close` writes issues, `gh release create|edit|upload|delete` and `gh api` calls
 * that change `git/refs` write contents, and `npm publish --provenance` needs GitHub's OIDC token
 * (id-token).
 */
export function writePermissionsNeeded(job: JobModel): Map<string, string> {
  const needed = new Map<string, string>();
  for (const { step } of job.steps) {
    if (usesGuardWithToken(step)) {
      needed.set('contents', 'the guard creates and deletes its lock ref');
      needed.set('deployments', "the guard records the rollback's deployment status");
      needed.set('issues', 'the guard opens the incident issue');
    }
    const run = typeof step.run === 'string' ? step.run : '';
    if (/\bgh\s+issue\s+(create|comment|edit|close)\b/.test(run)) {
      needed.set('issues', `a script runs gh issue`);
    }
    if (/\bgh\s+release\s+(create|edit|upload|delete)\b/.test(run)) {
      needed.set('contents', 'a script creates or changes a release');
    }
    if (/\bgh\s+api\s+--method\s+(POST|PATCH|PUT|DELETE)\s+\S*git\/refs\b/.test(run)) {
      needed.set('contents', 'a script creates or moves a git ref');
    }
    if (/\bnpm\s+publish\b[^\n]*--provenance\b/.test(run)) {
      needed.set('id-token', 'npm publish --provenance signs in with GitHub’s OIDC token');
    }
  }
  return needed;
}
