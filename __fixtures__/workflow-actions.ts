/**
 * Checks a workflow's use of this repository's actions (`<owner>/rollback-guard[/<name>]@<ref>`)
 * against their action.yml files: the action exists, every `with:` key is one of its inputs, every
 * required input is given, every `steps.<id>.outputs.<name>` read from one of its steps is one of its
 * outputs (a misspelt output is an empty string at run time, not an error), and the job grants the
 * write permissions the steps need.
 */
import { existsSync } from 'node:fs';
import { actionYmlPath, readActionYml, type ActionYml } from './action-metadata.js';
import {
  contextReads,
  expressionsIn,
  isMapping,
  ourActionFolder,
  readWorkflow,
  stringsIn,
  writePermissionsNeeded,
} from './workflow-model.js';

export type ActionUseRule =
  'unknown-action' | 'unknown-input' | 'missing-input' | 'unknown-output' | 'missing-permission';

export interface ActionUseFinding {
  rule: ActionUseRule;
  where: string;
  message: string;
}

/** Reads an action's metadata by folder ('.' = the guard); undefined when there is none. */
export type ActionYmlReader = (folder: string) => ActionYml | undefined;

export const repositoryActions: ActionYmlReader = (folder) =>
  existsSync(actionYmlPath(folder)) ? readActionYml(folder) : undefined;

export function actionUseFindings(text: string, readAction = repositoryActions): ActionUseFinding[] {
  const { jobs } = readWorkflow(text);
  const findings: ActionUseFinding[] = [];
  const find = (rule: ActionUseRule, where: string, message: string) =>
    findings.push({ rule, where, message });

  for (const job of jobs) {
    const actionOfStep = new Map<string, { uses: string; yml: ActionYml }>();
    for (const { step, where } of job.steps) {
      const folder = ourActionFolder(step.uses);
      if (folder === undefined) continue;
      const uses = String(step.uses);
      const yml = readAction(folder);
      if (!yml) {
        find('unknown-action', `${where}.uses`, `${uses}: this repository has no action '${folder}'`);
        continue;
      }
      if (typeof step.id === 'string') actionOfStep.set(step.id, { uses, yml });
      const inputs = yml.inputs ?? {};
      const given = isMapping(step.with) ? step.with : {};
      for (const key of Object.keys(given)) {
        if (!(key in inputs)) {
          find(
            'unknown-input',
            `${where}.with.${key}`,
            `${uses} has no input '${key}' (it has: ${Object.keys(inputs).join(', ')})`,
          );
        }
      }
      for (const [name, meta] of Object.entries(inputs)) {
        const value = given[name];
        if (meta.required && (value === undefined || value === null || String(value).trim() === '')) {
          find('missing-input', `${where}.with`, `${uses} needs the input '${name}'`);
        }
      }
    }

    for (const { where, text: value } of stringsIn(job.job, `jobs.${job.id}`)) {
      for (const read of expressionsIn(value, where).flatMap(contextReads)) {
        const match = /^steps\.([^.]+)\.outputs\.([^.]+)/.exec(read);
        const action = match ? actionOfStep.get(match[1] as string) : undefined;
        if (!match || !action) continue;
        const outputs = Object.keys(action.yml.outputs ?? {});
        if (!outputs.includes(match[2] as string)) {
          find(
            'unknown-output',
            where,
            `${action.uses} (step '${match[1]}') has no output '${match[2]}' (it has: ${outputs.join(', ')})`,
          );
        }
      }
    }

    const granted = isMapping(job.job.permissions) ? job.job.permissions : {};
    for (const [scope, why] of writePermissionsNeeded(job)) {
      if (granted[scope] !== 'write') {
        find('missing-permission', `jobs.${job.id}.permissions`, `${scope}: write is needed: ${why}`);
      }
    }
  }
  return findings;
}
