/**
 * One action's inputs read from another's: the guard hands its `service` to rollback-railway's
 * `service-id`, a volume action hands its `token` to rollback-fly's `api-token`. The spec's own
 * parsing and checks run unchanged, and every problem comes back under the caller's name for the
 * input, so a user is told about the input they actually gave.
 */
import { ConfigurationError, type InputProblem } from './errors.js';
import { readInputs, type InputShape, type InputSpec, type InputValues, type RawInputs } from './inputs.js';

export interface RenamedRead<S extends InputShape> {
  /** The parsed values, when there was no problem. */
  values?: InputValues<S>;
  problems: InputProblem[];
}

/**
 * Reads `spec` from `given` (raw text by the caller's input names). `names` maps a caller's name to
 * the spec's name for the same input; `fixed` sets spec inputs the caller has no input for.
 */
export function readInputsAs<S extends InputShape>(
  spec: InputSpec<S>,
  given: RawInputs,
  names: Readonly<Record<string, string>>,
  fixed: RawInputs = {},
): RenamedRead<S> {
  const raw: RawInputs = { ...fixed };
  const callerName: Record<string, string> = {};
  for (const [caller, own] of Object.entries(names)) {
    raw[own] = given[caller];
    callerName[own] = caller;
  }
  try {
    return { values: readInputs(spec, raw), problems: [] };
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    const problems = error.problems.map((problem) => ({
      ...problem,
      input: callerName[problem.input] ?? problem.input,
    }));
    return { problems };
  }
}
