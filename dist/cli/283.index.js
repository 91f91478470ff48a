export const id = 283;
export const ids = [283];
export const modules = {

/***/ 1247:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ decideInputs)
/* harmony export */ });
/* harmony import */ var _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9114);
/* harmony import */ var _policy_matrix_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4201);


const decideInputs = (0,_core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .defineInputs */ .pf)({
    'issue-type': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.enum(_policy_matrix_js__WEBPACK_IMPORTED_MODULE_1__/* .ISSUE_TYPES */ .co).required(),
    severity: _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.enum(_policy_matrix_js__WEBPACK_IMPORTED_MODULE_1__/* .SEVERITIES */ .oC),
    'affecting-users': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.boolean().default('true'),
    'error-rate': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.rate(),
    'error-rate-threshold': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.rate().default('10%'),
    'data-loss': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.boolean().default('false'),
    'deployment-caused': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.boolean().default('true'),
    'data-compromised': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.boolean().default('false'),
    policy: _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.string(),
});


/***/ }),

/***/ 6549:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  G2: () => (/* binding */ detectConfig),
  tF: () => (/* binding */ detectFields),
  JN: () => (/* binding */ detectInputs),
  Yi: () => (/* binding */ detectProblems),
  Ur: () => (/* binding */ probeSettings)
});

// EXTERNAL MODULE: ./src/core/inputs.ts
var inputs = __webpack_require__(9114);
// EXTERNAL MODULE: ./src/core/parse.ts
var parse = __webpack_require__(1896);
// EXTERNAL MODULE: ./src/core/files.ts
var files = __webpack_require__(9928);
// EXTERNAL MODULE: ./src/probe/latency.ts
var latency = __webpack_require__(8844);
;// CONCATENATED MODULE: ./src/probe/baseline.ts
/**
 * The `baseline` input: a number of milliseconds (the healthy median latency), or the path of an
 * earlier detect or verify report, whose passing probes' latencies become the baseline sample.
 * Anything else (a missing file, text that is not such a report, too few samples) is a ParseError,
 * which the input reader reports as a configuration error naming `baseline`.
 */



const BASELINE_ACCEPTED = "a latency in milliseconds such as '250' (or '250ms', '1.5s'), or the path of an earlier detect or verify report";
const DURATION_UNITS = { ms: 1, s: 1000 };
/** A report of 10,000 probes (the most detect plans) is about 3 MB; anything far larger is not one. */
const MAX_REPORT_BYTES = 16 * 1024 * 1024;
function parseBaseline(text) {
    const trimmed = text.trim();
    const number = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/i.exec(trimmed);
    if (number) {
        const ms = Number(number[1]) * DURATION_UNITS[(number[2] ?? 'ms').toLowerCase()];
        if (!(ms > 0))
            throw new parse/* ParseError */.mB(`'${text}' is not a positive latency; expected ${BASELINE_ACCEPTED}`);
        return { kind: 'value', ms };
    }
    return { kind: 'samples', samples: readReportLatencies(trimmed), source: trimmed };
}
/** The latencies of the passing probes of a detect or verify report. */
function readReportLatencies(file) {
    const text = (0,files/* readInputFile */.jH)(file, {
        expected: `${BASELINE_ACCEPTED} (a report of at most ${(0,files/* byteSize */.mz)(MAX_REPORT_BYTES)})`,
        maxBytes: MAX_REPORT_BYTES,
    });
    let report;
    try {
        report = JSON.parse(text);
    }
    catch {
        throw new parse/* ParseError */.mB(`'${file}' is not JSON; expected the report file of an earlier detect or verify run`);
    }
    const probes = report?.probes;
    if (!Array.isArray(probes)) {
        throw new parse/* ParseError */.mB(`'${file}' has no 'probes' list; expected the report file of an earlier detect or verify run`);
    }
    const latencies = probes
        .filter((probe) => probe?.outcome === 'pass')
        .map((probe) => probe.latencyMs)
        .filter((value) => typeof value === 'number' && Number.isFinite(value) && value >= 0);
    if (latencies.length < latency/* MIN_LATENCY_SAMPLES */.ge) {
        throw new parse/* ParseError */.mB(`'${file}' has ${latencies.length} passing probe latencies; a baseline needs at least ${latency/* MIN_LATENCY_SAMPLES */.ge} (run detect or verify with more samples)`);
    }
    return latencies;
}

// EXTERNAL MODULE: ./src/probe/detect.ts + 1 modules
var detect = __webpack_require__(9476);
;// CONCATENATED MODULE: ./src/actions/detect/inputs.ts




const DEGRADATION_ACCEPTED = "a share such as '50%' or '0.5' (it may exceed 100%)";
/** '50%', '0.5' or '150%': how much slower than the baseline is still acceptable. */
function parseDegradation(text) {
    const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text.trim());
    if (percent)
        return Number(percent[1]) / 100;
    try {
        return (0,parse/* parseRate */.WN)(text);
    }
    catch {
        throw new parse/* ParseError */.mB(`'${text}' is not ${DEGRADATION_ACCEPTED}`);
    }
}
/** The input fields, exported for the guard, which takes the same inputs under its own names. */
const detectFields = {
    url: inputs/* input */.hF.urls().required(),
    interval: inputs/* input */.hF.duration({ min: 1 }).default('5s'),
    window: inputs/* input */.hF.duration({ min: 1 }).default('5m'),
    grace: inputs/* input */.hF.duration().default('0s'),
    'request-timeout': inputs/* input */.hF.duration({ min: 1 }).default('10s'),
    'expect-status': inputs/* input */.hF.statusList().default('200-399'),
    'expect-body': inputs/* input */.hF.string(),
    headers: inputs/* input */.hF.headers(),
    'baseline-error-rate': inputs/* input */.hF.rate().default('1%'),
    'max-error-rate': inputs/* input */.hF.rate().default('10%'),
    'false-alarm-rate': inputs/* input */.hF.rate().default('1%'),
    'miss-rate': inputs/* input */.hF.rate().default('5%'),
    'max-latency': inputs/* input */.hF.duration({ min: 1 }).default('5s'),
    baseline: inputs/* input */.hF.custom(parseBaseline, BASELINE_ACCEPTED),
    'max-degradation': inputs/* input */.hF.custom(parseDegradation, DEGRADATION_ACCEPTED).default('50%'),
    'fail-on-unhealthy': inputs/* input */.hF.boolean().default('false'),
};
/** Problems that involve more than one input; the guard runs the same checks on its own values. */
function detectProblems(values) {
    const problems = [];
    const p0 = values['baseline-error-rate'];
    const p1 = values['max-error-rate'];
    if (p0 <= 0) {
        problems.push({
            input: 'baseline-error-rate',
            message: "must be above 0 (no service fails never; a rate such as '0.1%' is fine)",
        });
    }
    if (p1 >= 1)
        problems.push({ input: 'max-error-rate', message: "must be below 100%, such as '10%'" });
    else if (p1 <= p0) {
        problems.push({
            input: 'max-error-rate',
            message: `must be above baseline-error-rate (${+(p0 * 100).toFixed(4)}%): it is the rate that means unhealthy`,
        });
    }
    for (const name of ['false-alarm-rate', 'miss-rate']) {
        if (values[name] <= 0 || values[name] >= 1) {
            problems.push({ input: name, message: "must be above 0% and below 100%, such as '1%' or '5%'" });
        }
    }
    const probes = Math.floor(values.window / values.interval);
    if (probes < 1) {
        problems.push({ input: 'window', message: `must be at least one interval (${values.interval} ms)` });
    }
    else if (probes > detect/* MAX_PLANNED_PROBES */.K3) {
        problems.push({
            input: 'window',
            message: `holds ${probes} probes at this interval; at most ${detect/* MAX_PLANNED_PROBES */.K3} (use a longer interval or a shorter window)`,
        });
    }
    return problems;
}
const detectInputs = (0,inputs/* defineInputs */.pf)(detectFields, detectProblems);
/** How to probe, from the inputs detect, verify and the guard share. */
function probeSettings(values) {
    return {
        urls: values.url,
        headers: values.headers ?? {},
        expectStatus: values['expect-status'],
        expectBody: values['expect-body'],
        requestTimeoutMs: values['request-timeout'],
    };
}
/** The library configuration from parsed inputs (the guard's too: it has every input but fail-on-unhealthy). */
function detectConfig(values) {
    return {
        ...probeSettings(values),
        intervalMs: values.interval,
        windowMs: values.window,
        graceMs: values.grace,
        baselineErrorRate: values['baseline-error-rate'],
        maxErrorRate: values['max-error-rate'],
        falseAlarmRate: values['false-alarm-rate'],
        missRate: values['miss-rate'],
        maxLatencyMs: values['max-latency'],
        baseline: values.baseline,
        maxDegradation: values['max-degradation'],
    };
}


/***/ }),

/***/ 7922:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  c: () => (/* binding */ guardAction)
});

// UNUSED EXPORTS: run

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/input-names.ts
var input_names = __webpack_require__(7630);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
// EXTERNAL MODULE: ./src/core/guarded-fetch.ts
var guarded_fetch = __webpack_require__(342);
// EXTERNAL MODULE: ./src/core/http.ts
var http = __webpack_require__(1983);
;// CONCATENATED MODULE: ./src/guard/github.ts
/**
 * The GitHub side of a guard run: which repository and run this is (from the runner's environment),
 * and an Octokit client over the injected fetch, pointed at `GITHUB_API_URL` (so tests can stand a
 * local server in for the GitHub API).
 */



/** The repository context, or undefined outside a repository run (no GITHUB_REPOSITORY or GITHUB_SHA). */
function repoContextFromEnv(env) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo || !env.GITHUB_SHA)
        return undefined;
    const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/$/, '');
    return {
        owner,
        repo,
        sha: env.GITHUB_SHA,
        serverUrl,
        apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, ''),
        runUrl: env.GITHUB_RUN_ID ? `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
    };
}
function githubClient(token, context, fetch) {
    const limited = (0,guarded_fetch/* guardedFetch */.x2)(fetch, http/* DEFAULT_MAX_BODY_BYTES */.y_);
    return (0,github/* getOctokit */.Q)(token, { baseUrl: context.apiUrl, request: { fetch: limited, retries: 0 } });
}
/** The HTTP status of an Octokit error, when it has one. */
function httpStatus(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}

// EXTERNAL MODULE: ./src/policy/matrix.ts
var matrix = __webpack_require__(4201);
// EXTERNAL MODULE: ./src/policy/policy-file.ts
var policy_file = __webpack_require__(5301);
// EXTERNAL MODULE: ./src/providers/registry.ts + 25 modules
var registry = __webpack_require__(9756);
// EXTERNAL MODULE: ./src/restore/config.ts
var config = __webpack_require__(9998);
// EXTERNAL MODULE: ./src/actions/detect/inputs.ts + 1 modules
var inputs = __webpack_require__(6549);
// EXTERNAL MODULE: ./src/actions/restore-db/inputs.ts
var restore_db_inputs = __webpack_require__(6278);
// EXTERNAL MODULE: ./src/actions/restore-db/main.ts
var main = __webpack_require__(2338);
// EXTERNAL MODULE: ./src/actions/verify/inputs.ts
var verify_inputs = __webpack_require__(3648);
;// CONCATENATED MODULE: ./src/actions/guard/plan.ts
/**
 * From the guard's inputs to the plan of a run, checked all at once before anything happens. Each
 * step is configured by the same code as its single action: detect's and verify's config builders
 * and cross-checks, the chosen provider's rollback action inputs (through its registry entry, so
 * `service` is checked as a Railway id, a Render service id or a Fly app name), restore-db's inputs
 * and path checks, and decide's policy file loader. Problems come back under the guard's own input
 * names.
 */











/** Guard inputs every provider's rollback action takes, under these names. */
const COMMON_ROLLBACK_INPUTS = { target: 'target', 'rollback-timeout': 'timeout', 'dry-run': 'dry-run' };
/** Guard inputs restore-db takes, under the same names. */
const RESTORE_INPUTS = {
    database: 'database',
    'backup-dir': 'backup-dir',
    backup: 'backup',
    before: 'before',
    'dry-run': 'dry-run',
};
/** The guard's values as text, for a step that parses them itself. */
function asText(values) {
    const named = values;
    const raw = {};
    for (const [name, value] of Object.entries(named))
        raw[name] = value === undefined || typeof value === 'string' ? value : String(value);
    return raw;
}
/** The chosen provider's rollback inputs, read from the guard's (the guard always waits). */
function readRollback(values, entry) {
    const names = { ...COMMON_ROLLBACK_INPUTS, ...(0,registry/* rollbackInputNames */.tO)(entry) };
    return (0,input_names/* readInputsAs */.e)(entry.rollback.inputs, asText(values), names, { wait: 'true' });
}
function readRestore(values) {
    return (0,input_names/* readInputsAs */.e)(restore_db_inputs/* restoreDbInputs */.k, asText(values), RESTORE_INPUTS);
}
/** detect's cross-checks, when every input they compare is valid on its own. */
function detectCrossProblems(values) {
    const compared = {
        interval: values.interval,
        window: values.window,
        'baseline-error-rate': values['baseline-error-rate'],
        'max-error-rate': values['max-error-rate'],
        'false-alarm-rate': values['false-alarm-rate'],
        'miss-rate': values['miss-rate'],
    };
    return allGiven(compared) ? (0,inputs/* detectProblems */.Yi)(compared) : [];
}
function allGiven(values) {
    return Object.values(values).every((value) => value !== undefined);
}
/** Provider inputs given for a provider that does not take them ("does not apply to Render"). */
function providerInputProblems(values, defaults) {
    if (values.provider === undefined)
        return [];
    const entry = registry/* PROVIDERS */.xq[values.provider];
    // An input left at the guard's default was not given.
    const given = Object.fromEntries(Object.entries(asText(values)).filter(([name, value]) => value !== defaults[name]));
    return [...readRollback(values, entry).problems, ...(0,registry/* inapplicableInputs */.oI)(entry, given)];
}
function restoreInputProblems(values) {
    if (values.database !== undefined)
        return readRestore(values).problems;
    return ['backup-dir', 'backup', 'before']
        .filter((name) => values[name] !== undefined)
        .map((name) => ({ input: name, message: 'only applies with database; give database too' }));
}
/**
 * Every problem the steps' own checks find in the guard's inputs, run even when other inputs are bad
 * so that one run reports them all (the guard's `partialCheck`). `defaults` are the guard's default
 * texts, by input.
 */
function guardInputProblems(values, defaults) {
    return [
        ...detectCrossProblems(values),
        ...providerInputProblems(values, defaults),
        ...restoreInputProblems(values),
    ];
}
/** The SQLite restore, with its paths checked on disk. */
async function planRestore(values) {
    if (values.database === undefined)
        return { problems: [] };
    const read = readRestore(values);
    const restore = read.values ? (0,main/* restoreConfigFromInputs */.qD)(read.values) : undefined;
    const problems = restore ? await (0,config/* checkRestorePaths */.r)(restore) : read.problems;
    return { restore, problems };
}
/** decide's matrix: the policy file, read now so a bad one stops the run before it watches for minutes. */
async function planMatrix(policy) {
    if (policy === undefined)
        return { matrix: matrix/* DEFAULT_MATRIX */.iV, problems: [] };
    try {
        return { matrix: await (0,policy_file/* loadPolicy */.t)(policy), problems: [] };
    }
    catch (error) {
        if (!(error instanceof errors/* ConfigurationError */.j1))
            throw error;
        return { matrix: matrix/* DEFAULT_MATRIX */.iV, problems: error.problems };
    }
}
function planVerify(values) {
    return (0,verify_inputs/* verifyConfig */.wW)({
        url: values.url,
        'smoke-tests': values['smoke-tests'],
        samples: values['verify-samples'],
        interval: values['verify-interval'],
        timeout: values['verify-timeout'],
        'max-error-rate': values['verify-max-error-rate'],
        'max-latency': values['verify-max-latency'],
        'expect-status': values['expect-status'],
        'expect-body': values['expect-body'],
        'request-timeout': values['request-timeout'],
        headers: values.headers,
        'fail-on-unhealthy': true,
    });
}
function planGitHub(values, env) {
    const repo = repoContextFromEnv(env);
    const token = values['github-token'];
    if (!token || !repo)
        return undefined;
    return {
        token,
        repo,
        environment: values['github-environment'],
        recordIncident: values['record-incident'],
    };
}
/**
 * The plan of a run, from inputs that passed `guardInputProblems`. Reads the policy file and checks
 * the restore paths (both can only be checked on disk); every problem found is reported at once.
 */
async function planGuard(values, env) {
    const entry = registry/* PROVIDERS */.xq[values.provider];
    const rollback = readRollback(values, entry);
    const { restore, problems: restoreProblems } = await planRestore(values);
    const { matrix, problems: policyProblems } = await planMatrix(values.policy);
    const problems = [...rollback.problems, ...restoreProblems, ...policyProblems];
    if (problems.length > 0 || !rollback.values)
        throw new errors/* ConfigurationError */.j1(problems);
    const rollbackValues = rollback.values;
    return {
        provider: values.provider,
        providerTitle: entry.title,
        service: values.service ?? '',
        mode: values.mode,
        dryRun: values['dry-run'],
        detect: (0,inputs/* detectConfig */.G2)(values),
        decide: {
            issueType: values['issue-type'],
            dataLoss: values['data-loss'],
            affectingUsers: values['affecting-users'],
            matrix,
            policyFile: values.policy,
        },
        rollback: {
            action: entry.rollback.name,
            options: {
                target: values.target,
                wait: true,
                timeoutMs: rollbackValues.timeout,
                dryRun: values['dry-run'],
            },
            createProvider: (context) => entry.rollback.createProvider(rollbackValues, context),
        },
        restore,
        verify: planVerify(values),
        github: planGitHub(values, env),
    };
}

// EXTERNAL MODULE: ./src/core/github-host.ts
var github_host = __webpack_require__(7147);
// EXTERNAL MODULE: ./src/policy/decide.ts
var decide = __webpack_require__(4708);
// EXTERNAL MODULE: ./src/probe/detect.ts + 1 modules
var probe_detect = __webpack_require__(9476);
// EXTERNAL MODULE: ./src/probe/verify.ts
var probe_verify = __webpack_require__(7649);
// EXTERNAL MODULE: ./src/providers/flow.ts + 1 modules
var flow = __webpack_require__(9106);
// EXTERNAL MODULE: ./src/restore/data.ts + 5 modules
var data = __webpack_require__(9638);
;// CONCATENATED MODULE: ./src/guard/lock.ts

const LOCK_STALE_MS = 30 * 60_000;
/** The ref name for a provider and service; characters a ref cannot hold become '-'. */
function lockRefName(provider, service) {
    const safe = `${provider}-${service}`
        .replace(/[^A-Za-z0-9._-]/g, '-')
        .replace(/\.{2,}/g, '-')
        .replace(/^[.-]+|[.]+$/g, '');
    return `rollback-guard/lock-${safe}`;
}
class RollbackLock {
    github;
    repo;
    deps;
    staleMs;
    /** The sha of our lock commit, once we hold the lock. */
    heldSha;
    ref;
    constructor(github, repo, provider, service, deps, staleMs = LOCK_STALE_MS) {
        this.github = github;
        this.repo = repo;
        this.deps = deps;
        this.staleMs = staleMs;
        this.ref = lockRefName(provider, service);
    }
    get held() {
        return this.heldSha !== undefined;
    }
    /** Takes the lock, breaking it once if the holder's is stale. */
    async acquire() {
        const { owner, repo } = this.repo;
        const { data: runCommit } = await this.github.rest.git.getCommit({
            owner,
            repo,
            commit_sha: this.repo.sha,
        });
        const now = new Date(this.deps.clock.now()).toISOString();
        const { data: lockCommit } = await this.github.rest.git.createCommit({
            owner,
            repo,
            message: `rollback-guard lock\n\nHeld by ${this.repo.runUrl ?? `a run on ${this.repo.sha}`} since ${now}.\nDelete this branch to release it by hand.`,
            tree: runCommit.tree.sha,
            parents: [],
            author: { name: 'rollback-guard', email: 'rollback-guard@users.noreply.github.com', date: now },
        });
        for (let attempt = 0; attempt < 2; attempt++) {
            if (await this.createRef(lockCommit.sha))
                return { acquired: true };
            const holder = await this.holder();
            if (!holder)
                continue; // released in between: try again
            const age = this.deps.clock.now() - holder.since;
            if (age < this.staleMs || attempt > 0)
                return { acquired: false, holder };
            this.deps.log.warning(`the lock ${this.ref} is ${Math.round(age / 60_000)} min old (stale): breaking it`);
            await this.deleteRef();
            // Another run may break it at the same moment: only one create succeeds.
            if (await this.createRef(lockCommit.sha))
                return { acquired: true, brokeStale: holder };
        }
        const holder = await this.holder();
        return {
            acquired: false,
            holder: holder ?? { description: 'another run', since: this.deps.clock.now() },
        };
    }
    /** Creates the lock ref at our commit; false when it exists already (GitHub answers 422). */
    async createRef(sha) {
        try {
            await this.github.rest.git.createRef({
                owner: this.repo.owner,
                repo: this.repo.repo,
                ref: `refs/heads/${this.ref}`,
                sha,
            });
            this.heldSha = sha;
            return true;
        }
        catch (error) {
            if (httpStatus(error) === 422)
                return false;
            throw error;
        }
    }
    /** Who holds the lock now, or undefined when nobody does. */
    async holder() {
        const { owner, repo } = this.repo;
        let sha;
        try {
            const { data } = await this.github.rest.git.getRef({ owner, repo, ref: `heads/${this.ref}` });
            sha = data.object.sha;
        }
        catch (error) {
            if (httpStatus(error) === 404)
                return undefined;
            throw error;
        }
        const { data: commit } = await this.github.rest.git.getCommit({ owner, repo, commit_sha: sha });
        const since = Date.parse(commit.author?.date ?? commit.committer?.date ?? '');
        const line = commit.message.split('\n').find((l) => l.startsWith('Held by')) ?? 'another run';
        return {
            description: line.replace(/^Held by /, '').replace(/ since .*$/, ''),
            since: Number.isNaN(since) ? 0 : since,
        };
    }
    /** Waits until the lock is free (or stale) or the deadline passes. */
    async waitForRelease(deadline, pollMs = 10_000) {
        for (;;) {
            const holder = await this.holder();
            if (!holder || this.deps.clock.now() - holder.since >= this.staleMs)
                return 'released';
            const left = deadline - this.deps.clock.now();
            if (left <= 0)
                return 'timed-out';
            await this.deps.sleep(Math.min(pollMs, left));
        }
    }
    /** Releases the lock if this run holds it. Never throws: a lock left behind goes stale in 30 min. */
    async release() {
        if (!this.heldSha)
            return;
        try {
            const { owner, repo } = this.repo;
            const { data } = await this.github.rest.git.getRef({ owner, repo, ref: `heads/${this.ref}` });
            if (data.object.sha === this.heldSha)
                await this.deleteRef();
        }
        catch (error) {
            if (httpStatus(error) !== 404) {
                this.deps.log.warning(`could not release the lock ${this.ref}: ${String(error)}; it goes stale in 30 minutes`);
            }
        }
        finally {
            this.heldSha = undefined;
        }
    }
    async deleteRef() {
        try {
            await this.github.rest.git.deleteRef({
                owner: this.repo.owner,
                repo: this.repo.repo,
                ref: `heads/${this.ref}`,
            });
        }
        catch (error) {
            if (httpStatus(error) !== 404 && httpStatus(error) !== 422)
                throw error;
        }
    }
}

// EXTERNAL MODULE: ./src/core/parse.ts
var parse = __webpack_require__(1896);
// EXTERNAL MODULE: ./src/core/summary.ts
var summary = __webpack_require__(1363);
// EXTERNAL MODULE: ./src/policy/summary.ts
var policy_summary = __webpack_require__(3446);
// EXTERNAL MODULE: ./src/probe/detect-summary.ts
var detect_summary = __webpack_require__(2350);
// EXTERNAL MODULE: ./src/probe/verify-summary.ts
var verify_summary = __webpack_require__(5371);
// EXTERNAL MODULE: ./src/providers/outputs.ts
var outputs = __webpack_require__(9544);
// EXTERNAL MODULE: ./src/restore/summary.ts
var restore_summary = __webpack_require__(4042);
;// CONCATENATED MODULE: ./src/guard/checklist.ts
function rollbackChecklist(result) {
    const decision = result.decision;
    const rollback = result.rollback;
    const verify = result.verify;
    const check = (name) => verify?.checks.find((c) => c.name === name)?.passed === true;
    const incident = result.records?.incidentUrl !== undefined;
    const executed = rollback?.status === 'rolled-back' ||
        rollback?.status === 'already-live' ||
        result.restore?.status === 'restored';
    return [
        { label: 'Issue severity assessed', done: decision !== undefined },
        {
            label: 'Rollback decision made',
            done: decision !== undefined && (decision.codeRollback || decision.dataRollback),
        },
        { label: 'Stakeholders notified (incident issue)', done: incident },
        { label: 'Last known good version identified', done: rollback?.to !== undefined },
        { label: 'Rollback command prepared', done: rollback?.to !== undefined },
        {
            label: 'Monitoring dashboard open (this summary)',
            done: result.detect !== undefined || verify !== undefined,
        },
        { label: 'Rollback executed', done: !result.dryRun && executed },
        { label: 'Health check passed', done: check('service-up') && verify?.healthy === true },
        {
            label: 'Smoke tests passed',
            done: verify !== undefined && verify.smokeTests.length > 0 && verify.smokeTests.every((t) => t.passed),
        },
        { label: 'Error rate normal', done: check('error-rate') },
        { label: 'Users notified (yours to do)', done: false },
        { label: 'Incident documented', done: incident },
        { label: 'Post-mortem scheduled (yours to do)', done: false },
    ];
}

;// CONCATENATED MODULE: ./src/guard/timeline.ts


const PHASES = (/* unused pure expression or super */ null && (['detect', 'decide', 'lock', 'rollback', 'restore', 'verify', 'record']));
const MILESTONES = (/* unused pure expression or super */ null && (['detected', 'decided', 'executing', 'verified']));
const MINUTE = 60_000;
const RUNBOOK_TARGETS = [
    { name: 'detection → decision', from: 'detected', to: 'decided', targetMs: 5 * MINUTE },
    { name: 'decision → execution', from: 'decided', to: 'executing', targetMs: 2 * MINUTE },
    { name: 'execution → verification', from: 'executing', to: 'verified', targetMs: 5 * MINUTE },
    { name: 'total', from: 'detected', to: 'verified', targetMs: 15 * MINUTE },
];
class Timeline {
    clock;
    started;
    ended;
    phases = [];
    milestones = new Map();
    constructor(clock) {
        this.clock = clock;
        this.started = clock.now();
    }
    /** Runs `work` as a phase, recording its start, end and outcome (also when it throws). */
    async phase(name, work, outcome) {
        const record = { name, start: this.clock.now() };
        this.phases.push(record);
        try {
            const value = await work();
            record.outcome = outcome?.(value);
            return value;
        }
        catch (error) {
            record.outcome = 'error';
            throw error;
        }
        finally {
            record.end = this.clock.now();
        }
    }
    /** Records a phase that did not run, so the timeline says why. */
    skip(name, why) {
        const now = this.clock.now();
        this.phases.push({ name, start: now, end: now, outcome: `skipped: ${why}` });
    }
    mark(milestone, at = this.clock.now()) {
        if (!this.milestones.has(milestone))
            this.milestones.set(milestone, at);
    }
    finish() {
        this.ended ??= this.clock.now();
    }
    toJSON() {
        const iso = (ms) => (ms === undefined ? undefined : new Date(ms).toISOString());
        const targets = RUNBOOK_TARGETS.map((target) => {
            const from = this.milestones.get(target.from);
            const to = this.milestones.get(target.to);
            if (from === undefined || to === undefined)
                return { ...target };
            const ms = Math.max(0, to - from);
            return { ...target, ms, met: ms < target.targetMs };
        });
        return {
            startedAt: iso(this.started),
            endedAt: iso(this.ended),
            totalRunMs: this.ended === undefined ? undefined : this.ended - this.started,
            phases: this.phases.map((p) => ({
                name: p.name,
                startedAt: iso(p.start),
                endedAt: iso(p.end),
                durationMs: p.end === undefined ? undefined : p.end - p.start,
                outcome: p.outcome,
            })),
            milestones: Object.fromEntries([...this.milestones].map(([name, at]) => [name, iso(at)])),
            targets,
        };
    }
}
/** The targets as a Markdown table: interval, took, target, met/missed. */
function targetsTable(timeline) {
    return (0,summary/* table */.tp)(['Interval', 'Took', 'Target', ''], timeline.targets.map((t) => [
        t.name,
        t.ms === undefined ? 'n/a' : (0,parse/* humanDuration */.UU)(t.ms),
        `< ${(0,parse/* humanDuration */.UU)(t.targetMs)}`,
        t.met === undefined ? '–' : t.met ? '✅ met' : '❌ missed',
    ]));
}
/** A Mermaid gantt chart of the phases (times in ms since the epoch, shown as clock time). */
function ganttChart(timeline) {
    const lines = [
        'gantt',
        '  title rollback-guard timeline',
        '  dateFormat x',
        '  axisFormat %H:%M:%S',
        '  section Run',
    ];
    timeline.phases.forEach((phase, index) => {
        const start = Date.parse(phase.startedAt);
        // A zero-length bar does not render: give instant phases one millisecond.
        const end = Math.max(start + 1, Date.parse(phase.endedAt ?? phase.startedAt));
        const state = phase.outcome === 'error' || phase.outcome?.startsWith('failed') ? 'crit' : 'done';
        lines.push(`  ${(0,summary/* mermaidLabel */._b)(`${phase.name}${phase.outcome ? ` (${phase.outcome})` : ''}`)} :${state}, p${index}, ${start}, ${end}`);
    });
    return (0,summary/* mermaid */.a4)(lines.join('\n'));
}

;// CONCATENATED MODULE: ./src/guard/summary.ts
/**
 * What the guard says: its outputs, its step summary (the outcome and why, the key facts, the
 * timeline against the runbook's targets, the checklist, then each step's own summary), and the
 * incident issue it opens.
 */










function guardOutputs(result) {
    return {
        outcome: result.outcome,
        verdict: result.detect?.verdict ?? '',
        ...(result.decision
            ? (0,decide/* decisionOutputs */.NT)(result.decision)
            : {
                action: '',
                'code-rollback': '',
                'data-rollback': '',
                priority: '',
                severity: '',
                'max-downtime': '',
                reason: '',
            }),
        from: result.rollback?.from?.id ?? '',
        to: result.rollback?.to?.id ?? '',
        deployment: result.rollback?.deploymentId ?? '',
        timeline: JSON.stringify(result.timeline),
        incident: result.records?.incidentUrl ?? '',
    };
}
const OUTCOME_OK = {
    passed: true,
    'rolled-back': true,
    'rolled-back-still-down': false,
    inconclusive: 'neutral',
    failed: false,
    planned: 'neutral',
};
function lockLine(result) {
    const lock = result.lock;
    if (lock.kind === 'none-dry-run')
        return 'Lock: none (a dry run takes no lock).';
    if (lock.kind === 'provider-state-only') {
        return 'Lock: none (no GitHub token or repository) — only the provider state (a rollback already live or in progress) guarded against a second rollback.';
    }
    if (lock.acquired === undefined)
        return 'Lock: not needed (nothing to roll back).';
    if (lock.acquired)
        return `Lock: held ${lock.ref ? `\`${lock.ref}\`` : ''} while acting${lock.brokeStale ? ' (a stale lock of another run was broken)' : ''}.`;
    return `Lock: held by another run (${lock.heldBy?.description ?? 'unknown'}); this run sent no rollback request${lock.waited ? ` and waited: ${lock.waited}` : ''}.`;
}
function keyFacts(result) {
    const rollback = result.rollback;
    return [
        ['Provider', `${result.providerTitle}${result.service ? ` · ${result.service}` : ''}`],
        ['Mode', result.mode + (result.dryRun ? ' (dry run)' : '')],
        [
            'Detected',
            result.detect
                ? `${result.detect.verdict}${result.detect.reason ? ` (${result.detect.reason})` : ''}`
                : 'skipped (mode rollback)',
        ],
        ['Decision', result.decision ? `${result.decision.action} at ${result.decision.priority}` : undefined],
        ['Was live', rollback?.from?.label],
        [
            'Live now',
            rollback?.status === 'rolled-back' || rollback?.status === 'already-live'
                ? rollback.to?.label
                : undefined,
        ],
        [
            'Database',
            result.restore?.sqlite?.backup
                ? `${result.restore.status}: ${result.restore.sqlite.backup.name}`
                : undefined,
        ],
        ['Verified', result.verify ? (result.verify.healthy ? 'healthy' : 'not healthy') : undefined],
        [
            'Incident',
            result.records?.incidentUrl
                ? (0,summary/* link */.nf)(`#${result.records.incidentNumber}`, result.records.incidentUrl)
                : undefined,
        ],
        [
            'Run took',
            result.timeline.totalRunMs === undefined ? undefined : (0,parse/* humanDuration */.UU)(result.timeline.totalRunMs),
        ],
    ];
}
function guardSummary(result, now) {
    const rollbackPart = result.rollback
        ? (0,summary/* sections */.V0)((0,outputs/* rollbackSummary */.j)(result.rollback, `rollback-${result.provider}`), result.rollbackSection ?? '')
        : undefined;
    return (0,summary/* sections */.V0)((0,summary/* heading */.R_)(2, 'rollback-guard'), (0,summary/* verdictLine */.MT)(OUTCOME_OK[result.outcome], result.outcome, result.message), (0,summary/* table */.tp)(['', ''], keyFacts(result)), (0,summary/* heading */.R_)(3, 'Timeline against the runbook targets'), targetsTable(result.timeline), ganttChart(result.timeline), (0,summary/* heading */.R_)(3, 'Rollback checklist'), (0,summary/* checklist */.D4)(rollbackChecklist(result)), (0,summary/* bulletList */.fF)([
        lockLine(result),
        ...result.notes,
        ...(result.records?.warnings ?? []).map((w) => `Warning: ${w}`),
    ]), result.detect && (0,detect_summary/* detectSummary */.G)(result.detect), result.decision && result.facts && (0,policy_summary/* decisionSummary */.d)(result.decision, result.facts, undefined), rollbackPart, result.restore && (0,restore_summary/* dataRestoreSummary */.j2)(result.restore, now), result.verify && (0,verify_summary/* verifySummary */.I)(result.verify));
}
function incidentTitle(result) {
    const service = result.service || result.providerTitle;
    const priority = result.decision ? ` (${result.decision.priority})` : '';
    const what = {
        passed: 'healthy',
        'rolled-back': 'rolled back',
        'rolled-back-still-down': 'rolled back, still down',
        inconclusive: 'inconclusive',
        failed: 'rollback failed',
        planned: 'rollback planned',
    };
    return `Incident: ${service} on ${result.providerTitle} ${what[result.outcome]}${priority}`;
}
/** A link comparing the good commit with the bad one, when both are known. */
function compareLink(result, repo) {
    const good = result.rollback?.to?.commit;
    const bad = result.rollback?.from?.commit;
    if (!good || !bad || good === bad)
        return undefined;
    return `${repo.serverUrl}/${repo.owner}/${repo.repo}/compare/${good}...${bad}`;
}
function incidentBody(result, repo) {
    const compare = compareLink(result, repo);
    const rollback = result.rollback;
    return (0,summary/* sections */.V0)((0,summary/* verdictLine */.MT)(OUTCOME_OK[result.outcome], result.outcome, result.message), (0,summary/* table */.tp)(['', ''], keyFacts(result)), result.decision ? `**Decision:** ${result.decision.reason}` : undefined, rollback
        ? (0,summary/* table */.tp)(['', 'Deployment', 'Commit', 'Created'], [
            [
                'Before (bad)',
                rollback.from?.label,
                rollback.from?.commit ? (0,summary/* code */.aY)(rollback.from.commit) : undefined,
                rollback.from?.createdAt,
            ],
            [
                'After (known good)',
                rollback.to?.label,
                rollback.to?.commit ? (0,summary/* code */.aY)(rollback.to.commit) : undefined,
                rollback.to?.createdAt,
            ],
        ])
        : undefined, compare ? `**What changed:** ${compare}` : undefined, (0,summary/* heading */.R_)(3, 'Timeline against the runbook targets'), targetsTable(result.timeline), (0,summary/* heading */.R_)(3, 'Rollback checklist'), (0,summary/* checklist */.D4)(rollbackChecklist(result)), result.notes.length ? (0,summary/* bulletList */.fF)(result.notes) : undefined, repo.runUrl ? `Run: ${repo.runUrl}` : undefined, '_Opened by rollback-guard. Next: notify users, find the root cause, schedule the post-mortem._');
}

