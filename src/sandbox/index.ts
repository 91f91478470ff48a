/**
 * A simulated provider by name, for the guard's tests and the drill: one per entry of the provider
 * registry (a registered provider without a sandbox here does not type-check).
 */
import { PROVIDER_NAMES, type ProviderName } from '../providers/registry.js';
import { FlySandbox } from './fly.js';
import { RailwaySandbox } from './railway.js';
import { RenderSandbox } from './render.js';
import type { ProviderSandbox, ProviderSandboxOptions, SandboxProviderName } from './types.js';

export const SANDBOX_PROVIDERS: readonly SandboxProviderName[] = PROVIDER_NAMES;

const SANDBOXES: { [N in ProviderName]: new (options: ProviderSandboxOptions) => ProviderSandbox } = {
  railway: RailwaySandbox,
  render: RenderSandbox,
  fly: FlySandbox,
};

export function createProviderSandbox(
  name: SandboxProviderName,
  options: ProviderSandboxOptions,
): ProviderSandbox {
  return new SANDBOXES[name](options);
}
