// The safety rules of issue 7, enforced on every example workflow and on the project's own workflows
// (.github/workflows); each rule is shown to fire on a small workflow that breaks it, and to stay
// quiet on the safe way of writing the same thing.
import { allWorkflows } from '../../__fixtures__/workflow-lint.js';
import { safetyFindings, type SafetyRule } from '../../__fixtures__/workflow-rules.js';

const CHECKOUT = 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0';

/** A workflow that follows every rule, with `job` lines spliced into its one job. */
function workflow(options: { top?: string; job?: string; steps?: string } = {}): string {
  return [
    'on: workflow_dispatch',
    options.top ?? 'permissions: {}',
    'jobs:',
    '  act:',
    '    runs-on: ubuntu-latest',
    options.job ?? '    timeout-minutes: 5\n    permissions:\n      contents: read',
    '    steps:',
    options.steps ?? `      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: false`,
    '',
  ].join('\n');
}

const rulesOf = (text: string): SafetyRule[] => [...new Set(safetyFindings(text).map((f) => f.rule))];

describe.each(allWorkflows().map((w) => [w.relative, w] as const))('%s', (_name, example) => {
  it('follows every safety rule', () => {
    expect(safetyFindings(example.text)).toEqual([]);
  });
});

it('a workflow that follows every rule has no findings', () => {
  expect(safetyFindings(workflow())).toEqual([]);
});

describe('permissions: least privilege', () => {
  it.each([
    ['no top-level permissions', { top: '' }],
    ['write-all at the top', { top: 'permissions: write-all' }],
    ['a write scope at the top', { top: 'permissions:\n  contents: write' }],
    ['a job with no permissions', { job: '    timeout-minutes: 5' }],
    ['a job with write-all', { job: '    timeout-minutes: 5\n    permissions: write-all' }],
    [
      'a job with read-all instead of named scopes',
      { job: '    timeout-minutes: 5\n    permissions: read-all' },
    ],
    [
      'a write scope nothing in the job needs',
      { job: '    timeout-minutes: 5\n    permissions:\n      contents: read\n      issues: write' },
    ],
    [
      'packages: write next to the guard (which needs contents, deployments, issues)',
      {
        job: '    timeout-minutes: 5\n    permissions:\n      contents: write\n      deployments: write\n      issues: write\n      packages: write',
        steps: '      - uses: <owner>/rollback-guard@v1',
      },
    ],
  ])('fires on %s', (_case, parts) => {
    expect(rulesOf(workflow(parts))).toEqual(['permissions']);
  });

  it('accepts the writes the guard and `gh issue create` need, and read-all at the top', () => {
    const guard = workflow({
      top: 'permissions: read-all',
      job: '    timeout-minutes: 5\n    permissions:\n      contents: write\n      deployments: write\n      issues: write',
      steps: '      - uses: <owner>/rollback-guard@v1',
    });
    const gh = workflow({
      job: '    timeout-minutes: 5\n    permissions:\n      issues: write',
      steps: '      - run: gh issue create --title "$TITLE" --body done',
    });
    expect([safetyFindings(guard), safetyFindings(gh)]).toEqual([[], []]);
  });

  it('takes the guard without a GitHub token as needing no writes', () => {
    const text = workflow({
      job: '    timeout-minutes: 5\n    permissions:\n      contents: write',
      steps: "      - uses: <owner>/rollback-guard@v1\n        with:\n          github-token: ''",
    });
    expect(safetyFindings(text)).toEqual([
      expect.objectContaining({ where: 'jobs.act.permissions.contents', rule: 'permissions' }),
    ]);
  });
});

