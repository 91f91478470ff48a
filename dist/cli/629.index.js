export const id = 629;
export const ids = [629];
export const modules = {

/***/ 2257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ml: () => (/* binding */ systemClock),
/* harmony export */   uk: () => (/* binding */ realSleep)
/* harmony export */ });
/* unused harmony export ManualClock */
/**
 * Time as a dependency. Library code never calls Date.now() or setTimeout directly: it takes a
 * Clock and a Sleep, so tests and simulations run without waiting for real.
 */
const systemClock = { now: () => Date.now() };
const realSleep = (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted)
        return reject(signal.reason);
    const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
});
/**
 * A clock that only moves when something sleeps on it: sleeping advances time at once. For tests and
 * simulations; `sleeps` records every requested wait.
 */
class ManualClock {
    current;
    sleeps = [];
    constructor(current = Date.UTC(2026, 0, 1)) {
        this.current = current;
    }
    now() {
        return this.current;
    }
    advance(ms) {
        this.current += Math.max(0, ms);
    }
    sleep = async (ms, signal) => {
        if (signal?.aborted)
            throw signal.reason;
        this.sleeps.push(ms);
        this.advance(ms);
        // Let other promise chains (servers, handlers) run, as a real wait would.
        await new Promise((resolve) => setImmediate(resolve));
    };
}


/***/ }),

/***/ 1896:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AQ: () => (/* binding */ parseStatusList),
/* harmony export */   E1: () => (/* binding */ parseList),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   PJ: () => (/* binding */ BOOLEAN_ACCEPTED),
/* harmony export */   QG: () => (/* binding */ parseHeaders),
/* harmony export */   UU: () => (/* binding */ humanDuration),
/* harmony export */   Vj: () => (/* binding */ DURATION_ACCEPTED),
/* harmony export */   WN: () => (/* binding */ parseRate),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   dP: () => (/* binding */ HEADERS_ACCEPTED),
/* harmony export */   hQ: () => (/* binding */ RATE_ACCEPTED),
/* harmony export */   mB: () => (/* binding */ ParseError),
/* harmony export */   yG: () => (/* binding */ parseBoolean),
/* harmony export */   yu: () => (/* binding */ STATUS_LIST_ACCEPTED)
/* harmony export */ });
/* unused harmony export StatusList */
/**
 * Parsers for the value formats every action accepts (INTERFACE.md "Conventions"). Each throws a
 * ParseError whose message says what is accepted; the input reader turns it into a configuration
 * error naming the input.
 */
class ParseError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ParseError';
    }
}
const DURATION_ACCEPTED = "a duration such as '250ms', '90s', '10m', '1h', or a bare number of seconds";
const RATE_ACCEPTED = "a rate such as '10%' or '0.1' (between 0 and 1)";
const BOOLEAN_ACCEPTED = "'true' or 'false'";
const STATUS_LIST_ACCEPTED = "HTTP status codes and ranges separated by commas, such as '200,204,300-399' (codes 100-599)";
const DURATION_UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** Duration text to milliseconds. */
function parseDuration(text) {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(text.trim());
    if (!match)
        throw new ParseError(`'${text}' is not ${DURATION_ACCEPTED}`);
    const amount = Number(match[1]);
    const unit = (match[2] ?? 's').toLowerCase();
    const ms = amount * DURATION_UNITS[unit];
    if (!Number.isFinite(ms))
        throw new ParseError(`'${text}' is too large; expected ${DURATION_ACCEPTED}`);
    return Math.round(ms);
}
/** Milliseconds to the shortest exact duration text ('5m', '90s', '250ms'). */
function formatDuration(ms) {
    if (ms === 0)
        return '0m';
    for (const unit of ['h', 'm', 's']) {
        const size = DURATION_UNITS[unit];
        if (ms % size === 0)
            return `${ms / size}${unit}`;
    }
    return `${ms}ms`;
}
/** Milliseconds to a short human reading: '850 ms', '12.4 s', '3 min 5 s'. */
function humanDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const minutes = Math.floor(ms / 60_000);
    const seconds = Math.round((ms % 60_000) / 1000);
    return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}
