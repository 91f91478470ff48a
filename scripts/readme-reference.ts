// Generates each action's reference in README.md from its action.yml, between the markers
// `<!-- reference:<folder> -->` and `<!-- /reference:<folder> -->`. `npm run readme` rewrites the
// README; the test suite fails when the README is not what this would write.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

interface ActionYml {
  inputs?: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string }>;
}

const cell = (text: string): string => text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');

export function renderReference(yml: ActionYml): string {
  const inputs = Object.entries(yml.inputs ?? {}).map(
    ([name, meta]) =>
      `| \`${name}\` | ${meta.required ? 'yes' : 'no'} | ${meta.default === undefined ? '' : `\`${cell(String(meta.default))}\``} | ${cell(meta.description ?? '')} |`,
  );
  const outputs = Object.entries(yml.outputs ?? {}).map(
    ([name, meta]) => `| \`${name}\` | ${cell(meta.description ?? '')} |`,
  );
  return [
    '| Input | Required | Default | Description |',
    '| --- | --- | --- | --- |',
    ...inputs,
    '',
    '| Output | Description |',
    '| --- | --- |',
    ...outputs,
  ].join('\n');
}

/** The README with every marked reference regenerated from the action.yml it names. */
export function updateReadme(readme: string, root: string): string {
  return readme.replace(
    /<!-- reference:([\w.-]+) -->\n[\s\S]*?<!-- \/reference:\1 -->/g,
    (_all, folder: string) => {
      const yml = parseYaml(readFileSync(path.join(root, folder, 'action.yml'), 'utf8')) as ActionYml;
      return `<!-- reference:${folder} -->\n${renderReference(yml)}\n<!-- /reference:${folder} -->`;
    },
  );
}

/** Folders whose reference the README carries. */
export function referencedFolders(readme: string): string[] {
  return [...readme.matchAll(/<!-- reference:([\w.-]+) -->/g)].map((match) => match[1] as string);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const file = path.join(root, 'README.md');
  const before = readFileSync(file, 'utf8');
  const after = updateReadme(before, root);
  if (after !== before) writeFileSync(file, after);
  console.log(after === before ? 'README.md is up to date' : 'README.md references regenerated');
}