;// CONCATENATED MODULE: ./src/guard/records.ts



async function writeRecords(settings, result, github, log) {
    const records = { warnings: [] };
    const { owner, repo } = settings.repo;
    const acted = (result.rollback?.requests ?? 0) > 0 || result.restore?.status === 'restored';
    if (acted) {
        try {
            const state = result.outcome === 'rolled-back' ? 'success' : result.outcome === 'failed' ? 'error' : 'failure';
            const description = `rollback-guard: ${result.outcome}${result.rollback?.to ? ` to ${result.rollback.to.label}` : ''}`.slice(0, 140);
            const deployment = await createDeployment(github, settings, result.rollback?.to?.commit, description);
            await github.rest.repos.createDeploymentStatus({
                owner,
                repo,
                deployment_id: deployment,
                state,
                description,
                log_url: settings.repo.runUrl,
                environment: settings.environment,
            });
            records.deploymentId = deployment;
            records.deploymentState = state;
        }
        catch (error) {
            records.warnings.push(`could not record the deployment status: ${(0,errors/* describeThrown */.YI)(error)}`);
        }
    }
    if (settings.recordIncident) {
        try {
            const { data } = await github.rest.issues.create({
                owner,
                repo,
                title: incidentTitle(result),
                body: incidentBody(result, settings.repo),
                labels: ['incident', 'rollback-guard'],
            });
            records.incidentNumber = data.number;
            records.incidentUrl = data.html_url;
        }
        catch (error) {
            records.warnings.push(`could not open the incident issue: ${(0,errors/* describeThrown */.YI)(error)}`);
        }
    }
    for (const warning of records.warnings)
        log.warning(`guard: ${warning} (check the token's permissions: deployments: write, issues: write)`);
    return records;
}
/** A deployment at the rolled-back-to commit when GitHub knows it, else at the run's commit. */
async function createDeployment(github, settings, commit, description) {
    const { owner, repo, sha } = settings.repo;
    for (const ref of commit && commit !== sha ? [commit, sha] : [sha]) {
        try {
            const { data } = await github.rest.repos.createDeployment({
                owner,
                repo,
                ref,
                environment: settings.environment,
                description,
                auto_merge: false,
                required_contexts: [],
                production_environment: settings.environment === 'production',
            });
            if ('id' in data)
                return data.id;
            throw new Error(`GitHub did not create the deployment: ${data.message ?? 'no id returned'}`);
        }
        catch (error) {
            // 422: the provider's commit is not in this repository; use the run's own.
            if (httpStatus(error) !== 422 || ref === sha)
                throw error;
        }
    }
    throw new Error('no ref to record the deployment at');
}

;// CONCATENATED MODULE: ./src/guard/result.ts
const GUARD_OUTCOMES = (/* unused pure expression or super */ null && ([
    'passed',
    'rolled-back',
    'rolled-back-still-down',
    'inconclusive',
    'failed',
    'planned',
]));
/** 'Rolled back from X to Y and restored backup Z.' */
function describeWhatWasDone(result) {
    const parts = [];
    const rollback = result.rollback;
    if (rollback?.status === 'rolled-back')
        parts.push(`Rolled back from ${rollback.from?.label ?? '?'} to ${rollback.to?.label ?? '?'}`);
    else if (rollback?.status === 'already-live')
        parts.push(`${rollback.to?.label ?? 'The last known good deployment'} was already live`);
    if (result.restore?.status === 'restored') {
        parts.push(`restored the database from ${result.restore.sqlite?.backup?.name ?? 'the backup'}`);
    }
    return parts.length ? `${parts.join(' and ')}.` : 'Nothing was rolled back.';
}

;// CONCATENATED MODULE: ./src/guard/guard.ts











async function runGuard(plan, context) {
    return new GuardRun(plan, context).run();
}
/** One run of the chain: the steps in order, each reading and adding to the result. */
class GuardRun {
    plan;
    context;
    timeline;
    result;
    probeDeps;
    lock;
    /** Another run held the lock and left the service on its last known good deployment. */
    rolledBackByOther = false;
    constructor(plan, context) {
        this.plan = plan;
        this.context = context;
        this.timeline = new Timeline(context.clock);
        this.probeDeps = { fetch: context.fetch, clock: context.clock, sleep: context.sleep };
        this.result = {
            outcome: 'failed',
            message: '',
            provider: plan.provider,
            providerTitle: plan.providerTitle,
            service: plan.service,
            mode: plan.mode,
            dryRun: plan.dryRun,
            lock: { kind: plan.dryRun ? 'none-dry-run' : plan.github ? 'git-ref' : 'provider-state-only' },
            notes: [],
            timeline: this.timeline.toJSON(),
        };
    }
    async run() {
        try {
            return ((await this.detect()) ??
                (await this.decide()) ??
                (await this.takeLock()) ??
                (await this.rollBack()) ??
                (await this.restore()) ??
                this.endDryRun() ??
                (await this.verify()));
        }
        catch (error) {
            this.context.log.error(`guard: ${(0,errors/* describeThrown */.YI)(error)}`);
            return this.end('failed', `The guard stopped on an error: ${(0,errors/* describeThrown */.YI)(error)}`);
        }
        finally {
            await this.recordAndRelease();
        }
    }
    end(outcome, message) {
        this.result.outcome = outcome;
        this.result.message = message;
        return this.result;
    }
    /** The decision; only read by the steps after `decide`, which ends the run without one. */
    get decision() {
        if (!this.result.decision)
            throw new Error('the guard acted before deciding');
        return this.result.decision;
    }
    /** The decision asks for the data back and a database was given. */
    get restorePlanned() {
        return this.decision.dataRollback && this.plan.restore !== undefined;
    }
    /** Detection: watch, or take the operator's word for it. */
    async detect() {
        const { plan, timeline } = this;
        if (plan.mode !== 'watch') {
            timeline.skip('detect', 'mode rollback: an operator decided');
            timeline.mark('detected');
            return undefined;
        }
        const detect = await timeline.phase('detect', () => (0,probe_detect/* runDetect */.N)(plan.detect, this.probeDeps, this.context.log), (d) => d.verdict);
        this.result.detect = detect;
        if (detect.verdict === 'healthy')
            return this.end('passed', `Healthy: ${detect.explanation} Nothing was done.`);
        if (detect.verdict === 'inconclusive') {
            return this.end('inconclusive', `Inconclusive: ${detect.explanation} Nothing was done: an inconclusive watch never rolls back.`);
        }
        timeline.mark('detected', detect.detectedAt ? Date.parse(detect.detectedAt) : this.context.clock.now());
        return undefined;
    }
    async decide() {
        const { plan, result } = this;
        const facts = {
            issueType: plan.decide.issueType ??
                (result.detect && result.detect.issueType !== 'none' ? result.detect.issueType : 'critical-bug'),
            affectingUsers: plan.decide.affectingUsers,
            errorRate: result.detect?.errorRate,
            errorRateThreshold: 0.1,
            dataLoss: plan.decide.dataLoss,
            deploymentCaused: true,
            dataCompromised: false,
        };
        result.facts = facts;
        const decision = await this.timeline.phase('decide', async () => (0,decide/* decide */.LD)(facts, plan.decide.matrix), (d) => d.action);
        result.decision = decision;
        this.timeline.mark('decided');
        this.context.log.info(`guard: ${decision.reason}`);
        if (!decision.codeRollback && !decision.dataRollback) {
            return this.end('failed', `${plan.mode === 'watch' ? 'The service is unhealthy' : 'A rollback was asked for'}, but the decision is "${decision.action}": ${decision.reason} Nothing was rolled back: act by hand.`);
        }
        if (decision.dataRollback && !plan.restore) {
            result.notes.push('The decision asks for a data rollback, but no `database` was given: restore the data by hand.');
        }
        return undefined;
    }
    /** The lock: one acting run per service. Without a GitHub token (or in a dry run) there is none. */
    async takeLock() {
        const { plan, context } = this;
        if (!plan.github || plan.dryRun)
            return undefined;
        const github = githubClient(plan.github.token, plan.github.repo, context.fetch);
        const lock = new RollbackLock(github, plan.github.repo, plan.provider, plan.service, {
            clock: context.clock,
            sleep: context.sleep,
            log: context.log,
        });
        this.lock = lock;
        this.result.lock.ref = lock.ref;
        const taken = await this.timeline.phase('lock', () => lock.acquire(), (a) => (a.acquired ? 'acquired' : 'held by another run'));
        this.result.lock.acquired = taken.acquired;
        if (taken.acquired) {
            this.result.lock.brokeStale = taken.brokeStale;
            return undefined;
        }
        return this.waitForOtherRun(lock, taken.holder);
    }
    /** Another run holds the lock: wait for it, then read (never change) what it left. */
    async waitForOtherRun(lock, holder) {
        const { plan, context, result } = this;
        result.lock.heldBy = holder;
        context.log.warning(`guard: another run is acting on this service (${holder.description}); waiting for its result instead of rolling back`);
        result.lock.waited = await lock.waitForRelease(context.clock.now() + plan.rollback.options.timeoutMs);
        if (result.lock.waited === 'timed-out') {
            return this.end('failed', `Another run (${holder.description}) held the lock for longer than the rollback timeout; this run sent no rollback request.`);
        }
        // What did that run leave? Read only: a dry run of the same rollback.
        const provider = plan.rollback.createProvider(context);
        const state = await (0,flow/* runRollback */.e)(provider, { ...plan.rollback.options, dryRun: true }, context);
        if (state.status !== 'already-live') {
            return this.end('failed', `Another run (${holder.description}) held the lock, and afterwards the service is not on its last known good deployment (${state.message}) This run sent no rollback request: run again.`);
        }
        this.rolledBackByOther = true;
        result.rollback = state;
        result.notes.push(`Another run (${holder.description}) rolled back; this run only verified.`);
        return undefined;
    }
    /** Execution, first the code rollback. */
    async rollBack() {
        const { plan, context, result, timeline } = this;
        if (!this.decision.codeRollback) {
            timeline.skip('rollback', `the decision is "${this.decision.action}": no code rollback`);
            return undefined;
        }
        if (this.rolledBackByOther)
            return undefined;
        timeline.mark('executing');
        const provider = plan.rollback.createProvider(context);
        const rollback = await timeline.phase('rollback', () => (0,flow/* runRollback */.e)(provider, plan.rollback.options, context), (r) => r.status);
        result.rollback = rollback;
        result.rollbackSection = provider.summarySection?.(rollback.details);
        if (rollback.status !== 'failed' && rollback.status !== 'timed-out')
            return undefined;
        if (this.restorePlanned)
            timeline.skip('restore', 'the code rollback failed');
        return this.end('failed', `The rollback ${rollback.status === 'timed-out' ? 'timed out' : 'failed'}: ${rollback.message}${rollback.hint ? ` ${rollback.hint}.` : ''}`);
    }
    /** Execution, then the data: the verified, atomic, reversible restore of restore-db. */
    async restore() {
        const { plan, context, result, timeline } = this;
        if (!this.restorePlanned || !plan.restore) {
            if (this.decision.dataRollback)
                timeline.skip('restore', 'no database given');
            return undefined;
        }
        timeline.mark('executing');
        const sqlite = { ...plan.restore };
        const bad = result.rollback?.from;
        if (!sqlite.before && bad && !sqlite.backup) {
            // Backups taken after the bad deployment may hold what it broke.
            sqlite.before = new Date(bad.createdAt);
            result.notes.push(`Restored the newest backup taken before the bad deployment ${bad.label} was created (${bad.createdAt}).`);
        }
        const deps = { clock: context.clock, log: context.log, http: context.http, secrets: context.secrets };
        const restore = await timeline.phase('restore', () => (0,data/* restoreData */.v)({ sqlite }, deps), (r) => r.status);
        result.restore = restore;
        if (restore.status !== 'failed')
            return undefined;
        return this.end('failed', `The data restore failed: ${restore.failure ?? 'see the restore section'}. The live database is as it was (restore-db changes nothing unless every check passes).`);
    }
    /** A dry run ends before verifying: nothing was changed, so there is nothing to verify. */
    endDryRun() {
        if (!this.plan.dryRun)
            return undefined;
        const decision = this.decision;
        this.timeline.skip('verify', 'dry run');
        const to = this.result.rollback?.to?.label;
        return this.end('planned', `Dry run: ${decision.reason} A real run would ${decision.codeRollback ? `roll back to ${to ?? 'the last known good deployment'}` : 'not roll back the code'}${this.restorePlanned ? ' and restore the database' : ''}, then verify. Nothing was changed.`);
    }
    async verify() {
        const verify = await this.timeline.phase('verify', () => (0,probe_verify/* runVerify */.R)(this.plan.verify, this.probeDeps, this.context.log), (v) => (v.healthy ? 'healthy' : 'unhealthy'));
        this.result.verify = verify;
        this.timeline.mark('verified');
        const what = describeWhatWasDone(this.result);
        if (verify.healthy)
            return this.end('rolled-back', `${what} The service is verified healthy: ${verify.explanation}`);
        return this.end('rolled-back-still-down', `${what} But the service is still not healthy: ${verify.explanation} Roll forward with a fix, or roll back further with an explicit target.`);
    }
    /** The records of a run that acted or should have (never of a dry run), then the lock back. */
    async recordAndRelease() {
        const { plan, result, timeline } = this;
        const acted = (result.rollback?.requests ?? 0) > 0 || result.restore?.status === 'restored';
        const incidentWorthy = !plan.dryRun &&
            result.decision !== undefined &&
            (acted || ['failed', 'rolled-back', 'rolled-back-still-down'].includes(result.outcome));
        const github = plan.github;
        if (github && incidentWorthy && (github.recordIncident || acted)) {
            timeline.finish();
            result.timeline = timeline.toJSON();
            const client = githubClient(github.token, github.repo, this.context.fetch);
            result.records = await timeline.phase('record', () => writeRecords(github, result, client, this.context.log));
        }
        await this.lock?.release();
        timeline.finish();
        result.timeline = timeline.toJSON();
    }
}

// EXTERNAL MODULE: ./src/core/inputs.ts
var core_inputs = __webpack_require__(9114);
// EXTERNAL MODULE: ./src/actions/decide/inputs.ts
var decide_inputs = __webpack_require__(1247);
;// CONCATENATED MODULE: ./src/actions/guard/inputs.ts
/**
 * The guard's inputs. Inputs it shares with a single action use that action's own field (same
 * parsing, same default), so `interval` means the same thing to the guard as to detect. Inputs whose
 * meaning depends on the provider (service, environment, api-url, and the provider-only ones from the
 * provider registry) stay text here and are checked by the chosen provider's rollback action, before
 * anything happens (plan.ts).
 */







const guardFields = {
    provider: core_inputs/* input */.hF.enum(registry/* PROVIDER_NAMES */.xd).required(),
    token: core_inputs/* input */.hF.string().secret().required(),
    service: core_inputs/* input */.hF.string(),
    environment: core_inputs/* input */.hF.string(),
    'api-url': core_inputs/* input */.hF.string(),
    url: inputs/* detectFields */.tF.url,
    mode: core_inputs/* input */.hF.enum(['watch', 'rollback']).default('watch'),
    // detect
    interval: inputs/* detectFields */.tF.interval,
    window: inputs/* detectFields */.tF.window,
    grace: inputs/* detectFields */.tF.grace,
    'request-timeout': inputs/* detectFields */.tF['request-timeout'],
    'expect-status': inputs/* detectFields */.tF['expect-status'],
    'expect-body': inputs/* detectFields */.tF['expect-body'],
    headers: inputs/* detectFields */.tF.headers,
    'baseline-error-rate': inputs/* detectFields */.tF['baseline-error-rate'],
    'max-error-rate': inputs/* detectFields */.tF['max-error-rate'],
    'false-alarm-rate': inputs/* detectFields */.tF['false-alarm-rate'],
    'miss-rate': inputs/* detectFields */.tF['miss-rate'],
    'max-latency': inputs/* detectFields */.tF['max-latency'],
    baseline: inputs/* detectFields */.tF.baseline,
    'max-degradation': inputs/* detectFields */.tF['max-degradation'],
    // decide
    'issue-type': core_inputs/* input */.hF.enum(matrix/* ISSUE_TYPES */.co),
    'data-loss': decide_inputs/* decideInputs */.m.fields['data-loss'],
    'affecting-users': decide_inputs/* decideInputs */.m.fields['affecting-users'],
    policy: decide_inputs/* decideInputs */.m.fields.policy,
    // rollback (checked by the provider's rollback action)
    target: core_inputs/* input */.hF.string(),
    'token-type': core_inputs/* input */.hF.string().default('account'),
    ...(0,registry/* providerOnlyInputs */.Br)(),
    'rollback-timeout': core_inputs/* input */.hF.string().default('10m'),
    // restore (checked by restore-db)
    database: core_inputs/* input */.hF.string(),
    'backup-dir': core_inputs/* input */.hF.string(),
    backup: core_inputs/* input */.hF.string(),
    before: core_inputs/* input */.hF.string(),
    // verify
    'smoke-tests': verify_inputs/* verifyFields */.RC['smoke-tests'],
    'verify-samples': verify_inputs/* verifyFields */.RC.samples,
    'verify-interval': verify_inputs/* verifyFields */.RC.interval,
    'verify-timeout': verify_inputs/* verifyFields */.RC.timeout,
    'verify-max-error-rate': verify_inputs/* verifyFields */.RC['max-error-rate'],
    'verify-max-latency': verify_inputs/* verifyFields */.RC['max-latency'],
    // the run
    'dry-run': core_inputs/* input */.hF.boolean().default('false'),
    'github-token': core_inputs/* input */.hF.string().secret(),
    'github-environment': core_inputs/* input */.hF.string().default('production'),
    'record-incident': core_inputs/* input */.hF.boolean().default('true'),
};
/** Each input's default text: an input left at it counts as not given. */
function defaultTexts(fields) {
    return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.options.defaultText]));
}
const GUARD_DEFAULTS = defaultTexts(guardFields);
const guardInputs = (0,core_inputs/* defineInputs */.pf)(guardFields, undefined, (values) => guardInputProblems(values, GUARD_DEFAULTS));

;// CONCATENATED MODULE: ./src/actions/guard/main.ts






/** guard: the whole runbook in one step (the root action.yml). */
const guardAction = {
    name: 'guard',
    inputs: guardInputs,
    async execute(inputs, context) {
        // Every input of every step is checked here, before anything is probed or changed.
        const plan = await planGuard(inputs, context.env);
        (0,verify_inputs/* registerSmokeTestSecrets */.M4)(plan.verify, context.secrets);
        const result = await runGuard(plan, context);
        const failed = result.outcome === 'failed' || result.outcome === 'rolled-back-still-down';
        return {
            outputs: guardOutputs(result),
            summary: guardSummary(result, context.clock.now()),
            report: { guard: result },
            failure: failed ? result.message : undefined,
        };
    },
};
/** Runs guard on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
async function run() {
    await runOnGitHub(guardAction);
}


/***/ }),

/***/ 6278:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ restoreDbInputs)
/* harmony export */ });
/* harmony import */ var _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9114);
/* harmony import */ var _core_parse_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1896);
/* harmony import */ var _restore_pattern_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7824);
/* harmony import */ var _restore_qdrant_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2046);




const SHA256_ACCEPTED = 'a sha256 as 64 hexadecimal characters';
function parseSha256(text) {
    const value = text
        .trim()
        .toLowerCase()
        .replace(/^sha256:/, '');
    if (!/^[0-9a-f]{64}$/.test(value))
        throw new _core_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`'${text}' is not ${SHA256_ACCEPTED}`);
    return value;
}
const SNAPSHOT_ACCEPTED = "an http(s) URL, or a file:// path the Qdrant server can read ('file:///qdrant/snapshots/x.snapshot')";
function parseSnapshotLocation(text) {
    let url;
    try {
        url = new URL(text.trim());
    }
    catch {
        throw new _core_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`'${text}' is not ${SNAPSHOT_ACCEPTED}`);
    }
    if (!['http:', 'https:', 'file:'].includes(url.protocol)) {
        throw new _core_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`'${text}' is not ${SNAPSHOT_ACCEPTED}`);
    }
    return url;
}
const COLLECTION_ACCEPTED = 'a Qdrant collection name (no slashes)';
function parseCollection(text) {
    const name = text.trim();
    if (/[/\\]/.test(name))
        throw new _core_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`'${text}' is not ${COLLECTION_ACCEPTED}`);
    return name;
}
const SQLITE_ONLY = ['backup', 'backup-dir', 'before', 'expect-tables', 'backup-sha256'];
const QDRANT_ONLY = ['qdrant-collection', 'qdrant-snapshot', 'qdrant-checksum', 'qdrant-api-key'];
const restoreDbInputs = (0,_core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .defineInputs */ .pf)({
    database: _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.string(),
    backup: _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.string(),
    'backup-dir': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.string(),
    pattern: _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.custom(_restore_pattern_js__WEBPACK_IMPORTED_MODULE_2__/* .parseBackupPattern */ .mc, _restore_pattern_js__WEBPACK_IMPORTED_MODULE_2__/* .PATTERN_ACCEPTED */ .dj).default(_restore_pattern_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_PATTERN */ .Do),
    before: _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.time(),
    check: _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.enum(['full', 'quick']).default('full'),
    'expect-tables': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.list(),
    'backup-sha256': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.custom(parseSha256, SHA256_ACCEPTED),
    'keep-pre-restore': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.boolean().default('true'),
    'dry-run': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.boolean().default('false'),
    'qdrant-url': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.url(),
    'qdrant-collection': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.custom(parseCollection, COLLECTION_ACCEPTED),
    'qdrant-snapshot': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.custom(parseSnapshotLocation, SNAPSHOT_ACCEPTED),
    'qdrant-checksum': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.custom(parseSha256, SHA256_ACCEPTED),
    'qdrant-api-key': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.string().secret(),
    'qdrant-priority': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.enum(_restore_qdrant_js__WEBPACK_IMPORTED_MODULE_3__/* .QDRANT_PRIORITIES */ .cV).default('snapshot'),
    'qdrant-timeout': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.duration({ min: 1000 }).default('10m'),
}, (values) => {
    const problems = [];
    const given = (name) => values[name] !== undefined;
    if (!given('database') && !given('qdrant-url')) {
        problems.push({
            input: 'database',
            message: 'is required unless qdrant-url is given; expected the path of the live SQLite database',
        });
    }
    if (given('database')) {
        if (!given('backup') && !given('backup-dir')) {
            problems.push({
                input: 'backup',
                message: 'or backup-dir is required with database; expected a backup file (backup) or a folder of backups (backup-dir)',
            });
        }
        if (given('backup') && given('backup-dir')) {
            problems.push({ input: 'backup', message: 'and backup-dir were both given; expected one of them' });
        }
        if (given('before') && given('backup')) {
            problems.push({
                input: 'before',
                message: 'chooses among the backups in backup-dir; it cannot be used with backup',
            });
        }
    }
    else {
        for (const name of SQLITE_ONLY) {
            if (given(name))
                problems.push({ input: name, message: 'only applies to a SQLite restore; give database too' });
        }
    }
    if (given('qdrant-url')) {
        for (const name of ['qdrant-collection', 'qdrant-snapshot']) {
            if (!given(name))
                problems.push({ input: name, message: 'is required with qdrant-url' });
        }
    }
    else {
        for (const name of QDRANT_ONLY) {
            if (given(name))
                problems.push({ input: name, message: 'only applies to a Qdrant recovery; give qdrant-url too' });
        }
    }
    return problems;
});


/***/ }),

/***/ 2338:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jg: () => (/* binding */ restoreDbAction),
/* harmony export */   qD: () => (/* binding */ restoreConfigFromInputs)
/* harmony export */ });
/* unused harmony exports qdrantConfigFromInputs, run */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_github_host_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7147);
/* harmony import */ var _restore_config_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9998);
/* harmony import */ var _restore_data_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9638);
/* harmony import */ var _restore_summary_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4042);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6278);






/** The SQLite restore the inputs ask for, if any (the guard builds its own from its inputs). */
function restoreConfigFromInputs(inputs) {
    if (inputs.database === undefined)
        return undefined;
    return {
        database: inputs.database,
        backup: inputs.backup,
        backupDir: inputs['backup-dir'],
        pattern: inputs.pattern,
        before: inputs.before,
        check: inputs.check,
        expectTables: inputs['expect-tables'] ?? [],
        backupSha256: inputs['backup-sha256'],
        keepPreRestore: inputs['keep-pre-restore'],
        dryRun: inputs['dry-run'],
    };
}
/** The Qdrant recovery the inputs ask for, if any. */
function qdrantConfigFromInputs(inputs) {
    const { 'qdrant-url': url, 'qdrant-collection': collection, 'qdrant-snapshot': snapshot } = inputs;
    if (url === undefined || collection === undefined || snapshot === undefined)
        return undefined;
    return {
        url,
        collection,
        snapshot,
        checksum: inputs['qdrant-checksum'],
        apiKey: inputs['qdrant-api-key'],
        priority: inputs['qdrant-priority'],
        timeoutMs: inputs['qdrant-timeout'],
        dryRun: inputs['dry-run'],
    };
}
const restoreDbAction = {
    name: 'restore-db',
    inputs: _inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .restoreDbInputs */ .k,
    async execute(inputs, context) {
        const sqlite = restoreConfigFromInputs(inputs);
        const qdrant = qdrantConfigFromInputs(inputs);
        if (sqlite) {
            const problems = await (0,_restore_config_js__WEBPACK_IMPORTED_MODULE_2__/* .checkRestorePaths */ .r)(sqlite);
            if (problems.length)
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(problems);
        }
        // A snapshot URL's query string is usually a signature (a presigned S3 link): treat it as secret.
        if (qdrant?.snapshot.search)
            context.secrets.add(qdrant.snapshot.search.slice(1));
        const result = await (0,_restore_data_js__WEBPACK_IMPORTED_MODULE_3__/* .restoreData */ .v)({ sqlite, qdrant }, { clock: context.clock, log: context.log, http: context.http, secrets: context.secrets });
        return {
            outputs: (0,_restore_data_js__WEBPACK_IMPORTED_MODULE_3__/* .dataRestoreOutputs */ .N)(result),
            summary: (0,_restore_summary_js__WEBPACK_IMPORTED_MODULE_4__/* .dataRestoreSummary */ .j2)(result, context.clock.now()),
            report: {
                status: result.status,
                sqlite: result.sqlite ?? null,
                qdrant: result.qdrant ?? null,
                pattern: sqlite?.pattern.text ?? null,
            },
            failure: result.failure,
        };
    },
};
/** Runs restore-db on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
async function run() {
    await runOnGitHub(restoreDbAction);
}


/***/ }),