/** Rate text ('10%' or '0.1') to a fraction between 0 and 1. */
function parseRate(text) {
    const trimmed = text.trim();
    const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(trimmed);
    const value = percent ? Number(percent[1]) / 100 : /^\d*\.?\d+$/.test(trimmed) ? Number(trimmed) : NaN;
    if (!Number.isFinite(value) || value < 0 || value > 1) {
        throw new ParseError(`'${text}' is not ${RATE_ACCEPTED}`);
    }
    return value;
}
/** 'true' or 'false', in any case. */
function parseBoolean(text) {
    const lower = text.trim().toLowerCase();
    if (lower === 'true')
        return true;
    if (lower === 'false')
        return false;
    throw new ParseError(`'${text}' is not ${BOOLEAN_ACCEPTED}`);
}
/** A parsed status list, which can say whether a status is in it and print itself back. */
class StatusList {
    ranges;
    constructor(ranges) {
        this.ranges = ranges;
    }
    includes(status) {
        return this.ranges.some((r) => status >= r.from && status <= r.to);
    }
    toString() {
        return this.ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(',');
    }
}
/** '200,204,300-399' to a StatusList. */
function parseStatusList(text) {
    const parts = text
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
    if (parts.length === 0)
        throw new ParseError(`'${text}' is not ${STATUS_LIST_ACCEPTED}`);
    const ranges = parts.map((part) => {
        const match = /^(\d{3})(?:\s*-\s*(\d{3}))?$/.exec(part);
        const from = Number(match?.[1]);
        const to = match?.[2] === undefined ? from : Number(match[2]);
        if (!match || from < 100 || to > 599 || from > to) {
            throw new ParseError(`'${part}' in '${text}' is not valid; expected ${STATUS_LIST_ACCEPTED}`);
        }
        return { from, to };
    });
    return new StatusList(ranges);
}
/** A list given one item per line or separated by commas; blank items dropped. */
function parseList(text, separator = /[\n,]/) {
    return text
        .split(separator)
        .map((item) => item.trim())
        .filter((item) => item !== '');
}
const HEADERS_ACCEPTED = "one 'Name: value' per line";
/** 'Name: value' lines to a header map. */
function parseHeaders(text) {
    const headers = {};
    for (const line of parseList(text, /\n/)) {
        const colon = line.indexOf(':');
        const name = colon > 0 ? line.slice(0, colon).trim() : '';
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
            // Never echo the line: its value may be a secret.
            throw new ParseError(`a line does not look like a header; expected ${HEADERS_ACCEPTED}`);
        }
        headers[name] = line.slice(colon + 1).trim();
    }
    return headers;
}


/***/ }),

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
    'rollback-guard sandbox [--provider railway|render|fly] [--healthy] [--ready-file <path>] [--stop-after <duration>] [--json]',
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


/***/ }),

/***/ 8284:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tj: () => (/* binding */ loadSqlite),
/* harmony export */   nM: () => (/* binding */ openLive),
/* harmony export */   xh: () => (/* binding */ openImmutable),
/* harmony export */   yW: () => (/* binding */ sqliteErrorCode)
/* harmony export */ });
/* unused harmony exports SQLITE_TARGETS, sqliteTarget, isMuslLinux */
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The one place SQLite is loaded. better-sqlite3's default entry finds its native addon through
 * `__dirname`, which does not exist inside an ncc ESM bundle; its per-platform entries
 * (`better-sqlite3/linux-x64`, ...) require their prebuild by a literal relative path instead. Each
 * case below imports one of them by a literal specifier, so ncc follows all eight and copies every
 * prebuild into the bundle, and at run time only the one for this machine is loaded.
 */

