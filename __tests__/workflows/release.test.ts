// Releases: what scripts/release.ts checks before a tag is released (and the notes it takes from
// CHANGELOG.md), and the release workflow's own scripts run with a fake `gh`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../__fixtures__/bundle.js';
import { runStep, workflowStep } from '../../__fixtures__/run-step.js';
import {
  changelogSection,
  checkCommand,
  parseReleaseTag,
  planRelease,
  type ReleaseFacts,
} from '../../scripts/release.js';

const CHANGELOG = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('CHANGELOG.md', () => {
  it("has notes for package.json's version, so it can be released", () => {
    expect(changelogSection(CHANGELOG, PACKAGE.version)).toMatch(/^\S/);
  });

  it('keeps an Unreleased section at the top, then versions newest first', () => {
    const versions = [...CHANGELOG.matchAll(/^## \[([^\]]+)\]/gm)].map((match) => match[1]);
    expect(versions[0]).toBe('Unreleased');
    const released = versions.slice(1).map((v) => (v as string).split('.').map(Number));
    const sorted = [...released].sort((a, b) => b[0]! - a[0]! || b[1]! - a[1]! || b[2]! - a[2]!);
    expect(released).toEqual(sorted);
  });
});

describe('parseReleaseTag', () => {
  it.each([
    ['v0.1.0', '0.1.0', 'v0'],
    ['v1.2.3', '1.2.3', 'v1'],
    ['v10.0.12', '10.0.12', 'v10'],
  ])('reads %s', (tag, version, major) => {
    expect(parseReleaseTag(tag)).toMatchObject({ version, major });
  });

  it.each(['1.2.3', 'v1.2', 'v1.2.3-rc.1', 'v01.2.3', 'v1.2.3\n::error::x', 'main'])('refuses %j', (tag) => {
    expect(parseReleaseTag(tag)).toBeUndefined();
  });
});

describe('changelogSection', () => {
  const text =
    '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2027-01-02\n\n### Fixed\n- a\n\n## [1.0.0]\n\n## [0.9.0] - 2026-01-01\n- b\n';

  it('takes the body of one version, to the next heading', () => {
    expect(changelogSection(text, '1.1.0')).toBe('### Fixed\n- a');
    expect(changelogSection(text, '0.9.0')).toBe('- b');
  });

  it('tells a missing version (undefined) from an empty one', () => {
    expect(changelogSection(text, '1.0.0')).toBe('');
    expect(changelogSection(text, '2.0.0')).toBeUndefined();
    expect(changelogSection(text, '1.1.0'.replace('.', 'x'))).toBeUndefined();
  });
});

describe('planRelease', () => {
  const facts: ReleaseFacts = {
    tag: 'v1.2.0',
    packageVersion: '1.2.0',
    changelog: '## [1.2.0] - 2027-03-01\n- new\n',
    tagCommit: 'abc',
    headCommit: 'abc',
    tags: ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1'],
  };

  it('releases a tag that matches package.json, has notes and is checked out, and moves the major tag', () => {
    expect(planRelease(facts)).toEqual({ problems: [], version: '1.2.0', major: 'v1', moveMajor: true });
  });

  it('leaves the major tag on a newer release of the same major', () => {
    expect(planRelease({ ...facts, tags: [...facts.tags, 'v1.3.0', 'v2.0.0'] }).moveMajor).toBe(false);
    expect(planRelease({ ...facts, tags: [...facts.tags, 'v2.0.0'] }).moveMajor).toBe(true);
  });

  it('lists every problem at once, each with what to do', () => {
    expect(
      planRelease({
        ...facts,
        packageVersion: '1.1.0',
        changelog: '## [1.1.0]\n- old\n',
        tagCommit: undefined,
      }).problems,
    ).toEqual([
      `v1.2.0 does not match package.json's version 1.1.0: set "version": "1.2.0" (npm version 1.2.0 --no-git-tag-version), commit, and tag that commit`,
      'CHANGELOG.md has no section "## [1.2.0] - YYYY-MM-DD": write the release notes there',
      'the tag v1.2.0 does not exist: push it first (git tag v1.2.0 && git push origin v1.2.0)',
    ]);
    expect(planRelease({ ...facts, changelog: '## [1.2.0]\n\n## [1.1.0]\n- x' }).problems).toEqual([
      "CHANGELOG.md's section for 1.2.0 is empty: write the release notes there",
    ]);
    expect(planRelease({ ...facts, headCommit: 'def' }).problems).toEqual([
      "the checked-out commit def is not the tag's (abc)",
    ]);
  });

  it('shows a tag that is not vX.Y.Z quoted, on one line', () => {
    expect(planRelease({ ...facts, tag: 'main\n::warning::hi' }).problems).toEqual([
      '"main\\n::warning::hi" is not a release tag: expected vX.Y.Z, such as v1.2.3',
    ]);
  });
});

describe('node scripts/release.ts check, in a repository', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd,
      encoding: 'utf8',
    }).trim();

  function repository(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-release-'));
    git(dir, 'init', '-q');
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.1.0' }));
    writeFileSync(
      path.join(dir, 'CHANGELOG.md'),
      '## [1.1.0] - 2027-01-01\n- more\n\n## [1.0.0] - 2026-12-01\n- first\n',
    );
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'one');
    git(dir, 'tag', 'v1.0.0');
    git(dir, 'commit', '-qm', 'two', '--allow-empty');
    git(dir, 'tag', 'v1.1.0');
    return dir;
  }

  it('prints the outputs the workflow writes to $GITHUB_OUTPUT', () => {
    const dir = repository();
    expect(checkCommand(dir, 'v1.1.0', true)).toEqual({
      stdout: ['version=1.1.0', 'major=v1', `sha=${git(dir, 'rev-parse', 'HEAD')}`, 'move-major=true'],
      stderr: [],
    });
  });

  it('refuses the older tag while the newer commit is checked out, as annotations on GitHub', () => {
    const dir = repository();
    const result = checkCommand(dir, 'v1.0.0', true);
    expect(result.stdout).toEqual([]);
    expect(result.stderr).toEqual([
      expect.stringMatching(/^::error title=Release::v1\.0\.0 does not match package.json's version 1\.1\.0/),
      expect.stringMatching(/^::error title=Release::the checked-out commit \w+ is not the tag's/),
    ]);
  });
});

