import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../__fixtures__/bundle.js';
import { referencedFolders, updateReadme } from '../../scripts/readme-reference.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README.md', () => {
  it('carries a generated reference for every action', () => {
    const folders = readdirSync(ROOT, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(ROOT, d.name, 'action.yml')))
      .map((d) => d.name);
    if (existsSync(path.join(ROOT, 'action.yml'))) folders.push('.');
    expect(referencedFolders(readme).sort()).toEqual(expect.arrayContaining(folders.sort()));
  });

  it('is up to date with every action.yml (run `npm run readme`)', () => {
    expect(updateReadme(readme, ROOT)).toBe(readme);
  });

  it('gives the quick start', () => {
    expect(readme).toContain('npm install && npm run drill');
    expect(readme).toContain('npm test');
  });
});