/***/ 3648:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M4: () => (/* binding */ registerSmokeTestSecrets),
/* harmony export */   RC: () => (/* binding */ verifyFields),
/* harmony export */   fn: () => (/* binding */ verifyInputs),
/* harmony export */   wW: () => (/* binding */ verifyConfig)
/* harmony export */ });
/* harmony import */ var _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9114);
/* harmony import */ var _detect_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6549);
/* harmony import */ var _probe_smoke_tests_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6171);



/** The input fields, exported for the guard, which takes the same inputs under its own names. */
const verifyFields = {
    url: _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.urls().required(),
    'smoke-tests': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.custom(_probe_smoke_tests_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSmokeTests */ .GX, _probe_smoke_tests_js__WEBPACK_IMPORTED_MODULE_2__/* .SMOKE_TESTS_ACCEPTED */ .K),
    samples: _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.integer({ min: 1, max: 10_000 }).default('20'),
    interval: _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.duration({ min: 1 }).default('2s'),
    timeout: _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.duration({ min: 1 }).default('5m'),
    'max-error-rate': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.rate().default('1%'),
    'max-latency': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.duration({ min: 1 }).default('5s'),
    'expect-status': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.statusList().default('200-399'),
    'expect-body': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.string(),
    'request-timeout': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.duration({ min: 1 }).default('10s'),
    headers: _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.headers(),
    'fail-on-unhealthy': _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.boolean().default('true'),
};
const verifyInputs = (0,_core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .defineInputs */ .pf)(verifyFields);
/** The library configuration from parsed inputs. */
function verifyConfig(values) {
    return {
        ...(0,_detect_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .probeSettings */ .Ur)(values),
        samples: values.samples,
        intervalMs: values.interval,
        timeoutMs: values.timeout,
        maxErrorRate: values['max-error-rate'],
        maxLatencyMs: values['max-latency'],
        smokeTests: values['smoke-tests'] ?? [],
    };
}
/** Smoke tests carry their own headers (tokens, often): secrets like the `headers` input. */
function registerSmokeTestSecrets(config, secrets) {
    for (const test of config.smokeTests)
        for (const value of Object.values(test.headers))
            secrets.add(value);
}


/***/ }),

/***/ 4289:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yn: () => (/* binding */ executeAction),
  Io: () => (/* binding */ systemDeps)
});

// UNUSED EXPORTS: retryMessage

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/http.ts
var core_http = __webpack_require__(1983);
// EXTERNAL MODULE: ./src/core/inert.ts
var inert = __webpack_require__(8275);
// EXTERNAL MODULE: ./src/core/inputs.ts
var inputs = __webpack_require__(9114);
// EXTERNAL MODULE: ./src/core/clock.ts
var clock = __webpack_require__(2257);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/core/report.ts
/**
 * The JSON report every action writes: one file per run under `$RUNNER_TEMP/rollback-guard/`
 * (or the OS temp dir), with every secret redacted. Its path is the `report` output.
 */



const REPORT_VERSION = 1;
async function writeReport(dir, action, content, secrets) {
    const folder = external_node_path_default().join(dir, 'rollback-guard');
    await (0,promises_.mkdir)(folder, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = external_node_path_default().join(folder, `${action}-${stamp}-${(0,external_node_crypto_.randomBytes)(3).toString('hex')}.json`);
    const body = secrets.redactDeep(JSON.parse(JSON.stringify({ reportVersion: REPORT_VERSION, ...content })));
    await (0,promises_.writeFile)(file, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
    return file;
}

// EXTERNAL MODULE: ./src/core/urls.ts
var urls = __webpack_require__(1221);
;// CONCATENATED MODULE: ./src/core/secrets.ts
/**
 * Secrets: every secret value is registered here before anything is logged. Registering masks it in
 * the runner's log (through the `mask` hook, `core.setSecret` on GitHub), and `redact` removes it
 * from any text we write ourselves: outputs, summaries, reports and provider error messages.
 *
 * Not only the whole value: a provider that echoes part of a token (its prefix, its last
 * characters, or the token cut in two fields of an answer) must not get that part printed. So any
 * run of at least PIECE_LENGTH characters that also occurs in a secret is redacted. To stay fast on
 * large text, every PIECE_LENGTH-character window of every secret is indexed by a rolling hash;
 * `redact` slides the same hash over the text (a few integer operations per character), confirms
 * each hash hit by comparing the characters, and marks the window. Overlapping marked windows join
 * into one run, which is replaced by '***': a longer piece of a secret is covered by the windows
 * inside it, so the whole run goes, not just 8 characters of it.
 */
const REDACTED = '***';
/** Values shorter than this are not redacted from text: they would mangle ordinary words. */
const MIN_REDACTED_LENGTH = 3;
/** A run of this many characters of a secret is redacted wherever it appears. */
const PIECE_LENGTH = 8;
/** The hash base; any odd multiplier spreads 16-bit code units well enough for a pre-filter. */
const BASE = 0x01000193;
/** BASE^(PIECE_LENGTH-1) mod 2^32, to drop the character leaving the window. */
const BASE_POWER = power(BASE, PIECE_LENGTH - 1);
class Secrets {
    mask;
    /** Values redacted where they appear whole (shorter than a piece, or registered without pieces). */
    whole = new Set();
    /** Every window of a secret, by rolling hash. */
    pieces = new Map();
    /** Which low 16 bits of a hash some window has: most text windows are ruled out by one read. */
    hashFilter = new Uint8Array(1 << 16);
    masked = new Set();
    constructor(mask = () => { }) {
        this.mask = mask;
    }
    /** Registers a secret value (and the encodings it may appear in). Empty values are ignored. */
    add(value, options = {}) {
        if (!value)
            return;
        for (const form of [value, encodeURIComponent(value), Buffer.from(value).toString('base64')]) {
            if (form.length < MIN_REDACTED_LENGTH || this.masked.has(form))
                continue;
            this.masked.add(form);
            this.mask(form);
            if (form.length >= PIECE_LENGTH && options.pieces !== false)
                this.indexPieces(form);
            else
                this.whole.add(form);
        }
    }
    /** The text with every registered secret, and every piece of one, replaced by '***'. */
    redact(text) {
        if (this.masked.size === 0 || text.length < MIN_REDACTED_LENGTH)
            return text;
        const marked = new Uint8Array(text.length);
        let any = this.markPieces(text, marked);
        for (const value of this.whole) {
            for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) {
                marked.fill(1, at, at + value.length);
                any = true;
            }
        }
        return any ? replaceMarkedRuns(text, marked) : text;
    }
    /** A deep copy of a JSON-like value with every string redacted (keys included). */
    redactDeep(value) {
        if (typeof value === 'string')
            return this.redact(value);
        if (Array.isArray(value))
            return value.map((item) => this.redactDeep(item));
        if (value && typeof value === 'object' && !(value instanceof Date)) {
            return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.redact(key), this.redactDeep(item)]));
        }
        return value;
    }
    indexPieces(secret) {
        let hash = 0;
        for (let i = 0; i < secret.length; i++) {
            hash = roll(hash, i >= PIECE_LENGTH ? secret.charCodeAt(i - PIECE_LENGTH) : -1, secret.charCodeAt(i));
            if (i < PIECE_LENGTH - 1)
                continue;
            const piece = secret.slice(i - PIECE_LENGTH + 1, i + 1);
            const bucket = this.pieces.get(hash);
            this.hashFilter[hash & 0xffff] = 1;
            if (!bucket)
                this.pieces.set(hash, [piece]);
            else if (!bucket.includes(piece))
                bucket.push(piece);
        }
    }
    /** Marks every window of the text that is a piece of a secret; whether any was. */
    markPieces(text, marked) {
        if (this.pieces.size === 0)
            return false;
        let any = false;
        let hash = 0;
        for (let i = 0; i < text.length; i++) {
            hash = roll(hash, i >= PIECE_LENGTH ? text.charCodeAt(i - PIECE_LENGTH) : -1, text.charCodeAt(i));
            if (i < PIECE_LENGTH - 1 || this.hashFilter[hash & 0xffff] === 0)
                continue;
            const bucket = this.pieces.get(hash);
            if (!bucket)
                continue;
            const start = i - PIECE_LENGTH + 1;
            if (bucket.some((piece) => text.startsWith(piece, start))) {
                marked.fill(1, start, i + 1);
                any = true;
            }
        }
        return any;
    }
}
/** The window's hash after `entering` comes in and `leaving` (or nothing, -1) goes out. */
function roll(hash, leaving, entering) {
    const without = leaving < 0 ? hash : (hash - Math.imul(leaving, BASE_POWER)) | 0;
    return (Math.imul(without, BASE) + entering) | 0;
}
function power(base, exponent) {
    let result = 1;
    for (let i = 0; i < exponent; i++)
        result = Math.imul(result, base);
    return result;
}
/** The text with each run of marked characters replaced by one '***'. */
function replaceMarkedRuns(text, marked) {
    let result = '';
    let i = 0;
    while (i < text.length) {
        if (marked[i]) {
            while (i < text.length && marked[i])
                i++;
            result += REDACTED;
        }
        else {
            const start = i;
            while (i < text.length && !marked[i])
                i++;
            result += text.slice(start, i);
        }
    }
    return result;
}

;// CONCATENATED MODULE: ./src/core/action.ts
/**
 * What an action is, and the one way every action is run. An action declares its inputs and an
 * `execute` function that turns parsed inputs into outputs, a summary and a report. `executeAction`
 * does everything around it the same way for every action and every host (the GitHub runner or a
 * terminal): secrets first, inputs validated all at once, failures prefixed with the action's
 * name, the report written, and nothing written that still holds a secret.
 */









const systemDeps = () => ({
    fetch: (input, init) => fetch(input, init),
    clock: clock/* systemClock */.ml,
    sleep: clock/* realSleep */.uk,
    random: Math.random,
});
/** Runs an action on a host. Never throws: every failure becomes exit code 1 and a message. */
async function executeAction(definition, raw, host, deps = systemDeps()) {
    const name = definition.name;
    const secrets = new Secrets((value) => host.mask(value));
    const log = redactingLogger(host.log, secrets);
    const startedAt = new Date(deps.clock.now()).toISOString();
    try {
        (0,inputs/* registerSecrets */.dg)(definition.inputs, raw, secrets);
    }
    catch (error) {
        // Masking must never be the reason a step fails silently.
        log.warning((0,errors/* failureMessage */.oh)(name, error));
    }
    const result = await runDefinition(definition, raw, { host, deps, secrets, log });
    if (result instanceof errors/* ConfigurationError */.j1) {
        // One line per bad input; the exit code alone marks the step failed.
        for (const problem of result.problems)
            log.error(`${name}: input '${problem.input}' ${problem.message}`);
        return { exitCode: 1, outputs: {}, failure: secrets.redact((0,errors/* failureMessage */.oh)(name, result)) };
    }
    const outputs = {};
    for (const [key, value] of Object.entries(result.outputs))
        outputs[key] = secrets.redact(value === undefined ? '' : String(value));
    const report = {
        action: name,
        startedAt,
        finishedAt: new Date(deps.clock.now()).toISOString(),
        inputs: nonSecretInputs(definition.inputs, raw),
        outputs,
        ...result.report,
        ...(result.failure ? { failure: result.failure } : {}),
    };
    const reportPath = await writeReportOrWarn(host.env, name, report, secrets, log);
    if (reportPath)
        outputs.report = reportPath;
    for (const [key, value] of Object.entries(outputs))
        host.setOutput(key, value);
    const summary = result.summary === undefined ? undefined : secrets.redact(result.summary);
    if (summary) {
        try {
            await host.appendSummary(summary);
        }
        catch (error) {
            log.warning(`${name}: could not write the step summary: ${(0,errors/* failureMessage */.oh)(name, error)}`);
        }
    }
    if (result.failure) {
        const failure = secrets.redact((0,errors/* failureMessage */.oh)(name, result.failure));
        log.error(failure);
        return { exitCode: 1, outputs, failure, summary, reportPath };
    }
    return { exitCode: 0, outputs, summary, reportPath };
}
/** Writes the JSON report; a failure to write it is a warning, never the step's failure. */
async function writeReportOrWarn(env, name, report, secrets, log) {
    try {
        return await writeReport(tempDir(env), name, report, secrets);
    }
    catch (error) {
        log.warning(`${name}: could not write the report: ${(0,errors/* failureMessage */.oh)(name, error)}`);
        return undefined;
    }
}
function tempDir(env) {
    return env.RUNNER_TEMP || external_node_os_default().tmpdir();
}
/**
 * Every line an action logs passes here: secrets redacted, then made inert, so text from outside
 * (a provider's message, a health body, a file name) never becomes a runner command.
 */
function redactingLogger(inner, secrets) {
    const safe = (message) => (0,inert/* inertText */.U)(secrets.redact(message));
    return {
        info: (message) => inner.info(safe(message)),
        warning: (message) => inner.warning(safe(message)),
        error: (message) => inner.error(safe(message)),
        debug: (message) => inner.debug(safe(message)),
    };
}
/** The inputs as given, without secret ones nor credentials inside URLs, for the report. */
function nonSecretInputs(spec, raw) {
    const shown = {};
    for (const [name, field] of Object.entries(spec.fields)) {
        const text = raw[name]?.trim();
        if (text)
            shown[name] = field.options.secret ? '***' : (0,urls/* hideUrlCredentials */.y0)(text);
    }
    return shown;
}
/**
 * Reads the inputs and runs the action. Bad inputs come back as the ConfigurationError (nothing ran);
 * any other error becomes a failed result, and the stack of one no code expected goes to the debug log.
 */
async function runDefinition(definition, raw, run) {
    const { host, deps, secrets, log } = run;
    try {
        const values = (0,inputs/* readInputs */.Ko)(definition.inputs, raw);
        const http = new core_http/* HttpClient */.Qq({ ...deps, secrets, onRetry: (event) => log.info(retryMessage(event)) });
        const context = { ...deps, action: definition.name, log, secrets, env: host.env, http };
        return await definition.execute(values, context);
    }
    catch (error) {
        if (error instanceof errors/* ConfigurationError */.j1)
            return error;
        const stack = (0,errors/* unexpectedErrorStack */.Wi)(error);
        if (stack)
            log.debug(`${definition.name}: ${stack}`);
        const failure = (0,errors/* failureMessage */.oh)(definition.name, error);
        return { outputs: {}, report: { error: failure }, failure };
    }
}
/** The log line of a retry: 'list Render deploys: HTTP 503; retrying in 250 ms (attempt 2)'. */
function retryMessage(event) {
    return `${event.purpose}: ${event.detail}; retrying in ${Math.round(event.delayMs)} ms (attempt ${event.attempt + 1})`;
}


/***/ }),

/***/ 9928:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   jH: () => (/* binding */ readInputFile),
/* harmony export */   mz: () => (/* binding */ byteSize)
/* harmony export */ });
/* unused harmony export fileKind */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1896);
/**
 * Files named by an input (a policy, smoke tests, an earlier report) are read only when they are
 * regular files of a sane size. A FIFO would block the step forever, `/dev/zero` or `/dev/urandom`
 * would be read until memory runs out, a directory cannot be parsed: each is a configuration error
 * that says what the path is and what was expected.
 *
 * The file is opened first (non-blocking, so opening a FIFO returns at once) and the open file is
 * checked: no other file can be swapped in between the check and the read. At most `maxBytes + 1`
 * bytes are read, so a file that grows, or one that reports no size (such as those in /proc), is
 * bounded too.
 */


const READ_CHUNK = 64 * 1024;
/** 'a FIFO (named pipe)', 'a directory', ...: what a path that is not a regular file is. */
function fileKind(stats) {
    if (stats.isFile())
        return 'a regular file';
    if (stats.isDirectory())
        return 'a directory';
    if (stats.isFIFO())
        return 'a FIFO (named pipe)';
    if (stats.isCharacterDevice())
        return 'a character device';
    if (stats.isBlockDevice())
        return 'a block device';
    if (stats.isSocket())
        return 'a socket';
    return 'not a regular file';
}
/** '64 KiB', '1 MiB'. */
function byteSize(bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0)
        return `${bytes / (1024 * 1024)} MiB`;
    if (bytes >= 1024 && bytes % 1024 === 0)
        return `${bytes / 1024} KiB`;
    return `${bytes} bytes`;
}
/**
 * The text of a file named by an input, or a ParseError saying why it cannot be (missing,
 * unreadable, not a regular file, too large). The input reader names the input.
 */
function readInputFile(file, options) {
    const named = `${options.name ?? ''}'${file}'`;
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(file, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK);
    }
    catch (error) {
        const code = error.code;
        const reason = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : code;
        throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`cannot read ${named}: ${reason ?? 'error'}; expected ${options.expected}`);
    }
    try {
        const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        if (!stats.isFile()) {
            throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`${named} is ${fileKind(stats)}, not a regular file; expected ${options.expected}`);
        }
        const limit = `at most ${byteSize(options.maxBytes)}`;
        if (stats.size > options.maxBytes) {
            throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`${named} is ${byteSize(stats.size)}, too large (${limit}); expected ${options.expected}`);
        }
        const chunks = [];
        let length = 0;
        while (length <= options.maxBytes) {
            const chunk = Buffer.alloc(Math.min(READ_CHUNK, options.maxBytes + 1 - length));
            const read = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, chunk, 0, chunk.length, null);
            if (read === 0)
                break;
            chunks.push(chunk.subarray(0, read));
            length += read;
        }
        if (length > options.maxBytes) {
            throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`${named} is larger than ${byteSize(options.maxBytes)} (${limit}); expected ${options.expected}`);
        }
        return Buffer.concat(chunks).toString('utf8');
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}


/***/ }),

/***/ 7147:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* unused harmony exports githubHost, runOnGitHub */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6811);
/* harmony import */ var _action_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4289);
/* harmony import */ var _inert_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8275);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9114);
/**
 * The GitHub runner as an action host: inputs from `INPUT_*`, outputs to `$GITHUB_OUTPUT`, the
 * summary to `$GITHUB_STEP_SUMMARY`, logs as workflow commands, masking with `core.setSecret`.
 * Outputs go through `core.setOutput`, which writes `name<<ghadelimiter_<random UUID>` blocks and
 * refuses a value holding its delimiter, so no value (line breaks included) can set another output.
 */





function githubHost(env = process.env) {
    return {
        env,
        // Inert here too (it is idempotent): whoever logs through this host cannot issue a command.
        log: {
            info: (message) => core.info(inertText(message)),
            warning: (message) => core.warning(inertText(message)),
            error: (message) => core.error(inertText(message)),
            debug: (message) => core.debug(inertText(message)),
        },
        mask: (value) => core.setSecret(value),
        setOutput: (name, value) => core.setOutput(name, value),
        appendSummary: async (markdown) => {
            const file = env.GITHUB_STEP_SUMMARY;
            if (file)
                await appendFile(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
        },
    };
}
/** The bundle entry point of every action: run on the GitHub runner and set the exit code. */
async function runOnGitHub(definition, deps) {
    const host = githubHost();
    const raw = rawInputsFromEnv(definition.inputs, host.env);
    try {
        const outcome = await executeAction(definition, raw, host, deps);
        process.exitCode = outcome.exitCode;
    }
    catch (error) {
        // executeAction does not throw; this is the last line of defence for anything thrown anyway.
        core.setFailed(inertText(`${definition.name}: ${error instanceof Error ? error.message : String(error)}`));
        process.exitCode = 1;
    }
}


/***/ }),

/***/ 342:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Af: () => (/* binding */ fetchWithRedirects),
/* harmony export */   Au: () => (/* binding */ BodyTooLargeError),
/* harmony export */   Q9: () => (/* binding */ readBodyWithLimit),
/* harmony export */   jw: () => (/* binding */ RedirectRefusedError),
/* harmony export */   x2: () => (/* binding */ guardedFetch)
/* harmony export */ });
/* unused harmony export MAX_REDIRECTS */
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9928);

/** Like browsers, fewer: a chain this long is a loop or a misconfiguration. */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** A redirect that was not followed; the message says why, with the target's origin only. */
class RedirectRefusedError extends Error {
    status;
    constructor(message, 
    /** The status of the redirect. */
    status) {
        super(message);
        this.status = status;
        this.name = 'RedirectRefusedError';
    }
}
/** A body longer than the cap; reading stopped there. */
class BodyTooLargeError extends Error {
    maxBytes;
    constructor(maxBytes) {
        super(`the answer is larger than ${(0,_files_js__WEBPACK_IMPORTED_MODULE_0__/* .byteSize */ .mz)(maxBytes)}; reading stopped there`);
        this.maxBytes = maxBytes;
        this.name = 'BodyTooLargeError';
    }
}
/**
 * Sends the request and follows redirects as the module comment says. Throws RedirectRefusedError
 * for a redirect it does not follow; anything fetch throws passes through.
 */
async function fetchWithRedirects(fetch, url, init, crossOrigin) {
    const origin = new URL(url).origin;
    let current = new URL(url);
    let request = { ...init, redirect: 'manual' };
    let leftOrigin = false;
    for (let redirects = 0;; redirects++) {
        const response = await fetch(current, request);
        const location = response.headers.get('location');
        if (!REDIRECT_STATUSES.has(response.status) || location === null) {
            return { response, url: current, redirects, leftOrigin };
        }
        await response.body?.cancel().catch(() => { });
        const next = redirectTarget(location, current, response.status);
        if (redirects >= MAX_REDIRECTS) {
            throw new RedirectRefusedError(`more than ${MAX_REDIRECTS} redirects`, response.status);
        }
        request = nextRequest(request, response.status);
        if (next.origin !== origin && !leftOrigin) {
            if (crossOrigin === 'refuse') {
                throw new RedirectRefusedError(`HTTP ${response.status} redirect to another origin (${next.origin}), not followed: the credentials are sent to ${origin} only`, response.status);
            }
            leftOrigin = true;
            const method = request.method?.toUpperCase() === 'HEAD' ? 'HEAD' : 'GET';
            request = { method, redirect: 'manual', signal: init.signal };
        }
        current = next;
    }
}
/** The redirect's target, or RedirectRefusedError when it is not an http(s) URL we may follow. */
function redirectTarget(location, base, status) {
    let next;
    try {
        next = new URL(location, base);
    }
    catch {
        throw new RedirectRefusedError(`HTTP ${status} redirect to a Location that is not a URL`, status);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new RedirectRefusedError(`HTTP ${status} redirect to a ${next.protocol} URL, not followed`, status);
    }
    if (next.username !== '' || next.password !== '') {
        throw new RedirectRefusedError(`HTTP ${status} redirect to a URL with credentials in it (${next.origin}), not followed`, status);
    }
    return next;
}
/** Fetch's rule: 303 (and 301/302 after a POST) becomes a GET without a body; 307/308 repeat as is. */
function nextRequest(request, status) {
    const method = (request.method ?? 'GET').toUpperCase();
    if (status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST') {
        const headers = new Headers(request.headers);
        for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language'])
            headers.delete(name);
        return { ...request, method: 'GET', body: undefined, headers };
    }
    return request;
}
/**
 * The body as text (UTF-8, as `response.text()` reads it), or BodyTooLargeError once it passes
 * `maxBytes`; the stream is cancelled then, so nothing more is received.
 */
async function readBodyWithLimit(response, maxBytes) {
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
        await response.body?.cancel().catch(() => { });
        throw new BodyTooLargeError(maxBytes);
    }
    if (!response.body)
        return '';
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let received = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        received += value.byteLength;
        if (received > maxBytes) {
            await reader.cancel().catch(() => { });
            throw new BodyTooLargeError(maxBytes);
        }
        text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
}
/**
 * A fetch for clients that read bodies themselves (Octokit): redirects followed within the origin
 * only, and a body that errors with BodyTooLargeError, and stops the download, past `maxBytes`.
 */
function guardedFetch(fetch, maxBytes) {
    return async (input, init = {}) => {
        const { response } = await fetchWithRedirects(fetch, input, init, 'refuse');
        if (!response.body)
            return response;
        let received = 0;
        const limited = response.body.pipeThrough(new TransformStream({
            transform(chunk, controller) {
                received += chunk.byteLength;
                if (received > maxBytes)
                    controller.error(new BodyTooLargeError(maxBytes));
                else
                    controller.enqueue(chunk);
            },
        }));
        const { status, statusText, headers } = response;
        return new Response(limited, { status, statusText, headers });
    };
}


/***/ }),

/***/ 1983:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qq: () => (/* binding */ HttpClient),
/* harmony export */   a0: () => (/* binding */ networkErrorCode),
/* harmony export */   qF: () => (/* reexport safe */ _http_errors_js__WEBPACK_IMPORTED_MODULE_2__.qF),
/* harmony export */   y_: () => (/* binding */ DEFAULT_MAX_BODY_BYTES)
/* harmony export */ });
/* unused harmony exports DEFAULT_RETRY_POLICY, requestNotSent, parseRetryAfter, parseRateLimitReset, backoffDelay */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _guarded_fetch_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(342);
/* harmony import */ var _http_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3835);
/**
 * HTTP for provider APIs, over Node's fetch:
 * - every request has its own timeout;
 * - reads (and requests the caller marks idempotent, such as GraphQL queries) are retried on 5xx
 *   and network errors with full-jitter exponential backoff;
 * - 429 is retried for any method, after `Retry-After` (or `RateLimit-Reset`) when the server sends
 *   it (a 429 means the request was refused, not carried out);
 * - a mutating request is otherwise retried only when it provably never reached the server
 *   (connection refused, host not found): a reset or a timeout may hide a request that was done.
 * Clock, sleep, randomness and fetch are injected. Error messages have secrets removed.
 * Redirects are followed within the API's origin only (the token goes nowhere else), and an answer
 * is read up to `maxBodyBytes` (guarded-fetch.ts).
 */



// The answer's status and body are read by the helpers of http-errors.ts; re-exported for callers
// that import them from here.

const DEFAULT_RETRY_POLICY = {
    maxAttempts: 5,
    baseDelayMs: 500,
    maxDelayMs: 20_000,
    maxRetryAfterMs: 120_000,
    timeoutMs: 30_000,
};
/** Provider answers are kilobytes; a page of megabytes is already far more than any of them. */
const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Network failures in which the request provably never reached the server. */
const NOT_SENT_CODES = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'UND_ERR_CONNECT_TIMEOUT',
]);
/** The error code of a failed fetch ('ECONNREFUSED', 'UND_ERR_SOCKET', 'TimeoutError', ...). */
function networkErrorCode(error) {
    let current = error;
    for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
        const record = current;
        if (typeof record.code === 'string')
            return record.code;
        if (record.name === 'TimeoutError' || record.name === 'AbortError')
            return record.name;
        current = record.cause;
    }
    return 'UNKNOWN';
}
/** Whether a failed fetch provably did not deliver the request. */
function requestNotSent(error) {
    return NOT_SENT_CODES.has(networkErrorCode(error));
}
/** Retry-After (seconds or an HTTP date) in milliseconds from now, or undefined. */
function parseRetryAfter(value, now) {
    if (!value)
        return undefined;
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed))
        return Math.round(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/**
 * `RateLimit-Reset` in milliseconds from now, for 429s that come without Retry-After (Render sends
 * only the `Ratelimit-*` headers). The IETF draft makes it seconds until the window resets; Render's
 * docs call it UTC epoch seconds while their own example shows 45. Both are accepted: a number that
 * large can only be a point in time.
 */
function parseRateLimitReset(value, now) {
    const trimmed = value?.trim();
    if (!trimmed || !/^\d+(\.\d+)?$/.test(trimmed))
        return undefined;
    const seconds = Number(trimmed);
    if (seconds >= 1_000_000_000)
        return Math.max(0, Math.round(seconds * 1000 - now));
    return Math.round(seconds * 1000);
}
/** Full jitter: a uniform wait between 0 and the capped exponential step. */
function backoffDelay(attempt, policy, random) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(random() * ceiling);
}
/** The request's headers and body as sent: a string as is, anything else as JSON. */
function encodeBody(request) {
    const headers = { accept: 'application/json', ...request.headers };
    if (typeof request.body === 'string' || request.body === undefined)
        return { headers, body: request.body };
    headers['content-type'] ??= 'application/json';
    return { headers, body: JSON.stringify(request.body) };
}
class HttpClient {
    deps;
    defaults;
    constructor(deps, defaults = {}) {
        this.deps = deps;
        this.defaults = defaults;
    }
    /**
     * Sends the request, retrying as the module comment says. Returns the last response whatever its
     * status (the caller decides what a 404 means); throws ProviderError when no response came.
     */
    async send(request) {
        const policy = { ...DEFAULT_RETRY_POLICY, ...this.defaults, ...request.policy };
        const method = (request.method ?? 'GET').toUpperCase();
        const idempotent = request.idempotent ?? ['GET', 'HEAD', 'OPTIONS'].includes(method);
        const { headers, body } = encodeBody(request);
        for (let attempt = 1;; attempt++) {
            const last = attempt >= policy.maxAttempts;
            let response;
            try {
                response = await this.fetchOnce(request, { method, headers, body }, policy);
            }
            catch (error) {
                await this.afterNetworkError(request, error, { attempt, last, idempotent, policy });
                continue;
            }
            const text = await this.readBody(request, response);
            if (response.status === 429) {
                await this.afterRateLimit(request, response.headers, { attempt, last, policy });
                continue;
            }
            if (response.status >= 500 && idempotent) {
                const delay = backoffDelay(attempt, policy, this.deps.random);
                if (!last && !this.pastDeadline(request, delay)) {
                    await this.wait(request, attempt, delay, 'server-error', `HTTP ${response.status}`);
                    continue;
                }
            }
            return { status: response.status, headers: response.headers, text, attempts: attempt };
        }
    }
    /** One attempt, with its own timeout; a redirect to another origin is refused. */
    async fetchOnce(request, init, policy) {
        const timeout = AbortSignal.timeout(policy.timeoutMs);
        const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
        const { response } = await (0,_guarded_fetch_js__WEBPACK_IMPORTED_MODULE_1__/* .fetchWithRedirects */ .Af)(this.deps.fetch, request.url, { ...init, signal }, 'refuse');
        return response;
    }
    /** After a failed fetch: waits before the next attempt, or throws when none may follow. */
    async afterNetworkError(request, error, state) {
        if (request.signal?.aborted)
            throw error;
        if (error instanceof _guarded_fetch_js__WEBPACK_IMPORTED_MODULE_1__/* .RedirectRefusedError */ .jw) {
            throw this.failure(request, error.message, {
                status: error.status,
                retryable: false,
                hint: 'Check the API URL: give the address the API answers at itself',
            });
        }
        const { attempt, last, policy } = state;
        const code = networkErrorCode(error);
        const retryable = state.idempotent || requestNotSent(error);
        const detail = code === 'TimeoutError' ? `no answer within ${policy.timeoutMs} ms` : `network error ${code}`;
        const delay = backoffDelay(attempt, policy, this.deps.random);
        if (!retryable || last || this.pastDeadline(request, delay)) {
            throw this.failure(request, `${detail}${attempt > 1 ? ` after ${attempt} attempts` : ''}`, {
                retryable: true,
                hint: retryable
                    ? 'Check that the API URL is right and reachable from the runner, then run again'
                    : 'The request may or may not have been carried out: check the provider before running again',
            });
        }
        await this.wait(request, attempt, delay, 'network', detail);
    }
    /** After a 429: waits as the server asks (or backs off), or throws when that is too long. */
    async afterRateLimit(request, headers, { attempt, last, policy }) {
        const now = this.deps.clock.now();
        const retryAfter = parseRetryAfter(headers.get('retry-after'), now) ??
            parseRateLimitReset(headers.get('ratelimit-reset'), now);
        const delay = retryAfter ?? backoffDelay(attempt, policy, this.deps.random);
        if (last || delay > policy.maxRetryAfterMs || this.pastDeadline(request, delay)) {
            throw this.failure(request, `rate limited (HTTP 429) after ${attempt} attempts`, {
                status: 429,
                retryable: true,
                hint: `The provider asks to wait${retryAfter !== undefined ? ` ${Math.ceil(retryAfter / 1000)} s` : ''}; run again later`,
            });
        }
        const asked = retryAfter === undefined ? 'no Retry-After' : `asked to wait ${retryAfter} ms`;
        await this.wait(request, attempt, delay, 'rate-limited', `HTTP 429, ${asked}`);
    }
    /** Sends and parses a JSON answer; any status outside 2xx is a ProviderError. */
    async json(request) {
        const response = await this.send(request);
        (0,_http_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .expectOk */ .aT)(response, request.purpose, this.deps.secrets);
        return (0,_http_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .parseJson */ .qF)(response, request.purpose, this.deps.secrets);
    }
    /** The body up to the request's cap; a longer one is a ProviderError, a broken one reads as ''. */
    async readBody(request, response) {
        try {
            return await (0,_guarded_fetch_js__WEBPACK_IMPORTED_MODULE_1__/* .readBodyWithLimit */ .Q9)(response, request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
        }
        catch (error) {
            if (!(error instanceof _guarded_fetch_js__WEBPACK_IMPORTED_MODULE_1__/* .BodyTooLargeError */ .Au))
                return '';
            throw this.failure(request, error.message, {
                status: response.status,
                retryable: false,
                hint: 'No answer of this API is that large: check that the API URL points at the provider API',
            });
        }
    }
    pastDeadline(request, delay) {
        return request.deadline !== undefined && this.deps.clock.now() + delay > request.deadline;
    }
    async wait(request, attempt, delayMs, cause, detail) {
        this.deps.onRetry?.({ purpose: request.purpose, attempt, delayMs, cause, detail });
        await this.deps.sleep(delayMs, request.signal);
    }
    failure(request, detail, details) {
        const host = new URL(request.url).host;
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProviderError */ .mZ(`${request.purpose} failed: ${detail} (${host})`, {
            ...details,
            secrets: this.deps.secrets,
        });
    }
}


/***/ }),

