export const id = 882;
export const ids = [882];
export const modules = {

/***/ 5882:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   sandbox: () => (/* binding */ sandbox),
/* harmony export */   sandboxCommand: () => (/* binding */ sandboxCommand)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_clock_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2257);
/* harmony import */ var _core_parse_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1896);
/* harmony import */ var _sandbox_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9248);
/* harmony import */ var _world_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2264);
/**
 * `rollback-guard sandbox`: serves the drill's world on 127.0.0.1 until it is stopped, so every action
 * can be pointed at it by hand or from a workflow (this repository's CI runs each action against it
 * as a user's workflow would). Unless `--healthy`, the bad deployment is live and its migration has
 * dropped the demo database's table, as right after a bad deploy. The ready file, written once both
 * servers answer, holds the guard's inputs for this world (the token among them) as JSON.
 */





const SANDBOX_HELP = [
    `rollback-guard sandbox [--provider ${_sandbox_index_js__WEBPACK_IMPORTED_MODULE_3__/* .SANDBOX_PROVIDERS */ .L.join('|')}] [--healthy] [--ready-file <path>] [--stop-after <duration>] [--json]`,
    '',
    'Serves a simulated provider and the demo app behind it (SQLite database, backups, smoke tests) on',
    '127.0.0.1 until Ctrl-C, SIGTERM or --stop-after. The bad deployment is live unless --healthy.',
    '--ready-file writes, once everything answers, the inputs that point an action at it as JSON:',
    'provider, token, service, environment, api-url, graphql-url, url, database, backup-dir,',
    'smoke-tests, pid. --json prints the same JSON instead of the description.',
].join('\n');
const FLAGS = ['provider', 'healthy', 'ready-file', 'stop-after'];
/** The options, or every problem with them at once. */
function planSandbox(args) {
    const problems = Object.keys(args)
        .filter((name) => !FLAGS.includes(name))
        .map((name) => `sandbox: unknown option --${name}; options: --${FLAGS.join(', --')}, --json`);
    const provider = (args.provider ?? 'railway').trim().toLowerCase();
    if (!_sandbox_index_js__WEBPACK_IMPORTED_MODULE_3__/* .SANDBOX_PROVIDERS */ .L.includes(provider)) {
        problems.push(`sandbox: --provider '${provider}' is not one of ${_sandbox_index_js__WEBPACK_IMPORTED_MODULE_3__/* .SANDBOX_PROVIDERS */ .L.join(', ')}`);
    }
    const stopAfterText = args['stop-after'];
    let stopAfter;
    try {
        if (stopAfterText !== undefined)
            stopAfter = { text: stopAfterText, ms: (0,_core_parse_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDuration */ .E9)(stopAfterText) };
    }
    catch (error) {
        problems.push(`sandbox: --stop-after ${error.message}`);
    }
    const healthy = (args.healthy ?? 'false').trim().toLowerCase();
    if (healthy !== 'true' && healthy !== 'false') {
        problems.push(`sandbox: --healthy '${args.healthy}' is not 'true' or 'false'`);
    }
    if (args['ready-file'] !== undefined && args['ready-file'].trim() === '') {
        problems.push('sandbox: --ready-file needs a path');
    }
    if (problems.length > 0)
        return problems;
    return {
        provider: provider,
        healthy: healthy === 'true',
        readyFile: args['ready-file'],
        stopAfter,
    };
}
function signalled() {
    let dispose = () => { };
    const stopped = new Promise((resolve) => {
        const onSignal = (signal) => resolve(signal);
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        dispose = () => {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
        };
    });
    return { stopped, dispose };
}
async function sandboxCommand(args, io, json, options = {}) {
    const plan = planSandbox(args);
    if (Array.isArray(plan)) {
        for (const problem of plan)
            io.stderr(problem);
        return 1;
    }
    const signals = options.stopped ? undefined : signalled();
    const world = await (0,_world_js__WEBPACK_IMPORTED_MODULE_4__/* .startDrillWorld */ .G_)({ provider: plan.provider, clock: options.clock ?? _core_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .systemClock */ .ml });
    let timer;
    try {
        if (!plan.healthy)
            await world.shipBadDeployment();
        const ready = { ...world.guardInputs(), 'smoke-tests': world.smokeTestsFile, pid: String(process.pid) };
        if (plan.readyFile) {
            // Written whole, then renamed into place, so whoever waits for it never reads half of it.
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(`${plan.readyFile}.tmp`, `${JSON.stringify(ready, null, 2)}\n`, { mode: 0o600 });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(`${plan.readyFile}.tmp`, plan.readyFile);
        }
        if (json)
            io.stdout(JSON.stringify(ready));
        else
            io.stdout(describe(world, plan));
        const stops = [options.stopped ?? signals.stopped];
        const stopAfter = plan.stopAfter;
        if (stopAfter) {
            stops.push(new Promise((resolve) => (timer = setTimeout(() => resolve(`--stop-after ${stopAfter.text}`), stopAfter.ms))));
        }
        const reason = await Promise.race(stops);
        io.stderr(`sandbox: stopping (${reason})`);
        return 0;
    }
    finally {
        clearTimeout(timer);
        signals?.dispose();
        if (plan.readyFile)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(plan.readyFile, { force: true });
        await world.stop();
    }
}
function describe(world, plan) {
    const inputs = world.guardInputs();
    const where = Object.entries(inputs)
        .filter(([name]) => !['provider', 'token', 'url', 'database', 'backup-dir'].includes(name))
        .map(([name, value]) => `${name} ${value}`)
        .join(', ');
    return [
        `sandbox: simulated ${world.provider} API (${where})`,
        `sandbox: demo app health at ${inputs.url}; ${plan.healthy
            ? 'a good deployment is live'
            : `the bad deployment ${_world_js__WEBPACK_IMPORTED_MODULE_4__/* .BAD_DEPLOYMENT */ .YK.artifact} is live (the app answers 500, the memories table is gone)`}`,
        `sandbox: database ${inputs.database}, backups in ${inputs['backup-dir']}, smoke tests ${world.smokeTestsFile}`,
        plan.readyFile
            ? `sandbox: the token and every input are in ${plan.readyFile}`
            : 'sandbox: --ready-file <path> (or --json) gives the token and every input as JSON',
        `sandbox: serving until Ctrl-C or SIGTERM${plan.stopAfter ? `, or for ${plan.stopAfter.text}` : ''}`,
    ].join('\n');
}
const sandbox = {
    summary: 'serve that sandbox until stopped, to point actions at it (--ready-file <path>)',
    help: SANDBOX_HELP,
    run: (args, io, json) => sandboxCommand(args, io, json),
};


/***/ })

};
