// The layer rule in eslint.config.js (run by `npm test` through `npm run lint`) fires on an import
// that points up the layers, and lets the allowed directions through. Each case lints a source text
// as if it were a file at that path, with the project's own configuration.
import path from 'node:path';
import { ESLint } from 'eslint';
import { ROOT } from '../../__fixtures__/bundle.js';

const RULE = 'import-x/no-restricted-paths';
const eslint = new ESLint({ cwd: ROOT });

/** The layer-rule messages for a file at `file` (relative to the root) importing `from`. */
async function layerErrors(file: string, from: string): Promise<string[]> {
  const code = `import * as imported from '${from}';\nexport const used = imported;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('the layer rule', () => {
  it.each([
    ['src/core/wrong.ts', '../guard/guard.js', 'src/core may not import src/guard'],
    ['src/core/wrong.ts', '../providers/registry.js', 'src/core may not import src/providers'],
    ['src/providers/wrong.ts', '../actions/registry.js', 'src/providers may not import src/actions'],
    ['src/providers/railway/wrong.ts', '../../guard/plan.js', 'src/providers may not import src/guard'],
    ['src/probe/wrong.ts', '../sandbox/index.js', 'src/probe may not import src/sandbox'],
    ['src/guard/wrong.ts', '../actions/guard/plan.js', 'src/guard may not import src/actions'],
    ['src/actions/guard/wrong.ts', '../../cli/main.js', 'src/actions may not import src/cli'],
    ['src/drill/wrong.ts', '../cli/main.js', 'src/drill may not import src/cli'],
    ['src/sandbox/wrong.ts', '../guard/guard.js', 'src/sandbox may not import src/guard'],
  ])('%s importing %s: %s', async (file, from, message) => {
    expect(await layerErrors(file, from)).toEqual([expect.stringContaining(message)]);
  });

  it.each([
    ['src/guard/fine.ts', '../providers/registry.js'],
    ['src/actions/guard/fine.ts', '../../guard/guard.js'],
    ['src/providers/fine.ts', '../core/action.js'],
    ['src/sandbox/fine.ts', '../providers/railway/client.js'],
    ['src/drill/fine.ts', '../sandbox/index.js'],
    ['src/cli/fine.ts', '../drill/command.js'],
  ])('%s may import %s', async (file, from) => {
    expect(await layerErrors(file, from)).toEqual([]);
  });
});