describe('secrets: only secrets.*, only in a step’s with: or env:', () => {
  it.each([
    [
      'a secret in a script',
      '      - run: \'curl -H "Authorization: Bearer ${{ secrets.API_TOKEN }}" https://x\'',
    ],
    ['github.token in a script', '      - run: echo ${{ github.token }} | gh auth login --with-token'],
    ['a secret in a condition', "      - if: ${{ secrets.API_TOKEN != '' }}\n        run: echo yes"],
    ['a secret in a bare condition', "      - if: secrets.API_TOKEN != ''\n        run: echo yes"],
    [
      'a token written as text',
      '      - uses: <owner>/rollback-guard@v1\n        with:\n          token: rnd_abc123',
    ],
    [
      'a token typed into the Run form',
      '      - uses: <owner>/rollback-guard@v1\n        with:\n          token: ${{ inputs.token }}',
    ],
    ['a password written into env', '      - run: ./deploy\n        env:\n          DB_PASSWORD: hunter2'],
  ])('fires on %s', (_case, steps) => {
    const granted = steps.includes('rollback-guard')
      ? 'permissions:\n      contents: write\n      deployments: write\n      issues: write'
      : 'permissions: {}';
    expect(rulesOf(workflow({ job: `    timeout-minutes: 5\n    ${granted}`, steps }))).toEqual(['secrets']);
  });

  it('fires on a secret in a job-level env (every step would see it)', () => {
    const text = workflow({
      job: '    timeout-minutes: 5\n    permissions:\n      contents: read\n    env:\n      API_TOKEN: ${{ secrets.API_TOKEN }}',
    });
    expect(safetyFindings(text)).toEqual([
      expect.objectContaining({
        rule: 'secrets',
        where: 'jobs.act.env.API_TOKEN',
        message: expect.stringMatching(/step's env/),
      }),
    ]);
  });

  it('fires on a secret in a workflow-level env', () => {
    const text = workflow({ top: 'permissions: {}\nenv:\n  API_TOKEN: ${{ secrets.API_TOKEN }}' });
    expect(safetyFindings(text)).toEqual([
      expect.objectContaining({ rule: 'secrets', where: 'env.API_TOKEN' }),
    ]);
  });

  it("accepts secrets in a step's with: and env:, a token-type that is not a secret, and an empty github-token", () => {
    const text = workflow({
      job: '    timeout-minutes: 5\n    permissions: {}',
      steps: [
        '      - uses: <owner>/rollback-guard@v1',
        '        with:',
        '          token: ${{ secrets.RENDER_API_KEY }}',
        '          token-type: account',
        "          github-token: ''",
        '      - run: gh release list',
        '        env:',
        '          GH_TOKEN: ${{ github.token }}',
        "          HAS_KEY: ${{ secrets.RENDER_API_KEY != '' }}",
      ].join('\n'),
    });
    expect(safetyFindings(text)).toEqual([]);
  });
});

describe('secrets: a token minted by an earlier step of the job', () => {
  const minted = (steps: string) =>
    workflow({
      job: '    timeout-minutes: 5\n    permissions: {}',
      steps: [
        '      - id: login',
        '        run: echo "token=$(./mint-a-token)" >> "$GITHUB_OUTPUT"',
        steps,
      ].join('\n'),
    });

  it("accepts a token input read from an earlier step's output (a GitHub App token, a cloud login, a sandbox)", () => {
    const text = minted(
      '      - uses: <owner>/rollback-guard/rollback-render@v1\n        with:\n          api-key: ${{ steps.login.outputs.token }}\n          service-id: srv-1',
    );
    expect(safetyFindings(text)).toEqual([]);
  });

  it.each([
    ['a later step', '${{ steps.later.outputs.token }}'],
    ['another job', '${{ needs.login.outputs.token }}'],
    ['an earlier step mixed with a Run-form input', '${{ steps.login.outputs.token || inputs.token }}'],
  ])('fires on a token read from %s', (_case, expression) => {
    const text = minted(
      `      - uses: <owner>/rollback-guard/rollback-render@v1\n        with:\n          api-key: ${expression}\n          service-id: srv-1\n      - id: later\n        run: echo "token=x" >> "$GITHUB_OUTPUT"`,
    );
    expect(safetyFindings(text)).toEqual([
      expect.objectContaining({
        rule: 'secrets',
        message: expect.stringMatching(/not from secrets\.\* or an earlier step of the job$/),
      }),
    ]);
  });
});

describe('permissions: what a release needs', () => {
  const release = (permissions: string, run: string) =>
    workflow({
      job: `    timeout-minutes: 5\n    permissions:\n${permissions}`,
      steps: `      - run: ${run}`,
    });

  it.each([
    ['      contents: write', 'gh release create "$TAG" --notes-file notes.md'],
    [
      '      contents: write',
      'gh api --method PATCH "repos/{owner}/{repo}/git/refs/tags/$MAJOR" -f "sha=$SHA"',
    ],
    ['      id-token: write', 'npm publish "$TARBALL" --access public --provenance'],
  ])('accepts %s for `%s`', (permissions, run) => {
    expect(safetyFindings(release(permissions, run))).toEqual([]);
  });

  it.each([
    ['      contents: write', 'gh release view "$TAG"'],
    ['      id-token: write', 'npm publish "$TARBALL"'],
  ])('fires on %s that `%s` does not need', (permissions, run) => {
    expect(rulesOf(release(permissions, run))).toEqual(['permissions']);
  });
});

describe('untrusted-in-run: no outside text pasted into a script', () => {
  it.each([
    ['github.event.*', '${{ github.event.head_commit.message }}'],
    ['github.head_ref', '${{ github.head_ref }}'],
    ['inputs.*', '${{ inputs.service }}'],
    ['github.event.inputs.*', "${{ github.event.inputs['service'] }}"],
    ['a step output', '${{ steps.live.outputs.from }}'],
    ['a job output', '${{ needs.list.outputs.services }}'],
    ['a matrix value', '${{ matrix.url }}'],
    ['a variable', '${{ vars.ROLLBACK_SERVICE }}'],
    ['an expression that reads several', "${{ format('{0}-{1}', github.ref_name, inputs.target) }}"],
  ])('fires on %s', (_case, expression) => {
    expect(rulesOf(workflow({ steps: `      - run: echo "${expression}"` }))).toEqual(['untrusted-in-run']);
  });

  it("fires on actions/github-script's script:", () => {
    const steps = [
      '      - uses: actions/github-script@ed597411d8f924073f98dfc5c65a23a2325f34cd # v8.0.0',
      '        with:',
      '          script: console.log("${{ github.event.issue.title }}")',
    ].join('\n');
    expect(rulesOf(workflow({ steps }))).toEqual(['untrusted-in-run']);
  });

  it('accepts values GitHub sets for the run, and text that only looks like a context in a string', () => {
    const steps = [
      '      - run: echo "${{ github.repository }} ${{ github.run_id }} ${{ runner.temp }} ${{ job.status }}"',
      "      - run: echo \"${{ format('{0}', 'github.event.issue.title') }}\"",
      '      - run: echo "$SERVICE"',
      '        env:',
      '          SERVICE: ${{ inputs.service }}',
    ].join('\n');
    expect(safetyFindings(workflow({ steps }))).toEqual([]);
  });
});

describe('pinned: third-party actions pinned to a commit', () => {
  it.each([
    ['a tag', '      - uses: actions/setup-node@v4'],
    ['a branch', '      - uses: someone/deploy-action@main'],
    ['a short SHA', '      - uses: someone/deploy-action@08c6903 # v1.0.0'],
    [
      'a SHA without its version',
      '      - uses: someone/deploy-action@08c6903cd8c0fde910a37f88322edcfb5dd907a8',
    ],
    ['a docker image by tag', '      - uses: docker://alpine:3.20'],
  ])('fires on %s', (_case, steps) => {
    expect(rulesOf(workflow({ steps }))).toEqual(['pinned']);
  });

  it('fires on a reusable workflow by tag', () => {
    const text = [
      'on: workflow_dispatch',
      'permissions: {}',
      'jobs:',
      '  call:',
      '    uses: someone/workflows/.github/workflows/deploy.yml@v1',
      '    permissions: {}',
      '',
    ].join('\n');
    expect(rulesOf(text)).toEqual(['pinned']);
  });

  it("accepts a SHA with its version, local actions, this repository's own actions and a docker digest", () => {
    const steps = [
      '      - uses: someone/deploy-action@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v1.2.3',
      '      - uses: ./.github/actions/local',
      '      - uses: ./decide',
      '      - uses: <owner>/rollback-guard/verify@v1',
      `      - uses: docker://alpine@sha256:${'a'.repeat(64)}`,
    ].join('\n');
    expect(safetyFindings(workflow({ steps }))).toEqual([]);
  });
});

describe('timeout: every job', () => {
  it('fires on a job without timeout-minutes', () => {
    expect(safetyFindings(workflow({ job: '    permissions: {}' }))).toEqual([
      expect.objectContaining({ rule: 'timeout', where: 'jobs.act' }),
    ]);
  });
});

describe('checkout-credentials', () => {
  it('fires on actions/checkout that keeps the token in .git/config', () => {
    expect(rulesOf(workflow({ steps: `      - uses: ${CHECKOUT}` }))).toEqual(['checkout-credentials']);
  });
});
