/**
 * What every simulated provider offers, so tests, the guard's tests and `npm run drill` drive the
 * three of them the same way. A simulated provider keeps deployments whose state changes over time
 * (read off its Clock): a deploy or a rollback goes from building to live after `buildDelayMs`, and
 * the one it replaces is superseded.
 */
import type { Clock } from '../core/clock.js';
import type { ProviderName } from '../providers/registry.js';
import type { SandboxRequest, SandboxResponse, SandboxServer } from './server.js';

/** Every registered provider has a sandbox. */
export type SandboxProviderName = ProviderName;

/** How the next rollback ends: live, failed, or building forever. */
export type RollbackBehaviour = 'live' | 'fail' | 'never-live';

export interface ProviderSandboxOptions {
  clock: Clock;
  /** How long a deploy or a rollback takes to go live (default 3 s of the clock). */
  buildDelayMs?: number;
  /** The token the sandbox accepts; anything else gets the provider's 401. */
  token?: string;
  /**
   * Deployments to start with, oldest first; the last one is live, the others were live before
   * (superseded). Default: one good deployment.
   */
  history?: { artifact: string; commit?: string }[];
  rollbackBehaviour?: RollbackBehaviour;
}

export interface SandboxDeploymentView {
  id: string;
  /** Normalised: live, in-progress, superseded, failed, canceled. */
  state: string;
  /** The provider's own status text. */
  status: string;
  artifact: string;
  createdAt: string;
  /** Created by a rollback. */
  rollback: boolean;
}

export interface ProviderSandbox {
  readonly provider: SandboxProviderName;
  readonly server: SandboxServer;
  /** The token it accepts; any other gets the provider's own refusal. */
  readonly token: string;
  /** The base URL(s), set by start(). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Inputs that point the matching rollback-<provider> action at this sandbox. */
  actionInputs(): Record<string, string>;
  /** Inputs that point the guard at this sandbox (provider, token, service, environment, api-url, ...). */
  guardInputs(): Record<string, string>;
  /** A deploy, as a push would create it; it goes live after the build delay. Returns its id. */
  deploy(spec: { artifact: string; commit?: string }): string;
  /** The artifact serving now (what the demo app checks to decide whether it is healthy). */
  liveArtifact(): string | undefined;
  /** The deployments, newest first. */
  list(): SandboxDeploymentView[];
  /** How the next rollbacks end. */
  rollbackBehaviour: RollbackBehaviour;
  /** The requests that asked for a rollback (the mutating ones the tests count). */
  rollbackRequests(): number;
  /** Whether a request asks the API to change something (a rollback, a setting, a lease). */
  isMutating(request: SandboxRequest): boolean;
  /** An error answer in the provider's own shape, saying `message` (for faults that echo a request). */
  errorAnswer(message: string): SandboxResponse;
}