/***/ 8275:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ inertText),
/* harmony export */   w: () => (/* binding */ inertLines)
/* harmony export */ });
/**
 * Text made inert for a log line: whatever a provider, a health endpoint or a file name put in it,
 * the GitHub runner must not read it as a workflow command, and a terminal must not act on it.
 *
 * The runner reads its step's output line by line (a line ends at LF, CR or CRLF) and runs:
 * - `::name props::data` when the line starts with `::` after leading whitespace (`::add-mask::x`,
 *   `::set-output name=status::rolled-back`, `::stop-commands::token`);
 * - `##[name props]data` ANYWHERE in the line (the older form, still parsed).
 * So a log message becomes one line: line breaks and other control characters are shown as
 * escapes (`\n`, `\r`, `\u001b`: an escape sequence could also recolour, hide or retitle what a
 * terminal or the runner's log viewer shows), a line that would start with `::` is prefixed with a
 * backslash, and `##[` becomes `##\[`. Bidirectional-override characters are escaped too, so text
 * cannot be shown in another order than it is.
 *
 * `%` needs nothing here: the runner never unescapes a plain line, and annotation lines (`::error::`,
 * `::warning::`, `::debug::`, `::add-mask::`) are written by @actions/core, whose `escapeData` turns
 * `%`, CR and LF into `%25`, `%0D`, `%0A`, so a `%0A` inside a message stays text.
 *
 * The function is idempotent (inert text is left as it is), so each layer may apply it.
 */
/** C0 controls but TAB, DEL, C1 controls, the Unicode line and paragraph separators, bidi controls. */
const UNSAFE_CHARACTERS = 
// eslint-disable-next-line no-control-regex -- finding control characters is the point
/\r\n|[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED_ESCAPES = { '\r\n': '\\r\\n', '\n': '\\n', '\r': '\\r' };
/** Whitespace the runner trims before looking for `::` (and a few invisible characters besides). */
const COMMAND_AT_START = /^[\s\u180e]*::/;
/** One log line that no runner or terminal acts on (see the module comment). */
function inertText(text) {
    const flat = text.replace(UNSAFE_CHARACTERS, (ch) => NAMED_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const noOldCommands = flat.replace(/##\[/g, '##\\[');
    return COMMAND_AT_START.test(noOldCommands) ? `\\${noOldCommands}` : noOldCommands;
}
/** Text of several lines (a summary printed in a terminal): each line made inert, line breaks kept. */
function inertLines(text) {
    return text.split(/\r?\n/).map(inertText).join('\n');
}


/***/ }),

/***/ 4282:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ terminalHost),
/* harmony export */   e: () => (/* binding */ terminalText)
/* harmony export */ });
/* harmony import */ var _inert_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8275);

function terminalHost(env, stderr, verbose = false) {
    const outputs = {};
    const summaries = [];
    return {
        env,
        outputs,
        summaries,
        // Each line inert: a terminal (or the runner, when the CLI runs in a workflow step) acts on none.
        log: {
            info: (message) => stderr((0,_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .inertText */ .U)(message)),
            warning: (message) => stderr(`warning: ${(0,_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .inertText */ .U)(message)}`),
            error: (message) => stderr(`error: ${(0,_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .inertText */ .U)(message)}`),
            debug: (message) => {
                if (verbose)
                    stderr(`debug: ${(0,_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .inertText */ .U)(message)}`);
            },
        },
        mask: () => { },
        setOutput: (name, value) => {
            outputs[name] = value;
        },
        appendSummary: async (markdown) => {
            summaries.push(markdown);
        },
    };
}
/**
 * A Markdown summary made readable in a terminal: charts dropped, escapes and HTML removed, and
 * every line inert (the escapes removed here are what kept outside text from being Markdown).
 */