const SQLITE_TARGETS = [
    'linux-x64',
    'linux-arm64',
    'linuxmusl-x64',
    'linuxmusl-arm64',
    'darwin-x64',
    'darwin-arm64',
    'win32-x64',
    'win32-arm64',
];
/** The prebuild for a platform, or an error that says which platforms have one. */
function sqliteTarget(platform, arch, musl) {
    const system = platform === 'linux' && musl ? 'linuxmusl' : platform;
    const target = `${system}-${arch}`;
    if (SQLITE_TARGETS.includes(target))
        return target;
    throw new Error(`SQLite is not available on ${platform}-${arch}${platform === 'linux' ? (musl ? ' (musl)' : ' (glibc)') : ''}: ` +
        `better-sqlite3 ships prebuilds only for ${SQLITE_TARGETS.join(', ')}. Run this step on one of those runners`);
}
/** Linux with musl libc (Alpine): Node's own report names the glibc it runs on, and musl has none. */
function isMuslLinux() {
    if (process.platform !== 'linux')
        return false;
    // `excludeNetwork` (Node 22+) is missing from @types/node's ProcessReport.
    const report = process.report;
    const excludeNetwork = report.excludeNetwork;
    report.excludeNetwork = true; // the report would otherwise list sockets, which can be slow
    try {
        const header = report.getReport().header;
        return !header?.glibcVersionRuntime;
    }
    finally {
        report.excludeNetwork = excludeNetwork;
    }
}
async function importTarget(target) {
    // One literal import per case: a computed specifier would hide the prebuilds from ncc.
    switch (target) {
        case 'linux-x64':
            return (await Promise.all(/* import() */[__webpack_require__.e(909), __webpack_require__.e(815)]).then(__webpack_require__.t.bind(__webpack_require__, 1815, 23))).default;
        case 'linux-arm64':
            return (await Promise.all(/* import() */[__webpack_require__.e(909), __webpack_require__.e(557)]).then(__webpack_require__.t.bind(__webpack_require__, 8557, 23))).default;
        case 'linuxmusl-x64':
            return (await Promise.all(/* import() */[__webpack_require__.e(909), __webpack_require__.e(162)]).then(__webpack_require__.t.bind(__webpack_require__, 4162, 23))).default;
        case 'linuxmusl-arm64':
            return (await Promise.all(/* import() */[__webpack_require__.e(909), __webpack_require__.e(411)]).then(__webpack_require__.t.bind(__webpack_require__, 7792, 23))).default;
        case 'darwin-x64':
            return (await Promise.all(/* import() */[__webpack_require__.e(909), __webpack_require__.e(252)]).then(__webpack_require__.t.bind(__webpack_require__, 252, 23))).default;
        case 'darwin-arm64':
            return (await Promise.all(/* import() */[__webpack_require__.e(909), __webpack_require__.e(862)]).then(__webpack_require__.t.bind(__webpack_require__, 4862, 23))).default;
        case 'win32-x64':
            return (await Promise.all(/* import() */[__webpack_require__.e(909), __webpack_require__.e(846)]).then(__webpack_require__.t.bind(__webpack_require__, 7846, 23))).default;
        case 'win32-arm64':
            return (await Promise.all(/* import() */[__webpack_require__.e(909), __webpack_require__.e(140)]).then(__webpack_require__.t.bind(__webpack_require__, 2140, 23))).default;
    }
}
let loading;
/**
 * The better-sqlite3 constructor for this machine, loaded once per process. `file:` URI file names
 * are switched on (SQLite reads SQLITE_USE_URI once, when the addon loads), so backups can be
 * opened with `immutable=1`; plain paths are unaffected.
 */
function loadSqlite() {
    loading ??= (async () => {
        const Database = await importTarget(sqliteTarget(process.platform, process.arch, isMuslLinux()));
        const previous = process.env.SQLITE_USE_URI;
        process.env.SQLITE_USE_URI = '1';
        try {
            new Database(':memory:').close(); // loads the addon now, while the variable is set
        }
        finally {
            if (previous === undefined)
                delete process.env.SQLITE_USE_URI;
            else
                process.env.SQLITE_USE_URI = previous;
        }
        return Database;
    })();
    loading.catch(() => (loading = undefined));
    return loading;
}
/**
 * Opens a file that nobody writes (a backup, or a database just restored) to read only its own
 * bytes: `immutable=1` takes no locks and never reads or creates a -wal, -shm or -journal beside it,
 * so checking a backup changes nothing in its folder and checks exactly the bytes that get copied.
 */
async function openImmutable(file) {
    const Database = await loadSqlite();
    return new Database(`${(0,node_url__WEBPACK_IMPORTED_MODULE_0__.pathToFileURL)(file).href}?mode=ro&immutable=1`, {
        readonly: true,
        fileMustExist: true,
    });
}
/** Opens a live database by path for writing (to settle its journal); never creates one. */
async function openLive(file, busyTimeoutMs) {
    const Database = await loadSqlite();
    return new Database(file, { fileMustExist: true, timeout: busyTimeoutMs });
}
/** SQLite's error code (`SQLITE_CORRUPT`, `SQLITE_NOTADB`, `SQLITE_BUSY`, ...), when there is one. */
function sqliteErrorCode(error) {
    const code = error?.code;
    return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}


/***/ })

};
