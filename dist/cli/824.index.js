export const id = 824;
export const ids = [824];
export const modules = {

/***/ 4824:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli),
  secretEnvFor: () => (/* binding */ secretEnvFor)
});

// EXTERNAL MODULE: ./src/providers/registry.ts + 25 modules
var registry = __webpack_require__(9756);
// EXTERNAL MODULE: ./src/policy/decide.ts
var decide = __webpack_require__(4708);
// EXTERNAL MODULE: ./src/core/github-host.ts
var github_host = __webpack_require__(7147);
// EXTERNAL MODULE: ./src/policy/matrix.ts
var policy_matrix = __webpack_require__(4201);
// EXTERNAL MODULE: ./src/policy/policy-file.ts
var policy_file = __webpack_require__(5301);
// EXTERNAL MODULE: ./src/policy/summary.ts
var summary = __webpack_require__(3446);
// EXTERNAL MODULE: ./src/actions/decide/inputs.ts
var inputs = __webpack_require__(1247);
;// CONCATENATED MODULE: ./src/actions/decide/main.ts






/** The decide facts from the action's inputs (the guard builds its own from what detect found). */
function factsFromInputs(inputs) {
    return {
        issueType: inputs['issue-type'],
        severity: inputs.severity,
        affectingUsers: inputs['affecting-users'],
        errorRate: inputs['error-rate'],
        errorRateThreshold: inputs['error-rate-threshold'],
        dataLoss: inputs['data-loss'],
        deploymentCaused: inputs['deployment-caused'],
        dataCompromised: inputs['data-compromised'],
    };
}
const decideAction = {
    name: 'decide',
    inputs: inputs/* decideInputs */.m,
    async execute(inputs, context) {
        const matrix = inputs.policy ? await (0,policy_file/* loadPolicy */.t)(inputs.policy) : policy_matrix/* DEFAULT_MATRIX */.iV;
        const facts = factsFromInputs(inputs);
        const decision = (0,decide/* decide */.LD)(facts, matrix);
        context.log.info(`decide: ${decision.reason}`);
        return {
            outputs: (0,decide/* decisionOutputs */.NT)(decision),
            summary: (0,summary/* decisionSummary */.d)(decision, facts, inputs.policy),
            report: { facts, decision, policy: inputs.policy ?? null },
        };
    },
};
/** Runs decide on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
async function run() {
    await runOnGitHub(decideAction);
}

// EXTERNAL MODULE: ./src/probe/detect.ts + 1 modules
var detect = __webpack_require__(9476);
// EXTERNAL MODULE: ./src/probe/detect-summary.ts
var detect_summary = __webpack_require__(2350);
// EXTERNAL MODULE: ./src/actions/detect/inputs.ts + 1 modules
var detect_inputs = __webpack_require__(6549);
;// CONCATENATED MODULE: ./src/actions/detect/main.ts





const detectAction = {
    name: 'detect',
    inputs: detect_inputs/* detectInputs */.JN,
    async execute(inputs, context) {
        const result = await (0,detect/* runDetect */.N)((0,detect_inputs/* detectConfig */.G2)(inputs), context, context.log);
        const report = (0,detect_summary/* detectReport */.s)(result);
        const fail = inputs['fail-on-unhealthy'] && result.verdict === 'unhealthy';
        return {
            outputs: (0,detect/* detectOutputs */.sn)(result),
            summary: (0,detect_summary/* detectSummary */.G)(result, report),
            report,
            failure: fail
                ? `the service is unhealthy (${result.reason}): ${result.explanation}. Pass issue-type '${result.issueType}' to decide, or set fail-on-unhealthy: false to carry on`
                : undefined,
        };
    },
};
/** Runs detect on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
async function main_run() {
    await runOnGitHub(detectAction);
}

// EXTERNAL MODULE: ./src/actions/guard/main.ts + 10 modules
var main = __webpack_require__(7922);
// EXTERNAL MODULE: ./src/actions/restore-db/main.ts
var restore_db_main = __webpack_require__(2338);
// EXTERNAL MODULE: ./src/probe/verify.ts
var verify = __webpack_require__(7649);
// EXTERNAL MODULE: ./src/probe/verify-summary.ts
var verify_summary = __webpack_require__(5371);
// EXTERNAL MODULE: ./src/actions/verify/inputs.ts
var verify_inputs = __webpack_require__(3648);
;// CONCATENATED MODULE: ./src/actions/verify/main.ts




const verifyAction = {
    name: 'verify',
    inputs: verify_inputs/* verifyInputs */.fn,
    async execute(inputs, context) {
        const config = (0,verify_inputs/* verifyConfig */.wW)(inputs);
        (0,verify_inputs/* registerSmokeTestSecrets */.M4)(config, context.secrets);
        const result = await (0,verify/* runVerify */.R)(config, context, context.log);
        const report = (0,verify_summary/* verifyReport */.y)(result);
        return {
            outputs: (0,verify/* verifyOutputs */.c)(result),
            summary: (0,verify_summary/* verifySummary */.I)(result, report),
            report,
            failure: inputs['fail-on-unhealthy'] && !result.healthy
                ? `the service is not healthy; failed: ${result.failedChecks.join(', ')} (${result.explanation}). Check the service and its logs, then run verify again`
                : undefined,
        };
    },
};
/** Runs verify on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
async function verify_main_run() {
    await runOnGitHub(verifyAction);
}

;// CONCATENATED MODULE: ./src/actions/registry.ts






const entry = (definition, folder = definition.name) => ({
    definition,
    folder,
});
const ACTIONS = {
    decide: entry(decideAction),
    'restore-db': entry(restore_db_main/* restoreDbAction */.Jg),
    ...Object.fromEntries(registry/* PROVIDER_ENTRIES */.dp.map(({ rollback }) => [rollback.name, entry(rollback)])),
    detect: entry(detectAction),
    verify: entry(verifyAction),
    guard: entry(main/* guardAction */.c, '.'),
};