function terminalText(markdown) {
    const text = markdown
        .replace(/```mermaid[\s\S]*?```\n?/g, '')
        .replace(/<\/?details>|<\/?summary>/g, '')
        .replace(/\\([\\`*_[\]<>|~#!@+=.:)-])/g, '$1')
        .replace(/&amp;/g, '&')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
    return (0,_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .inertLines */ .w)(text);
}


/***/ }),

/***/ 4708:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LD: () => (/* binding */ decide),
/* harmony export */   NT: () => (/* binding */ decisionOutputs)
/* harmony export */ });
/* unused harmony export DECISION_ACTIONS */
/* harmony import */ var _core_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1896);
/* harmony import */ var _matrix_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4201);
/**
 * The decision: the runbook's flowchart applied to what was detected, as five rules in order
 * (README, decide). Pure: no I/O, so the guard and the action share it as is.
 */


const DECISION_ACTIONS = (/* unused pure expression or super */ null && (['none', 'monitor', 'config', 'code', 'data', 'full']));
const yesNo = (value) => (value ? 'yes' : 'no');
const percent = (rate) => `${Number((rate * 100).toFixed(2))}%`;
/** Rule 2: the matrix row, with "maybe" resolved by the facts. */
function matrixRow(facts, row) {
    let code = row.codeRollback;
    let data = row.dataRollback;
    const resolved = [];
    if (code === 'maybe') {
        code = facts.deploymentCaused;
        resolved.push(`code rollback "maybe" → ${yesNo(code)} as deployment-caused is ${facts.deploymentCaused}`);
    }
    if (data === 'maybe') {
        data = facts.dataCompromised;
        resolved.push(`data rollback "maybe" → ${yesNo(data)} as data-compromised is ${facts.dataCompromised}`);
    }
    const effect = `matrix row ${facts.issueType} gives code rollback ${yesNo(code)}, data rollback ${yesNo(data)}, ${row.priority}${resolved.length ? ` (${resolved.join('; ')})` : ''}`;
    return { code, data, priority: row.priority, fired: [{ rule: 2, effect }] };
}
/** Rule 3: lost data must come back from a backup. */
function dataLossRule(facts, settled) {
    if (!facts.dataLoss)
        return settled;
    return {
        ...settled,
        data: true,
        fired: [...settled.fired, { rule: 3, effect: 'data loss was reported, so data rollback' }],
    };
}
/** Rule 4: an error rate over the threshold is a code rollback at P0, whatever the row says. */
function errorRateRule(facts, settled) {
    if (facts.errorRate === undefined || facts.errorRate <= facts.errorRateThreshold)
        return settled;
    const effect = `error rate ${percent(facts.errorRate)} is above the ${percent(facts.errorRateThreshold)} threshold, so code rollback at P0`;
    return { ...settled, code: true, priority: 'P0', fired: [...settled.fired, { rule: 4, effect }] };
}
/** Rule 5: the action follows from the two rollbacks. */
function actionFor(settled, issueType) {
    if (settled.code)
        return settled.data ? 'full' : 'code';
    if (settled.data)
        return 'data';
    return issueType === 'config-error' ? 'config' : 'none';
}
function decide(facts, matrix = _matrix_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_MATRIX */ .iV) {
    const row = matrix[facts.issueType];
    const severity = facts.severity ?? row.severity;
    const decision = (action, settled) => {
        const fired = [...settled.fired];
        if (action !== 'monitor')
            fired.push({ rule: 5, effect: `action ${action}` });
        const reason = `Action ${action} at ${settled.priority}, because ${fired
            .filter((f) => f.rule !== 5)
            .map((f) => `${f.effect} (rule ${f.rule})`)
            .join('; ')}.`;
        const { code: codeRollback, data: dataRollback, priority } = settled;
        return {
            action,
            codeRollback,
            dataRollback,
            priority,
            severity,
            maxDowntimeMs: row.maxDowntimeMs,
            reason,
            fired,
            row,
        };
    };
    // Rule 1: nobody is affected: monitor and fix in the next release; nothing else applies.
    if (!facts.affectingUsers) {
        const effect = 'users are not affected, so monitor and fix in the next release without a rollback';
        return decision('monitor', { code: false, data: false, priority: 'P2', fired: [{ rule: 1, effect }] });
    }
    const settled = errorRateRule(facts, dataLossRule(facts, matrixRow(facts, row)));
    return decision(actionFor(settled, facts.issueType), settled);
}
/** The decide outputs, as the README's decide section names them. */
function decisionOutputs(decision) {
    return {
        action: decision.action,
        'code-rollback': String(decision.codeRollback),
        'data-rollback': String(decision.dataRollback),
        priority: decision.priority,
        severity: decision.severity,
        'max-downtime': (0,_core_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(decision.maxDowntimeMs),
        reason: decision.reason,
    };
}


/***/ }),

/***/ 4201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BE: () => (/* binding */ PRIORITIES),
/* harmony export */   co: () => (/* binding */ ISSUE_TYPES),
/* harmony export */   iV: () => (/* binding */ DEFAULT_MATRIX),
/* harmony export */   oC: () => (/* binding */ SEVERITIES)
/* harmony export */ });
/**
 * The runbook's decision matrix (README, decide):
 * for each issue type, its severity, whether to roll back code and data ("maybe" is resolved by the
 * rules), the longest acceptable downtime and the priority.
 */
const ISSUE_TYPES = [
    'critical-bug',
    'data-corruption',
    'performance-degradation',
    'minor-bug',
    'config-error',
    'security-issue',
    'external-api-incompatibility',
    'none',
];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const PRIORITIES = ['P0', 'P1', 'P2'];
const MINUTE = 60_000;
// prettier-ignore
const DEFAULT_MATRIX = Object.freeze({
    'critical-bug': { severity: 'high', codeRollback: true, dataRollback: false, maxDowntimeMs: 5 * MINUTE, priority: 'P0' },
    'data-corruption': { severity: 'critical', codeRollback: 'maybe', dataRollback: true, maxDowntimeMs: 15 * MINUTE, priority: 'P0' },
    'performance-degradation': { severity: 'medium', codeRollback: true, dataRollback: false, maxDowntimeMs: 5 * MINUTE, priority: 'P1' },
    'minor-bug': { severity: 'low', codeRollback: false, dataRollback: false, maxDowntimeMs: 0, priority: 'P2' },
    'config-error': { severity: 'medium', codeRollback: false, dataRollback: false, maxDowntimeMs: 2 * MINUTE, priority: 'P1' },
    'security-issue': { severity: 'critical', codeRollback: true, dataRollback: 'maybe', maxDowntimeMs: 5 * MINUTE, priority: 'P0' },
    'external-api-incompatibility': { severity: 'high', codeRollback: true, dataRollback: false, maxDowntimeMs: 5 * MINUTE, priority: 'P0' },
    none: { severity: 'low', codeRollback: false, dataRollback: false, maxDowntimeMs: 0, priority: 'P2' },
});


/***/ }),

/***/ 5301:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ loadPolicy)
/* harmony export */ });
/* unused harmony export parsePolicy */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9691);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8532);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/* harmony import */ var _core_files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9928);
/* harmony import */ var _core_parse_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1896);
/* harmony import */ var _matrix_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4201);
/**
 * Policy files: a YAML or JSON mapping from issue type to a partial matrix row that overrides the
 * built-in one, checked by a zod schema. Everything wrong with a file is a configuration error
 * naming `policy`, the file and each bad field (all at once, in the file's order), found before the
 * decision is made.
 */






/** A policy is a few rows; a file far larger is not one. */
const MAX_POLICY_BYTES = 1024 * 1024;
const ROW_FIELDS = ['severity', 'code-rollback', 'data-rollback', 'max-downtime', 'priority'];
/** Reads a policy file and returns the matrix with its rows applied. */
async function loadPolicy(file, input = 'policy') {
    let text;
    try {
        text = (0,_core_files_js__WEBPACK_IMPORTED_MODULE_2__/* .readInputFile */ .jH)(file, {
            name: 'the policy file ',
            expected: 'the path of a YAML or JSON file',
            maxBytes: MAX_POLICY_BYTES,
        });
    }
    catch (error) {
        if (!(error instanceof _core_parse_js__WEBPACK_IMPORTED_MODULE_3__/* .ParseError */ .mB))
            throw error;
        throw _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1.single(input, error.message);
    }
    return parsePolicy(text, file, input);
}
/** "is 'P9'; expected one of P0, P1, P2": what a bad value was, and what is accepted. */
const was = (accepted) => (issue) => `is ${show(issue.input)}; expected ${accepted}`;
const rollbackChoiceSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .unknown */ .L5J().transform((value, ctx) => {
    const choice = rollbackChoice(value);
    if (choice !== undefined)
        return choice;
    ctx.addIssue({ code: 'custom', message: was('true, false or maybe')({ input: value }) });
    return zod__WEBPACK_IMPORTED_MODULE_6__/* .NEVER */ .tm;
});
const durationSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .unknown */ .L5J().transform((value, ctx) => {
    try {
        if (typeof value !== 'string' && typeof value !== 'number')
            throw new _core_parse_js__WEBPACK_IMPORTED_MODULE_3__/* .ParseError */ .mB('not text');
        return (0,_core_parse_js__WEBPACK_IMPORTED_MODULE_3__/* .parseDuration */ .E9)(String(value));
    }
    catch {
        ctx.addIssue({ code: 'custom', message: was(_core_parse_js__WEBPACK_IMPORTED_MODULE_3__/* .DURATION_ACCEPTED */ .Vj)({ input: value }) });
        return zod__WEBPACK_IMPORTED_MODULE_6__/* .NEVER */ .tm;
    }
});
/** A row: any of the matrix row's fields, by their policy-file names. */
const rowSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    severity: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(_matrix_js__WEBPACK_IMPORTED_MODULE_4__/* .SEVERITIES */ .oC, { error: was(`one of ${_matrix_js__WEBPACK_IMPORTED_MODULE_4__/* .SEVERITIES */ .oC.join(', ')}`) }).optional(),
    'code-rollback': rollbackChoiceSchema.optional(),
    'data-rollback': rollbackChoiceSchema.optional(),
    'max-downtime': durationSchema.optional(),
    priority: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(_matrix_js__WEBPACK_IMPORTED_MODULE_4__/* .PRIORITIES */ .BE, { error: was(`one of ${_matrix_js__WEBPACK_IMPORTED_MODULE_4__/* .PRIORITIES */ .BE.join(', ')}`) }).optional(),
}, { error: `must be a mapping with any of ${ROW_FIELDS.join(', ')}` });
/** The file: issue type → row. */
const policySchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej(Object.fromEntries(_matrix_js__WEBPACK_IMPORTED_MODULE_4__/* .ISSUE_TYPES */ .co.map((type) => [type, rowSchema.optional()])));
/** Parses policy text (YAML, or JSON, which is YAML too) into a full matrix. */
function parsePolicy(text, file, input = 'policy') {
    let document;
    try {
        document = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text);
    }
    catch (error) {
        const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1.single(input, `policy file '${file}' is not valid YAML or JSON: ${detail}`);
    }
    if (!isMapping(document)) {
        throw _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1.single(input, `policy file '${file}' must be a mapping from issue type to a row (${_matrix_js__WEBPACK_IMPORTED_MODULE_4__/* .ISSUE_TYPES */ .co.join(', ')})`);
    }
    const parsed = policySchema.safeParse(document);
    if (!parsed.success) {
        const problems = fieldProblems(parsed.error.issues, document).map(({ field, message }) => ({
            input,
            message: `policy file '${file}': field '${field}' ${message}`,
        }));
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(problems);
    }
    const matrix = { ..._matrix_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_MATRIX */ .iV };
    for (const issueType of _matrix_js__WEBPACK_IMPORTED_MODULE_4__/* .ISSUE_TYPES */ .co) {
        const row = parsed.data[issueType];
        if (!row)
            continue;
        matrix[issueType] = {
            ...matrix[issueType],
            ...defined({
                severity: row.severity,
                codeRollback: row['code-rollback'],
                dataRollback: row['data-rollback'],
                maxDowntimeMs: row['max-downtime'],
                priority: row.priority,
            }),
        };
    }
    return matrix;
}
/** One problem per bad field ('critical-bug.priority'), in the order the file has them. */
function fieldProblems(issues, document) {
    const problems = issues.flatMap((issue) => {
        const path = issue.path.map(String);
        if (issue.code !== 'unrecognized_keys')
            return [{ path, message: issue.message }];
        const accepted = path.length === 0
            ? `is not an issue type; expected one of ${_matrix_js__WEBPACK_IMPORTED_MODULE_4__/* .ISSUE_TYPES */ .co.join(', ')}`
            : `is not a row field; expected any of ${ROW_FIELDS.join(', ')}`;
        return issue.keys.map((key) => ({ path: [...path, key], message: accepted }));
    });
    const position = ([issueType = '', field = '']) => {
        const row = document[issueType];
        const fields = isMapping(row) ? Object.keys(row) : [];
        return [Object.keys(document).indexOf(issueType), fields.indexOf(field)];
    };
    const before = ([rowA, fieldA], [rowB, fieldB]) => rowA - rowB || fieldA - fieldB;
    return problems
        .sort((a, b) => before(position(a.path), position(b.path)))
        .map(({ path, message }) => ({ field: path.join('.'), message }));
}
function isMapping(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
/** The object without its undefined values (so a row only overrides the fields it names). */
function defined(values) {
    return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
function rollbackChoice(value) {
    if (typeof value === 'boolean')
        return value;
    if (typeof value !== 'string')
        return undefined;
    const lower = value.trim().toLowerCase();
    if (lower === 'true' || lower === 'yes')
        return true;
    if (lower === 'false' || lower === 'no')
        return false;
    if (lower === 'maybe')
        return 'maybe';
    return undefined;
}
function show(value) {
    return typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
}


/***/ }),

/***/ 3446:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ decisionSummary)
/* harmony export */ });
/* harmony import */ var _core_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1896);
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1363);
/** The decision as a step summary: decide's own, and the decide section of the guard's. */


function decisionSummary(decision, facts, policyFile) {
    const acting = decision.codeRollback || decision.dataRollback;
    return (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .sections */ .V0)((0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .heading */ .R_)(2, 'rollback-guard · decide'), (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .verdictLine */ .MT)(acting ? 'neutral' : true, `action: ${decision.action}`, `${decision.priority}, severity ${decision.severity}`), decision.reason, (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['Decision', 'Value'], [
        ['Issue type', facts.issueType],
        ['Code rollback', decision.codeRollback ? 'yes' : 'no'],
        ['Data rollback', decision.dataRollback ? 'yes' : 'no'],
        ['Priority', decision.priority],
        ['Severity', decision.severity],
        ['Max downtime', (0,_core_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(decision.maxDowntimeMs)],
        ['Policy', policyFile ? policyFile : 'built-in matrix'],
    ]), (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['Rule', 'What it did'], decision.fired.map((f) => [(0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .raw */ .lS)(`${f.rule}`), f.effect])));
}


/***/ }),

/***/ 2350:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ detectSummary),
/* harmony export */   s: () => (/* binding */ detectReport)
/* harmony export */ });
/* harmony import */ var _core_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1896);
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1363);
/* harmony import */ var _latency_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8844);
/* harmony import */ var _summary_parts_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5533);
/**
 * The detect step summary: the verdict and why at the top, the figures, what the test promised for
 * this window, a latency chart with failures marked, and the report with every probe.
 */




const pct = (rate) => `${+(rate * 100).toFixed(2)}%`;
const ms = (value) => (value === undefined ? undefined : `${value} ms`);
function detectSummary(result, report = detectReport(result)) {
    const { plan, verdict } = result;
    const design = plan.errorTest;
    const ok = verdict === 'healthy' ? true : verdict === 'unhealthy' ? false : 'neutral';
    const label = verdict === 'unhealthy' ? `unhealthy (${result.reason})` : verdict;
    return (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .sections */ .V0)((0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .heading */ .R_)(2, 'rollback-guard · detect'), (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .verdictLine */ .MT)(ok, label, result.explanation), plan.warnings.length > 0 && (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .bulletList */ .fF)(plan.warnings.map((w) => `⚠️ ${w.replace(/^detect: /, '')}`)), (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['Figure', 'Value'], [
        ['Verdict', verdict],
        ['Reason', result.reason],
        ['Issue type (for decide)', (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(result.issueType)],
        [
            'Probes',
            `${result.samples} of ${plan.plannedProbes} planned (${(0,_core_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(result.config.intervalMs)} apart)`,
        ],
        ['Failures', `${result.failures} of ${result.observations} observations`],
        ['Error rate', pct(result.errorRate)],
        ['Errors (not counted)', result.errors],
        [
            'Latency p50 / p95',
            result.p50Ms === undefined ? undefined : `${ms(result.p50Ms)} / ${ms(result.p95Ms)}`,
        ],
        ['Failing services', result.failingServices.join(', ')],
        ['Started', result.startedAt],
        ['Detected', result.detectedAt],
        ['URLs', result.config.urls.join(', ')],
    ]), (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .heading */ .R_)(3, 'The test'), (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['Property', 'This window'], [
        [
            'False-alarm probability at the baseline error rate (exact)',
            `${pct(design.falseAlarmProbability)} (allowed ${pct(design.falseAlarmRate)} of false-alarm-rate ${pct(design.falseAlarmRate + plan.latencyFalseAlarmRate)}; latency tests ${pct(plan.latencyFalseAlarmRate)})`,
        ],
        ['A hard outage is called within', `${design.failuresToAlarm} probes`],
        [`Chance to catch ${pct(design.maxRate)} failing in this window`, pct(design.powerInWindow)],
        [
            `Probes needed to catch ${pct(design.maxRate)} with ${pct(1 - design.missRate)}`,
            design.probesNeeded ?? `more than ${design.searchedUpTo}`,
        ],
        ['Median probes to catch it', design.medianProbesToDetect],
        [
            'Rule',
            `CUSUM: a failure adds ln(p1/p0) = ${design.failureWeight.toFixed(2)}, a pass ln((1−p1)/(1−p0)) = ${design.passWeight.toFixed(3)}, never below 0; alarm at ${Number.isFinite(result.thresholdNats) ? result.thresholdNats.toFixed(2) : '∞'}${design.consecutiveFailureRule ? ', or at 3 failures in a row' : ''}`,
        ],
        [
            'Statistic at the end',
            `${result.statisticNats.toFixed(2)} of ${Number.isFinite(result.thresholdNats) ? result.thresholdNats.toFixed(2) : '∞'}`,
        ],
        [
            'Latency tests',
            result.latencyLooks.length
                ? result.latencyLooks
                    .slice(-2)
                    .map((look) => `${look.test} (${look.method}, ${look.samples} samples): p = ${(0,_latency_js__WEBPACK_IMPORTED_MODULE_2__/* .formatP */ .MA)(look.pValue)}`)
                    .join('; ')
                : plan.latencyLooks
                    ? 'not yet: they need 20 samples'
                    : 'not judged: the window holds fewer than 20 probes',
        ],
    ]), (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .heading */ .R_)(3, 'Latency per probe'), (0,_summary_parts_js__WEBPACK_IMPORTED_MODULE_3__/* .latencyChart */ .zU)(result.probes, 'detect') ?? 'No probe was taken.', (0,_summary_parts_js__WEBPACK_IMPORTED_MODULE_3__/* .reportDetails */ .Rb)(report));
}
/**
 * The report file's content (and the summary's JSON): everything, every probe. `probes` is at the
 * top, where a later run's `baseline` reads it.
 */
function detectReport(result) {
    const { probes, ...detect } = result;
    return { detect, probes };
}


/***/ }),

/***/ 9476:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  oM: () => (/* binding */ MAX_ERRORS_IN_A_ROW),
  K3: () => (/* binding */ MAX_PLANNED_PROBES),
  sn: () => (/* binding */ detectOutputs),
  tL: () => (/* binding */ probeLine),
  us: () => (/* binding */ probeRecord),
  Uv: () => (/* binding */ probeTarget),
  N: () => (/* binding */ runDetect)
});

// UNUSED EXPORTS: LATENCY_ALPHA_SHARE, issueTypeFor, planDetect

// EXTERNAL MODULE: ./src/core/parse.ts
var parse = __webpack_require__(1896);
// EXTERNAL MODULE: ./src/probe/latency.ts
var probe_latency = __webpack_require__(8844);
// EXTERNAL MODULE: ./src/probe/probe.ts + 1 modules
var probe = __webpack_require__(2555);
;// CONCATENATED MODULE: ./src/probe/sequential.ts
/**
 * The error-rate test of `detect`: a one-sided Bernoulli CUSUM on probe failures, with its alarm
 * threshold calibrated exactly to the number of probes that fit in the window.
 *
 * Each observation (a probe that passed or failed; errors are not observations) moves a statistic
 * by its log-likelihood ratio for "failing at p1" against "failing at p0":
 *   failure: +ln(p1/p0)      pass: ln((1-p1)/(1-p0)) (negative)
 * and the statistic never goes below 0 (CUSUM: S = max(0, S + step)). The alarm rings when it
 * reaches the threshold h: recent failures are more than a p0 service plausibly produces.
 *
 * Exact calibration. The two steps are put on an integer grid (failure +A, pass -B, with A/B as
 * close to the ratio of the log-likelihood ratios as the grid allows) and the test that runs IS that
 * integer test, so its statistic takes finitely many values below the threshold. Dynamic
 * programming over the statistic's distribution then gives the exact probability that a service
 * failing at rate p raises the alarm within n observations. The threshold H is the smallest one
 * whose false-alarm probability over the planned window, at p0, is at most alpha (binary search:
 * the probability only falls as H grows). No approximation, no simulation, no Wald bound.
 *
 * A hard outage must be called within 3 probes. When the calibrated H needs more than 3 failures in
 * a row from a clean start, a second rule joins: 3 consecutive failures raise the alarm. The DP then
 * runs over (statistic, run of failures) and H is calibrated again for the two rules together. When
 * even that rule alone would exceed alpha (a long window at a high p0), alpha cannot be met while
 * catching an outage in 3 probes: the 3-probe promise is kept, and the design says so
 * (`falseAlarmMet: false` and the real probability), for the caller to warn.
 */
/** Consecutive failures that always raise the alarm when the CUSUM alone would need more. */
const MAX_FAILURES_TO_ALARM = 3;
/**
 * A bound on the work of one DP evaluation (states x steps). The grid gets coarser for very long
 * windows so that calibration stays well under a second; the test stays exactly calibrated, its
 * weights only follow the log-likelihood ratios less finely.
 */
const DP_BUDGET = 8_000_000;
/** The highest threshold tried with the run rule, in failure steps (see computeDesign). */
const MAX_THRESHOLD_STEPS = 64;
/** Grid resolution: the smaller step gets about this many units when the budget allows. */
const FINE_STEPS = 64;
/**
 * Probability of an alarm within n observations, for n = 1..steps, for a service failing at rate p.
 * `stopAt`: stop early once the probability reaches it (the array is then shorter).
 */
function alarmCurve(chain, p, steps, stopAt = 2) {
    if (!Number.isFinite(chain.threshold))
        return runRuleCurve(p, steps, stopAt);
    const { failureStep: A, passStep: B, threshold: H } = chain;
    const runs = chain.consecutiveFailureRule ? MAX_FAILURES_TO_ALARM : 1;
    let current = Array.from({ length: runs }, () => new Float64Array(H));
    let next = Array.from({ length: runs }, () => new Float64Array(H));
    current[0][0] = 1;
    const curve = new Float64Array(steps);
    let alarmed = 0;
    const q = 1 - p;
    for (let n = 0; n < steps; n++) {
        for (const row of next)
            row.fill(0);
        const passRow = next[0];
        for (let r = 0; r < runs; r++) {
            const row = current[r];
            const failRun = chain.consecutiveFailureRule ? r + 1 : 0;
            const failRow = failRun < runs ? next[failRun] : undefined;
            for (let s = 0; s < H; s++) {
                const mass = row[s];
                if (mass === 0)
                    continue;
                const up = s + A;
                if (up >= H || !failRow)
                    alarmed += mass * p;
                else
                    failRow[up] = failRow[up] + mass * p;
                const down = s > B ? s - B : 0;
                passRow[down] = passRow[down] + mass * q;
            }
        }
        [current, next] = [next, current];
        curve[n] = alarmed;
        if (alarmed >= stopAt)
            return curve.subarray(0, n + 1);
    }
    return curve;
}
/** The same for the consecutive-failure rule alone (no CUSUM): a DP over the current run only. */
function runRuleCurve(p, steps, stopAt) {
    let runs = [1, 0, 0];
    const curve = new Float64Array(steps);
    let alarmed = 0;
    for (let n = 0; n < steps; n++) {
        const [r0, r1, r2] = runs;
        alarmed += r2 * p;
        runs = [(r0 + r1 + r2) * (1 - p), r0 * p, r1 * p];
        curve[n] = alarmed;
        if (alarmed >= stopAt)
            return curve.subarray(0, n + 1);
    }
    return curve;
}
/** Exact probability that a service failing at rate p raises the alarm within n observations. */
function alarmProbability(design, p, n) {
    if (n <= 0)
        return 0;
    const curve = alarmCurve(design, p, n);
    return curve[curve.length - 1];
}
const designs = new Map();
/** Designs (and caches) the test for a window. Throws RangeError for rates outside 0 < p0 < p1 < 1. */
function designErrorRateTest(spec) {
    const key = JSON.stringify(spec);
    const cached = designs.get(key);
    if (cached)
        return cached;
    const design = computeDesign(spec);
    designs.set(key, design);
    return design;
}
function computeDesign(spec) {
    const { baselineRate: p0, maxRate: p1, falseAlarmRate: alpha, missRate: beta } = spec;
    if (!(p0 > 0 && p1 > p0 && p1 < 1))
        throw new RangeError('expected 0 < baseline rate < max rate < 1');
    if (!(alpha > 0 && alpha < 1 && beta > 0 && beta < 1))
        throw new RangeError('expected rates in (0, 1)');
    const N = Math.max(1, Math.floor(spec.plannedProbes));
    const failureWeight = Math.log(p1 / p0);
    const passWeight = Math.log((1 - p1) / (1 - p0));
    // Grid: units per nat, fine when the window is short, coarser when it is long (see DP_BUDGET).
    const maxFailureStep = Math.max(1, Math.floor(DP_BUDGET / (N * 8 * MAX_FAILURES_TO_ALARM)));
    const scale = Math.min(FINE_STEPS / Math.min(failureWeight, -passWeight), maxFailureStep / failureWeight);
    const failureStep = Math.max(1, Math.round(failureWeight * scale));
    const passStep = Math.max(1, Math.round(-passWeight * scale));
    const falseAlarm = (threshold, consecutiveFailureRule) => alarmProbability({ failureStep, passStep, threshold, consecutiveFailureRule }, p0, N);
    // The CUSUM alone first.
    let consecutiveFailureRule = false;
    let threshold = smallestThreshold(failureStep, (h) => falseAlarm(h, false) <= alpha);
    let falseAlarmMet = true;
    if (threshold > MAX_FAILURES_TO_ALARM * failureStep) {
        consecutiveFailureRule = true;
        if (falseAlarm(Infinity, true) > alpha) {
            // Even the run rule alone exceeds alpha: alpha cannot be met with the 3-probe promise. Keep
            // both rules, the CUSUM as calibrated alone, and say so.
            falseAlarmMet = false;
        }
        else {
            // Together: the CUSUM needs a higher threshold. Past MAX_THRESHOLD_STEPS failures' worth the
            // CUSUM adds nothing a window could use, and the run rule alone is the test.
            const cap = MAX_THRESHOLD_STEPS * failureStep;
            threshold = smallestThreshold(threshold, (h) => falseAlarm(h, true) <= alpha, cap);
            if (falseAlarm(threshold, true) > alpha)
                threshold = Infinity;
        }
    }
    const chain = { failureStep, passStep, threshold, consecutiveFailureRule };
    const failuresToAlarm = Math.min(Math.ceil(threshold / failureStep), consecutiveFailureRule ? MAX_FAILURES_TO_ALARM : Infinity);
    // Power at p1: within the window, and how many observations 1 - beta needs.
    const states = Number.isFinite(threshold) ? threshold * 3 : 3;
    const searchedUpTo = Math.max(N, Math.min(50 * N, Math.floor(DP_BUDGET / states)));
    const curve = alarmCurve(chain, p1, searchedUpTo, 1 - beta);
    const firstReaching = (target) => {
        const index = curve.findIndex((value) => value >= target);
        return index < 0 ? undefined : index + 1;
    };
    return {
        ...spec,
        plannedProbes: N,
        failureWeight,
        passWeight,
        ...chain,
        failuresToAlarm,
        falseAlarmProbability: falseAlarm(threshold, consecutiveFailureRule),
        falseAlarmMet,
        powerInWindow: alarmProbability(chain, p1, N),
        probesNeeded: firstReaching(1 - beta),
        medianProbesToDetect: firstReaching(0.5),
        searchedUpTo,
    };
}
/** The smallest integer threshold >= `from` that satisfies `ok` (monotone), searching up to `cap`. */
function smallestThreshold(from, ok, cap = Infinity) {
    if (ok(from))
        return from;
    let low = from;
    let high = Math.min(from * 2, cap);
    while (!ok(high)) {
        if (high >= cap)
            return cap;
        low = high;
        high = Math.min(high * 2, cap);
    }
    while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (ok(middle))
            high = middle;
        else
            low = middle;
    }
    return high;
}
/** Runs the designed test over observations, one at a time. */
class ErrorRateMonitor {
    design;
    /** The CUSUM statistic, in grid units. */
    statistic = 0;
    /** Consecutive failures at the end of the observations so far. */
    run = 0;
    observations = 0;
    failures = 0;
    alarmed = false;
    constructor(design) {
        this.design = design;
    }
    /** Records one observation; returns true when this one raises the alarm. */
    observe(failed) {
        if (this.alarmed)
            return true;
        this.observations++;
        if (failed) {
            this.failures++;
            this.run++;
            this.statistic += this.design.failureStep;
        }
        else {
            this.run = 0;
            this.statistic = Math.max(0, this.statistic - this.design.passStep);
        }
        this.alarmed =
            this.statistic >= this.design.threshold ||
                (this.design.consecutiveFailureRule && this.run >= MAX_FAILURES_TO_ALARM);
        return this.alarmed;
    }
    /** The statistic in nats (the log-likelihood ratio scale), for reports. */
    get statisticNats() {
        return (this.statistic / this.design.failureStep) * this.design.failureWeight;
    }
}

;// CONCATENATED MODULE: ./src/probe/detect.ts




const MAX_ERRORS_IN_A_ROW = 4;
/** The share of `false-alarm-rate` given to the latency tests. */
const LATENCY_ALPHA_SHARE = 0.2;
/** The most probes a window may plan (the calibration's work grows with it). */
const MAX_PLANNED_PROBES = 10_000;
/** The test design for a configuration, and what the user should be warned about. Pure. */
function planDetect(config) {
    const plannedProbes = Math.floor(config.windowMs / config.intervalMs);
    if (plannedProbes < 1)
        throw new RangeError('the window must hold at least one interval');
    if (plannedProbes > MAX_PLANNED_PROBES)
        throw new RangeError(`the window holds more than ${MAX_PLANNED_PROBES} probes`);
    const latencyFalseAlarmRate = config.falseAlarmRate * LATENCY_ALPHA_SHARE;
    const errorTest = designErrorRateTest({
        baselineRate: config.baselineErrorRate,
        maxRate: config.maxErrorRate,
        falseAlarmRate: config.falseAlarmRate - latencyFalseAlarmRate,
        missRate: config.missRate,
        plannedProbes,
    });
    const latency = new probe_latency/* LatencyJudge */.mo({
        maxLatencyMs: config.maxLatencyMs,
        baseline: config.baseline,
        maxDegradation: config.maxDegradation,
        falseAlarmRate: latencyFalseAlarmRate,
        plannedSamples: plannedProbes,
    });
    const half = Math.ceil(plannedProbes / 2);
    const decidingObservations = Math.min(errorTest.probesNeeded ?? half, half);
    const warnings = [];
    const pct = (rate) => `${+(rate * 100).toFixed(2)}%`;
    if (!errorTest.falseAlarmMet) {
        warnings.push(`detect: false-alarm-rate ${pct(config.falseAlarmRate)} cannot be met over ${plannedProbes} probes at baseline-error-rate ${pct(config.baselineErrorRate)} while calling a hard outage within 3 probes: the chance of a false alarm in this window is ${pct(errorTest.falseAlarmProbability)}. Use a shorter window, a longer interval, or a lower baseline-error-rate`);
    }
    if (errorTest.probesNeeded === undefined || errorTest.probesNeeded > plannedProbes) {
        const needed = errorTest.probesNeeded ?? `more than ${errorTest.searchedUpTo}`;
        warnings.push(`detect: the window holds ${plannedProbes} probes; a service failing at max-error-rate ${pct(config.maxErrorRate)} is caught in it with probability ${pct(errorTest.powerInWindow)}, and 1 - miss-rate (${pct(1 - config.missRate)}) needs ${needed} probes. Lengthen the window or shorten the interval for that`);
    }
    if (latency.plannedLooks === 0) {
        warnings.push(`detect: latency is not judged: the window holds ${plannedProbes} probes and the latency tests need at least 20`);
    }
    return {
        plannedProbes,
        errorTest,
        latencyFalseAlarmRate,
        latencyLooks: latency.plannedLooks,
        decidingObservations,
        warnings,
    };
}
/** The probe target for probe number k (URLs in turn). */
function probeTarget(settings, k) {
    return {
        url: settings.urls[k % settings.urls.length],
        headers: settings.headers,
        expectStatus: settings.expectStatus,
        expectBody: settings.expectBody,
        timeoutMs: settings.requestTimeoutMs,
        healthBody: true,
    };
}
function probeRecord(result, probe) {
    const { body: _body, contentType: _contentType, ...rest } = result;
    return { probe, ...rest };
}
/** A probe result in one log line. */
function probeLine(record, of) {
    const head = `probe ${record.probe}${of ? `/${of}` : ''} ${record.url}`;
    const latency = record.latencyMs === undefined ? '' : ` in ${Math.round(record.latencyMs)} ms`;
    const status = record.status === undefined ? '' : ` HTTP ${record.status}`;
    return `${head}: ${record.outcome}${record.outcome === 'pass' ? status : ` (${record.detail})`}${latency}`;
}
/** The plan and its warnings in the log, before the first probe. */
function announce(plan, config, log) {
    const design = plan.errorTest;
    for (const warning of plan.warnings)
        log.warning(warning);
    log.info(`detect: up to ${plan.plannedProbes} probes every ${(0,parse/* formatDuration */.a3)(config.intervalMs)} over ${(0,parse/* formatDuration */.a3)(config.windowMs)}; ` +
        `alarm when failures outweigh a ${pct(config.baselineErrorRate)} baseline (false-alarm probability ${pct(design.falseAlarmProbability)} over the window, ` +
        `a hard outage within ${design.failuresToAlarm} probes, ${pct(config.maxErrorRate)} caught with probability ${pct(design.powerInWindow)})`);
}
/** One watch: the two tests and what the probes showed so far. */
class Watch {
    config;
    plan;
    monitor;
    latency;
    probes = [];
    failingServices = [];
    alarm;
    reason = '';
    inconclusive;
    errorsInARow = 0;
    componentFailuresOnly = true;
    constructor(config, plan) {
        this.config = config;
        this.plan = plan;
        this.monitor = new ErrorRateMonitor(plan.errorTest);
        this.latency = new probe_latency/* LatencyJudge */.mo({
            maxLatencyMs: config.maxLatencyMs,
            baseline: config.baseline,
            maxDegradation: config.maxDegradation,
            falseAlarmRate: plan.latencyFalseAlarmRate,
            plannedSamples: plan.plannedProbes,
        });
    }
    /** Takes probe number `probe`'s result; says whether the watch ends with it. */
    take(result, probe) {
        if (result.outcome === 'error') {
            this.errorsInARow++;
            if (this.errorsInARow <= MAX_ERRORS_IN_A_ROW)
                return 'go-on';
            this.inconclusive = 'errors-in-a-row';
            return 'stop';
        }
        this.errorsInARow = 0;
        const failed = result.outcome === 'failure';
        if (failed)
            this.noteFailure(result);
        if (this.monitor.observe(failed))
            this.raiseErrorRateAlarm(probe);
        else if (result.latencyMs !== undefined) {
            const slow = this.latency.add(result.latencyMs);
            if (slow) {
                this.reason = 'latency';
                this.alarm = { probe, rule: 'latency', detail: slow.detail };
            }
        }
        return this.alarm ? 'stop' : 'go-on';
    }
    noteFailure(result) {
        const components = result.failingComponents ?? [];
        // Only a probe whose status was fine and whose body named failing components is a component
        // failure; a 500 that also lists components is the app failing (error-rate, critical-bug).
        const statusFine = result.status !== undefined && this.config.expectStatus.includes(result.status);
        if (components.length === 0 || !statusFine)
            this.componentFailuresOnly = false;
        for (const name of components)
            if (!this.failingServices.includes(name))
                this.failingServices.push(name);
    }
    raiseErrorRateAlarm(probe) {
        const design = this.plan.errorTest;
        const monitor = this.monitor;
        this.reason = this.componentFailuresOnly ? 'unhealthy-components' : 'error-rate';
        const byRun = design.consecutiveFailureRule && monitor.statistic < design.threshold;
        this.alarm = {
            probe,
            rule: byRun ? 'consecutive-failures' : 'cusum',
            detail: byRun
                ? `${monitor.run} failures in a row`
                : `the failure statistic reached ${monitor.statisticNats.toFixed(2)}, its threshold is ${thresholdNats(design).toFixed(2)}`,
        };
    }
}
/**
 * The probes of the window, on schedule (probe k at start + k x interval) until it ends or the watch
 * stops. Returns when the alarm was raised, if it was.
 */
async function watchWindow(watch, start, config, deps, log) {
    const planned = watch.plan.plannedProbes;
    for (let k = 0; k < planned; k++) {
        const due = start + k * config.intervalMs;
        const now = deps.clock.now();
        // Probes that overran their interval (slow timeouts) leave fewer slots; the window still ends on time.
        if (now >= start + config.windowMs)
            break;
        if (due > now)
            await deps.sleep(due - now);
        const result = await (0,probe/* runProbe */.m)(probeTarget(config, k), deps);
        const record = probeRecord(result, k + 1);
        watch.probes.push(record);
        log.info(probeLine(record, planned));
        if (watch.take(result, k + 1) === 'stop') {
            return watch.alarm ? new Date(deps.clock.now()).toISOString() : undefined;
        }
    }
    return undefined;
}
async function runDetect(config, deps, log) {
    const plan = planDetect(config);
    announce(plan, config, log);
    if (config.graceMs > 0) {
        log.info(`detect: waiting ${(0,parse/* formatDuration */.a3)(config.graceMs)} of grace before the first probe`);
        await deps.sleep(config.graceMs);
    }
    const start = deps.clock.now();
    const watch = new Watch(config, plan);
    const detectedAt = await watchWindow(watch, start, config, deps, log);
    const { probes, monitor, alarm, reason } = watch;
    const errors = probes.filter((p) => p.outcome === 'error').length;
    const observations = probes.length - errors;
    const tooFew = !alarm && !watch.inconclusive && observations < plan.decidingObservations;
    const inconclusive = tooFew ? 'too-few-observations' : watch.inconclusive;
    const verdict = alarm ? 'unhealthy' : inconclusive ? 'inconclusive' : 'healthy';
    const latencies = probes.map((p) => p.latencyMs).filter((v) => v !== undefined);
    const result = {
        verdict,
        reason,
        issueType: issueTypeFor(verdict, reason),
        explanation: '',
        startedAt: new Date(start).toISOString(),
        detectedAt,
        finishedAt: new Date(deps.clock.now()).toISOString(),
        samples: probes.length,
        observations,
        failures: monitor.failures,
        errors,
        errorRate: observations ? monitor.failures / observations : 0,
        p50Ms: roundMs((0,probe_latency/* percentile */.Ym)(latencies, 0.5)),
        p95Ms: roundMs((0,probe_latency/* percentile */.Ym)(latencies, 0.95)),
        failingServices: watch.failingServices,
        alarm,
        inconclusive,
        statisticNats: monitor.statisticNats,
        thresholdNats: thresholdNats(plan.errorTest),
        latencyLooks: watch.latency.looks,
        plan,
        config: {
            intervalMs: config.intervalMs,
            windowMs: config.windowMs,
            graceMs: config.graceMs,
            urls: config.urls.map(String),
        },
        probes,
    };
    result.explanation = explain(result, config);
    (verdict === 'unhealthy' ? log.warning : log.info)(`detect: ${verdict}: ${result.explanation}`);
    return result;
}
/** The threshold in nats (Infinity when only the consecutive-failure rule alarms). */
function thresholdNats(design) {
    return (design.threshold / design.failureStep) * design.failureWeight;
}
function issueTypeFor(verdict, reason) {
    if (verdict !== 'unhealthy')
        return 'none';
    if (reason === 'latency')
        return 'performance-degradation';
    if (reason === 'unhealthy-components')
        return 'external-api-incompatibility';
    return 'critical-bug';
}
function explain(result, config) {
    const { failures, observations, errors, plan } = result;
    const failed = `${failures} of ${observations} probe${observations === 1 ? '' : 's'} failed`;
    const lastProblem = [...result.probes].reverse().find((p) => p.outcome !== 'pass')?.detail;
    if (result.verdict === 'unhealthy' && result.alarm) {
        if (result.reason === 'latency')
            return `the service is slow: ${result.alarm.detail} (probe ${result.alarm.probe})`;
        const what = result.reason === 'unhealthy-components'
            ? `components report unhealthy: ${result.failingServices.join(', ')}`
            : `${failed}${lastProblem ? `, last: ${lastProblem}` : ''}`;
        return `${what}. That is more than a service failing at ${pct(config.baselineErrorRate)} produces (${result.alarm.detail}, at probe ${result.alarm.probe})`;
    }
    if (result.inconclusive === 'errors-in-a-row') {
        return `${MAX_ERRORS_IN_A_ROW + 1} probes in a row said nothing about the service (last: ${lastProblem}); no verdict`;
    }
    if (result.inconclusive === 'too-few-observations') {
        return `only ${observations} of ${result.samples} probes were observations (${errors} errors, last: ${lastProblem}); the test needs ${plan.decidingObservations} to decide`;
    }
    return `no alarm in ${result.samples} probes over ${(0,parse/* formatDuration */.a3)(config.windowMs)}: ${failed}${errors ? ` (${errors} errors not counted)` : ''}, within what a service failing at ${pct(config.baselineErrorRate)} produces`;
}
function pct(rate) {
    return `${+(rate * 100).toFixed(2)}%`;
}
function roundMs(value) {
    return value === undefined ? undefined : Math.round(value);
}
/** The action outputs (README, detect), without `report`. */
function detectOutputs(result) {
    return {
        verdict: result.verdict,
        reason: result.reason,
        'issue-type': result.issueType,
        'error-rate': +result.errorRate.toFixed(4),
        samples: result.samples,
        failures: result.failures,
        errors: result.errors,
        'p50-ms': result.p50Ms ?? '',
        'p95-ms': result.p95Ms ?? '',
        'failing-services': result.failingServices.join(','),
        'started-at': result.startedAt,
        'detected-at': result.detectedAt ?? '',
    };
}


/***/ }),

/***/ 8844:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MA: () => (/* binding */ formatP),
/* harmony export */   Ym: () => (/* binding */ percentile),
/* harmony export */   ge: () => (/* binding */ MIN_LATENCY_SAMPLES),
/* harmony export */   mo: () => (/* binding */ LatencyJudge)
/* harmony export */ });
/* unused harmony exports MAX_LATENCY_QUANTILE, binomialUpperTail, mannWhitneyGreater, mannWhitneyNormalTail, mannWhitneyExactTail, normalUpperTail */
/**
 * Latency statistics: percentiles for reports, and the tests `detect` uses to call a service slow.
 *
 * A single slow probe must never trigger a rollback, so latency is judged by tests that need a
 * minimum number of samples (MIN_LATENCY_SAMPLES) and control their false-alarm probability:
 * - `max-latency` (what "p95 <= max-latency" means, the same reading `verify` uses): an exact
 *   one-sided binomial test of H0 "at most 5% of probes are slower than max-latency" on the count of
 *   slower probes. One slow probe in twenty is what H0 allows; it takes about six in twenty.
 * - `baseline` given in milliseconds (one number: the healthy median): an exact sign test of H0 "the
 *   median is at most baseline x (1 + max-degradation)". A sign test is the Mann-Whitney test
 *   against a one-value sample, so the two baseline forms read the same way.
 * - `baseline` given as an earlier report (its probe latencies): a one-sided Mann-Whitney U test of
 *   H0 "today's latencies are not stochastically larger than the baseline's x (1 + max-degradation)".
 *   Why Mann-Whitney: latency distributions are skewed and heavy-tailed, so a t-test's normality is
 *   a poor bet, and a rank test needs no assumption about the shape; scaling the baseline by the
 *   allowed degradation turns "more than 50% slower" into a plain stochastic-ordering question.
 *   Ties count against the alarm (a current latency equal to a scaled baseline one adds nothing to
 *   U), which makes the test conservative on the millisecond grid. The p-value is exact (the null
 *   distribution of U by dynamic programming) up to EXACT_LIMIT pairs, and otherwise the normal
 *   approximation with continuity correction, accurate at those sample sizes.
 * The tests look at the data every MIN_LATENCY_SAMPLES samples; each look gets an equal share of
 * the latency false-alarm budget (Bonferroni), so repeated looks cannot add up to more than it.
 */
/** Samples a latency test needs, per side, before it may call the service slow. */
const MIN_LATENCY_SAMPLES = 20;
/** The quantile `max-latency` bounds. */
const MAX_LATENCY_QUANTILE = 0.95;
/** Above this many (current x baseline) pairs, the Mann-Whitney p-value uses the normal approximation. */
const EXACT_LIMIT = 9_000;
/** Nearest-rank percentile (q in 0..1) of the values; undefined for no values. */
function percentile(values, q) {
    if (values.length === 0)
        return undefined;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
    return sorted[rank - 1];
}
/** P(X >= k) for X ~ Binomial(n, p), exactly (summed in a numerically safe order). */
function binomialUpperTail(n, k, p) {
    if (k <= 0)
        return 1;
    if (k > n)
        return 0;
    if (p <= 0)
        return 0;
    if (p >= 1)
        return 1;
    // log pmf(k) = log C(n, k) + k log p + (n - k) log(1 - p), then the ratio recurrence upwards.
    let logC = 0;
    for (let i = 1; i <= k; i++)
        logC += Math.log(n - k + i) - Math.log(i);
    let pmf = Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p));
    let tail = 0;
    for (let i = k; i <= n; i++) {
        tail += pmf;
        pmf *= ((n - i) / (i + 1)) * (p / (1 - p));
        if (pmf < tail * 1e-17)
            break;
    }
    return Math.min(1, tail);
}
/** One-sided Mann-Whitney: is `x` stochastically larger than `y`? */
function mannWhitneyGreater(x, y) {
    const m = x.length;
    const n = y.length;
    const sortedY = [...y].sort((a, b) => a - b);
    let u = 0;
    for (const value of x)
        u += countBelow(sortedY, value);
    if (m * n <= EXACT_LIMIT)
        return { u, pValue: mannWhitneyExactTail(m, n, u), method: 'exact' };
    return { u, pValue: mannWhitneyNormalTail(m, n, u), method: 'normal' };
}
/** P(U >= u) under H0 by the normal approximation with continuity correction. */
function mannWhitneyNormalTail(m, n, u) {
    const mean = (m * n) / 2;
    const sd = Math.sqrt((m * n * (m + n + 1)) / 12);
    return normalUpperTail((u - 0.5 - mean) / sd);
}
/** How many sorted values are strictly below `value`. */
function countBelow(sorted, value) {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
        const middle = (low + high) >> 1;
        if (sorted[middle] < value)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}
/**
 * P(U >= u) under H0 for sample sizes m and n, exactly. The distribution of U for i x's and j y's
 * follows from where the largest value comes from: an x (it beats all j y's) with probability
 * i/(i+j), or a y (it adds nothing) with probability j/(i+j). All terms are positive, so the
 * double-precision sums stay accurate.
 */
function mannWhitneyExactTail(m, n, u) {
    // previous[j] is the distribution for (i - 1) x's and j y's; row[j] the one for i x's.
    let previous = Array.from({ length: n + 1 }, () => Float64Array.of(1));
    for (let i = 1; i <= m; i++) {
        const row = [Float64Array.of(1)];
        for (let j = 1; j <= n; j++) {
            const dist = new Float64Array(i * j + 1);
            const fromX = previous[j]; // (i - 1, j): the largest is an x, adding j
            const fromY = row[j - 1]; // (i, j - 1): the largest is a y, adding 0
            const px = i / (i + j);
            const py = j / (i + j);
            for (let v = 0; v < fromX.length; v++)
                dist[v + j] = fromX[v] * px;
            for (let v = 0; v < fromY.length; v++)
                dist[v] = dist[v] + fromY[v] * py;
            row.push(dist);
        }
        previous = row;
    }
    const dist = previous[n];
    let tail = 0;
    for (let v = Math.max(0, Math.ceil(u)); v < dist.length; v++)
        tail += dist[v];
    return Math.min(1, tail);
}
/** P(Z >= z) for a standard normal Z. */
function normalUpperTail(z) {
    return 0.5 * erfc(z / Math.SQRT2);
}
function erfc(x) {
    // The Chebyshev fit of Numerical Recipes' erfcc: fractional error below 1.2e-7 everywhere.
    const z = Math.abs(x);
    const t = 1 / (1 + 0.5 * z);
    const r = t *
        Math.exp(-z * z -
            1.26551223 +
            t *
                (1.00002368 +
                    t *
                        (0.37409196 +
                            t *
                                (0.09678418 +
                                    t *
                                        (-0.18628806 +
                                            t *
                                                (0.27886807 +
                                                    t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
}
/** Looks at the latencies as they come and says when the service is slow beyond doubt. */
class LatencyJudge {
    spec;
    samples = [];
    looks = [];
    /** Number of looks over the window; 0 when the window cannot hold MIN_LATENCY_SAMPLES. */
    plannedLooks;
    /** The level of each test at each look. */
    level;
    baselineLimit;
    constructor(spec) {
        this.spec = spec;
        this.plannedLooks = Math.floor(spec.plannedSamples / MIN_LATENCY_SAMPLES);
        const tests = spec.baseline ? 2 : 1;
        this.level = this.plannedLooks > 0 ? spec.falseAlarmRate / (this.plannedLooks * tests) : 0;
        if (spec.baseline?.kind === 'value')
            this.baselineLimit = spec.baseline.ms * (1 + spec.maxDegradation);
        if (spec.baseline?.kind === 'samples') {
            const median = percentile(spec.baseline.samples, 0.5);
            this.baselineLimit = median * (1 + spec.maxDegradation);
        }
    }
    /** Adds one latency; at a look, returns the first test that finds the service slow. */
    add(latencyMs) {
        this.samples.push(latencyMs);
        const n = this.samples.length;
        if (n % MIN_LATENCY_SAMPLES !== 0 || n / MIN_LATENCY_SAMPLES > this.plannedLooks)
            return undefined;
        const results = [this.maxLatencyTest()];
        if (this.spec.baseline)
            results.push(this.baselineTest(this.spec.baseline));
        this.looks.push(...results);
        return results.find((result) => result.degraded);
    }
    maxLatencyTest() {
        const limit = this.spec.maxLatencyMs;
        const n = this.samples.length;
        const slower = this.samples.filter((x) => x > limit).length;
        const pValue = binomialUpperTail(n, slower, 1 - MAX_LATENCY_QUANTILE);
        const degraded = pValue <= this.level;
        return {
            test: 'max-latency',
            method: 'binomial',
            samples: n,
            limitMs: limit,
            statistic: slower,
            pValue,
            level: this.level,
            degraded,
            detail: `${slower} of ${n} probes slower than ${limit} ms (p95 above max-latency ${degraded ? 'beyond doubt' : 'not shown'}: p = ${formatP(pValue)})`,
        };
    }
    baselineTest(baseline) {
        const n = this.samples.length;
        const limit = Math.round(this.baselineLimit);
        const allowed = `${Math.round(this.spec.maxDegradation * 100)}%`;
        if (baseline.kind === 'value') {
            const slower = this.samples.filter((x) => x > this.baselineLimit).length;
            const pValue = binomialUpperTail(n, slower, 0.5);
            const degraded = pValue <= this.level;
            return {
                test: 'baseline',
                method: 'sign',
                samples: n,
                limitMs: limit,
                statistic: slower,
                pValue,
                level: this.level,
                degraded,
                detail: `${slower} of ${n} probes slower than the baseline ${baseline.ms} ms + ${allowed} = ${limit} ms (p = ${formatP(pValue)})`,
            };
        }
        const scaled = baseline.samples.map((y) => y * (1 + this.spec.maxDegradation));
        const result = mannWhitneyGreater(this.samples, scaled);
        const degraded = result.pValue <= this.level;
        return {
            test: 'baseline',
            method: result.method === 'exact' ? 'mann-whitney exact' : 'mann-whitney normal',
            samples: n,
            limitMs: limit,
            statistic: result.u,
            pValue: result.pValue,
            level: this.level,
            degraded,
            detail: `latencies ${degraded ? 'are' : 'not shown to be'} more than ${allowed} slower than the ${baseline.samples.length} baseline samples (Mann-Whitney U = ${result.u} of ${n * baseline.samples.length}, p = ${formatP(result.pValue)})`,
        };
    }
}
function formatP(p) {
    if (p === 0)
        return '0';
    return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}


/***/ }),

/***/ 2555:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  m: () => (/* binding */ runProbe)
});

// UNUSED EXPORTS: MAX_PROBE_BODY_BYTES

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/guarded-fetch.ts
var guarded_fetch = __webpack_require__(342);
// EXTERNAL MODULE: ./src/core/http.ts
var http = __webpack_require__(1983);
;// CONCATENATED MODULE: ./src/probe/health-body.ts
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
const COMPONENT_KEYS = ['services', 'checks', 'components'];
/**
 * Reads a response body as a JSON health body. Returns undefined when it is not one (not JSON, not
 * an object, or neither a `status` nor a component map): such a body says nothing about health.
 */
function readHealthBody(text, contentType) {
    const trimmed = text.trim();
    const looksJson = /\bjson\b/i.test(contentType ?? '') || trimmed.startsWith('{');
    if (!looksJson || !trimmed.startsWith('{'))
        return undefined;
    let body;
    try {
        body = JSON.parse(trimmed);
    }
    catch {
        return undefined;
    }
    if (!isRecord(body))
        return undefined;
    const hasStatus = 'status' in body;
    const componentMaps = COMPONENT_KEYS.filter((key) => isRecord(body[key]) || Array.isArray(body[key]));
    if (!hasStatus && componentMaps.length === 0)
        return undefined;
    const failing = [];
    for (const key of componentMaps) {
        const map = body[key];
        const entries = Array.isArray(map)
            ? map.map((item, index) => [componentName(item, index), item])
            : Object.entries(map);
        for (const [rawName, value] of entries) {
            const name = safeName(rawName);
            if (healthOf(value) === false && !failing.includes(name))
                failing.push(name);
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
function healthOf(value) {
    if (typeof value === 'string')
        return HEALTHY_WORDS.has(value.trim().toLowerCase());
    if (typeof value === 'boolean')
        return value;
    if (typeof value === 'number')
        return value >= 200 && value < 400;
    if (Array.isArray(value)) {
        const verdicts = value.map(healthOf).filter((v) => v !== undefined);
        return verdicts.length === 0 ? undefined : verdicts.every(Boolean);
    }
    if (isRecord(value))
        return 'status' in value ? healthOf(value.status) : undefined;
    return undefined;
}
function componentName(item, index) {
    if (isRecord(item)) {
        for (const key of ['name', 'id', 'componentId', 'component']) {
            const value = item[key];
            if (typeof value === 'string' && value.trim() !== '')
                return value.trim();
        }
    }
    return `#${index + 1}`;
}
/**
 * A name from the service's body, made safe to log: no control characters (a line break could
 * start a workflow command in the runner's log), no commas (failing-services is comma-separated),
 * and not too long.
 */
function safeName(name) {
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    const clean = name.replace(/[\u0000-\u001f\u007f,]+/g, ' ').trim() || '?';
    return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}
function shortText(value) {
    return safeName(typeof value === 'string' ? value : String(JSON.stringify(value))).slice(0, 60);
}
function isRecord(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/probe/probe.ts




/**
 * A health body is a few hundred bytes; this is room for a whole web page at a URL that is not a
 * health endpoint. A longer answer (or an endless one) stops being read here: the probe is an error.
 */
const MAX_PROBE_BODY_BYTES = 1024 * 1024;
/** DNS failures: the runner's problem, not the service's. */
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const NETWORK_FAILURES = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    UND_ERR_SOCKET: 'connection closed before the answer was complete',
    EPIPE: 'connection closed while sending',
    UND_ERR_CONNECT_TIMEOUT: 'connection attempt timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
};
async function runProbe(target, deps) {
    const started = deps.clock.now();
    const base = { url: target.url.toString(), at: new Date(started).toISOString() };
    const signal = AbortSignal.timeout(target.timeoutMs);
    let response;
    let text;
    let redirectedTo;
    try {
        const init = { method: target.method ?? 'GET', headers: target.headers, body: target.body, signal };
        const answer = await (0,guarded_fetch/* fetchWithRedirects */.Af)(deps.fetch, target.url, init, 'drop-headers');
        response = answer.response;
        if (answer.redirects > 0)
            redirectedTo = answer.url;
        text = await (0,guarded_fetch/* readBodyWithLimit */.Q9)(response, target.maxBodyBytes ?? MAX_PROBE_BODY_BYTES);
    }
    catch (thrown) {
        return { ...base, ...classifyThrown(thrown, target, signal.aborted) };
    }
    const latencyMs = Math.max(0, deps.clock.now() - started);
    const answered = {
        ...base,
        status: response.status,
        latencyMs,
        body: text,
        contentType: response.headers.get('content-type'),
        ...(redirectedTo ? { redirectedTo: redirectedTo.toString() } : {}),
    };
    if (response.status === 429) {
        const retryAfter = response.headers.get('retry-after');
        return {
            ...answered,
            outcome: 'error',
            detail: `rate limited (HTTP 429${retryAfter ? `, Retry-After ${retryAfter.slice(0, 40)}` : ''})`,
        };
    }
    if (!target.expectStatus.includes(response.status)) {
        const health = target.healthBody ? readHealthBody(text, answered.contentType) : undefined;
        return {
            ...answered,
            outcome: 'failure',
            detail: `HTTP ${response.status}, expected ${target.expectStatus.toString()}`,
            ...(health?.failing.length ? { failingComponents: health.failing } : {}),
        };
    }
    if (target.expectBody !== undefined && !text.includes(target.expectBody)) {
        return {
            ...answered,
            outcome: 'failure',
            detail: `HTTP ${response.status} but the body lacks the expected text`,
        };
    }
    if (target.healthBody) {
        const health = readHealthBody(text, answered.contentType);
        if (health && (health.failing.length > 0 || health.overallUnhealthy)) {
            const detail = health.failing.length
                ? `not healthy: ${health.failing.join(', ')}`
                : `status '${health.overallStatus}' is not healthy`;
            return {
                ...answered,
                outcome: 'failure',
                detail: `HTTP ${response.status} but the body reports ${detail}`,
                ...(health.failing.length ? { failingComponents: health.failing } : {}),
            };
        }
    }
    return { ...answered, outcome: 'pass' };
}
function classifyThrown(thrown, target, timedOut) {
    if (thrown instanceof guarded_fetch/* BodyTooLargeError */.Au) {
        // Says nothing about health (a page, not a health endpoint; or a stream): an error, not a failure.
        return {
            outcome: 'error',
            detail: `${thrown.message}, more than a health check needs: point the URL at a health endpoint`,
        };
    }
    if (thrown instanceof guarded_fetch/* RedirectRefusedError */.jw)
        return { outcome: 'failure', detail: thrown.message };
    const code = (0,http/* networkErrorCode */.a0)(thrown);
    if (timedOut || code === 'TimeoutError') {
        return {
            outcome: 'failure',
            detail: `no answer within ${target.timeoutMs} ms`,
            latencyMs: target.timeoutMs,
        };
    }
    if (DNS_CODES.has(code)) {
        return {
            outcome: 'error',
            detail: `cannot resolve ${target.url.hostname} (${code}): a problem of the runner's DNS, not of the service`,
        };
    }
    const known = NETWORK_FAILURES[code];
    if (known)
        return { outcome: 'failure', detail: known };
    // Anything else the network throws (TLS errors, malformed answers) is the service answering badly.
    const cause = thrown?.cause;
    const text = (0,errors/* describeThrown */.YI)(cause ?? thrown);
    return { outcome: 'failure', detail: `request failed (${code === 'UNKNOWN' ? text : `${code}: ${text}`})` };
}


/***/ }),

/***/ 6171:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GX: () => (/* binding */ parseSmokeTests),
/* harmony export */   K: () => (/* binding */ SMOKE_TESTS_ACCEPTED),
/* harmony export */   pb: () => (/* binding */ runSmokeTest)
/* harmony export */ });
/* unused harmony exports RESERVED_CHECK_NAMES, parseSmokeTestText, valueAtPath */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8532);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9691);
/* harmony import */ var _core_files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9928);
/* harmony import */ var _core_urls_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1221);
/* harmony import */ var _core_parse_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1896);
/* harmony import */ var _probe_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2555);
/**
 * Smoke tests for `verify`: a list, in a YAML or JSON file or inline YAML, of requests with what
 * their answers must show:
 *
 *   - name: login page            # required, unique, no commas (it is named in failed-checks)
 *     method: GET                 # default GET
 *     path: /login                # resolved against the first URL's origin; or `url:` (absolute)
 *     headers: { X-Probe: smoke } # merged over the action's `headers`; values are secrets
 *     body: { user: probe }       # text as is, anything else as JSON
 *     expect-status: 200          # a code, '200,204,300-399', or a list; default: expect-status
 *     expect-body: Sign in        # a substring the body must contain
 *     expect-json: { data.items.0.id: 7 }   # values at dot paths (array indexes are numbers)
 *     max-latency: 2s             # a duration (a bare number is seconds, as everywhere)
 *
 * Everything wrong with the list is a ParseError naming the test and the field, which the input
 * reader reports as a configuration error naming `smoke-tests`, before any request.
 */







