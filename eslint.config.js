import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, bottom up: core ← probe, policy, providers, restore ← guard ← actions, drill,
 * cli. A folder never imports one above it; the sandbox (simulated providers, the demo app) is test
 * and drill support: it may use the layers below the guard, and only the drill (and tests) use it.
 * Within the top layer the CLI may run the drill and the actions, and the drill the actions.
 * Key: a folder of src/; value: the folders it must not import from.
 */
const FORBIDDEN_IMPORTS = {
  core: ['probe', 'policy', 'providers', 'restore', 'sandbox', 'guard', 'actions', 'drill', 'cli'],
  probe: ['sandbox', 'guard', 'actions', 'drill', 'cli'],
  policy: ['sandbox', 'guard', 'actions', 'drill', 'cli'],
  providers: ['sandbox', 'guard', 'actions', 'drill', 'cli'],
  restore: ['sandbox', 'guard', 'actions', 'drill', 'cli'],
  sandbox: ['guard', 'actions', 'drill', 'cli'],
  guard: ['sandbox', 'actions', 'drill', 'cli'],
  actions: ['sandbox', 'drill', 'cli'],
  drill: ['cli'],
  cli: ['sandbox'],
};

const layerZones = Object.entries(FORBIDDEN_IMPORTS).flatMap(([target, forbidden]) =>
  forbidden.map((from) => ({
    target: `./src/${target}`,
    from: `./src/${from}`,
    message: `src/${target} may not import src/${from} (layers: core ← probe, policy, providers, restore ← guard ← actions, drill, cli; see README "Development").`,
  })),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        AbortSignal: 'readonly',
        AbortController: 'readonly',
        fetch: 'readonly',
        Response: 'readonly',
        Headers: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Resolves `../core/action.js` to src/core/action.ts, as TypeScript does.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
);
