export const id = 916;
export const ids = [916];
export const modules = {

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli),
  secretEnvFor: () => (/* binding */ secretEnvFor)
});

// EXTERNAL MODULE: ./src/actions/decide/main.ts
var main = __webpack_require__(9787);
// EXTERNAL MODULE: ./src/actions/restore-db/main.ts
var restore_db_main = __webpack_require__(2338);
// EXTERNAL MODULE: ./src/actions/rollback-render/main.ts + 4 modules
var rollback_render_main = __webpack_require__(3268);
// EXTERNAL MODULE: ./src/actions/rollback-railway/main.ts + 4 modules
var rollback_railway_main = __webpack_require__(41);
// EXTERNAL MODULE: ./src/core/github-host.ts
var github_host = __webpack_require__(7147);
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
async function run() {
    await runOnGitHub(detectAction);
}

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
        // Smoke tests carry their own headers (tokens, often): secrets like the `headers` input.
        for (const test of config.smokeTests)
            for (const value of Object.values(test.headers))
                context.secrets.add(value);
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
async function main_run() {
    await runOnGitHub(verifyAction);
}

// EXTERNAL MODULE: ./src/actions/rollback-fly/main.ts + 8 modules
var rollback_fly_main = __webpack_require__(8684);
// EXTERNAL MODULE: ./src/actions/guard/main.ts + 9 modules
var guard_main = __webpack_require__(9376);
;// CONCATENATED MODULE: ./src/actions/registry.ts








const entry = (definition, folder) => ({
    definition: definition,
    folder,
});
const ACTIONS = {
    decide: entry(main/* decideAction */.jO, 'decide'),
    'restore-db': entry(restore_db_main/* restoreDbAction */.Jg, 'restore-db'),
    'rollback-render': entry(rollback_render_main/* rollbackRenderAction */.h, 'rollback-render'),
    'rollback-railway': entry(rollback_railway_main/* rollbackRailwayAction */.E, 'rollback-railway'),
    detect: entry(detectAction, 'detect'),
    verify: entry(verifyAction, 'verify'),
    'rollback-fly': entry(rollback_fly_main/* rollbackFlyAction */.wR, 'rollback-fly'),
    guard: entry(guard_main/* guardAction */.c, '.'),
};

// EXTERNAL MODULE: ./src/core/action.ts + 2 modules
var action = __webpack_require__(4289);
;// CONCATENATED MODULE: ./src/cli/args.ts
/**
 * Command-line arguments: `rollback-guard <command> --<input> <value> ... [--json] [--help]`.
 * `--name=value` works too; a flag with no value (or followed by another flag) means 'true'; a flag
 * given twice joins its values with new lines (several URLs, several headers).
 */
function parseArgs(argv) {
    const parsed = { inputs: {}, json: false, help: false, stray: [] };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--json')
            parsed.json = true;
        else if (arg === '--help' || arg === '-h')
            parsed.help = true;
        else if (arg.startsWith('--') && arg.length > 2) {
            const eq = arg.indexOf('=');
            let name;
            let value;
            if (eq > 0) {
                name = arg.slice(2, eq);
                value = arg.slice(eq + 1);
            }
            else {
                name = arg.slice(2);
                const next = argv[i + 1];
                value = next === undefined || next.startsWith('--') ? 'true' : (i++, next);
            }
            parsed.inputs[name] = name in parsed.inputs ? `${parsed.inputs[name]}\n${value}` : value;
        }
        else if (parsed.command === undefined)
            parsed.command = arg;
        else
            parsed.stray.push(arg);
    }
    return parsed;
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

// EXTERNAL MODULE: ./src/cli/terminal-host.ts
var terminal_host = __webpack_require__(6091);
;// CONCATENATED MODULE: ./src/cli/main.ts
/**
 * The CLI: runs any action, or the guard, from a terminal with the same input schemas and the same
 * code as on GitHub (`executeAction` on a terminal host), and `drill`, the whole chain against the
 * local sandbox.
 *
 *   rollback-guard <action> --<input> <value> ... [--json]
 *   rollback-guard <action> --help
 *   rollback-guard drill [--provider railway|render|fly] [--json]
 *   rollback-guard sandbox [--provider railway|render|fly] [--ready-file <path>] ...
 */





/** Environment variables a secret input may come from, so it is not typed on a command line. */
const PROVIDER_TOKEN_ENV = {
    railway: 'RAILWAY_TOKEN',
    render: 'RENDER_API_KEY',
    fly: 'FLY_API_TOKEN',
};
function secretEnvFor(command, provider) {
    switch (command) {
        case 'rollback-railway':
            return { token: 'RAILWAY_TOKEN' };
        case 'rollback-render':
            return { 'api-key': 'RENDER_API_KEY' };
        case 'rollback-fly':
            return { 'api-token': 'FLY_API_TOKEN' };
        case 'restore-db':
            return { 'qdrant-api-key': 'QDRANT_API_KEY' };
        case 'guard': {
            const token = provider ? PROVIDER_TOKEN_ENV[provider] : undefined;
            return {
                token: token ?? 'RAILWAY_TOKEN, RENDER_API_KEY or FLY_API_TOKEN (by provider)',
                'github-token': 'GITHUB_TOKEN',
            };
        }
        default:
            return {};
    }
}
function usage(commands) {
    return [
        'rollback-guard <command> --<input> <value> ... [--json]',
        '',
        'Commands:',
        ...Object.keys(ACTIONS).map((name) => `  ${name}`),
        ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`),
        '',
        "`rollback-guard <command> --help` lists a command's inputs.",
        'Secrets can come from RAILWAY_TOKEN, RENDER_API_KEY, FLY_API_TOKEN, QDRANT_API_KEY and GITHUB_TOKEN.',
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
    const outcome = await (0,action/* executeAction */.y)(definition, raw, host, options.deps ?? (0,action/* systemDeps */.I)());
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
        const outputs = Object.entries(outcome.outputs).map(([name, value]) => `  ${name}: ${value.includes('\n') ? JSON.stringify(value) : value}`);
        io.stdout([text, outputs.length ? `Outputs:\n${outputs.join('\n')}` : ''].filter(Boolean).join('\n\n'));
    }
    return outcome.exitCode;
}


/***/ })

};
