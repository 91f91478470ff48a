/** A simulated provider by name, for the guard's tests and the drill. */
import { FlySandbox } from './fly.js';
import { RailwaySandbox } from './railway.js';
import { RenderSandbox } from './render.js';
import type { ProviderSandbox, ProviderSandboxOptions, SandboxProviderName } from './types.js';

export const SANDBOX_PROVIDERS: readonly SandboxProviderName[] = ['railway', 'render', 'fly'];

export function createProviderSandbox(
  name: SandboxProviderName,
  options: ProviderSandboxOptions,
): ProviderSandbox {
  switch (name) {
    case 'railway':
      return new RailwaySandbox(options);
    case 'render':
      return new RenderSandbox(options);
    case 'fly':
      return new FlySandbox(options);
  }
}
