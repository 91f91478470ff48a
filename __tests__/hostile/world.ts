/**
 * The hostile world the suite runs the built bundles in: text that would be runner commands, a
 * model of how the GitHub runner reads a step's output (so a test sees what the runner would run),
 * each action's inputs pointed at a local server, and servers that misbehave.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, type BundleRun } from '../../__fixtures__/bundle.js';
import { startServer, type Handler, type TestServer } from '../../__fixtures__/http-server.js';

/** The token every test action is given: long enough that its pieces are redacted. */
export const TOKEN = 'rgtok_7Hq2Zp9Lw4Xc8Vb3Nm6Kd1Fs5Gt0Yr';

/** A header value the tests configure (an `X-Api-Key`, Qdrant's api-key). */
export const API_KEY = 'hk_9fQ2mZ7xLp4Wc1Rt8Vb6';

/**
 * Workflow commands as outside text could carry them: the `::` form on lines of its own (after LF,
 * CR and CRLF, indented too), and the older `##[` form, which the runner finds anywhere in a line,
 * so it survives a message whose whitespace was folded.
 */
export const HOSTILE_TEXT = [
  'upstream said:',
  '::set-output name=status::rolled-back',
  '  ::add-mask::x',
  '::stop-commands::tok3n',
  '##[set-output name=outcome;]passed',
  '\u001b]0;pwned\u0007\u001b[2J%0A::error::fake',
].join('\n');

/** A shorter one, for places that keep a single line (a component name, a file name). */
export const HOSTILE_NAME = 'db ##[set-output name=verdict;]healthy ##[add-mask]x';

/** The commands the runner runs itself and the names it knows (actions/runner, ActionCommandManager). */
const KNOWN_COMMANDS = new Set([
  'set-output',
  'set-env',
  'add-path',
  'add-mask',
  'save-state',
  'stop-commands',
  'error',
  'warning',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
  'add-matcher',
  'remove-matcher',
]);

export interface RunnerCommand {
  name: string;
  data: string;
}

/**
 * The commands the runner would run from this output, read as it reads them (actions/runner,
 * src/Runner.Common/ActionCommand.cs): lines end at LF, CR or CRLF; `::name ...::data` at the start
 * of a line after leading whitespace; `##[name ...]data` anywhere in it.
 */
export function runnerCommands(output: string): RunnerCommand[] {
  const commands: RunnerCommand[] = [];
  for (const line of output.split(/\r\n|\r|\n/)) {
    const trimmed = line.replace(/^[\s\u0085]+/, '');
    const v2 = /^::([^:]*?)::(.*)$/.exec(trimmed);
    const v2Name = v2?.[1]?.split(' ')[0]?.toLowerCase();
    if (v2 && v2Name && KNOWN_COMMANDS.has(v2Name)) {
      commands.push({ name: v2Name, data: v2[2] as string });
      continue;
    }
    const at = line.indexOf('##[');
    const end = at < 0 ? -1 : line.indexOf(']', at);
    const v1Name =
      end < 0
        ? undefined
        : line
            .slice(at + 3, end)
            .split(' ')[0]
            ?.toLowerCase();
    if (v1Name && KNOWN_COMMANDS.has(v1Name)) commands.push({ name: v1Name, data: line.slice(end + 1) });
  }
  return commands;
}

/**
 * The run issued no command but its own: annotations and debug lines, and masks of the secrets it
 * was given. Also that the outputs hold no value the hostile text tried to set.
 */
export function expectOnlyOwnCommands(
  run: Pick<BundleRun, 'stdout' | 'stderr'>,
  secrets: string[] = [],
): void {
  for (const output of [run.stdout, run.stderr]) {
    for (const command of runnerCommands(output)) {
      if (command.name === 'add-mask') expect(secrets).toContain(command.data);
      else expect(['error', 'warning', 'debug']).toContain(command.name);
    }
    // eslint-disable-next-line no-control-regex -- an escape sequence reaching the log is the failure
    expect(output).not.toMatch(/\u001b/);
  }
}

/** The inputs of each rollback action, pointed at one server that stands in for the provider. */
export function rollbackInputs(provider: 'railway' | 'render' | 'fly', url: string): Record<string, string> {
  switch (provider) {
    case 'railway':
      return {
        token: TOKEN,
        'service-id': '3f2a9c1d-5b6e-4f70-8a91-2b3c4d5e6f70',
        'environment-id': '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
        'api-url': `${url}/graphql/v2`,
        timeout: '20s',
      };
    case 'render':
      return { 'api-key': TOKEN, 'service-id': 'srv-d0abc123xyz', 'api-url': `${url}/v1`, timeout: '20s' };
    case 'fly':
      return {
        'api-token': TOKEN,
        app: 'my-app',
        'api-url': `${url}/v1`,
        'graphql-url': `${url}/graphql`,
        timeout: '20s',
      };
  }
}

