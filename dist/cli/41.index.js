export const id = 41;
export const ids = [41];
export const modules = {

/***/ 1041:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  drill: () => (/* binding */ drill),
  drillCommand: () => (/* binding */ drillCommand)
});

// EXTERNAL MODULE: ./src/sandbox/index.ts + 4 modules
var sandbox = __webpack_require__(9248);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/actions/guard/main.ts + 10 modules
var main = __webpack_require__(7922);
// EXTERNAL MODULE: ./src/core/action.ts + 2 modules
var action = __webpack_require__(4289);
// EXTERNAL MODULE: ./src/core/parse.ts
var parse = __webpack_require__(1896);
// EXTERNAL MODULE: ./src/core/terminal-host.ts
var terminal_host = __webpack_require__(4282);
// EXTERNAL MODULE: ./src/drill/world.ts + 2 modules
var drill_world = __webpack_require__(2264);
;// CONCATENATED MODULE: ./src/drill/drill.ts
/**
 * `npm run drill`: the runbook's rollback drill, end to end, on this machine. It starts a simulated
 * provider (Railway, Render or Fly) with two good deployments, the demo app behind it with a SQLite
 * database and timestamped backups, ships a bad deployment that breaks the app and damages the
 * database, and runs the guard against it exactly as a workflow would (the same action definition,
 * only on a terminal instead of the runner). It prints the timeline against the runbook's targets
 * and exits 0 when the service was rolled back and verified healthy.
 */






async function runDrill(options, io, deps = (0,action/* systemDeps */.Io)()) {
    const started = Date.now();
    const world = await (0,drill_world/* startDrillWorld */.G_)({
        provider: options.provider,
        clock: deps.clock,
        buildDelayMs: options.buildDelayMs,
    });
    try {
        io.stdout(`drill: ${options.provider} sandbox at ${world.sandbox.server.url}, demo app at ${world.app.url}, database ${world.database.database}`);
        // The bad deployment: it breaks the app, and its migration drops the memories table.
        await world.shipBadDeployment();
        io.stdout(`drill: shipped ${drill_world/* BAD_DEPLOYMENT */.YK.artifact} (broken app, dropped table); running the guard…`);
        const inputs = {
            ...world.guardInputs(),
            interval: '200ms',
            window: '30s',
            'data-loss': 'true',
            'smoke-tests': drill_world/* DEMO_SMOKE_TESTS */.uT,
            'verify-samples': '5',
            'verify-interval': '200ms',
            'verify-timeout': '1m',
            'rollback-timeout': '2m',
        };
        const host = (0,terminal_host/* terminalHost */.P)({ RUNNER_TEMP: world.folder }, (line) => {
            if (options.verbose)
                io.stderr(line);
        }, false);
        const outcome = await (0,action/* executeAction */.yn)(main/* guardAction */.c, inputs, host, deps);
        const report = outcome.reportPath
            ? JSON.parse(await (0,promises_.readFile)(outcome.reportPath, 'utf8'))
            : {};
        const result = {
            provider: options.provider,
            outcome: outcome.outputs.outcome ?? 'failed',
            outputs: outcome.outputs,
            timeline: report.guard?.timeline,
            drillMs: Date.now() - started,
            exitCode: outcome.outputs.outcome === 'rolled-back' ? 0 : 1,
        };
        io.stdout(drillReport(result, report.guard, outcome.failure));
        return result;
    }
    finally {
        await world.stop();
    }
}
/** The drill's result for a terminal: outcome, the phases, the targets. */
function drillReport(result, guard, failure) {
    const lines = [''];
    lines.push(`Rollback drill on ${result.provider}: ${result.outcome}${failure ? ` — ${failure}` : ''}`);
    if (guard?.message)
        lines.push(`  ${guard.message}`);
    const timeline = result.timeline;
    if (timeline) {
        lines.push('', 'Phases:');
        for (const phase of timeline.phases) {
            lines.push(`  ${phase.name.padEnd(9)} ${(0,parse/* humanDuration */.UU)(phase.durationMs ?? 0).padStart(9)}  ${phase.outcome ?? ''}`);
        }
        lines.push('', 'Against the runbook targets:');
        for (const target of timeline.targets) {
            const took = target.ms === undefined ? 'n/a' : (0,parse/* humanDuration */.UU)(target.ms);
            const verdict = target.met === undefined ? '' : target.met ? 'met' : 'MISSED';
            lines.push(`  ${target.name.padEnd(26)} ${took.padStart(9)}  (target < ${(0,parse/* humanDuration */.UU)(target.targetMs)})  ${verdict}`);
        }
    }
    lines.push('', `Outputs: from=${result.outputs.from ?? ''} to=${result.outputs.to ?? ''} action=${result.outputs.action ?? ''}`);
    lines.push(`Drill took ${(0,parse/* humanDuration */.UU)(result.drillMs)} in all, set-up included.`);
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/drill/command.ts


const FLAGS = ['provider', 'verbose'];
/** Every provider with a sandbox, and 'all'. */
const PROVIDER_CHOICES = [...sandbox/* SANDBOX_PROVIDERS */.L, 'all'];
async function drillCommand(args, io, json) {
    const unknown = Object.keys(args).filter((name) => !FLAGS.includes(name));
    if (unknown.length) {
        io.stderr(`drill: unknown option ${unknown.map((n) => `--${n}`).join(', ')}; options: --provider ${PROVIDER_CHOICES.join('|')}, --verbose, --json`);
        return 1;
    }
    const wanted = (args.provider ?? 'railway').trim().toLowerCase();
    const named = sandbox/* SANDBOX_PROVIDERS */.L.find((name) => name === wanted);
    const providers = wanted === 'all' ? [...sandbox/* SANDBOX_PROVIDERS */.L] : named ? [named] : [];
    if (providers.length === 0) {
        io.stderr(`drill: --provider '${wanted}' is not one of ${PROVIDER_CHOICES.join(', ')}`);
        return 1;
    }
    const quiet = { stdout: () => { }, stderr: () => { } };
    const results = [];
    for (const provider of providers) {
        results.push(await runDrill({ provider, verbose: args.verbose === 'true' }, json ? quiet : io));
    }
    if (json)
        io.stdout(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    return results.every((r) => r.exitCode === 0) ? 0 : 1;
}
const drill = {
    summary: `the whole chain against a local sandbox (--provider ${PROVIDER_CHOICES.join('|')})`,
    help: `rollback-guard drill [--provider ${PROVIDER_CHOICES.join('|')}] [--verbose] [--json]\n\nRuns the whole chain against a local sandbox.`,
    run: (args, io, json) => drillCommand(args, io, json),
};


/***/ })

};