const SMOKE_TESTS_ACCEPTED = 'the path of a YAML or JSON file, or inline YAML: a list of {name, method, path or url, headers, body, expect-status, expect-body, expect-json, max-latency}';
/** A list of smoke tests is a few kilobytes; a file far larger is not one. */
const MAX_SMOKE_TEST_FILE_BYTES = 1024 * 1024;
/** Check names verify uses itself; a smoke test may not take them. */
const RESERVED_CHECK_NAMES = ['service-up', 'error-rate', 'latency'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const FIELDS = [
    'name',
    'method',
    'path',
    'url',
    'headers',
    'body',
    'expect-status',
    'expect-body',
    'expect-json',
    'max-latency',
];
/** Text → value inside a zod schema, with the parser's message as the issue. */
function via(parse) {
    return (value, ctx) => {
        try {
            return parse(String(value));
        }
        catch (error) {
            ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
            return zod__WEBPACK_IMPORTED_MODULE_6__/* .NEVER */ .tm;
        }
    };
}
const scalar = zod__WEBPACK_IMPORTED_MODULE_7__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_7__/* .boolean */ .zMY()]);
const smokeTestSchema = zod__WEBPACK_IMPORTED_MODULE_7__/* .strictObject */ .rej({
    name: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP({ error: 'must be text' })
        .trim()
        .min(1, { error: 'must not be empty' })
        .refine((name) => !name.includes(','), {
        error: 'must not contain a comma (failed-checks lists names with commas)',
    })
        .refine((name) => !RESERVED_CHECK_NAMES.includes(name), {
        error: `must not be one of ${RESERVED_CHECK_NAMES.join(', ')} (verify's own checks)`,
    }),
    method: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP({ error: `must be one of ${METHODS.join(', ')}` })
        .transform((m) => m.trim().toUpperCase())
        .pipe(zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(METHODS, { error: `must be one of ${METHODS.join(', ')}` }))
        .default('GET'),
    path: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP({ error: "must be text such as '/api/status'" }).min(1).optional(),
    url: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP({ error: 'must be an http(s) URL' }).transform(via(_core_urls_js__WEBPACK_IMPORTED_MODULE_3__/* .parseHttpUrl */ .f$)).optional(),
    headers: zod__WEBPACK_IMPORTED_MODULE_7__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), scalar, {
        error: "must be a mapping of header names to values, such as {X-Probe: 'smoke'}",
    })
        .transform((headers) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])))
        .superRefine((headers, ctx) => {
        for (const [name, value] of Object.entries(headers)) {
            const problem = (0,_core_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .headerProblem */ .b2)(name, value);
            if (problem)
                ctx.addIssue({ code: 'custom', message: problem });
        }
    })
        .default({}),
    body: zod__WEBPACK_IMPORTED_MODULE_7__/* .unknown */ .L5J().optional(),
    'expect-status': zod__WEBPACK_IMPORTED_MODULE_7__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig())], { error: `must be ${_core_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .STATUS_LIST_ACCEPTED */ .yu}` })
        .transform((value) => (Array.isArray(value) ? value.join(',') : String(value)))
        .transform(via(_core_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .parseStatusList */ .AQ))
        .optional(),
    'expect-body': zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP({ error: 'must be text' }).optional(),
    'expect-json': zod__WEBPACK_IMPORTED_MODULE_7__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_7__/* .unknown */ .L5J(), {
        error: "must be a mapping of dot paths to expected values, such as {'data.items.0.id': 7}",
    })
        .optional(),
    'max-latency': zod__WEBPACK_IMPORTED_MODULE_7__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig()], { error: `must be ${_core_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .DURATION_ACCEPTED */ .Vj}` })
        .transform(via(_core_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .parseDuration */ .E9))
        .optional(),
})
    .refine((test) => (test.path === undefined) !== (test.url === undefined), {
    error: "needs either 'path' or 'url' (one of the two)",
});
/** Reads the `smoke-tests` input: a file that exists, or inline YAML. */
function parseSmokeTests(text) {
    const trimmed = text.trim();
    const inline = /\n/.test(trimmed) || /^[-[{]/.test(trimmed);
    if (!inline) {
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(trimmed)) {
            throw new _core_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .ParseError */ .mB(`'${trimmed}' is not a file that exists, nor an inline YAML list; expected ${SMOKE_TESTS_ACCEPTED}`);
        }
        const text = (0,_core_files_js__WEBPACK_IMPORTED_MODULE_2__/* .readInputFile */ .jH)(trimmed, {
            expected: SMOKE_TESTS_ACCEPTED,
            maxBytes: MAX_SMOKE_TEST_FILE_BYTES,
        });
        return parseSmokeTestText(text, `file '${trimmed}'`);
    }
    return parseSmokeTestText(trimmed, 'inline list');
}
function parseSmokeTestText(text, where) {
    let document;
    try {
        document = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(text);
    }
    catch (error) {
        const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new _core_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .ParseError */ .mB(`${where} is not valid YAML or JSON: ${detail}`);
    }
    if (!Array.isArray(document) || document.length === 0) {
        throw new _core_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .ParseError */ .mB(`${where} must be a non-empty list of smoke tests; expected ${SMOKE_TESTS_ACCEPTED}`);
    }
    const problems = [];
    const tests = [];
    document.forEach((item, index) => {
        const label = `smoke test ${index + 1}${isNamed(item) ? ` ('${item.name}')` : ''}`;
        const parsed = smokeTestSchema.safeParse(item);
        if (!parsed.success) {
            for (const issue of parsed.error.issues)
                problems.push(`${label}: ${describeIssue(issue)}`);
            return;
        }
        const test = parsed.data;
        if (tests.some((t) => t.name === test.name))
            problems.push(`${label}: field 'name' repeats an earlier test's name`);
        tests.push({
            name: test.name,
            method: test.method,
            path: test.path,
            url: test.url,
            ...encodeBody(test.body, test.headers),
            expectStatus: test['expect-status'],
            expectBody: test['expect-body'],
            expectJson: test['expect-json'],
            maxLatencyMs: test['max-latency'],
        });
    });
    if (problems.length > 0)
        throw new _core_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .ParseError */ .mB(`${where}: ${problems.join('; ')}`);
    return tests;
}
function isNamed(item) {
    return typeof item?.name === 'string';
}
function describeIssue(issue) {
    if (issue.code === 'unrecognized_keys') {
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}; expected ${FIELDS.join(', ')}`;
    }
    if (issue.code === 'invalid_type' && issue.path.length === 0)
        return `must be a mapping with ${FIELDS.join(', ')}`;
    const field = issue.path.length ? `field '${issue.path.map(String).join('.')}' ` : '';
    return `${field}${issue.message}`;
}
/** A body as text: strings as they are, anything else as JSON (with a JSON content type unless given). */
function encodeBody(body, headers) {
    if (body === undefined || body === null)
        return { headers };
    if (typeof body === 'string')
        return { body, headers };
    const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
    return {
        body: JSON.stringify(body),
        headers: hasType ? headers : { ...headers, 'content-type': 'application/json' },
    };
}
/** The value at a dot path ('data.items.0.id'); `found: false` when the path does not exist. */
function valueAtPath(document, path) {
    let current = document;
    for (const key of path.split('.')) {
        if (Array.isArray(current) && /^\d+$/.test(key) && Number(key) < current.length)
            current = current[Number(key)];
        else if (current !== null &&
            typeof current === 'object' &&
            !Array.isArray(current) &&
            Object.hasOwn(current, key))
            current = current[key];
        else
            return { found: false };
    }
    return { found: true, value: current };
}
function sameJson(a, b) {
    if (a === b)
        return true;
    if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object')
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    return (keysA.length === keysB.length &&
        keysA.every((key) => sameJson(a[key], b[key])));
}
async function runSmokeTest(test, settings, deps) {
    const url = test.url ?? new URL(test.path?.startsWith('/') ? test.path : `/${test.path ?? ''}`, settings.origin);
    const result = await (0,_probe_js__WEBPACK_IMPORTED_MODULE_5__/* .runProbe */ .m)({
        url,
        method: test.method,
        headers: mergeHeaders(settings.headers, test.headers),
        body: test.body,
        expectStatus: test.expectStatus ?? settings.expectStatus,
        expectBody: test.expectBody,
        timeoutMs: settings.requestTimeoutMs,
        healthBody: false,
    }, deps);
    const problems = [];
    if (result.outcome !== 'pass')
        problems.push(result.detail ?? result.outcome);
    if (result.outcome === 'pass' && test.expectJson)
        problems.push(...jsonProblems(result.body ?? '', test.expectJson));
    if (test.maxLatencyMs !== undefined &&
        result.latencyMs !== undefined &&
        result.latencyMs > test.maxLatencyMs) {
        problems.push(`took ${Math.round(result.latencyMs)} ms, more than max-latency ${test.maxLatencyMs} ms`);
    }
    return {
        name: test.name,
        method: test.method,
        url: url.toString(),
        passed: problems.length === 0,
        status: result.status,
        latencyMs: result.latencyMs,
        problems,
    };
}
function jsonProblems(body, expected) {
    let document;
    try {
        document = JSON.parse(body);
    }
    catch {
        return ['the body is not JSON, so expect-json cannot hold'];
    }
    const problems = [];
    for (const [path, want] of Object.entries(expected)) {
        const { found, value } = valueAtPath(document, path);
        if (!found)
            problems.push(`expect-json '${path}': not in the body`);
        else if (!sameJson(value, want))
            problems.push(`expect-json '${path}': is ${short(value)}, expected ${short(want)}`);
    }
    return problems;
}
function short(value) {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
function mergeHeaders(base, own) {
    const merged = {};
    const ownNames = new Set(Object.keys(own).map((name) => name.toLowerCase()));
    for (const [name, value] of Object.entries(base))
        if (!ownNames.has(name.toLowerCase()))
            merged[name] = value;
    return { ...merged, ...own };
}


/***/ }),

/***/ 5533:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rb: () => (/* binding */ reportDetails),
/* harmony export */   zU: () => (/* binding */ latencyChart)
/* harmony export */ });
/* unused harmony export CHART_POINTS */
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1363);
/**
 * Pieces of the detect and verify step summaries: the latency chart (Mermaid, which GitHub renders
 * in step summaries) and the collapsed JSON report.
 */

/** Points the chart shows at most: the last ones. */
const CHART_POINTS = 100;
/** Characters of report JSON a summary carries at most (GitHub caps a step summary at 1 MiB). */
const REPORT_CHARS = 200_000;
/**
 * A bar per probe (its latency) and, over it, a full-height red bar for each failed probe, so a
 * failure stands out whatever its latency (a fast 503, a refused connection). Errors (429, DNS) show
 * as gaps. Undefined when no probe was taken.
 */
function latencyChart(probes, title) {
    if (probes.length === 0)
        return undefined;
    const shown = probes.slice(-CHART_POINTS);
    const top = niceCeiling(Math.max(1, ...shown.map((p) => p.latencyMs ?? 0)));
    const latency = shown.map((p) => (p.outcome === 'error' ? 0 : Math.round(p.latencyMs ?? 0)));
    const failures = shown.map((p) => (p.outcome === 'failure' ? top : 0));
    const first = shown[0]?.probe ?? 1;
    const heading = `${title}${probes.length > shown.length ? ` (last ${shown.length} of ${probes.length})` : ''}`;
    return (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .mermaid */ .a4)([
        // Palette: the first series blue, the second (failures) red.
        '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#4477aa, #cc3311"}}}}%%',
        'xychart-beta',
        `  title "${(0,_core_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .mermaidLabel */ ._b)(`${heading}: latency in ms, failures as red bars`)}"`,
        shown.length === 1
            ? `  x-axis "probe" [${first}]`
            : `  x-axis "probe" ${first} --> ${first + shown.length - 1}`,
        `  y-axis "ms" 0 --> ${top}`,
        `  bar [${latency.join(', ')}]`,
        `  bar [${failures.join(', ')}]`,
    ].join('\n'));
}
/** 1, 2 or 5 times a power of ten, at least `value`. */
function niceCeiling(value) {
    const power = 10 ** Math.floor(Math.log10(value));
    for (const step of [1, 2, 5, 10])
        if (step * power >= value)
            return step * power;
    return 10 * power;
}
/**
 * The report as collapsed JSON. A very long one keeps its last probes only and says so; the report
 * file (the `report` output) always has them all.
 */
function reportDetails(report, probesKey = 'probes') {
    let text = JSON.stringify(report, null, 2);
    const probes = report[probesKey];
    if (text.length > REPORT_CHARS && Array.isArray(probes)) {
        let keep = probes.length;
        while (keep > 0 && text.length > REPORT_CHARS) {
            keep = Math.floor(keep / 2);
            text = JSON.stringify({
                ...report,
                [probesKey]: probes.slice(-keep),
                note: `the last ${keep} of ${probes.length} probes; the report file has all`,
            }, null, 2);
        }
    }
    return (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .details */ .zH)('Report (JSON, every probe)', (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .codeBlock */ .DV)('json', text));
}


/***/ }),

/***/ 5371:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ verifySummary),
/* harmony export */   y: () => (/* binding */ verifyReport)
/* harmony export */ });
/* harmony import */ var _core_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1896);
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1363);
/* harmony import */ var _summary_parts_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5533);
/**
 * The verify step summary: the verdict and why, every check, the figures, a latency chart of the
 * health samples with failures marked, and the report with every probe and smoke test.
 */



const pct = (rate) => `${+(rate * 100).toFixed(2)}%`;
function verifySummary(result, report = verifyReport(result)) {
    return (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .sections */ .V0)((0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .heading */ .R_)(2, 'rollback-guard · verify'), (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .verdictLine */ .MT)(result.healthy, result.healthy ? 'healthy' : 'not healthy', result.explanation), (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .checklist */ .D4)(result.checks.map((check) => ({
        label: `${check.name}${check.passed === undefined ? ' (not run)' : ''}: ${check.detail}`,
        done: check.passed === true,
    }))), (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['Figure', 'Value'], [
        [
            'Health samples',
            `${result.probes.length} of ${result.config.samples} (${(0,_core_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(result.config.intervalMs)} apart)`,
        ],
        ['Failures', `${result.failures} of ${result.observations} observations`],
        ['Error rate', `${pct(result.errorRate)} (at most ${pct(result.config.maxErrorRate)})`],
        ['Errors (not counted)', result.errors],
        [
            'Latency p50 / p95',
            result.p95Ms === undefined
                ? undefined
                : `${result.p50Ms} ms / ${result.p95Ms} ms (p95 at most ${result.config.maxLatencyMs} ms)`,
        ],
        ['Probes while waiting to come up', result.bootProbes.length],
        ['Started', result.startedAt],
        ['Up at', result.upAt],
        ['URLs', result.config.urls.join(', ')],
    ]), result.smokeTests.length > 0 &&
        (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['Smoke test', 'Request', 'Status', 'Latency', 'Result'], result.smokeTests.map((test) => [
            test.name,
            `${test.method} ${test.url}`,
            test.status,
            test.latencyMs === undefined ? undefined : `${Math.round(test.latencyMs)} ms`,
            test.passed ? '✅ passed' : `❌ ${test.problems.join('; ')}`,
        ])), (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .heading */ .R_)(3, 'Latency per health sample'), (0,_summary_parts_js__WEBPACK_IMPORTED_MODULE_2__/* .latencyChart */ .zU)(result.probes, 'verify') ?? 'No health sample was taken.', (0,_summary_parts_js__WEBPACK_IMPORTED_MODULE_2__/* .reportDetails */ .Rb)(report));
}
/** The report file's content: `probes` (the health samples) at the top, where `baseline` reads them. */
function verifyReport(result) {
    const { probes, ...verify } = result;
    return { verify, probes };
}


/***/ }),

/***/ 7649:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ runVerify),
/* harmony export */   c: () => (/* binding */ verifyOutputs)
/* harmony export */ });
/* harmony import */ var _core_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1896);
/* harmony import */ var _detect_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9476);
/* harmony import */ var _latency_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8844);
/* harmony import */ var _probe_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2555);
/* harmony import */ var _smoke_tests_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6171);





/** Probes URLs in turn, counting across the wait and the samples. */
class Prober {
    config;
    deps;
    count = 0;
    constructor(config, deps) {
        this.config = config;
        this.deps = deps;
    }
    next() {
        return (0,_probe_js__WEBPACK_IMPORTED_MODULE_2__/* .runProbe */ .m)((0,_detect_js__WEBPACK_IMPORTED_MODULE_1__/* .probeTarget */ .Uv)(this.config, this.count++), this.deps);
    }
}
/** 1. Wait for the service to come up (failures while it boots do not count). */
async function waitUntilUp({ config, deps, log, prober, remaining }) {
    const bootProbes = [];
    for (;;) {
        const result = await prober.next();
        const record = (0,_detect_js__WEBPACK_IMPORTED_MODULE_1__/* .probeRecord */ .us)(result, bootProbes.length + 1);
        bootProbes.push(record);
        if (result.outcome === 'pass') {
            const upAt = deps.clock.now();
            log.info(`verify: the service is up (${(0,_detect_js__WEBPACK_IMPORTED_MODULE_1__/* .probeLine */ .tL)(record)})`);
            return { bootProbes, upAt };
        }
        log.info(`verify: waiting for the service: ${(0,_detect_js__WEBPACK_IMPORTED_MODULE_1__/* .probeLine */ .tL)(record)}`);
        if (remaining() <= config.intervalMs)
            return { bootProbes };
        await deps.sleep(config.intervalMs);
    }
}
/** 2. The health samples, `interval` apart, within the budget. */
async function takeSamples({ config, deps, log, prober, remaining }) {
    const probes = [];
    let errorsInARow = 0;
    for (let i = 0; i < config.samples; i++) {
        if (remaining() <= config.intervalMs) {
            const cut = `the timeout (${(0,_core_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(config.timeoutMs)}) ran out after ${i} of ${config.samples} samples`;
            return { probes, cut };
        }
        await deps.sleep(config.intervalMs);
        const record = (0,_detect_js__WEBPACK_IMPORTED_MODULE_1__/* .probeRecord */ .us)(await prober.next(), i + 1);
        probes.push(record);
        log.info((0,_detect_js__WEBPACK_IMPORTED_MODULE_1__/* .probeLine */ .tL)(record, config.samples));
        errorsInARow = record.outcome === 'error' ? errorsInARow + 1 : 0;
        if (errorsInARow > _detect_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_ERRORS_IN_A_ROW */ .oM) {
            const cut = `${errorsInARow} probes in a row said nothing about the service (last: ${record.detail})`;
            return { probes, cut };
        }
    }
    return { probes };
}
/** 3. Every smoke test, once, in order, against the first URL's origin. */
async function runSmokeTests({ config, deps, log }) {
    const origin = config.urls[0].origin;
    const results = [];
    for (const test of config.smokeTests) {
        const settings = {
            origin,
            headers: config.headers,
            expectStatus: config.expectStatus,
            requestTimeoutMs: config.requestTimeoutMs,
        };
        const result = await (0,_smoke_tests_js__WEBPACK_IMPORTED_MODULE_3__/* .runSmokeTest */ .pb)(test, settings, deps);
        results.push(result);
        log.info(`verify: smoke test '${result.name}' ${result.passed ? 'passed' : `failed: ${result.problems.join('; ')}`}`);
    }
    return results;
}
function sampleStats(probes) {
    const errors = probes.filter((p) => p.outcome === 'error').length;
    const observations = probes.length - errors;
    const failures = probes.filter((p) => p.outcome === 'failure').length;
    const latencies = probes.map((p) => p.latencyMs).filter((v) => v !== undefined);
    return {
        observations,
        failures,
        errors,
        errorRate: observations ? failures / observations : 0,
        p50: (0,_latency_js__WEBPACK_IMPORTED_MODULE_4__/* .percentile */ .Ym)(latencies, 0.5),
        p95: (0,_latency_js__WEBPACK_IMPORTED_MODULE_4__/* .percentile */ .Ym)(latencies, 0.95),
    };
}
const pct = (rate) => `${+(rate * 100).toFixed(2)}%`;
function serviceUpCheck(config, boot) {
    const count = boot.bootProbes.length;
    const last = boot.bootProbes[count - 1];
    return {
        name: 'service-up',
        passed: boot.upAt !== undefined,
        detail: boot.upAt !== undefined
            ? `up after ${count} probe${count === 1 ? '' : 's'}`
            : `not up within ${(0,_core_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(config.timeoutMs)} (${count} probes, last: ${last?.detail ?? last?.outcome})`,
    };
}
function errorRateCheck(config, stats, cut) {
    const { observations, failures, errorRate } = stats;
    return {
        name: 'error-rate',
        passed: cut === undefined && observations > 0 && errorRate <= config.maxErrorRate,
        detail: cut
            ? `not measured in full: ${cut}`
            : observations === 0
                ? 'no probe was an observation'
                : `${failures} of ${observations} probes failed: ${pct(errorRate)} (at most ${pct(config.maxErrorRate)})`,
    };
}
function latencyCheck(config, p95) {
    return {
        name: 'latency',
        passed: p95 !== undefined && p95 <= config.maxLatencyMs,
        detail: p95 === undefined
            ? 'no probe was answered'
            : `p95 ${Math.round(p95)} ms (at most ${config.maxLatencyMs} ms)`,
    };
}
function smokeTestCheck(test, results) {
    const result = results.find((r) => r.name === test.name);
    return {
        name: test.name,
        passed: result?.passed,
        detail: !result
            ? 'not run'
            : result.passed
                ? `${result.method} ${result.url}: HTTP ${result.status}`
                : result.problems.join('; '),
    };
}
/** Every check: service-up, error-rate, latency and each smoke test (not run when never up). */
function verifyChecks(config, boot, sampling, stats, smokeTests) {
    const notMeasured = (name) => ({ name, passed: undefined, detail: 'not measured' });
    const up = boot.upAt !== undefined;
    return [
        serviceUpCheck(config, boot),
        up ? errorRateCheck(config, stats, sampling.cut) : notMeasured('error-rate'),
        up ? latencyCheck(config, stats.p95) : notMeasured('latency'),
        ...config.smokeTests.map((test) => smokeTestCheck(test, smokeTests)),
    ];
}
function explain(checks, stats, smokeTests, healthy) {
    if (!healthy) {
        return checks
            .filter((c) => c.passed === false)
            .map((c) => `${c.name}: ${c.detail}`)
            .join('; ');
    }
    return `up, ${stats.failures} of ${stats.observations} probes failed, p95 ${Math.round(stats.p95 ?? 0)} ms, ${smokeTests} smoke test${smokeTests === 1 ? '' : 's'} passed`;
}
async function runVerify(config, deps, log) {
    const start = deps.clock.now();
    const deadline = start + config.timeoutMs;
    const budget = {
        config,
        deps,
        log,
        prober: new Prober(config, deps),
        remaining: () => deadline - deps.clock.now(),
    };
    const boot = await waitUntilUp(budget);
    const up = boot.upAt !== undefined;
    const sampling = up ? await takeSamples(budget) : { probes: [] };
    const smokeTests = up ? await runSmokeTests(budget) : [];
    const stats = sampleStats(sampling.probes);
    const checks = verifyChecks(config, boot, sampling, stats, smokeTests);
    const failedChecks = checks.filter((c) => c.passed === false).map((c) => c.name);
    const healthy = failedChecks.length === 0 && checks.every((c) => c.passed === true);
    const explanation = explain(checks, stats, smokeTests.length, healthy);
    (healthy ? log.info : log.warning)(`verify: ${healthy ? 'healthy' : 'not healthy'}: ${explanation}`);
    const round = (ms) => (ms === undefined ? undefined : Math.round(ms));
    return {
        healthy,
        explanation,
        startedAt: new Date(start).toISOString(),
        upAt: boot.upAt === undefined ? undefined : new Date(boot.upAt).toISOString(),
        finishedAt: new Date(deps.clock.now()).toISOString(),
        bootProbes: boot.bootProbes,
        probes: sampling.probes,
        observations: stats.observations,
        failures: stats.failures,
        errors: stats.errors,
        errorRate: stats.errorRate,
        p50Ms: round(stats.p50),
        p95Ms: round(stats.p95),
        checks,
        smokeTests,
        checksPassed: checks.filter((c) => c.passed === true).length,
        checksFailed: failedChecks.length,
        failedChecks,
        config: {
            samples: config.samples,
            intervalMs: config.intervalMs,
            timeoutMs: config.timeoutMs,
            maxErrorRate: config.maxErrorRate,
            maxLatencyMs: config.maxLatencyMs,
            urls: config.urls.map(String),
        },
    };
}
/** The action outputs (README, verify), without `report`. */
function verifyOutputs(result) {
    return {
        healthy: result.healthy,
        'error-rate': +result.errorRate.toFixed(4),
        'p50-ms': result.p50Ms ?? '',
        'p95-ms': result.p95Ms ?? '',
        'checks-passed': result.checksPassed,
        'checks-failed': result.checksFailed,
        'failed-checks': result.failedChecks.join(','),
    };
}


/***/ }),

/***/ 9998:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ checkRestorePaths),
/* harmony export */   u: () => (/* binding */ resolveLiveDatabase)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3409);
/**
 * What a SQLite restore needs, and the checks of its paths that run before anything else (a missing
 * folder or file is the user's mistake, reported with the input's name like any bad input).
 */



const DEFAULT_NAMES = { database: 'database', backup: 'backup', backupDir: 'backup-dir' };
/** Every problem with the paths of a restore, all at once. Reads only; changes nothing. */
async function checkRestorePaths(config, names = DEFAULT_NAMES) {
    const problems = [];
    const database = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(config.database);
    const folder = await kindOf(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(database));
    if (folder !== 'folder') {
        problems.push({
            input: names.database,
            message: `'${config.database}': its folder ${node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(database)} ${folder === 'missing' ? 'does not exist' : 'is not a folder'}; expected the path of the live database on a disk this runner can reach`,
        });
    }
    else {
        const live = await kindOf(database);
        if (live !== 'missing' && live !== 'file') {
            problems.push({
                input: names.database,
                message: `'${config.database}' is a ${live}, not a database file`,
            });
        }
    }
    if (config.backup !== undefined) {
        const kind = await kindOf(config.backup);
        if (kind !== 'file') {
            problems.push({
                input: names.backup,
                message: `'${config.backup}' ${kind === 'missing' ? 'does not exist' : `is a ${kind}, not a file`}; expected a backup file this runner can read`,
            });
        }
        else if (await (0,_files_js__WEBPACK_IMPORTED_MODULE_2__/* .sameFile */ .Vi)(config.backup, database)) {
            problems.push({ input: names.backup, message: `'${config.backup}' is the live database itself` });
        }
    }
    if (config.backupDir !== undefined) {
        const kind = await kindOf(config.backupDir);
        if (kind !== 'folder') {
            problems.push({
                input: names.backupDir,
                message: `'${config.backupDir}' ${kind === 'missing' ? 'does not exist' : `is a ${kind}, not a folder`}; expected the folder of the backups`,
            });
        }
    }
    return problems;
}
/** The live database path with symbolic links resolved, so the swap happens where the file is. */
async function resolveLiveDatabase(database) {
    const absolute = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(database);
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(absolute);
    }
    catch (error) {
        if ((0,_files_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(error) !== 'ENOENT')
            throw error;
        return node_path__WEBPACK_IMPORTED_MODULE_1___default().join(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(absolute)), node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(absolute));
    }
}
async function kindOf(file) {
    try {
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(file);
        return info.isFile() ? 'file' : info.isDirectory() ? 'folder' : 'special file';
    }
    catch (error) {
        if ((0,_files_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(error) === 'ENOENT' || (0,_files_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(error) === 'ENOTDIR')
            return 'missing';
        throw error;
    }
}


/***/ }),

/***/ 9638:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  N: () => (/* binding */ dataRestoreOutputs),
  v: () => (/* binding */ restoreData)
});

// EXTERNAL MODULE: ./src/restore/qdrant.ts
var qdrant = __webpack_require__(2046);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/restore/files.ts
var files = __webpack_require__(3409);
// EXTERNAL MODULE: ./src/restore/pattern.ts
var restore_pattern = __webpack_require__(7824);
// EXTERNAL MODULE: ./src/restore/time.ts
var restore_time = __webpack_require__(4069);
;// CONCATENATED MODULE: ./src/restore/catalog.ts





async function findBackup(source, log) {
    if (source.backup !== undefined)
        return namedBackup(source.backup, source.pattern, log);
    if (source.backupDir === undefined)
        throw new Error('findBackup needs backup or backupDir');
    return searchFolder({ ...source, backupDir: source.backupDir }, log);
}
async function namedBackup(file, pattern, log) {
    const absolute = external_node_path_default().resolve(file);
    const name = external_node_path_default().basename(absolute);
    const info = await (0,promises_.stat)(absolute);
    const parsed = (0,restore_pattern/* matchBackupName */.Hm)(pattern, name);
    let time = info.mtime;
    let timeSource = 'modified';
    if (parsed.kind === 'time') {
        time = parsed.time;
        timeSource = 'name';
    }
    else {
        const why = parsed.kind === 'invalid-time' ? parsed.reason : `it does not match the pattern '${pattern.text}'`;
        log.warning(`restore-db: the time of backup '${name}' is taken from its modification time (${(0,restore_time/* isoSeconds */.n)(time)}): ${why}`);
    }
    const chosen = { path: absolute, name, time, timeSource, sizeBytes: info.size };
    return { chosen, candidates: [chosen], notBefore: [], skipped: [], ignored: [] };
}
async function searchFolder(source, log) {
    const folder = external_node_path_default().resolve(source.backupDir);
    const realFolder = await (0,promises_.realpath)(folder);
    const live = source.liveDatabase;
    const entries = await (0,promises_.readdir)(folder, { withFileTypes: true });
    const catalog = { folder, candidates: [], notBefore: [], skipped: [], ignored: [] };
    const skip = (name, reason) => {
        catalog.skipped.push({ name, reason });
        log.warning(`restore-db: skipped '${name}' in ${folder}: ${reason}`);
    };
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const name = entry.name;
        // A directory entry is one path component; anything else is not a name we can trust.
        if (name !== external_node_path_default().basename(name) || name === '.' || name === '..' || /[/\\]/.test(name)) {
            skip(name, 'the name is not a plain file name');
            continue;
        }
        const parsed = (0,restore_pattern/* matchBackupName */.Hm)(source.pattern, name);
        if (parsed.kind === 'no-match') {
            catalog.ignored.push(name);
            continue;
        }
        if (parsed.kind === 'invalid-time') {
            skip(name, parsed.reason);
            continue;
        }
        const file = external_node_path_default().join(folder, name);
        const usable = await usableFile(entry, file, realFolder, live);
        if (typeof usable === 'string') {
            skip(name, usable);
            continue;
        }
        const backup = { path: file, name, time: parsed.time, timeSource: 'name', sizeBytes: usable };
        if (source.before && backup.time.getTime() >= source.before.getTime())
            catalog.notBefore.push(backup);
        else
            catalog.candidates.push(backup);
    }
    const newestFirst = (a, b) => b.time.getTime() - a.time.getTime() || (a.name < b.name ? 1 : -1);
    catalog.candidates.sort(newestFirst);
    catalog.notBefore.sort(newestFirst);
    catalog.chosen = catalog.candidates[0];
    const second = catalog.candidates[1];
    if (catalog.chosen && second && second.time.getTime() === catalog.chosen.time.getTime()) {
        log.warning(`restore-db: '${catalog.chosen.name}' and '${second.name}' have the same time; choosing '${catalog.chosen.name}' (the last by name). Set backup to choose one yourself`);
    }
    if (!catalog.chosen)
        catalog.problem = describeNoCandidate(catalog, source);
    return catalog;
}
/** The file's size when it can be a candidate, or why not. */
async function usableFile(entry, file, realFolder, liveDatabase) {
    let target = file;
    if (entry.isSymbolicLink()) {
        try {
            target = await (0,promises_.realpath)(file);
        }
        catch (error) {
            return (0,files/* errorCode */.CA)(error) === 'ENOENT'
                ? 'a broken symbolic link'
                : `unreadable link (${(0,files/* errorCode */.CA)(error)})`;
        }
        if (!(0,files/* isInside */.FK)(realFolder, target))
            return `a symbolic link to ${target}, outside the backup folder`;
    }
    const info = await (0,promises_.stat)(target);
    if (!info.isFile())
        return 'not a regular file';
    if (liveDatabase !== undefined && (await (0,files/* sameFile */.Vi)(target, liveDatabase)))
        return 'it is the live database';
    return info.size;
}
function listNames(names, limit = 8) {
    if (names.length <= limit)
        return names.join(', ');
    return `${names.slice(0, limit).join(', ')} and ${names.length - limit} more`;
}
function describeNoCandidate(catalog, source) {
    const found = [];
    if (catalog.notBefore.length && source.before) {
        found.push(`not older than before (${(0,restore_time/* isoSeconds */.n)(source.before)}): ${listNames(catalog.notBefore.map((b) => `${b.name} (${(0,restore_time/* isoSeconds */.n)(b.time)})`))}`);
    }
    if (catalog.skipped.length) {
        found.push(`skipped: ${listNames(catalog.skipped.map((s) => `${s.name} (${s.reason})`))}`);
    }
    if (catalog.ignored.length) {
        found.push(`not matching the pattern: ${listNames(catalog.ignored)}`);
    }
    const what = source.before ? `no backup older than ${(0,restore_time/* isoSeconds */.n)(source.before)}` : 'no backup';
    return `${what} in ${catalog.folder} matches '${source.pattern.text}'; ${found.length ? `found ${found.join('; ')}` : 'the folder is empty'}`;
}

// EXTERNAL MODULE: ./src/restore/config.ts
var restore_config = __webpack_require__(9998);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/restore/header.ts
/**
 * The 100-byte SQLite database header (https://www.sqlite.org/fileformat.html#the_database_header),
 * read before SQLite itself opens a file: it tells a truncated file, an empty one, an HTML error page
 * or a compressed archive saved as `.db` apart from a database, in words a user can act on.
 */
const HEADER_SIZE = 100;
const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Checks the first bytes of a file (at least HEADER_SIZE of them, when the file has that many). */
function checkHeader(bytes, fileSize) {
    if (fileSize === 0)
        return { ok: false, reason: 'the file is empty (0 bytes)' };
    if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
        return { ok: false, reason: `not a SQLite database: ${describeContent(bytes)}` };
    }
    if (fileSize < HEADER_SIZE) {
        return { ok: false, reason: `truncated: the file has ${fileSize} bytes, less than a SQLite header` };
    }
    const rawPageSize = bytes.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
        return {
            ok: false,
            reason: `the header's page size (${rawPageSize}) is not a power of two from 512 to 65536`,
        };
    }
    const writeVersion = bytes[18];
    const readVersion = bytes[19];
    if (![1, 2].includes(writeVersion) || ![1, 2].includes(readVersion)) {
        return { ok: false, reason: `the header's file format (${writeVersion}/${readVersion}) is not 1 or 2` };
    }
    if (fileSize % pageSize !== 0) {
        return {
            ok: false,
            reason: `truncated or padded: ${fileSize} bytes is not a whole number of ${pageSize}-byte pages`,
        };
    }
    const pageCount = fileSize / pageSize;
    const changeCounter = bytes.readUInt32BE(24);
    const recordedPages = bytes.readUInt32BE(28);
    const validFor = bytes.readUInt32BE(92);
    const headerPageCount = recordedPages > 0 && changeCounter === validFor ? recordedPages : undefined;
    if (headerPageCount !== undefined && headerPageCount > pageCount) {
        return {
            ok: false,
            reason: `truncated: the header counts ${headerPageCount} pages of ${pageSize} bytes, the file holds ${pageCount}`,
        };
    }
    return { ok: true, header: { pageSize, pageCount, headerPageCount, walMode: writeVersion === 2 } };
}
/** What a file that is not a database looks like, from its first bytes. */
function describeContent(bytes) {
    if (bytes.length === 0)
        return 'the file is empty';
    if (bytes.every((byte) => byte === 0))
        return 'its first bytes are all zero (a zeroed or sparse file)';
    const text = bytes.toString('latin1').trimStart().toLowerCase();
    if (text.startsWith('<!doctype html') || text.startsWith('<html') || /<(head|body|title)[\s>]/.test(text)) {
        return 'it is an HTML page (an error page saved as the backup?)';
    }
    if (text.startsWith('<'))
        return 'it is XML or HTML text';
    if (text.startsWith('{') || text.startsWith('['))
        return 'it is JSON text';
    if (bytes[0] === 0x1f && bytes[1] === 0x8b)
        return 'it is gzip-compressed: decompress it first';
    if (bytes.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])))
        return 'it is zstd-compressed: decompress it first';
    if (bytes.subarray(0, 3).toString('latin1') === 'BZh')
        return 'it is bzip2-compressed: decompress it first';
    if (bytes.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004')
        return 'it is a zip archive: extract it first';
    if (text.startsWith('sqlite format'))
        return 'its header is damaged';
    const hex = [...bytes.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
    return `it does not start with the SQLite header (first bytes: ${hex})`;
}

// EXTERNAL MODULE: ./src/restore/sqlite.ts
var sqlite = __webpack_require__(8284);
;// CONCATENATED MODULE: ./src/restore/swap.ts
/**
 * The swap: puts a verified backup in place of the live database so that a crash at any moment
 * leaves the live path holding either the old database or the new one, each complete and valid.
 *
 * A SQLite database in WAL mode is two files: `db` and `db-wal` (commits not yet copied back into
 * `db`); `db-shm` is only an index of the WAL, rebuilt from it. In rollback-journal mode, a crash in
 * the middle of a transaction leaves a "hot" `db-journal` that is needed to undo half-written pages.
 * A rename replaces one file atomically, never two, and a stale `-wal` left beside the new database
 * would be replayed into it (SQLite cannot tell that the WAL belongs to another file) and corrupt it.
 * So the old database is first made self-contained, and then only one rename is needed:
 *
 *  1. Copy the backup into a temporary file in the live database's folder (same file system, so the
 *     rename below is atomic), fsync it, and check that its sha256, read back, equals the verified
 *     backup's.
 *     The live database is untouched; a crash leaves only a stray temporary file.
 *  2. Settle the old database: when it has a non-empty `-wal` or `-journal`, open it with SQLite,
 *     which rolls back a hot journal, and run `wal_checkpoint(TRUNCATE)`, which copies every WAL
 *     commit into the main file; closing the last connection then removes `-wal` and `-shm`. SQLite
 *     makes each of these steps crash-safe, and the data the old database holds does not change.
 *     If `-wal`/`-shm` are still there afterwards, another process has the database open: stop.
 *  3. Keep the old database as `<name>.pre-restore-<UTC time><ext>`: a hard link (the live path
 *     never goes missing, and nothing is copied) or, without hard links, a durable copy renamed into
 *     place. fsync the folder, so the kept name is on disk before the live one changes.
 *  4. Remove the old `-wal`, `-shm` and `-journal` (after step 2 they hold nothing the main file
 *     lacks), and fsync the folder: no stale journal can be applied to the new database.
 *  5. Rename the temporary file over the live path (atomic), and fsync the folder.
 *
 * Until step 5 the live path holds the old database, complete on its own from step 2 on; from step
 * 5 it holds the new one, already on disk. When SQLite cannot read the old database at all (the
 * corruption being repaired), step 2 is impossible: its `-wal`/`-journal` are then kept beside the
 * pre-restore copy (as `<pre-restore>-wal`), so nothing of it is lost, and the live path holds that
 * unreadable database until the rename.
 *
 * What no file operation can guarantee: an app that still has the database open keeps reading and
 * writing the old file (now the pre-restore copy) after the rename, and its writes are lost to the
 * restored database. Stop the app first, as the runbook does.
 */







/** The points the swap passes, in order (a test can stop the process at each one). */
const SWAP_STEPS = (/* unused pure expression or super */ null && ([
    'copied',
    'copy-verified',
    'settled',
    'pre-restore-kept',
    'journals-removed',
    'renamed',
    'synced',
]));
const JOURNAL_SUFFIXES = ['-wal', '-journal', '-shm'];
/** A runtime failure of the restore: the live database was not replaced. */
class RestoreFailure extends Error {
    constructor(message) {
        super(message);
        this.name = 'RestoreFailure';
    }
}
async function inspectLiveDatabase(database) {
    const sizeBytes = await (0,files/* sizeOf */.$d)(database);
    const journals = [];
    for (const suffix of JOURNAL_SUFFIXES) {
        const size = await (0,files/* sizeOf */.$d)(`${database}${suffix}`);
        if (size !== undefined)
            journals.push({ suffix, sizeBytes: size });
    }
    return { path: database, exists: sizeBytes !== undefined, sizeBytes, journals };
}
/** `memory.db` → `memory.pre-restore-20240115T020000Z.db` (then `-2`, `-3`, ... if taken). */
function preRestoreName(database, now, attempt = 1) {
    const ext = external_node_path_default().extname(database);
    const stem = database.slice(0, database.length - ext.length);
    const stamp = now
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z')
        .replace(/[-:]/g, '');
    return `${stem}.pre-restore-${stamp}${attempt > 1 ? `-${attempt}` : ''}${ext}`;
}
async function swapIn(options) {
    const { database, log } = options;
    const step = (name) => options.onStep?.(name);
    const dir = external_node_path_default().dirname(database);
    const live = await inspectLiveDatabase(database);
    await removeLeftoverCopies(database, log);
    await ensureSpace(dir, options.source);
    const tag = (0,external_node_crypto_.randomBytes)(4).toString('hex');
    const temp = external_node_path_default().join(dir, tempName(database, tag));
    let preRestore;
    let journalsTouched = false;
    try {
        // 1. The copy, durable and verified, beside the live database.
        await (0,files/* copyDurably */.bw)(options.source, temp);
        await matchOwnership(temp, live, log);
        step('copied');
        const copied = await (0,files/* sha256File */.Q3)(temp);
        if (copied !== options.sha256) {
            throw new RestoreFailure(`the copy of the backup has sha256 ${copied}, not the verified ${options.sha256}: the backup changed while it was being restored. Run again`);
        }
        step('copy-verified');
        // 2. The old database, self-contained.
        const settlement = live.exists ? await settle(live, options) : { kind: 'not-needed' };
        step('settled');
        // 3. The old database, kept under its pre-restore name.
        if (live.exists && options.keepPreRestore) {
            preRestore = await keepOldDatabase(database, options.now, settlement, tag);
            await (0,files/* fsyncDir */.t_)(dir);
        }
        step('pre-restore-kept');
        // 4. No journal of the old database left to be replayed into the new one.
        const removedJournals = [];
        for (const suffix of JOURNAL_SUFFIXES) {
            const file = `${database}${suffix}`;
            if (await (0,files/* exists */.t2)(file)) {
                journalsTouched = true;
                await (0,promises_.rm)(file, { force: true });
                removedJournals.push(file);
            }
        }
        if (!live.exists && removedJournals.length) {
            log.warning(`restore-db: removed ${removedJournals.map((f) => external_node_path_default().basename(f)).join(', ')} left without a database beside ${database}`);
        }
        await (0,files/* fsyncDir */.t_)(dir);
        step('journals-removed');
        // 5. The swap itself.
        await (0,promises_.rename)(temp, database);
        step('renamed');
        await (0,files/* fsyncDir */.t_)(dir);
        step('synced');
        return { live, settlement, preRestore, removedJournals };
    }
    catch (error) {
        await (0,promises_.rm)(temp, { force: true }).catch(() => undefined);
        // Until a journal is removed, the pre-restore copy is only a second name of the live database.
        if (preRestore && !journalsTouched) {
            for (const file of [preRestore.path, ...preRestore.journals])
                await (0,promises_.rm)(file, { force: true }).catch(() => undefined);
        }
        throw error;
    }
}
/** Makes the old database complete on its own (step 2 of the module comment). */
async function settle(live, options) {
    const pending = live.journals.filter((j) => j.suffix !== '-shm' && j.sizeBytes > 0);
    // A -shm alone holds no data, but it is how an open WAL connection shows: settling tells.
    const shm = live.journals.some((j) => j.suffix === '-shm');
    if (pending.length === 0 && !shm)
        return { kind: 'not-needed' };
    const unreadable = (reason) => {
        const kept = pending.length ? `, with its ${pending.map((j) => j.suffix).join(' and ')}` : '';
        options.log.warning(`restore-db: SQLite cannot read the live database (${reason}); it is kept as it is${kept}`);
        return { kind: 'unreadable', detail: reason };
    };
    const inUse = (why) => new RestoreFailure(`the live database ${live.path} is in use by another process (${why}). Stop the app first (the runbook's "Stop Application" step), then run this again; the live database was not replaced`);
    // SQLite deletes a -wal it cannot make sense of when it closes a database: never let it see the
    // journals of a file that is not a database at all.
    const header = checkHeader(await (0,files/* readHead */.zy)(live.path, HEADER_SIZE), live.sizeBytes ?? 0);
    if (!header.ok)
        return unreadable(header.reason);
    let walMode = false;
    let detail;
    try {
        const db = await (0,sqlite/* openLive */.nM)(live.path, options.busyTimeoutMs ?? 5000);
        try {
            db.prepare('SELECT count(*) FROM sqlite_schema').get(); // rolls back a hot journal
            walMode = db.pragma('journal_mode', { simple: true }) === 'wal';
            if (walMode) {
                const [result] = db.pragma('wal_checkpoint(TRUNCATE)');
                if (result?.busy)
                    throw inUse('its WAL could not be checkpointed while it is being read');
                const wal = live.journals.find((j) => j.suffix === '-wal')?.sizeBytes ?? 0;
                // TRUNCATE reports 0 frames once it has emptied the WAL: say what was there instead.
                detail =
                    wal > 0
                        ? `checkpointed its ${(0,files/* humanBytes */.p6)(wal)} -wal into the database file`
                        : 'nothing to checkpoint';
            }
            else {
                detail = pending.length
                    ? 'rolled back the unfinished transaction of its -journal'
                    : 'nothing to settle';
            }
        }
        finally {
            db.close();
        }
    }
    catch (error) {
        if (error instanceof RestoreFailure)
            throw error;
        const code = (0,sqlite/* sqliteErrorCode */.yW)(error) ?? '';
        if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
            throw inUse(`SQLite reports ${code}`);
        }
        return unreadable(`${(0,errors/* describeThrown */.YI)(error)}${code ? ` (${code})` : ''}`);
    }
    // Closing the last connection removes -wal and -shm; if they stay, another connection is open.
    const walLeft = (await (0,files/* sizeOf */.$d)(`${live.path}-wal`)) ?? 0;
    if (walLeft > 0 || (walMode && (await (0,files/* exists */.t2)(`${live.path}-shm`)))) {
        throw inUse('its -wal and -shm stay after a checkpoint, so another connection has it open');
    }
    return { kind: 'settled', detail };
}
async function keepOldDatabase(database, now, settlement, tag) {
    for (let attempt = 1; attempt <= 100; attempt++) {
        const target = preRestoreName(database, now, attempt);
        let method;
        try {
            method = await (0,files/* keepAs */.W0)(database, target, tag);
        }
        catch (error) {
            if ((0,files/* errorCode */.CA)(error) === 'EEXIST')
                continue;
            throw error;
        }
        const kept = { path: target, method, sizeBytes: (await (0,files/* sizeOf */.$d)(target)) ?? 0, journals: [] };
        if (settlement.kind === 'unreadable') {
            // The old database could not be settled: its journals are part of it.
            for (const suffix of ['-wal', '-journal']) {
                if (((await (0,files/* sizeOf */.$d)(`${database}${suffix}`)) ?? 0) > 0) {
                    await (0,files/* keepAs */.W0)(`${database}${suffix}`, `${target}${suffix}`, tag);
                    kept.journals.push(`${target}${suffix}`);
                }
            }
        }
        return kept;
    }
    throw new RestoreFailure(`could not find a free pre-restore name beside ${database}`);
}
/** The temporary copy's name: hidden, beside the live database, and recognisable as ours. */
function tempName(database, tag) {
    return `${tempPrefix(database)}${tag}.tmp`;
}
function tempPrefix(database) {
    return `.${external_node_path_default().basename(database)}.restore-`;
}
/** A run that was killed leaves its temporary copy behind (as big as the database): remove it. */
async function removeLeftoverCopies(database, log) {
    const prefix = tempPrefix(database);
    const ours = (name) => name.startsWith(prefix) && /^[0-9a-f]{8}\.tmp$/.test(name.slice(prefix.length));
    for (const name of await (0,promises_.readdir)(external_node_path_default().dirname(database))) {
        if (!ours(name))
            continue;
        await (0,promises_.rm)(external_node_path_default().join(external_node_path_default().dirname(database), name), { force: true });
        log.warning(`restore-db: removed ${name}, the copy of an earlier restore that was interrupted`);
    }
}
/** Fails before anything is written when the folder cannot hold the copy. */
async function ensureSpace(dir, source) {
    const needed = (await (0,promises_.stat)(source)).size;
    let available;
    try {
        const fs = await (0,promises_.statfs)(dir);
        available = fs.bavail * fs.bsize;
    }
    catch {
        return; // not every platform can tell; the copy itself will fail cleanly if the disk is full
    }
    if (available < needed) {
        throw new RestoreFailure(`not enough free space in ${dir}: the copy needs ${(0,files/* humanBytes */.p6)(needed)}, ${(0,files/* humanBytes */.p6)(available)} is free. Free some space (old pre-restore copies?) and run again`);
    }
}
/** The restored file gets the old database's permissions, and its owner when we may set it. */
async function matchOwnership(temp, live, log) {
    if (!live.exists)
        return;
    const old = await (0,promises_.stat)(live.path);
    await (0,promises_.chmod)(temp, old.mode & 0o7777);
    if (process.platform === 'win32')
        return;
    const mine = await (0,promises_.stat)(temp);
    if (mine.uid === old.uid && mine.gid === old.gid)
        return;
    try {
        await (0,promises_.chown)(temp, old.uid, old.gid);
    }
    catch {
        log.warning(`restore-db: the restored database is owned by uid ${mine.uid}, the old one by uid ${old.uid}; make sure the app can still write it (chown ${old.uid}:${old.gid})`);
    }
}

