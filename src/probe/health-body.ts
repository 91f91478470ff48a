/**
 * JSON health bodies (README, detect): a body that is a JSON object with a `status`, or with a
 * `services`, `checks` or `components` object, reports the service's own view of its health. A
 * value (or its `.status`) outside healthy/ok/up/pass/passing, in any case, is not healthy.
 *
 * The shapes seen in the wild are all read:
 * - `{"status": "ok", "services": {"db": "up", "cache": "down"}}` (plain values);
 * - `{"status": "UP", "components": {"db": {"status": "UP"}}}` (Spring Boot, nested `.status`);
 * - `{"status": "UP", "checks": [{"name": "db", "status": "DOWN"}]}` (MicroProfile: a list of named
 *   checks);
 * - `{"status": "pass", "checks": {"db:responseTime": [{"status": "fail"}]}}` (the IETF health-check
 *   draft: a list of observations per check; one not healthy fails the check).
 * A numeric `status` is read as an HTTP-like code (200-399 healthy), a boolean as healthy or not: a
 * body such as `{"status": 200}` must not fail a probe because 200 is not the word "ok".
 */

const HEALTHY_WORDS = new Set(['healthy', 'ok', 'up', 'pass', 'passing']);
const COMPONENT_KEYS = ['services', 'checks', 'components'] as const;

export interface HealthBodyVerdict {
  /** The body's overall `status` is not healthy. */
  overallUnhealthy: boolean;
  /** The overall status as the body gave it, when it has one. */
  overallStatus?: string;
  /** Components reported as not healthy, in the body's order (`checks.db`-style keys as given). */
  failing: string[];
}

/**
 * Reads a response body as a JSON health body. Returns undefined when it is not one (not JSON, not
 * an object, or neither a `status` nor a component map): such a body says nothing about health.
 */
export function readHealthBody(text: string, contentType: string | null): HealthBodyVerdict | undefined {
  const trimmed = text.trim();
  const looksJson = /\bjson\b/i.test(contentType ?? '') || trimmed.startsWith('{');
  if (!looksJson || !trimmed.startsWith('{')) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!isRecord(body)) return undefined;

  const hasStatus = 'status' in body;
  const componentMaps = COMPONENT_KEYS.filter((key) => isRecord(body[key]) || Array.isArray(body[key]));
  if (!hasStatus && componentMaps.length === 0) return undefined;

  const failing: string[] = [];
  for (const key of componentMaps) {
    const map = body[key];
    const entries: [string, unknown][] = Array.isArray(map)
      ? map.map((item, index) => [componentName(item, index), item])
      : Object.entries(map as Record<string, unknown>);
    for (const [rawName, value] of entries) {
      const name = safeName(rawName);
      if (healthOf(value) === false && !failing.includes(name)) failing.push(name);
    }
  }
  const overall = hasStatus ? healthOf(body.status) : undefined;
  return {
    overallUnhealthy: overall === false,
    overallStatus: hasStatus ? shortText(body.status) : undefined,
    failing,
  };
}

/**
 * Whether a status value says healthy: true/false, or undefined when it gives no status at all
 * (e.g. `{"latencyMs": 3}`), which is not counted against the service.
 */
function healthOf(value: unknown): boolean | undefined {
  if (typeof value === 'string') return HEALTHY_WORDS.has(value.trim().toLowerCase());
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value >= 200 && value < 400;
  if (Array.isArray(value)) {
    const verdicts = value.map(healthOf).filter((v) => v !== undefined);
    return verdicts.length === 0 ? undefined : verdicts.every(Boolean);
  }
  if (isRecord(value)) return 'status' in value ? healthOf(value.status) : undefined;
  return undefined;
}

function componentName(item: unknown, index: number): string {
  if (isRecord(item)) {
    for (const key of ['name', 'id', 'componentId', 'component']) {
      const value = item[key];
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
    }
  }
  return `#${index + 1}`;
}

/**
 * A name from the service's body, made safe to log: no control characters (a line break could
 * start a workflow command in the runner's log), no commas (failing-services is comma-separated),
 * and not too long.
 */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = name.replace(/[\u0000-\u001f\u007f,]+/g, ' ').trim() || '?';
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}

function shortText(value: unknown): string {
  return safeName(typeof value === 'string' ? value : String(JSON.stringify(value))).slice(0, 60);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
