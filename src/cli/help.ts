/** `rollback-guard <action> --help`: the inputs with their descriptions and defaults, from action.yml. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

interface ActionYml {
  name?: string;
  description?: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: unknown }>;
  outputs?: Record<string, { description?: string }>;
}

export function readActionYml(root: string, folder: string): ActionYml {
  return parseYaml(readFileSync(path.join(root, folder, 'action.yml'), 'utf8')) as ActionYml;
}

const wrap = (text: string, indent: string, width = 96): string => {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + word.length + 1 > width - indent.length) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
};

export function actionHelp(
  root: string,
  command: string,
  folder: string,
  secretEnv: Record<string, string>,
): string {
  const yml = readActionYml(root, folder);
  const lines = [
    `rollback-guard ${command} --<input> <value> ... [--json]`,
    '',
    wrap(yml.description ?? '', ''),
    '',
    'Inputs:',
  ];
  for (const [name, meta] of Object.entries(yml.inputs ?? {})) {
    const facts = [
      meta.required ? 'required' : undefined,
      meta.default !== undefined && !String(meta.default).includes('${{')
        ? `default: ${String(meta.default)}`
        : undefined,
      secretEnv[name] ? `or set ${secretEnv[name]}` : undefined,
    ].filter(Boolean);
    lines.push(`  --${name}${facts.length ? `  (${facts.join('; ')})` : ''}`);
    lines.push(wrap(meta.description ?? '', '      '));
  }
  lines.push('', 'Outputs:');
  for (const [name, meta] of Object.entries(yml.outputs ?? {})) {
    lines.push(`  ${name}`, wrap(meta.description ?? '', '      '));
  }
  return lines.join('\n');
}