// EXTERNAL MODULE: ./src/core/action.ts + 2 modules
var action = __webpack_require__(4289);
// EXTERNAL MODULE: ./src/core/inert.ts
var inert = __webpack_require__(8275);
// EXTERNAL MODULE: ./src/core/parse.ts
var parse = __webpack_require__(1896);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/cli/args.ts
/**
 * Command-line arguments: `rollback-guard <command> --<input> <value> ... [--json] [--help]`, split
 * into tokens by `node:util`'s parseArgs. `--name=value` works too; a flag with no value (or followed
 * by another flag) means 'true'; a flag given twice joins its values with new lines (several URLs,
 * several headers). Which flags a command knows is the command's to say (runCli refuses the others).
 * After a bare `--`, every word is a word.
 */

function parseArgs(argv) {
    const parsed = { inputs: {}, json: false, help: false, stray: [] };
    const { tokens } = (0,external_node_util_.parseArgs)({ args: argv, strict: false, allowPositionals: true, tokens: true });
    /** Indexes of `argv` already read: a flag's value, or a word (a group such as `-abc` is several tokens). */
    const read = new Set();
    for (const token of tokens) {
        if (read.has(token.index))
            continue;
        read.add(token.index);
        const bare = token.kind === 'option' && !token.inlineValue;
        if (bare && token.rawName === '--json')
            parsed.json = true;
        else if (bare && (token.rawName === '--help' || token.rawName === '-h'))
            parsed.help = true;
        else if (token.kind === 'option' && token.rawName.startsWith('--')) {
            const value = token.inlineValue ? (token.value ?? '') : flagValue(argv, token.index, read);
            const before = parsed.inputs[token.name];
            parsed.inputs[token.name] = before === undefined ? value : `${before}\n${value}`;
        }
        else if (token.kind !== 'option-terminator') {
            // A word, or a single-dash word such as `-5` that is no flag of ours.
            const word = argv[token.index];
            if (parsed.command === undefined)
                parsed.command = word;
            else
                parsed.stray.push(word);
        }
    }
    return parsed;
}
/** The word after a flag is its value unless it is another flag; a bare flag means 'true'. */
function flagValue(argv, index, read) {
    const next = argv[index + 1];
    if (next === undefined || next.startsWith('--'))
        return 'true';
    read.add(index + 1);
    return next;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/cli/help.ts
/** `rollback-guard <action> --help`: the inputs with their descriptions and defaults, from action.yml. */



function readActionYml(root, folder) {
    return (0,dist/* parse */.qg)((0,external_node_fs_.readFileSync)(external_node_path_default().join(root, folder, 'action.yml'), 'utf8'));
}
const wrap = (text, indent, width = 96) => {
    const words = text.replace(/\s+/g, ' ').trim().split(' ');
    const lines = [];
    let line = '';
    for (const word of words) {
        if (line && line.length + word.length + 1 > width - indent.length) {
            lines.push(line);
            line = word;
        }
        else
            line = line ? `${line} ${word}` : word;
    }
    if (line)
        lines.push(line);
    return lines.map((l) => indent + l).join('\n');
};
function actionHelp(root, command, folder, secretEnv) {
    const yml = readActionYml(root, folder);
    const lines = [
        `rollback-guard ${command} --<input> <value> ... [--json]`,
        '',
        wrap(yml.description ?? '', ''),
        '',
        'Inputs:',
    ];
    for (const [name, meta] of Object.entries(yml.inputs ?? {})) {
        const facts = [
            meta.required ? 'required' : undefined,
            meta.default !== undefined && !String(meta.default).includes('${{')
                ? `default: ${String(meta.default)}`
                : undefined,
            secretEnv[name] ? `or set ${secretEnv[name]}` : undefined,
        ].filter(Boolean);
        lines.push(`  --${name}${facts.length ? `  (${facts.join('; ')})` : ''}`);
        lines.push(wrap(meta.description ?? '', '      '));
    }
    lines.push('', 'Outputs:');
    for (const [name, meta] of Object.entries(yml.outputs ?? {})) {
        lines.push(`  ${name}`, wrap(meta.description ?? '', '      '));
    }
    return lines.join('\n');
}

// EXTERNAL MODULE: ./src/core/terminal-host.ts
var terminal_host = __webpack_require__(4282);
;// CONCATENATED MODULE: ./src/cli/main.ts
/**
 * The CLI: runs any action, or the guard, from a terminal with the same input schemas and the same
 * code as on GitHub (`executeAction` on a terminal host), and `drill`, the whole chain against the
 * local sandbox.
 *
 *   rollback-guard <action> --<input> <value> ... [--json]
 *   rollback-guard <action> --help
 *   rollback-guard drill [--provider <name>|all] [--json]
 *   rollback-guard sandbox [--provider <name>] [--ready-file <path>] ...
 */








/** Environment variables a secret input may come from, so it is not typed on a command line. */
const SECRET_ENV = {
    ...(0,registry/* tokenVariables */.fK)(),
    'restore-db': { 'qdrant-api-key': 'QDRANT_API_KEY' },
};
/** Every variable a secret may come from, for the usage text. */
const SECRET_VARIABLES = [
    ...registry/* PROVIDER_ENTRIES */.dp.map((entry) => entry.tokenEnv),
    'QDRANT_API_KEY',
    'GITHUB_TOKEN',
];
function secretEnvFor(command, provider) {
    if (command !== 'guard')
        return SECRET_ENV[command] ?? {};
    const entry = registry/* PROVIDER_ENTRIES */.dp.find((candidate) => candidate.name === provider);
    const tokens = registry/* PROVIDER_ENTRIES */.dp.map((candidate) => candidate.tokenEnv);
    return {
        token: entry?.tokenEnv ?? `${(0,parse/* listText */.so)(tokens, 'or')} (by provider)`,
        'github-token': 'GITHUB_TOKEN',
    };
}
/** A command that is not an action (the drill, its sandbox). */
function usage(commands) {
    return [
        'rollback-guard <command> --<input> <value> ... [--json]',
        '',
        'Commands:',
        ...Object.keys(ACTIONS).map((name) => `  ${name}`),
        ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`),
        '',
        "`rollback-guard <command> --help` lists a command's inputs.",
        `Secrets can come from ${(0,parse/* listText */.so)(SECRET_VARIABLES, 'and')}.`,
    ].join('\n');
}
async function runCli(argv, env, io, options) {
    const args = parseArgs(argv);
    const commands = options.commands ?? {};
    if (!args.command || args.command === 'help') {
        io.stdout(usage(commands));
        return args.command || args.help ? 0 : 1;
    }
    const terminal = Object.hasOwn(commands, args.command) ? commands[args.command] : undefined;
    if (terminal) {
        if (args.help) {
            io.stdout(terminal.help);
            return 0;
        }
        return terminal.run(args.inputs, io, args.json);
    }
    const registered = ACTIONS[args.command];
    if (!registered) {
        io.stderr(`rollback-guard: unknown command '${args.command}'; expected one of ${[...Object.keys(ACTIONS), ...Object.keys(commands)].join(', ')}`);
        return 1;
    }
    const { definition, folder } = registered;
    const secretEnv = secretEnvFor(args.command, args.inputs.provider);
    if (args.help) {
        io.stdout(actionHelp(options.root, args.command, folder, secretEnv));
        return 0;
    }
    const known = Object.keys(definition.inputs.fields);
    const unknown = Object.keys(args.inputs).filter((name) => !known.includes(name));
    if (unknown.length > 0 || args.stray.length > 0) {
        for (const name of unknown)
            io.stderr(`${args.command}: unknown input '--${name}'; its inputs are --${known.join(', --')}`);
        for (const word of args.stray)
            io.stderr(`${args.command}: unexpected '${word}'; give inputs as --<input> <value>`);
        return 1;
    }
    const raw = { ...args.inputs };
    for (const [input, variable] of Object.entries(secretEnv)) {
        if (raw[input] === undefined && env[variable])
            raw[input] = env[variable];
    }
    const host = (0,terminal_host/* terminalHost */.P)(env, (line) => io.stderr(line), Boolean(env.RUNNER_DEBUG));
    const outcome = await (0,action/* executeAction */.yn)(definition, raw, host, options.deps ?? (0,action/* systemDeps */.Io)());
    if (args.json) {
        io.stdout(JSON.stringify({
            command: args.command,
            exitCode: outcome.exitCode,
            outputs: outcome.outputs,
            failure: outcome.failure,
        }, null, 2));
    }
    else {
        const text = host.summaries.map(terminal_host/* terminalText */.e).join('\n\n');
        const outputs = Object.entries(outcome.outputs).map(([name, value]) => `  ${name}: ${(0,inert/* inertText */.U)(value.includes('\n') ? JSON.stringify(value) : value)}`);
        io.stdout([text, outputs.length ? `Outputs:\n${outputs.join('\n')}` : ''].filter(Boolean).join('\n\n'));
    }
    return outcome.exitCode;
}


/***/ })

};