describe('release.yml: the GitHub release and the major tag', () => {
  const publish = String(workflowStep('.github/workflows/release.yml', 'release', 'publish').run);
  const major = String(workflowStep('.github/workflows/release.yml', 'release', 'major').run);
  const env = {
    GH_TOKEN: 't',
    GH_REPO: 'acme/rollback-guard',
    TAG: 'v1.2.0',
    VERSION: '1.2.0',
    RUNNER_TEMP: '/tmp/r',
  };

  it('creates the release with the notes and the CLI tarball', () => {
    const run = runStep(publish, { ...env, GH_FAIL_ON: '^release view' });
    expect(run.exitCode).toBe(0);
    expect(run.gh.map((call) => call.args)).toEqual([
      ['release', 'view', 'v1.2.0'],
      [
        'release',
        'create',
        'v1.2.0',
        '/tmp/r/rollback-guard-1.2.0.tgz',
        '--verify-tag',
        '--title',
        'v1.2.0',
        '--notes-file',
        '/tmp/r/notes.md',
      ],
    ]);
  });

  it('updates the notes and the tarball of a release that exists (a release run again)', () => {
    const run = runStep(publish, env);
    expect(run.gh.map((call) => call.args.slice(0, 2).join(' '))).toEqual([
      'release view',
      'release edit',
      'release upload',
    ]);
  });

  it('moves the major tag that exists, creates it otherwise, and leaves it on a newer release', () => {
    const moving = { ...env, MAJOR: 'v1', SHA: 'abc123', MOVE: 'true' };
    expect(runStep(major, moving).gh.map((call) => call.args)).toEqual([
      ['api', 'repos/{owner}/{repo}/git/ref/tags/v1', '--silent'],
      [
        'api',
        '--method',
        'PATCH',
        'repos/{owner}/{repo}/git/refs/tags/v1',
        '-f',
        'sha=abc123',
        '-F',
        'force=true',
        '--silent',
      ],
    ]);
    expect(
      runStep(major, { ...moving, GH_FAIL_ON: 'git/ref/tags' })
        .gh.map((call) => call.args)
        .at(-1),
    ).toEqual([
      'api',
      '--method',
      'POST',
      'repos/{owner}/{repo}/git/refs',
      '-f',
      'ref=refs/tags/v1',
      '-f',
      'sha=abc123',
      '--silent',
    ]);
    const stays = runStep(major, { ...moving, MOVE: 'false' });
    expect([stays.exitCode, stays.gh, stays.stdout.trim()]).toEqual([
      0,
      [],
      '::notice title=Release::v1 stays where it is: a newer v1.x.y release exists.',
    ]);
  });
});
