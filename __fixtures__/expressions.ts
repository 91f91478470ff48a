/**
 * Evaluates the `${{ }}` expressions of a workflow value the way the runner does, with GitHub's own
 * expression library (@actions/expressions: lexer, parser, evaluator), against contexts a test
 * gives. Used to prove what the example workflows compute: which secret becomes the token, when a
 * job runs, which runner a job gets.
 */
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';

export interface Contexts {
  github?: object;
  inputs?: object;
  vars?: object;
  secrets?: object;
  steps?: object;
  needs?: object;
  matrix?: object;
  env?: object;
}

export interface EvaluationOptions {
  /** Files `hashFiles()` finds in the workspace. */
  files?: string[];
  /** The job's state for the status functions (`success()`, `cancelled()`, ...). */
  status?: 'success' | 'failure' | 'cancelled';
}

const CONTEXT_NAMES = [
  'github',
  'inputs',
  'vars',
  'secrets',
  'steps',
  'needs',
  'matrix',
  'env',
  'job',
  'runner',
  'strategy',
];

function functions(options: EvaluationOptions): Map<string, FunctionDefinition> {
  const status = options.status ?? 'success';
  const bool = (value: boolean) => new data.BooleanData(value);
  const defs: FunctionDefinition[] = [
    {
      name: 'hashfiles',
      minArgs: 1,
      maxArgs: 255,
      call: (...patterns) =>
        new data.StringData(
          patterns.some((p) => options.files?.includes(p.coerceString())) ? 'f'.repeat(64) : '',
        ),
    },
    { name: 'success', minArgs: 0, maxArgs: 0, call: () => bool(status === 'success') },
    { name: 'failure', minArgs: 0, maxArgs: 0, call: () => bool(status === 'failure') },
    { name: 'cancelled', minArgs: 0, maxArgs: 0, call: () => bool(status === 'cancelled') },
    { name: 'always', minArgs: 0, maxArgs: 0, call: () => bool(true) },
  ];
  return new Map(defs.map((def) => [def.name, def]));
}

function evaluateExpression(
  expression: string,
  contexts: Contexts,
  options: EvaluationOptions,
): data.ExpressionData {
  const fns = functions(options);
  const tokens = new Lexer(expression).lex().tokens;
  const tree = new Parser(tokens, CONTEXT_NAMES, [...fns.values()]).parse();
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return new Evaluator(tree, context, fns).evaluate();
}

/**
 * A workflow value after evaluation, as text: each `${{ }}` replaced by its value. The value of an
 * `if:` (pass `condition: true`) is an expression even without the braces, and comes back as
 * 'true' or 'false' by the runner's truthiness rules.
 */
export function evaluate(
  value: unknown,
  contexts: Contexts,
  options: EvaluationOptions & { condition?: boolean } = {},
): string {
  const text = String(value);
  if (options.condition) {
    const expression = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text)?.[1] ?? text;
    return String(truthy(evaluateExpression(expression, contexts, options)));
  }
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_all, expression: string) =>
    evaluateExpression(expression, contexts, options).coerceString(),
  );
}