;// CONCATENATED MODULE: ./src/restore/verify.ts
/**
 * Verifies a database file without changing anything: it is a regular, non-empty file; its SQLite
 * header is sound and matches its size; SQLite's integrity_check (or quick_check) passes; it has
 * the expected tables; and its sha256 (streamed) is what it should be. Checks run cheapest first and
 * stop at the first failure, whose reason is the verdict. The same checks run on the backup before
 * anything is touched and on the database after the restore.
 */





/** How many problems integrity_check lists at most (the first one is what we report). */
const MAX_PROBLEMS = 10;
async function verifyDatabaseFile(file, options) {
    const result = { ok: false, file, sizeBytes: 0, checks: [] };
    const pass = (name, detail) => result.checks.push({ name, ok: true, detail });
    const fail = (name, detail) => {
        result.checks.push({ name, ok: false, detail });
        result.reason = detail;
        return result;
    };
    const info = await (0,promises_.stat)(file);
    result.sizeBytes = info.size;
    if (!info.isFile())
        return fail('file', 'not a regular file');
    if (info.size === 0)
        return fail('file', 'the file is empty (0 bytes)');
    pass('file', (0,files/* humanBytes */.p6)(info.size));
    const header = checkHeader(await (0,files/* readHead */.zy)(file, HEADER_SIZE), info.size);
    if (!header.ok)
        return fail('header', header.reason);
    result.header = header.header;
    pass('header', `SQLite 3, ${header.header.pageCount} pages of ${header.header.pageSize} bytes, ${header.header.walMode ? 'WAL mode' : 'rollback journal'}`);
    // The hash reads the file in a worker thread while SQLite checks it here (both read it all).
    const stopHashing = new AbortController();
    const hashing = (0,files/* sha256File */.Q3)(file, stopHashing.signal);
    hashing.catch(() => undefined); // awaited below, or abandoned when a check fails first
    const failEarly = (name, detail) => {
        stopHashing.abort(new Error('not needed'));
        return fail(name, detail);
    };
    const pragma = options.check === 'full' ? 'integrity_check' : 'quick_check';
    let problems;
    let tables;
    try {
        const db = await (0,sqlite/* openImmutable */.xh)(file);
        try {
            problems = db.prepare(`PRAGMA ${pragma}(${MAX_PROBLEMS})`).pluck().all();
            tables = db
                .prepare(`SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name`)
                .pluck()
                .all();
        }
        finally {
            db.close();
        }
    }
    catch (error) {
        const code = (0,sqlite/* sqliteErrorCode */.yW)(error);
        result.integrity = (0,errors/* describeThrown */.YI)(error);
        return failEarly('integrity', `SQLite cannot read it: ${(0,errors/* describeThrown */.YI)(error)}${code ? ` (${code})` : ''}`);
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
        result.integrity = problems[0] ?? `${pragma} returned nothing`;
        const more = problems.length > 1
            ? ` (and ${problems.length - 1}${problems.length === MAX_PROBLEMS ? '+' : ''} more)`
            : '';
        return failEarly('integrity', `${pragma}: ${result.integrity}${more}`);
    }
    result.integrity = 'ok';
    pass('integrity', `${pragma}: ok`);
    result.tables = tables;
    const have = new Set(tables.map((name) => name.toLowerCase()));
    const missing = options.expectTables.filter((name) => !have.has(name.toLowerCase()));
    if (missing.length) {
        return failEarly('tables', `missing table${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (it has ${tables.length ? tables.join(', ') : 'no tables'})`);
    }
    if (options.expectTables.length)
        pass('tables', `has ${options.expectTables.join(', ')}`);
    result.sha256 = await hashing;
    if (options.expectedSha256 !== undefined && result.sha256 !== options.expectedSha256) {
        return fail('sha256', `sha256 is ${result.sha256}, expected ${options.expectedSha256}`);
    }
    pass('sha256', options.expectedSha256 !== undefined ? `${result.sha256} (as expected)` : result.sha256);
    result.ok = true;
    return result;
}

;// CONCATENATED MODULE: ./src/restore/restore.ts







async function restoreDatabase(config, deps) {
    const started = deps.clock.now();
    const warnings = [];
    const log = collectingWarnings(deps.log, warnings);
    const database = await (0,restore_config/* resolveLiveDatabase */.u)(config.database);
    const result = {
        status: 'failed',
        dryRun: config.dryRun,
        database,
        swapped: false,
        warnings,
        phases: [],
        startedAt: new Date(started).toISOString(),
        finishedAt: '',
        durationMs: 0,
    };
    let phaseStart = started;
    const phaseDone = (phase) => {
        const now = deps.clock.now();
        result.phases.push({ phase, ms: now - phaseStart });
        phaseStart = now;
    };
    const finish = (status, failure) => {
        result.status = status;
        if (failure)
            result.failure = failure;
        result.finishedAt = new Date(deps.clock.now()).toISOString();
        result.durationMs = deps.clock.now() - started;
        return result;
    };
    // Everything but the swap only reads; the swap reports its own failures (RestoreFailure).
    const run = async () => {
        const catalog = await findBackup({
            backup: config.backup,
            backupDir: config.backupDir,
            pattern: config.pattern,
            before: config.before,
            liveDatabase: database,
        }, log);
        result.catalog = catalog;
        phaseDone('choose');
        if (!catalog.chosen) {
            return finish('failed', `${catalog.problem}. Check backup-dir and pattern${config.before ? ' and before' : ''}, or name the file with backup; the live database was not touched`);
        }
        const backup = catalog.chosen;
        result.backup = backup;
        for (const suffix of ['-wal', '-journal']) {
            const size = (await (0,files/* sizeOf */.$d)(`${backup.path}${suffix}`)) ?? 0;
            if (size > 0) {
                log.warning(`restore-db: ${backup.name} has a ${(0,files/* humanBytes */.p6)(size)} ${suffix} beside it: what it holds is not part of the backup file, and is not restored (a backup should be made with sqlite3 .backup or VACUUM INTO)`);
            }
        }
        log.info(`restore-db: verifying ${backup.path} (${(0,restore_time/* isoSeconds */.n)(backup.time)})`);
        const verification = await verifyDatabaseFile(backup.path, {
            check: config.check,
            expectTables: config.expectTables,
            expectedSha256: config.backupSha256,
        });
        result.verification = verification;
        phaseDone('verify');
        result.live = await inspectLiveDatabase(database);
        if (!verification.ok) {
            const next = catalog.candidates[1];
            const hint = next
                ? `The next older backup is ${next.path} (${(0,restore_time/* isoSeconds */.n)(next.time)}): to restore it, set backup to that path`
                : 'Fetch a good backup and run again';
            return finish('failed', `backup ${backup.path} was rejected: ${verification.reason}. The live database was not touched. ${hint}`);
        }
        for (const check of verification.checks)
            log.info(`restore-db: ✓ ${check.name}: ${check.detail}`);
        if (config.dryRun) {
            if (result.live.exists && config.keepPreRestore)
                result.wouldKeepAs = await freePreRestoreName(database, new Date(deps.clock.now()));
            log.info(`restore-db: dry run: would restore ${backup.path} over ${database}; nothing was changed`);
            return finish('planned');
        }
        let reached;
        try {
            result.swap = await swapIn({
                database,
                source: backup.path,
                sha256: verification.sha256,
                keepPreRestore: config.keepPreRestore,
                now: new Date(deps.clock.now()),
                log,
                onStep: (step) => {
                    reached = step;
                    if (step === 'copy-verified')
                        phaseDone('copy');
                    deps.onStep?.(step);
                },
            });
        }
        catch (error) {
            const where = reached === 'renamed'
                ? 'the restored database is in place, but its folder could not be synced to disk'
                : 'the live database was not replaced';
            const message = error instanceof RestoreFailure
                ? error.message
                : `the restore stopped: ${(0,errors/* describeThrown */.YI)(error)}; ${where}`;
            result.swapped = reached === 'renamed';
            return finish('failed', message);
        }
        phaseDone('swap');
        result.swapped = true;
        result.preRestore = result.swap.preRestore;
        result.undo = undoCommand(database, result.live, result.preRestore);
        if (result.swap.settlement.kind !== 'not-needed') {
            log.info(`restore-db: the replaced database: ${result.swap.settlement.detail}`);
        }
        log.info(`restore-db: restored ${backup.path} to ${database}${result.preRestore ? `; the replaced database is kept as ${result.preRestore.path}` : ''}`);
        result.after = await verifyDatabaseFile(database, {
            check: config.check,
            expectTables: config.expectTables,
            expectedSha256: verification.sha256,
        });
        phaseDone('check');
        const reappeared = [];
        for (const suffix of JOURNAL_SUFFIXES)
            if (await (0,files/* exists */.t2)(`${database}${suffix}`))
                reappeared.push(suffix);
        if (reappeared.length) {
            log.warning(`restore-db: ${reappeared.join(', ')} appeared beside the restored database while it was being checked: is the app still running? It would keep writing to the old database (${result.preRestore?.path ?? 'no longer on disk'})`);
        }
        if (!result.after.ok) {
            return finish('failed', `the restored database failed its check after the swap: ${result.after.reason}. ${result.undo ? `To put the replaced database back (app stopped): ${result.undo}` : ''}`.trim());
        }
        return finish('restored');
    };
    try {
        return await run();
    }
    catch (error) {
        const state = result.swapped
            ? `the restored database is in place${result.undo ? `; to put the replaced one back (app stopped): ${result.undo}` : ''}`
            : 'the live database was not touched';
        return finish('failed', `the restore stopped: ${(0,errors/* describeThrown */.YI)(error)}; ${state}`);
    }
}
/** The first pre-restore name not yet taken (what the swap would use). */
async function freePreRestoreName(database, now) {
    for (let attempt = 1;; attempt++) {
        const name = preRestoreName(database, now, attempt);
        if (!(await (0,files/* exists */.t2)(name)))
            return name;
    }
}
/**
 * The shell command that undoes the restore, for a stopped app: the restored database's journals
 * go first (they must never be replayed into the old one), then the kept database moves back.
 */