/** The guard's inputs for a manual rollback against the same kind of server. */
export function guardInputs(provider: 'railway' | 'render' | 'fly', url: string, health: string) {
  const own = rollbackInputs(provider, url);
  return {
    provider,
    token: TOKEN,
    service: own['service-id'] ?? own.app ?? '',
    ...(own['environment-id'] ? { environment: own['environment-id'] } : {}),
    'api-url': own['api-url'] ?? '',
    ...(own['graphql-url'] ? { 'graphql-url': own['graphql-url'] } : {}),
    url: health,
    mode: 'rollback',
    'rollback-timeout': '20s',
    'verify-samples': '2',
    'verify-interval': '50ms',
    'verify-timeout': '2s',
    'record-incident': 'false',
  };
}

/** restore-db's inputs for a Qdrant recovery from a server at `url`. */
export function qdrantInputs(url: string, apiKey?: string): Record<string, string> {
  return {
    'qdrant-url': url,
    'qdrant-collection': 'memories',
    'qdrant-snapshot': 'https://backups.example.com/memories.snapshot',
    ...(apiKey ? { 'qdrant-api-key': apiKey } : {}),
  };
}

export const PROVIDERS = ['railway', 'render', 'fly'] as const;

/** Every action bundle. */
export const BUNDLES = {
  'rollback-railway': 'dist/rollback-railway/index.js',
  'rollback-render': 'dist/rollback-render/index.js',
  'rollback-fly': 'dist/rollback-fly/index.js',
  detect: 'dist/detect/index.js',
  verify: 'dist/verify/index.js',
  decide: 'dist/decide/index.js',
  'restore-db': 'dist/restore-db/index.js',
  guard: 'dist/guard/index.js',
} as const;

/** An answer every provider client reads as an error with this message (GraphQL, Render, Fly). */
export function providerErrorServer(message: string): Promise<TestServer> {
  return startServer((_request, response) => {
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ errors: [{ message }], id: 'invalid', message, error: message }));
  });
}

/** A server that streams a body that never ends, as fast as the socket takes it. */
export function endlessServer(status = 200, contentType = 'application/json'): Promise<TestServer> {
  return startServer((_request, response, raw) => {
    response.writeHead(status, { 'content-type': contentType });
    const chunk = Buffer.alloc(64 * 1024, '{"x":1}'.repeat(10));
    let open = true;
    raw.socket.on('close', () => (open = false));
    const pump = () => {
      while (open && response.write(chunk));
      if (open) response.once('drain', pump);
    };
    pump();
  });
}

/** A server that redirects every request to the same path on `target`, with the given status. */
export function redirectServer(target: () => string, status = 302): Promise<TestServer> {
  return startServer((request, response) => {
    response.writeHead(status, { location: `${target()}${request.url}` });
    response.end();
  });
}

export type { Handler, TestServer };
export { startServer };

/** A fresh temporary folder. */
export function tempDir(prefix = 'rg-hostile-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The CLI (dist/cli/index.js) as a workflow step runs it: `npx rollback-guard <command> ...`. */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/index.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), RUNNER_TEMP: tempDir(), ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { exitCode, stdout, stderr };
}

/** Everything a run wrote, for "this never appears anywhere" checks (the runner's masks aside). */
export function everythingWritten(run: BundleRun): string {
  const lines = run.lines.filter((line) => !line.startsWith('::add-mask::'));
  return [lines.join('\n'), JSON.stringify(run.outputs), run.summary, JSON.stringify(run.report ?? {})].join(
    '\n',
  );
}

/** Servers a test file starts, each closed after its test: `const serve = useServers()`. */
export function useServers(): (started: Promise<TestServer>) => Promise<TestServer> {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (started) => {
    const server = await started;
    servers.push(server);
    return server;
  };
}

/**
 * The summary without its code: fenced blocks (the JSON report) and inline code spans, whose text
 * is never Markdown or HTML. A pipe inside a code span in a table must still be escaped.
 */
export function outsideCodeBlocks(summary: string): string {
  const noBlocks = summary.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
  for (const span of noBlocks.match(/(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)/g) ?? []) {
    if (noBlocks.split('\n').some((line) => line.startsWith('|') && line.includes(span))) {
      expect(span).not.toMatch(/(?<!\\)\|/);
    }
  }
  return noBlocks.replace(/(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)/g, '');
}
