/**
 * Reads action.yml files: with GitHub's own parser (@actions/workflow-parser) for validation, and as
 * plain YAML for the fields tests compare.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import { ROOT } from './bundle.js';

export interface ActionYml {
  name: string;
  description: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string }>;
  runs: { using: string; main: string };
}

export function actionYmlPath(folder: string): string {
  return path.join(ROOT, folder, 'action.yml');
}

export function readActionYml(folder: string): ActionYml {
  return parseYaml(readFileSync(actionYmlPath(folder), 'utf8')) as ActionYml;
}

/** The errors GitHub's parser reports for an action.yml (empty when valid). */
export function actionParserErrors(folder: string, content?: string): string[] {
  const file = actionYmlPath(folder);
  const text = content ?? readFileSync(file, 'utf8');
  const result = parseAction({ name: file, content: text }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((error) => error.message);
}
