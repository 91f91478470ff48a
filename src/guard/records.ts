/**
 * The GitHub records of a guard run that acted: a deployment status for the rollback (in the GitHub
 * environment the user names) and an incident issue with the timeline, the decision and its reason,
 * what was live before and after, and the compare link between the two commits. A failure here is a
 * warning: the records must never change what the run did or how it ended.
 */
import type { Logger } from '../core/action.js';
import { describeThrown } from '../core/errors.js';
import { httpStatus, type GitHubClient, type RepoContext } from './github.js';
import type { GuardResult } from './result.js';
import { incidentBody, incidentTitle } from './summary.js';

export interface GuardRecords {
  deploymentId?: number;
  deploymentState?: 'success' | 'failure' | 'error';
  incidentNumber?: number;
  incidentUrl?: string;
  warnings: string[];
}

export interface RecordSettings {
  repo: RepoContext;
  environment: string;
  recordIncident: boolean;
}

export async function writeRecords(
  settings: RecordSettings,
  result: GuardResult,
  github: GitHubClient,
  log: Logger,
): Promise<GuardRecords> {
  const records: GuardRecords = { warnings: [] };
  const { owner, repo } = settings.repo;
  const acted = (result.rollback?.requests ?? 0) > 0 || result.restore?.status === 'restored';

  if (acted) {
    try {
      const state =
        result.outcome === 'rolled-back' ? 'success' : result.outcome === 'failed' ? 'error' : 'failure';
      const description =
        `rollback-guard: ${result.outcome}${result.rollback?.to ? ` to ${result.rollback.to.label}` : ''}`.slice(
          0,
          140,
        );
      const deployment = await createDeployment(github, settings, result.rollback?.to?.commit, description);
      await github.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: deployment,
        state,
        description,
        log_url: settings.repo.runUrl,
        environment: settings.environment,
      });
      records.deploymentId = deployment;
      records.deploymentState = state;
    } catch (error) {
      records.warnings.push(`could not record the deployment status: ${describeThrown(error)}`);
    }
  }

  if (settings.recordIncident) {
    try {
      const { data } = await github.rest.issues.create({
        owner,
        repo,
        title: incidentTitle(result),
        body: incidentBody(result, settings.repo),
        labels: ['incident', 'rollback-guard'],
      });
      records.incidentNumber = data.number;
      records.incidentUrl = data.html_url;
    } catch (error) {
      records.warnings.push(`could not open the incident issue: ${describeThrown(error)}`);
    }
  }
  for (const warning of records.warnings)
    log.warning(`guard: ${warning} (check the token's permissions: deployments: write, issues: write)`);
  return records;
}

/** A deployment at the rolled-back-to commit when GitHub knows it, else at the run's commit. */
async function createDeployment(
  github: GitHubClient,
  settings: RecordSettings,
  commit: string | undefined,
  description: string,
): Promise<number> {
  const { owner, repo, sha } = settings.repo;
  for (const ref of commit && commit !== sha ? [commit, sha] : [sha]) {
    try {
      const { data } = await github.rest.repos.createDeployment({
        owner,
        repo,
        ref,
        environment: settings.environment,
        description,
        auto_merge: false,
        required_contexts: [],
        production_environment: settings.environment === 'production',
      });
      if ('id' in data) return data.id;
      throw new Error(`GitHub did not create the deployment: ${data.message ?? 'no id returned'}`);
    } catch (error) {
      // 422: the provider's commit is not in this repository; use the run's own.
      if (httpStatus(error) !== 422 || ref === sha) throw error;
    }
  }
  throw new Error('no ref to record the deployment at');
}
