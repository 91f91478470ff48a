// What the release workflow (.github/workflows/release.yml) checks and publishes, as one script:
//
//   node scripts/release.ts check <tag>      can this tag be released? Prints `version=`, `major=`,
//                                            `sha=` and `move-major=` lines (for $GITHUB_OUTPUT), or
//                                            every problem at once and exits 1.
//   node scripts/release.ts notes <version>  that version's section of CHANGELOG.md (the release notes)
//
// A tag is released when it is `vX.Y.Z`, package.json says X.Y.Z, CHANGELOG.md has a section for
// X.Y.Z, and the checked-out commit is the tag's. The major tag `vX` moves to it unless a higher
// X.*.* is already tagged (a fix to an older minor does not take `vX` back).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ReleaseTag {
  version: string;
  major: string;
  parts: [number, number, number];
}

/** `v1.2.3` → its version, or undefined when the tag is not exactly vX.Y.Z (no pre-releases). */
export function parseReleaseTag(tag: string): ReleaseTag | undefined {
  const match = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(tag);
  if (!match) return undefined;
  const parts = [Number(match[1]), Number(match[2]), Number(match[3])] as [number, number, number];
  return { version: parts.join('.'), major: `v${parts[0]}`, parts };
}

/** The body of `## [<version>]` (optionally ` - YYYY-MM-DD`) in a Keep a Changelog file, trimmed. */
export function changelogSection(changelog: string, version: string): string | undefined {
  const lines = changelog.split(/\r?\n/);
  const heading = new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\](?: - \\d{4}-\\d{2}-\\d{2})?\\s*$`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, index) => index > start && /^## /.test(line));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
}

export interface ReleaseFacts {
  tag: string;
  packageVersion: string;
  changelog: string;
  /** The commit the tag names, when the tag exists. */
  tagCommit?: string;
  /** The commit checked out. */
  headCommit: string;
  /** Every tag in the repository. */
  tags: string[];
}

export interface ReleasePlan {
  problems: string[];
  version?: string;
  major?: string;
  /** Whether the major tag moves to this release. */
  moveMajor?: boolean;
}

export function planRelease(facts: ReleaseFacts): ReleasePlan {
  // JSON quoting keeps a hostile tag (a dispatch input) on one line and visibly delimited.
  const shown = JSON.stringify(facts.tag);
  const tag = parseReleaseTag(facts.tag);
  if (!tag) return { problems: [`${shown} is not a release tag: expected vX.Y.Z, such as v1.2.3`] };
  const problems: string[] = [];
  if (facts.packageVersion !== tag.version) {
    problems.push(
      `${facts.tag} does not match package.json's version ${facts.packageVersion}: set "version": "${tag.version}" (npm version ${tag.version} --no-git-tag-version), commit, and tag that commit`,
    );
  }
  const notes = changelogSection(facts.changelog, tag.version);
  if (notes === undefined) {
    problems.push(
      `CHANGELOG.md has no section "## [${tag.version}] - YYYY-MM-DD": write the release notes there`,
    );
  } else if (notes === '') {
    problems.push(`CHANGELOG.md's section for ${tag.version} is empty: write the release notes there`);
  }
  if (!facts.tagCommit) {
    problems.push(
      `the tag ${facts.tag} does not exist: push it first (git tag ${facts.tag} && git push origin ${facts.tag})`,
    );
  } else if (facts.tagCommit !== facts.headCommit) {
    problems.push(`the checked-out commit ${facts.headCommit} is not the tag's (${facts.tagCommit})`);
  }
  const newer = facts.tags
    .map(parseReleaseTag)
    .filter((other): other is ReleaseTag => other !== undefined && other.major === tag.major)
    .some((other) => compareParts(other.parts, tag.parts) > 0);
  return { problems, version: tag.version, major: tag.major, moveMajor: !newer };
}

function compareParts(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
}

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
}

function tagCommit(root: string, tag: string): string | undefined {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`]);
  } catch {
    return undefined;
  }
}

/** `check <tag>`: the plan as output lines, or the problems (annotations on GitHub). */
export function checkCommand(
  root: string,
  tag: string,
  onGitHub: boolean,
): { stdout: string[]; stderr: string[] } {
  const plan = planRelease({
    tag,
    packageVersion: (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string })
      .version,
    changelog: readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'),
    tagCommit: parseReleaseTag(tag) ? tagCommit(root, tag) : undefined,
    headCommit: git(root, ['rev-parse', 'HEAD']),
    tags: git(root, ['tag', '--list']).split('\n').filter(Boolean),
  });
  if (plan.problems.length > 0) {
    return {
      stdout: [],
      stderr: plan.problems.map((problem) =>
        onGitHub ? `::error title=Release::${problem}` : `release: ${problem}`,
      ),
    };
  }
  return {
    stdout: [
      `version=${plan.version}`,
      `major=${plan.major}`,
      `sha=${tagCommit(root, tag)}`,
      `move-major=${plan.moveMajor}`,
    ],
    stderr: [],
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, value] = process.argv.slice(2);
  const root = process.cwd();
  if (command === 'check' && value !== undefined) {
    const result = checkCommand(root, value, process.env.GITHUB_ACTIONS === 'true');
    for (const line of result.stdout) console.log(line);
    for (const line of result.stderr) console.error(line);
    process.exitCode = result.stderr.length > 0 ? 1 : 0;
  } else if (command === 'notes' && value !== undefined) {
    const notes = changelogSection(readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), value);
    if (!notes) {
      console.error(`release: CHANGELOG.md has no notes for ${JSON.stringify(value)}`);
      process.exitCode = 1;
    } else console.log(notes);
  } else {
    console.error('usage: node scripts/release.ts check <vX.Y.Z tag> | notes <X.Y.Z version>');
    process.exitCode = 1;
  }
}
