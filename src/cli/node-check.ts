/**
 * Whether this Node can run rollback-guard. Its SQLite module (better-sqlite3 13) is built against
 * Node-API 10, which Node has from 22.14 and 23.6 on. An older Node does not throw when it loads the
 * addon: it crashes ("Segmentation fault", exit code 139, nothing else printed). So the CLI asks
 * this before it loads anything else, and says which Node is needed and how to get it.
 */
export const REQUIRED_NODE_API = 10;

/** The `engines.node` range in package.json, for people. */
export const SUPPORTED_NODE = 'Node.js 22.14 or newer (Node 24 recommended: GitHub runs the actions on it)';

export interface RuntimeVersions {
  node?: string;
  napi?: string;
}

/** Undefined when this Node can load the SQLite module; otherwise what to tell the user. */
export function unsupportedNode(versions: RuntimeVersions): string | undefined {
  const napi = Number(versions.napi);
  if (Number.isInteger(napi) && napi >= REQUIRED_NODE_API) return undefined;
  const has = versions.napi ? `Node-API ${versions.napi}` : 'no Node-API version';
  return [
    `rollback-guard needs ${SUPPORTED_NODE}; this is Node.js ${versions.node ?? '(unknown version)'}.`,
    `Its SQLite module (better-sqlite3 13) needs Node-API ${REQUIRED_NODE_API} and this Node has ${has}: ` +
      'loading it would crash Node.',
    'Get Node 24 from https://nodejs.org/en/download (or: nvm install 24, fnm install 24, volta install node@24),',
    'or run rollback-guard once on Node 24 from npm: npx -p node@24 -p rollback-guard rollback-guard <command> ...',
  ].join('\n');
}
