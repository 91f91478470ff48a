import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { actionParserErrors, readActionYml } from '../../__fixtures__/action-metadata.js';
import { ROOT } from '../../__fixtures__/bundle.js';
import { ACTIONS } from '../../src/actions/registry.js';
import { readInputs } from '../../src/core/inputs.js';

/** Every folder with an action.yml, and the root. */
const folders = [
  ...readdirSync(ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(ROOT, d.name, 'action.yml')))
    .map((d) => d.name),
  ...(existsSync(path.join(ROOT, 'action.yml')) ? ['.'] : []),
];

describe('action.yml files', () => {
  it("GitHub's parser does report a broken action.yml (so the checks below can fail)", () => {
    const broken = 'name: x\ndescription: y\nruns:\n  using: node99\n  main: index.js\nsurprise: true\n';
    expect(actionParserErrors('decide', broken).length).toBeGreaterThan(0);
  });

  it('exist for every registered action', () => {
    for (const { folder } of Object.values(ACTIONS)) expect(folders).toContain(folder);
  });

  describe.each(folders)('%s/action.yml', (folder) => {
    const yml = readActionYml(folder);

    it("parses with GitHub's own parser without errors", () => {
      expect(actionParserErrors(folder)).toEqual([]);
    });

    it('runs on node24 and points runs.main at a file that exists', () => {
      expect(yml.runs.using).toBe('node24');
      expect(existsSync(path.join(ROOT, folder, yml.runs.main))).toBe(true);
      const name = folder === '.' ? 'guard' : folder;
      expect(path.normalize(path.join(folder, yml.runs.main))).toBe(path.join('dist', name, 'index.js'));
    });

    it('describes every input and output', () => {
      for (const [name, meta] of Object.entries({ ...yml.inputs, ...yml.outputs })) {
        expect([name, meta.description?.trim()]).toEqual([name, expect.stringMatching(/\S/)]);
      }
    });
  });
});

describe.each(Object.entries(ACTIONS))(
  'the %s schema agrees with its action.yml',
  (_name, { definition, folder }) => {
    const yml = readActionYml(folder);
    const fields = definition.inputs.fields;

    it('declares the same inputs', () => {
      expect(Object.keys(yml.inputs ?? {}).sort()).toEqual(Object.keys(fields).sort());
    });

    it('marks the same inputs required and has the same defaults', () => {
      for (const [name, field] of Object.entries(fields)) {
        const meta = yml.inputs?.[name];
        expect([name, Boolean(meta?.required)]).toEqual([name, field.options.required]);
        const ymlDefault = meta?.default === undefined ? undefined : String(meta.default);
        // A `${{ ... }}` default (e.g. github.token) is the runner's to fill in; the schema has none.
        if (ymlDefault?.includes('${{')) continue;
        expect([name, ymlDefault]).toEqual([name, field.options.defaultText]);
      }
    });

    it('accepts every action.yml default', () => {
      const raw = Object.fromEntries(
        Object.entries(yml.inputs ?? {}).map(([name, meta]) => [
          name,
          meta.default === undefined ? undefined : String(meta.default),
        ]),
      );
      const problems = (() => {
        try {
          readInputs({ fields }, raw);
          return [];
        } catch (error) {
          const list = (error as { problems?: { input: string; message: string }[] }).problems ?? [];
          // Required inputs have no default; only problems with given defaults count.
          return list.filter((p) => raw[p.input] !== undefined);
        }
      })();
      expect(problems).toEqual([]);
    });
  },
);