function undoCommand(database, live, kept) {
    const q = files/* shellQuote */.ZL;
    const journals = JOURNAL_SUFFIXES.map((suffix) => q(`${database}${suffix}`)).join(' ');
    if (!live.exists)
        return `rm -f ${q(database)} ${journals}`;
    if (!kept)
        return undefined;
    const moves = [`mv -f ${q(kept.path)} ${q(database)}`];
    for (const journal of kept.journals) {
        moves.push(`mv -f ${q(journal)} ${q(`${database}${journal.slice(kept.path.length)}`)}`);
    }
    return [`rm -f ${journals}`, ...moves].join(' && ');
}
function collectingWarnings(log, warnings) {
    return {
        ...log,
        info: (message) => log.info(message),
        debug: (message) => log.debug(message),
        error: (message) => log.error(message),
        warning: (message) => {
            warnings.push(message.replace(/^restore-db: /, ''));
            log.warning(message);
        },
    };
}

;// CONCATENATED MODULE: ./src/restore/data.ts




async function restoreData(config, deps) {
    const result = { status: 'failed' };
    const qdrantDeps = { http: deps.http, clock: deps.clock, log: deps.log, secrets: deps.secrets };
    let known;
    if (config.qdrant) {
        const started = deps.clock.now();
        try {
            known = await (0,qdrant/* preflightQdrant */.i1)(config.qdrant, qdrantDeps);
        }
        catch (error) {
            result.qdrant = {
                status: 'failed',
                collection: config.qdrant.collection,
                snapshot: (0,qdrant/* displayLocation */.S5)(config.qdrant.snapshot),
                priority: config.qdrant.priority,
                failure: (0,errors/* describeThrown */.YI)(error),
                durationMs: deps.clock.now() - started,
            };
            const untouched = config.sqlite
                ? '; nothing was restored, the SQLite database was not touched either'
                : '';
            return { ...result, failure: `Qdrant: ${result.qdrant.failure}${untouched}` };
        }
    }
    if (config.sqlite)
        result.sqlite = await restoreDatabase(config.sqlite, deps);
    if (config.qdrant) {
        if (result.sqlite?.status === 'failed') {
            result.qdrant = {
                status: 'skipped',
                collection: config.qdrant.collection,
                snapshot: (0,qdrant/* displayLocation */.S5)(config.qdrant.snapshot),
                priority: config.qdrant.priority,
                before: known,
                failure: 'not attempted, because the SQLite restore failed',
                durationMs: 0,
            };
        }
        else {
            result.qdrant = await (0,qdrant/* recoverQdrant */.X9)(config.qdrant, qdrantDeps, known);
        }
    }
    const failures = [
        result.sqlite?.failure && `SQLite: ${result.sqlite.failure}`,
        result.qdrant?.status === 'failed' && `Qdrant: ${result.qdrant.failure}`,
    ].filter((text) => Boolean(text));
    if (failures.length)
        return { ...result, status: 'failed', failure: failures.join(' · ') };
    const dryRun = config.sqlite?.dryRun ?? config.qdrant?.dryRun ?? false;
    return { ...result, status: dryRun ? 'planned' : 'restored' };
}
/** The restore-db action's outputs (the guard reuses them). */
function dataRestoreOutputs(result) {
    const sqlite = result.sqlite;
    const verified = sqlite && (sqlite.status !== 'failed' || sqlite.swapped);
    const checked = sqlite?.after ?? sqlite?.verification;
    return {
        status: result.status,
        'restored-from': verified ? (sqlite.backup?.path ?? '') : '',
        'backup-time': verified && sqlite.backup ? (0,restore_time/* isoSeconds */.n)(sqlite.backup.time) : '',
        sha256: verified ? (checked?.sha256 ?? '') : '',
        integrity: checked ? (checked.integrity ?? checked.reason ?? '') : '',
        'pre-restore': sqlite?.preRestore?.path ?? '',
        'duration-ms': String(Math.round((sqlite?.durationMs ?? 0) + (result.qdrant?.durationMs ?? 0))),
        'qdrant-status': result.qdrant?.status ?? '',
        'qdrant-points': result.qdrant?.after?.points?.toString() ?? '',
    };
}


/***/ }),

/***/ 3409:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $d: () => (/* binding */ sizeOf),
/* harmony export */   CA: () => (/* binding */ errorCode),
/* harmony export */   FK: () => (/* binding */ isInside),
/* harmony export */   Q3: () => (/* binding */ sha256File),
/* harmony export */   Vi: () => (/* binding */ sameFile),
/* harmony export */   W0: () => (/* binding */ keepAs),
/* harmony export */   ZL: () => (/* binding */ shellQuote),
/* harmony export */   bw: () => (/* binding */ copyDurably),
/* harmony export */   p6: () => (/* binding */ humanBytes),
/* harmony export */   t2: () => (/* binding */ exists),
/* harmony export */   t_: () => (/* binding */ fsyncDir),
/* harmony export */   zy: () => (/* binding */ readHead)
/* harmony export */ });
/* unused harmony export fsyncFile */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_3__);
/**
 * File operations the restore is built from, each in constant memory: a streamed sha256, a durable
 * copy, a directory fsync, and keeping a file under a second name (a hard link, or a durable copy
 * where links are not possible).
 */




/**
 * Hashes a file in a worker thread: SQLite's integrity_check runs synchronously on the main thread,
 * and with the hash beside it the two full reads of a large file overlap instead of adding up.
 */
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
// One buffer, read into again and again: memory stays flat whatever the file's size.
try {
  const hash = require('node:crypto').createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = fs.openSync(workerData, 'r');
  try {
    for (let read; (read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  parentPort.postMessage({ hex: hash.digest('hex') });
} catch (error) {
  parentPort.postMessage({ message: error.message, code: error.code });
}
`;
/** The sha256 of a file, read as a stream in a worker thread (never held in memory). */
function sha256File(file, signal) {
    return new Promise((resolve, reject) => {
        const worker = new node_worker_threads__WEBPACK_IMPORTED_MODULE_3__.Worker(HASH_WORKER, { eval: true, workerData: file });
        const onAbort = () => {
            void worker.terminate();
            reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        worker.once('message', (answer) => {
            signal?.removeEventListener('abort', onAbort);
            if (answer.hex)
                resolve(answer.hex);
            else
                reject(Object.assign(new Error(answer.message), { code: answer.code }));
        });
        worker.once('error', reject);
    });
}
/** The first `length` bytes of a file (fewer when it is shorter). */
async function readHead(file, length) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(file, 'r');
    try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, 0);
        return buffer.subarray(0, bytesRead);
    }
    finally {
        await handle.close();
    }
}
/** Flushes a file's bytes to the disk. */
async function fsyncFile(file) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(file, 'r+');
    try {
        await handle.sync();
    }
    finally {
        await handle.close();
    }
}
/**
 * Flushes a folder's entries (creations, renames, removals) to the disk. Windows cannot open a
 * folder as a file; NTFS journals its metadata itself, so there is nothing to do there.
 */
async function fsyncDir(dir) {
    if (process.platform === 'win32')
        return;
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(dir, 'r');
    try {
        await handle.sync();
    }
    finally {
        await handle.close();
    }
}
/**
 * Copies `from` to a new file `to` (which must not exist), then flushes it. `copyFile` lets the
 * kernel move the bytes (copy_file_range; a reflink where the file system shares blocks, such as
 * btrfs or XFS, which makes the copy instant), so it takes constant memory whatever the size.
 */
async function copyDurably(from, to) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.copyFile)(from, to, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.COPYFILE_EXCL | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.COPYFILE_FICLONE);
    await fsyncFile(to);
}
/** Error codes of a file system (or a link across devices) that cannot hard-link. */
const NO_LINK_CODES = new Set(['EPERM', 'EXDEV', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EACCES']);
/**
 * Makes `to` a second name of `from` without ever leaving `to` half-written: a hard link (instant,
 * and `from` itself is never missing), or, where the file system has no hard links, a durable copy
 * under a temporary name renamed into place. Fails when `to` exists.
 */
async function keepAs(from, to, tempSuffix) {
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.link)(from, to);
        return 'hard-link';
    }
    catch (error) {
        if (!NO_LINK_CODES.has(errorCode(error)))
            throw error;
    }
    const temp = `${to}.${tempSuffix}.tmp`;
    try {
        await copyDurably(from, temp);
        // rename would replace an existing `to`: check first, as link() would have.
        if (await exists(to))
            throw Object.assign(new Error(`${to} already exists`), { code: 'EEXIST' });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temp, to);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(temp, { force: true });
        throw error;
    }
    return 'copy';
}
function errorCode(error) {
    const code = error?.code;
    return typeof code === 'string' ? code : '';
}
/** Whether anything (a file, folder or link, even a broken one) has this name. */
async function exists(file) {
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(file);
        return true;
    }
    catch (error) {
        if (errorCode(error) === 'ENOENT')
            return false;
        throw error;
    }
}
/** Whether two paths name the same file (after links). False when either is missing. */
async function sameFile(a, b) {
    try {
        const [x, y] = await Promise.all([(0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(a), (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(b)]);
        return x.dev === y.dev && x.ino === y.ino;
    }
    catch {
        return false;
    }
}
/** The size of a file, or undefined when there is none. */
async function sizeOf(file) {
    try {
        return (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(file)).size;
    }
    catch (error) {
        if (errorCode(error) === 'ENOENT')
            return undefined;
        throw error;
    }
}
/** Whether `inner` is `outer` or inside it (both already resolved). */
function isInside(outer, inner) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_2___default().relative(outer, inner);
    const escapes = relative === '..' || relative.startsWith(`..${(node_path__WEBPACK_IMPORTED_MODULE_2___default().sep)}`) || node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(relative);
    return !escapes;
}
/** Bytes as a short human reading: '4.0 MiB'. */
function humanBytes(bytes) {
    const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
/** A path quoted for a POSIX shell. */
function shellQuote(text) {
    return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}


/***/ }),

/***/ 7824:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Do: () => (/* binding */ DEFAULT_PATTERN),
/* harmony export */   Hm: () => (/* binding */ matchBackupName),
/* harmony export */   dj: () => (/* binding */ PATTERN_ACCEPTED),
/* harmony export */   mc: () => (/* binding */ parseBackupPattern)
/* harmony export */ });
/* harmony import */ var _core_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1896);
/**
 * Backup file name patterns such as `*_YYYYMMDD_HHMMSS.db` (the runbook's memory_20240115_020000.db):
 * `*` is any text (never a path separator), `YYYY` `MM` `DD` the date and `HH` `MM` `SS` the time of
 * day, in UTC; the first `MM` is the month and an `MM` after `HH` the minutes; everything else is
 * literal. A name is parsed, never trusted: digits that do not make a real time (20240230, 250000)
 * are reported as such, not rolled over into another day.
 */

const DEFAULT_PATTERN = '*_YYYYMMDD_HHMMSS.db';
const PATTERN_ACCEPTED = "a file name pattern such as '*_YYYYMMDD_HHMMSS.db': '*' is any text, YYYY MM DD the date and HH MM SS the UTC time (date required)";
const TOKENS = /YYYY|MM|DD|HH|SS|\*/g;
function parseBackupPattern(text) {
    const pattern = text.trim();
    const fail = (why) => {
        throw new _core_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .ParseError */ .mB(`'${text}' ${why}; expected ${PATTERN_ACCEPTED}`);
    };
    if (/[/\\\0]/.test(pattern))
        fail('contains a path separator (give the folder in backup-dir)');
    const fields = [];
    let source = '';
    let last = 0;
    for (const match of pattern.matchAll(TOKENS)) {
        source += escapeRegex(pattern.slice(last, match.index));
        last = match.index + match[0].length;
        if (match[0] === '*') {
            source += '[^/\\\\]*';
            continue;
        }
        const field = fieldOf(match[0], fields);
        if (fields.includes(field))
            fail(`has ${match[0]} twice`);
        fields.push(field);
        source += match[0] === 'YYYY' ? '(\\d{4})' : '(\\d{2})';
    }
    source += escapeRegex(pattern.slice(last));
    for (const needed of ['year', 'month', 'day']) {
        if (!fields.includes(needed))
            fail(`has no ${needed === 'year' ? 'YYYY' : needed === 'month' ? 'MM' : 'DD'}`);
    }
    if (fields.includes('minute') && !fields.includes('hour'))
        fail('has minutes without HH');
    if (fields.includes('second') && !fields.includes('minute'))
        fail('has SS without the minutes');
    return { text: pattern, regex: new RegExp(`^${source}$`), fields };
}
/** `MM` is the month until `HH` has been seen, the minutes after. */
function fieldOf(token, seen) {
    if (token === 'YYYY')
        return 'year';
    if (token === 'DD')
        return 'day';
    if (token === 'HH')
        return 'hour';
    if (token === 'SS')
        return 'second';
    return seen.includes('hour') ? 'minute' : 'month';
}
function escapeRegex(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** The UTC time a file name carries, by the pattern. */
function matchBackupName(pattern, name) {
    const match = pattern.regex.exec(name);
    if (!match)
        return { kind: 'no-match' };
    const value = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
    pattern.fields.forEach((field, index) => (value[field] = Number(match[index + 1])));
    const time = new Date(Date.UTC(value.year, value.month - 1, value.day, value.hour, value.minute, value.second));
    // Date.UTC rolls impossible values over (Feb 30 → Mar 1, 25 h → the next day): compare back.
    const real = time.getUTCFullYear() === value.year &&
        time.getUTCMonth() === value.month - 1 &&
        time.getUTCDate() === value.day &&
        time.getUTCHours() === value.hour &&
        time.getUTCMinutes() === value.minute &&
        time.getUTCSeconds() === value.second;
    if (!real) {
        const two = (n) => String(n).padStart(2, '0');
        const shown = `${String(value.year).padStart(4, '0')}-${two(value.month)}-${two(value.day)} ${two(value.hour)}:${two(value.minute)}:${two(value.second)}`;
        return { kind: 'invalid-time', reason: `its time ${shown} is not a real UTC date and time` };
    }
    return { kind: 'time', time };
}


/***/ }),

/***/ 2046:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S5: () => (/* binding */ displayLocation),
/* harmony export */   X9: () => (/* binding */ recoverQdrant),
/* harmony export */   cV: () => (/* binding */ QDRANT_PRIORITIES),
/* harmony export */   i1: () => (/* binding */ preflightQdrant)
/* harmony export */ });
/* unused harmony export inspectCollection */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9691);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1983);
/* harmony import */ var _core_response_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(984);
/**
 * Qdrant collection recovery from a snapshot, through Qdrant's REST API:
 * - `GET /collections/{name}` first: the server answers, the key works, and the collection's state
 *   before (a missing collection is fine: recovery creates it, but only with priority `snapshot`);
 * - `PUT /collections/{name}/snapshots/recover?wait=true` with `{location, priority, checksum}`:
 *   Qdrant fetches the snapshot itself (a URL, or a file:// path on the Qdrant server), checks the
 *   checksum, and replaces the collection's data. It is a mutating call: never retried after it may
 *   have reached the server (the core HttpClient's rule), with a timeout of its own;
 * - `GET /collections/{name}` again: the collection answers, with its status and point count.
 * Answers are `{"result": ..., "status": "ok", "time": ...}`; errors `{"status": {"error": "..."}}`.
 */




const QDRANT_PRIORITIES = ['snapshot', 'replica', 'no_sync'];
const collectionAnswer = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    result: zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
        status: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(),
        points_count: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().nullish(),
        segments_count: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().nullish(),
    }),
});
const recoverAnswer = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({ result: zod__WEBPACK_IMPORTED_MODULE_3__/* .unknown */ .L5J() });
/** `https://bucket.s3.../snap.snapshot?X-Amz-Signature=...` → `https://bucket.s3.../snap.snapshot?…`. */
function displayLocation(location) {
    if (location.protocol === 'file:')
        return location.href;
    return `${location.origin}${location.pathname}${location.search ? '?…' : ''}`;
}
function endpoint(config, suffix) {
    const base = config.url.href.endsWith('/') ? config.url.href : `${config.url.href}/`;
    return new URL(`collections/${encodeURIComponent(config.collection)}${suffix}`, base);
}
function headers(config) {
    return config.apiKey ? { 'api-key': config.apiKey } : {};
}
/** The collection's state, or 'missing'. Throws a ProviderError when Qdrant cannot be asked. */
async function inspectCollection(config, deps) {
    const purpose = `read Qdrant collection '${config.collection}'`;
    const response = await deps.http.send({ url: endpoint(config, ''), headers: headers(config), purpose });
    if (response.status === 404)
        return 'missing';
    expectQdrantOk(response, purpose, deps.secrets);
    const answer = (0,_core_http_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJson */ .qF)(response, purpose, deps.secrets);
    const info = (0,_core_response_js__WEBPACK_IMPORTED_MODULE_2__/* .parseResponse */ .x)(collectionAnswer, answer, `Qdrant collection answer`, deps.secrets).result;
    return {
        status: info.status,
        points: info.points_count ?? undefined,
        segments: info.segments_count ?? undefined,
    };
}
/**
 * Checks, without changing anything, that the recovery can be asked for: Qdrant answers, the key is
 * accepted, and a missing collection comes with priority `snapshot`. Returns the collection's state.
 */
async function preflightQdrant(config, deps) {
    const before = await inspectCollection(config, deps);
    if (before === 'missing' && config.priority !== 'snapshot') {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProviderError */ .mZ(`Qdrant collection '${config.collection}' does not exist yet, and a new collection can only be recovered with priority snapshot`, { retryable: false, hint: 'Set qdrant-priority: snapshot (the default)' });
    }
    return before;
}
/** Recovers the collection (or, in a dry run, says what it would do). Never throws. */
async function recoverQdrant(config, deps, known) {
    const started = deps.clock.now();
    const result = {
        status: 'failed',
        collection: config.collection,
        snapshot: displayLocation(config.snapshot),
        priority: config.priority,
        durationMs: 0,
    };
    const finish = (status, failure) => {
        result.status = status;
        if (failure)
            result.failure = failure;
        result.durationMs = deps.clock.now() - started;
        return result;
    };
    try {
        result.before = known ?? (await preflightQdrant(config, deps));
        if (config.dryRun) {
            deps.log.info(`restore-db: dry run: would recover Qdrant collection '${config.collection}' from ${result.snapshot}; nothing was changed`);
            return finish('planned');
        }
        const purpose = `recover Qdrant collection '${config.collection}' from its snapshot`;
        deps.log.info(`restore-db: ${purpose} (${result.snapshot}, priority ${config.priority})`);
        const response = await deps.http.send({
            method: 'PUT',
            url: endpoint(config, '/snapshots/recover?wait=true'),
            headers: headers(config),
            body: {
                location: config.snapshot.href,
                priority: config.priority,
                ...(config.checksum ? { checksum: config.checksum } : {}),
            },
            purpose,
            policy: { timeoutMs: config.timeoutMs },
        });
        expectQdrantOk(response, purpose, deps.secrets);
        const answer = recoverAnswer.safeParse((0,_core_http_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJson */ .qF)(response, purpose, deps.secrets));
        if (!answer.success || answer.data.result === false) {
            return finish('failed', `${purpose}: Qdrant did not confirm the recovery (answer: ${excerpt(response.text)}). Check the collection in Qdrant before running again`);
        }
        const after = await inspectCollection(config, deps);
        if (after === 'missing') {
            return finish('failed', `Qdrant collection '${config.collection}' is missing after the recovery. Check the Qdrant logs`);
        }
        result.after = after;
        if (after.status === 'red') {
            return finish('failed', `Qdrant collection '${config.collection}' is red after the recovery (some operations failed). Check the Qdrant logs`);
        }
        deps.log.info(`restore-db: Qdrant collection '${config.collection}' recovered: ${after.status}, ${after.points ?? 'unknown'} points`);
        return finish('recovered');
    }
    catch (error) {
        return finish('failed', (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeThrown */ .YI)(error));
    }
}
/** Like the core expectOk, with Qdrant's own error text and hints that name this action's inputs. */
function expectQdrantOk(response, purpose, secrets) {
    if (response.status >= 200 && response.status < 300)
        return;
    let detail = excerpt(response.text);
    try {
        const error = JSON.parse(response.text).status?.error;
        if (typeof error === 'string')
            detail = error;
    }
    catch {
        // not JSON: keep the excerpt
    }
    const message = `${purpose} failed: HTTP ${response.status}${detail ? `: ${detail}` : ''}`;
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProviderError */ .mZ(secrets?.redact(message) ?? message, {
        status: response.status,
        retryable: response.status >= 500 || response.status === 429,
        hint: qdrantHint(response.status),
    });
}
function qdrantHint(status) {
    if (status === 401 || status === 403)
        return 'Qdrant refused the key: check qdrant-api-key';
    if (status === 404)
        return 'Check qdrant-url and qdrant-collection';
    if (status === 400 || status === 422)
        return 'Check qdrant-snapshot (the Qdrant server itself must be able to read it), qdrant-checksum and qdrant-priority';
    if (status >= 500)
        return 'Qdrant had an error: check its logs, and the collection, before running again';
    return undefined;
}
function excerpt(text) {
    return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}


/***/ }),

/***/ 4042:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j2: () => (/* binding */ dataRestoreSummary)
/* harmony export */ });
/* unused harmony exports restoreSummary, qdrantSummary */
/* harmony import */ var _core_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1896);
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1363);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3409);
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4069);
/**
 * The step summary of a data restore: which backup, its time and age, every check and what it found,
 * the sizes, where the replaced database was kept and the exact command that undoes the restore;
 * then the Qdrant recovery. File names, paths and provider messages are outside text: escaped.
 */




const APP_STOPPED_NOTE = 'The app must be stopped while its database is restored (the runbook\'s "Stop Application" step): an app that keeps the file open goes on reading and writing the replaced database, and what it writes is lost to the restored one. Start it again after this step.';
function dataRestoreSummary(result, now) {
    const verdict = result.status === 'restored'
        ? (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .verdictLine */ .MT)(true, 'restored')
        : result.status === 'planned'
            ? (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .verdictLine */ .MT)('neutral', 'planned', 'dry run: nothing was changed')
            : (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .verdictLine */ .MT)(false, 'failed', result.failure);
    return (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .sections */ .V0)((0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .heading */ .R_)(2, 'rollback-guard · restore-db'), verdict, result.sqlite && restoreSummary(result.sqlite, now), result.qdrant && qdrantSummary(result.qdrant));
}
/** The SQLite part (a level-3 section), for the action's summary and the guard's. */
function restoreSummary(result, now) {
    const backup = result.backup;
    const verification = result.verification;
    const line = result.status === 'restored'
        ? (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .verdictLine */ .MT)(true, 'restored', backup ? `${backup.name} → ${result.database}` : undefined)
        : result.status === 'planned'
            ? (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .verdictLine */ .MT)('neutral', 'planned', `would restore ${backup?.name} over ${result.database}; nothing was changed`)
            : (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .verdictLine */ .MT)(false, 'failed', result.failure);
    const rows = [['Live database', (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(result.database)]];
    if (result.live)
        rows.push(['Before', describeLive(result.live)]);
    if (backup) {
        rows.push(['Backup', (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(backup.path)]);
        rows.push([
            'Backup time',
            `${(0,_time_js__WEBPACK_IMPORTED_MODULE_2__/* .isoSeconds */ .n)(backup.time)} (${(0,_time_js__WEBPACK_IMPORTED_MODULE_2__/* .humanAge */ .D)(now - backup.time.getTime())} old${backup.timeSource === 'modified' ? ', from the file modification time' : ''})`,
        ]);
    }
    if (verification?.header) {
        rows.push([
            'Size',
            `${(0,_files_js__WEBPACK_IMPORTED_MODULE_1__/* .humanBytes */ .p6)(verification.sizeBytes)} (${verification.header.pageCount} pages of ${verification.header.pageSize} bytes)`,
        ]);
    }
    else if (verification) {
        rows.push(['Size', (0,_files_js__WEBPACK_IMPORTED_MODULE_1__/* .humanBytes */ .p6)(verification.sizeBytes)]);
    }
    if (verification?.sha256)
        rows.push(['sha256', (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(verification.sha256)]);
    if (result.preRestore) {
        rows.push([
            'Replaced database kept as',
            (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .raw */ .lS)(`${(0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(result.preRestore.path).text} (${(0,_files_js__WEBPACK_IMPORTED_MODULE_1__/* .humanBytes */ .p6)(result.preRestore.sizeBytes)}, ${result.preRestore.method === 'hard-link' ? 'hard link' : 'copy'})`),
        ]);
    }
    else if (result.wouldKeepAs) {
        rows.push(['Would keep the live database as', (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(result.wouldKeepAs)]);
    }
    else if (result.swapped && result.live?.exists) {
        rows.push(['Replaced database', 'not kept (keep-pre-restore: false)']);
    }
    rows.push(['Duration', (0,_core_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .humanDuration */ .UU)(result.durationMs)]);
    const undo = result.undo
        ? [
            `**Undo** (with the app stopped): run this step again with ${(0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(`backup: ${result.preRestore?.path ?? ''}`).text}, which verifies it and keeps the current database too, or run on the host:`,
            (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(result.undo).text,
        ].join('\n\n')
        : undefined;
    return (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .sections */ .V0)((0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .heading */ .R_)(3, 'SQLite'), line, (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .table */ .tp)(['SQLite restore', ''], rows), checksList(result), undo, result.status !== 'failed' || result.swapped ? `⚠️ ${APP_STOPPED_NOTE}` : undefined, result.warnings.length ? `**Warnings**\n\n${(0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .bulletList */ .fF)(result.warnings)}` : undefined, result.catalog?.folder ? catalogDetails(result) : undefined);
}
function checksList(result) {
    const items = [];
    const add = (prefix, checks) => {
        for (const check of checks)
            items.push({ label: `${prefix} ${check.name}: ${check.detail}`, done: check.ok });
    };
    if (result.verification)
        add('Backup', result.verification.checks);
    if (result.swap) {
        items.push({ label: 'Copy: fsynced, sha256 equal to the verified backup', done: true });
        const settled = result.swap.settlement;
        if (settled.kind !== 'not-needed') {
            items.push({
                label: `Replaced database: ${settled.kind === 'unreadable' ? `SQLite cannot read it (${settled.detail}); kept as it was` : settled.detail}`,
                done: settled.kind === 'settled',
            });
        }
        if (result.swap.removedJournals.length) {
            items.push({
                label: `Old journals removed before the swap: ${result.swap.removedJournals.map((f) => f.slice(result.database.length)).join(', ')}`,
                done: true,
            });
        }
    }
    // The restored file's size and header are the backup's; its integrity and sha256 are what matter.
    if (result.after)
        add('Restored', result.after.checks.filter((c) => !c.ok || !['file', 'header'].includes(c.name)));
    return items.length ? `**Checks**\n\n${(0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .checklist */ .D4)(items)}` : undefined;
}
function catalogDetails(result) {
    const catalog = result.catalog;
    if (!catalog)
        return '';
    const rows = [];
    for (const candidate of catalog.candidates) {
        const chosen = candidate === result.backup;
        const verdict = !chosen
            ? 'older'
            : result.verification && !result.verification.ok
                ? `rejected: ${result.verification.reason}`
                : result.status === 'planned'
                    ? 'would be restored'
                    : result.swapped
                        ? 'restored'
                        : 'chosen';
        rows.push([candidate.name, (0,_time_js__WEBPACK_IMPORTED_MODULE_2__/* .isoSeconds */ .n)(candidate.time), verdict]);
    }
    for (const later of catalog.notBefore)
        rows.push([later.name, (0,_time_js__WEBPACK_IMPORTED_MODULE_2__/* .isoSeconds */ .n)(later.time), 'not older than before']);
    for (const skipped of catalog.skipped)
        rows.push([skipped.name, '', `skipped: ${skipped.reason}`]);
    const body = [
        (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .table */ .tp)(['Backup', 'Time (UTC)', 'Verdict'], rows),
        catalog.ignored.length
            ? `Not matching the pattern (ignored): ${catalog.ignored.map((name) => (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(name).text).join(', ')}`
            : '',
    ]
        .filter(Boolean)
        .join('\n\n');
    return (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .details */ .zH)(`Backups in ${catalog.folder} (${catalog.candidates.length + catalog.notBefore.length} found)`, body);
}
function describeLive(live) {
    if (!live.exists)
        return 'no database at this path';
    const journals = live.journals
        .filter((j) => j.sizeBytes > 0 || j.suffix === '-shm')
        .map((j) => `${j.suffix} ${(0,_files_js__WEBPACK_IMPORTED_MODULE_1__/* .humanBytes */ .p6)(j.sizeBytes)}`);
    return `${(0,_files_js__WEBPACK_IMPORTED_MODULE_1__/* .humanBytes */ .p6)(live.sizeBytes ?? 0)}${journals.length ? `, with ${journals.join(', ')}` : ''}`;
}
/** The Qdrant part (a level-3 section). */
function qdrantSummary(result) {
    const line = result.status === 'recovered'
        ? (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .verdictLine */ .MT)(true, 'recovered', `collection ${result.collection}`)
        : result.status === 'planned'
            ? (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .verdictLine */ .MT)('neutral', 'planned', `would recover collection ${result.collection}; nothing was changed`)
            : result.status === 'skipped'
                ? (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .verdictLine */ .MT)('neutral', 'skipped', result.failure)
                : (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .verdictLine */ .MT)(false, 'failed', result.failure);
    const state = (value) => value === undefined
        ? undefined
        : value === 'missing'
            ? 'does not exist'
            : `${value.status}, ${value.points ?? 'unknown'} points`;
    return (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .sections */ .V0)((0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .heading */ .R_)(3, 'Qdrant'), line, (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .table */ .tp)(['Qdrant recovery', ''], [
        ['Collection', (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(result.collection)],
        ['Snapshot', (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(result.snapshot)],
        ['Priority', result.priority],
        ['Before', state(result.before)],
        ['After', state(result.after)],
        ['Duration', (0,_core_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .humanDuration */ .UU)(result.durationMs)],
    ]));
}


/***/ }),

/***/ 4069:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ humanAge),
/* harmony export */   n: () => (/* binding */ isoSeconds)
/* harmony export */ });
/* harmony import */ var _core_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1896);
/** Times as the restore shows them. */

/** ISO 8601 to the second: '2024-01-15T02:00:00Z'. */
function isoSeconds(date) {
    return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
/** How old something is, readable at any scale: '42 s', '3 h 5 min', '12 days'. */
function humanAge(ms) {
    if (ms < 0)
        return `${humanAge(-ms)} in the future`;
    if (ms < 3_600_000)
        return (0,_core_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .humanDuration */ .UU)(ms);
    const hours = Math.floor(ms / 3_600_000);
    if (hours < 48) {
        const minutes = Math.floor((ms % 3_600_000) / 60_000);
        return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
    }
    return `${Math.floor(hours / 24)} days`;
}


/***/ })

};
