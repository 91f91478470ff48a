export const id = 355;
export const ids = [355];
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

/***/ 4296:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Wi: () => (/* binding */ unexpectedErrorStack),
/* harmony export */   YI: () => (/* binding */ describeThrown),
/* harmony export */   j1: () => (/* binding */ ConfigurationError),
/* harmony export */   mZ: () => (/* binding */ ProviderError),
/* harmony export */   oh: () => (/* binding */ failureMessage)
/* harmony export */ });
/**
 * Error kinds. A configuration error is the user's: it is reported before any side effect, with
 * every bad input at once. A provider error is the provider's or the network's: it carries the HTTP
 * status, whether a retry could help, and a message from which the error itself removed the secrets
 * (provider answers may echo a token back), so no code that builds one redacts by hand.
 */
class ConfigurationError extends Error {
    problems;
    constructor(problems) {
        super(problems.map((p) => `input '${p.input}': ${p.message}`).join('; '));
        this.name = 'ConfigurationError';
        this.problems = problems;
    }
    static single(input, message) {
        return new ConfigurationError([{ input, message }]);
    }
}
class ProviderError extends Error {
    status;
    retryable;
    hint;
    constructor(message, details) {
        const redact = (text) => details.secrets?.redact(text) ?? text;
        const hint = details.hint === undefined ? undefined : redact(details.hint);
        super(redact(hint ? `${message}. ${hint}` : message));
        this.name = 'ProviderError';
        this.status = details.status;
        this.retryable = details.retryable;
        this.hint = hint;
    }
}
/** Any thrown value as text: Errors give their message, anything else is stringified. */
function describeThrown(thrown) {
    if (thrown instanceof Error)
        return thrown.message || thrown.name;
    // An Error from another realm (a vm context, a test sandbox) fails instanceof but is one.
    if (isErrorLike(thrown))
        return thrown.message || thrown.name || 'Error';
    if (typeof thrown === 'string')
        return thrown;
    try {
        return JSON.stringify(thrown) ?? String(thrown);
    }
    catch {
        return String(thrown);
    }
}
function isErrorLike(value) {
    return (typeof value === 'object' &&
        value !== null &&
        typeof value.message === 'string' &&
        Object.prototype.toString.call(value) === '[object Error]');
}
/** A failure message for the log: it starts with the action's name. */
function failureMessage(action, thrown) {
    const text = describeThrown(thrown);
    return text.startsWith(`${action}:`) ? text : `${action}: ${text}`;
}
/**
 * The stack of an error no code expected (a bug, not a provider's or the user's error), for a debug
 * log line; undefined for the errors whose message says everything.
 */
function unexpectedErrorStack(thrown) {
    if (thrown instanceof ProviderError || thrown instanceof ConfigurationError)
        return undefined;
    if (thrown instanceof Error || isErrorLike(thrown)) {
        const stack = thrown.stack;
        return typeof stack === 'string' && stack !== '' ? stack : undefined;
    }
    return undefined;
}


/***/ }),

/***/ 3835:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aT: () => (/* binding */ expectOk),
/* harmony export */   bw: () => (/* binding */ bodyField),
/* harmony export */   qF: () => (/* binding */ parseJson)
/* harmony export */ });
/* unused harmony exports excerpt, statusHint, httpFailure */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/**
 * One path from a provider's HTTP answer to a ProviderError. A status outside 2xx is a failure that
 * says what the request was for, the status, the provider's own words (or a short excerpt of the
 * body) and what to do next; whether a retry could help follows from the status. An answer that
 * should be JSON and is not says so. Each provider brings only how it words errors (an `ErrorStyle`:
 * where its message is in an error body, hints of its own); secrets are removed by the error itself.
 */

/** How much of an answer a failure message quotes. */
const EXCERPT_LENGTH = 300;
const NOT_JSON_EXCERPT_LENGTH = 120;
/** An `ErrorStyle.reason` that reads one text field of the error body: `{"message": "..."}`. */
function bodyField(name) {
    return (body) => {
        const value = body && typeof body === 'object' ? body[name] : undefined;
        return typeof value === 'string' ? value : undefined;
    };
}
/** Text from outside on one line, and short. */
function excerpt(text, length = EXCERPT_LENGTH) {
    return text.replace(/\s+/g, ' ').trim().slice(0, length);
}
/** What to do next, by status. */
function statusHint(status) {
    if (status === 401)
        return 'The token was refused: check that it is set, not expired, and of the right kind';
    if (status === 403)
        return 'The token has no access to this resource: check its scope or team';
    if (status === 404)
        return 'Not found: check the service, app or deployment id';
    if (status >= 500)
        return 'The provider had an error: check its status page and run again';
    return undefined;
}
/** The ProviderError for an answer whose status is outside 2xx. */
function httpFailure(response, purpose, secrets, style = {}) {
    const said = excerpt((style.reason && readReason(response.text, style.reason)) || response.text);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProviderError */ .mZ(`${purpose} failed: HTTP ${response.status}${said ? `: ${said}` : ''}`, {
        status: response.status,
        retryable: response.status >= 500 || response.status === 429,
        hint: style.hint?.(response.status, said) ?? statusHint(response.status),
        secrets,
    });
}
/** Throws the ProviderError of `httpFailure` for any status outside 2xx. */
function expectOk(response, purpose, secrets, style) {
    if (response.status >= 200 && response.status < 300)
        return;
    throw httpFailure(response, purpose, secrets, style);
}
/** The answer parsed as JSON; otherwise a ProviderError that quotes what came instead. */
function parseJson(response, purpose, secrets) {
    try {
        return JSON.parse(response.text);
    }
    catch {
        const quoted = excerpt(response.text, NOT_JSON_EXCERPT_LENGTH);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProviderError */ .mZ(`${purpose}: the answer is not JSON (HTTP ${response.status}: ${quoted})`, {
            status: response.status,
            retryable: false,
            hint: 'Check that the API URL points at the provider API, not at a web page or proxy',
            secrets,
        });
    }
}
function readReason(text, reason) {
    try {
        return reason(JSON.parse(text));
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 7630:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ readInputsAs)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9114);
/**
 * One action's inputs read from another's: the guard hands its `service` to rollback-railway's
 * `service-id`, a volume action hands its `token` to rollback-fly's `api-token`. The spec's own
 * parsing and checks run unchanged, and every problem comes back under the caller's name for the
 * input, so a user is told about the input they actually gave.
 */


/**
 * Reads `spec` from `given` (raw text by the caller's input names). `names` maps a caller's name to
 * the spec's name for the same input; `fixed` sets spec inputs the caller has no input for.
 */
function readInputsAs(spec, given, names, fixed = {}) {
    const raw = { ...fixed };
    const callerName = {};
    for (const [caller, own] of Object.entries(names)) {
        raw[own] = given[caller];
        callerName[own] = caller;
    }
    try {
        return { values: (0,_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .readInputs */ .Ko)(spec, raw), problems: [] };
    }
    catch (error) {
        if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1))
            throw error;
        const problems = error.problems.map((problem) => ({
            ...problem,
            input: callerName[problem.input] ?? problem.input,
        }));
        return { problems };
    }
}


/***/ }),

/***/ 9114:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ko: () => (/* binding */ readInputs),
/* harmony export */   dg: () => (/* binding */ registerSecrets),
/* harmony export */   hF: () => (/* binding */ input),
/* harmony export */   pf: () => (/* binding */ defineInputs)
/* harmony export */ });
/* unused harmony exports InputField, rawInputsFromEnv */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9691);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8532);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1896);
/* harmony import */ var _urls_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1221);
/**
 * Action inputs, declared once per action. Each input is a zod schema from the raw text the runner
 * (or the CLI) passes to a typed value, plus what the reader needs around it: the default text
 * (the same text as `default:` in action.yml, parsed the same way), whether it is required, whether
 * it is a secret, and a sentence saying what is accepted.
 *
 * `readInputs` validates every input at once and throws a single ConfigurationError listing every
 * bad input, before the action has done anything.
 */




/**
 * One declared input: how to parse it, and its metadata. `T` is the parsed type; `P` says whether a
 * value is always there at run time (`required()` or `default()`) or may be missing.
 */
class InputField {
    schema;
    accepted;
    options;
    secretsIn;
    constructor(
    /** Parses non-empty raw text. */
    schema, 
    /** What is accepted, for error messages and help. */
    accepted, options = { required: false, secret: false }, 
    /** Secret values inside the raw text (for header lists, each value). */
    secretsIn = (raw) => [raw]) {
        this.schema = schema;
        this.accepted = accepted;
        this.options = options;
        this.secretsIn = secretsIn;
    }
    /** The input must be given (and has no default). */
    required() {
        return new InputField(this.schema, this.accepted, { ...this.options, required: true }, this.secretsIn);
    }
    /** The text used when the input is not given; it is parsed like any given text. */
    default(text) {
        return new InputField(this.schema, this.accepted, { ...this.options, defaultText: text }, this.secretsIn);
    }
    /** The value is masked in logs and redacted from everything written. */
    secret() {
        return new InputField(this.schema, this.accepted, { ...this.options, secret: true }, this.secretsIn);
    }
}
/** Raw text → value, or a ParseError message; shared by the field builders below. */
function parsed(parse) {
    return zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().transform((text, ctx) => {
        try {
            return parse(text);
        }
        catch (error) {
            ctx.addIssue({
                code: 'custom',
                message: error instanceof Error ? error.message : String(error),
                params: { repeatsInput: !(error instanceof _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB && !error.repeatsInput) },
            });
            return zod__WEBPACK_IMPORTED_MODULE_4__/* .NEVER */ .tm;
        }
    });
}
function enumAccepted(values) {
    return `one of ${values.join(', ')}`;
}
/** The field builders. Every input of every action is one of these. */
const input = {
    string: () => new InputField(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), 'any text'),
    enum: (values) => new InputField(parsed((text) => {
        const lower = text.trim().toLowerCase();
        const found = values.find((v) => v === lower);
        if (!found)
            throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`'${text}' is not ${enumAccepted(values)}`);
        return found;
    }), enumAccepted(values)),
    boolean: () => new InputField(parsed(_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBoolean */ .yG), _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .BOOLEAN_ACCEPTED */ .PJ),
    /** Milliseconds. */
    duration: (limits = {}) => {
        const range = rangeText(limits, (ms) => `${ms}ms`);
        return new InputField(parsed((text) => {
            const ms = (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E9)(text);
            checkRange(text, ms, limits, (v) => `${v}ms`);
            return ms;
        }), _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .DURATION_ACCEPTED */ .Vj + range);
    },
    /** A fraction between 0 and 1. */
    rate: () => new InputField(parsed(_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseRate */ .WN), _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .RATE_ACCEPTED */ .hQ),
    statusList: () => new InputField(parsed(_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseStatusList */ .AQ), _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .STATUS_LIST_ACCEPTED */ .yu),
    integer: (limits = {}) => {
        const accepted = `a whole number${rangeText(limits, String)}`;
        return new InputField(parsed((text) => {
            if (!/^-?\d+$/.test(text.trim()))
                throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`'${text}' is not ${accepted}`);
            const value = Number(text.trim());
            checkRange(text, value, limits, String);
            return value;
        }), accepted);
    },
    /** One or more http(s) URLs, one per line. */
    urls: () => new InputField(parsed((text) => {
        const urls = (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseList */ .E1)(text, /\n/);
        if (urls.length === 0)
            throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB('no URL given');
        return urls.map(_urls_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHttpUrl */ .f$);
    }), 'one or more http(s) URLs, one per line, without a user name or password'),
    url: () => new InputField(parsed(_urls_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHttpUrl */ .f$), `${_urls_js__WEBPACK_IMPORTED_MODULE_2__/* .HTTP_URL_ACCEPTED */ .n9}, without a user name or password`),
    /** Comma- or newline-separated names. */
    list: () => new InputField(parsed((text) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseList */ .E1)(text)), 'names separated by commas or new lines'),
    /** 'Name: value' lines; every value is a secret. */
    headers: () => new InputField(parsed(_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseHeaders */ .QG), _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .HEADERS_ACCEPTED */ .dP, { required: false, secret: true }, (raw) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseList */ .E1)(raw, /\n/)
        .map((line) => line.slice(line.indexOf(':') + 1).trim())
        .filter((value) => value !== '')),
    /** An ISO 8601 time, as a Date. */
    time: () => new InputField(parsed((text) => {
        const trimmed = text.trim();
        const date = new Date(trimmed);
        if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed) || Number.isNaN(date.getTime())) {
            throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`'${text}' is not an ISO 8601 time such as '2024-01-15T02:00:00Z'`);
        }
        return date;
    }), "an ISO 8601 time such as '2024-01-15T02:00:00Z'"),
    /** Anything else: a parse function that throws ParseError, and what it accepts. */
    custom: (parse, accepted) => new InputField(parsed(parse), accepted),
};
function rangeText(limits, show) {
    if (limits.min !== undefined && limits.max !== undefined)
        return ` from ${show(limits.min)} to ${show(limits.max)}`;
    if (limits.min !== undefined)
        return ` of at least ${show(limits.min)}`;
    if (limits.max !== undefined)
        return ` of at most ${show(limits.max)}`;
    return '';
}
function checkRange(text, value, limits, show) {
    if ((limits.min !== undefined && value < limits.min) || (limits.max !== undefined && value > limits.max)) {
        throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`'${text}' is out of range; expected a value${rangeText(limits, show)}`);
    }
}
function defineInputs(fields, crossCheck, partialCheck) {
    return { fields, crossCheck, partialCheck };
}
/** The raw inputs the GitHub runner passes: `INPUT_<NAME>` with the name upper-cased. */
function rawInputsFromEnv(spec, env) {
    const raw = {};
    for (const name of Object.keys(spec.fields)) {
        raw[name] = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
    }
    return raw;
}
/**
 * Registers every secret input's value (before anything else may log it), and the credentials of
 * any URL in any input: such a URL is refused, but the error must not be what prints them.
 */
function registerSecrets(spec, raw, secrets) {
    for (const [name, field] of Object.entries(spec.fields)) {
        const text = raw[name]?.trim();
        if (!text)
            continue;
        for (const credential of (0,_urls_js__WEBPACK_IMPORTED_MODULE_2__/* .urlCredentialsIn */ .lx)(text))
            secrets.add(credential);
        if (!field.options.secret)
            continue;
        const parts = field.secretsIn(text);
        // A list of secrets (headers) is redacted whole, and each part down to its pieces.
        const isList = parts.length !== 1 || parts[0] !== text;
        secrets.add(text, { pieces: !isList });
        for (const value of parts)
            secrets.add(value);
    }
}
/**
 * Validates all inputs at once. Returns the typed values, or throws a ConfigurationError with one
 * problem per bad input. Secret inputs are never echoed in a problem.
 */
function readInputs(spec, raw) {
    const problems = [];
    const values = {};
    for (const [name, field] of Object.entries(spec.fields)) {
        const given = raw[name]?.trim() ? raw[name].trim() : undefined;
        const text = given ?? field.options.defaultText;
        if (text === undefined) {
            if (field.options.required)
                problems.push({ input: name, message: `is required; expected ${field.accepted}` });
            values[name] = undefined;
            continue;
        }
        const result = field.schema.safeParse(text);
        if (result.success) {
            values[name] = result.data;
        }
        else {
            const issues = result.error.issues;
            // A secret input's problem is shown only when its message cannot hold the secret.
            const shown = field.options.secret
                ? issues.filter((issue) => issue.code === 'custom' && issue.params?.repeatsInput === false)
                : issues;
            const detail = shown.length > 0
                ? shown.map((issue) => issue.message).join('; ')
                : `is not valid; expected ${field.accepted}`;
            problems.push({ input: name, message: detail });
        }
    }
    if (spec.partialCheck) {
        const invalid = new Set(problems.map((problem) => problem.input));
        problems.push(...spec.partialCheck(values, invalid));
    }
    if (problems.length === 0 && spec.crossCheck) {
        problems.push(...spec.crossCheck(values));
    }
    if (problems.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(problems);
    return values;
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
/* harmony export */   b2: () => (/* binding */ headerProblem),
/* harmony export */   dP: () => (/* binding */ HEADERS_ACCEPTED),
/* harmony export */   hQ: () => (/* binding */ RATE_ACCEPTED),
/* harmony export */   mB: () => (/* binding */ ParseError),
/* harmony export */   so: () => (/* binding */ listText),
/* harmony export */   yG: () => (/* binding */ parseBoolean),
/* harmony export */   yu: () => (/* binding */ STATUS_LIST_ACCEPTED)
/* harmony export */ });
/* unused harmony export StatusList */
/**
 * Parsers for the value formats every action accepts (the README's input tables). Each throws a
 * ParseError whose message says what is accepted; the input reader turns it into a configuration
 * error naming the input.
 */
class ParseError extends Error {
    repeatsInput;
    constructor(message, 
    /** False when the message never repeats the input text, so it may be shown for a secret input. */
    repeatsInput = true) {
        super(message);
        this.repeatsInput = repeatsInput;
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
/** Names for a sentence: 'a, b or c' (`conjunction` 'and' for 'a, b and c'). */
function listText(items, conjunction) {
    if (items.length <= 1)
        return items.join('');
    return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
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
const HEADERS_ACCEPTED = "one 'Name: value' per line (a name of letters, digits and !#$%&'*+.^_`|~-; a value of printable characters)";
/** RFC 9110 (was 7230) token: what a header name is made of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/**
 * What is wrong with a header, or undefined. A name is an RFC 9110 token. A value is what HTTP allows (printable characters,
 * spaces and tabs; RFC 9110 field-value) and what fetch can send (no character above U+00FF): a
 * header that can never be sent would fail every probe, and a healthy service would look down.
 * The value is never repeated: it may be a secret.
 */
function headerProblem(name, value) {
    if (!HEADER_NAME.test(name)) {
        return `a header name has a character a name cannot have (letters, digits and !#$%&'*+.^_\`|~- only)`;
    }
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    const control = /[\u0000-\u0008\u000a-\u001f\u007f]/.exec(value);
    if (control) {
        const what = control[0] === '\r'
            ? 'a carriage return (CR)'
            : control[0] === '\n'
                ? 'a line feed (LF)'
                : control[0] === '\0'
                    ? 'a NUL character'
                    : `a control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
        return `the value of '${name}' holds ${what}, which HTTP does not allow in a header`;
    }
    // eslint-disable-next-line no-control-regex -- the range starts at U+0000 to name all of Latin-1
    if (/[^\u0000-\u00ff]/.test(value)) {
        return `the value of '${name}' holds a character above U+00FF, which an HTTP header cannot carry (percent-encode it)`;
    }
    return undefined;
}
/** 'Name: value' lines to a header map. */
function parseHeaders(text) {
    const headers = {};
    const problems = [];
    for (const line of parseList(text, /\n/)) {
        const colon = line.indexOf(':');
        if (colon <= 0) {
            // Never echo the line: its value may be a secret.
            problems.push('a line has no name before a colon');
            continue;
        }
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        const problem = headerProblem(name, value);
        if (problem)
            problems.push(problem);
        else
            headers[name] = value;
    }
    if (problems.length > 0)
        throw new ParseError(`${problems.join('; ')}; expected ${HEADERS_ACCEPTED}`, false);
    return headers;
}


/***/ }),

/***/ 984:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ formatIssuePath),
/* harmony export */   x: () => (/* binding */ parseResponse)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);

/** How many mismatches a message lists before "and N more". */
const MAX_LISTED = 3;
/** `[0].deploy.status` for the path [0, 'deploy', 'status']. */
function formatIssuePath(path) {
    let text = '';
    for (const key of path) {
        if (typeof key === 'number')
            text += `[${key}]`;
        else
            text += text === '' ? String(key) : `.${String(key)}`;
    }
    return text || '(the whole response)';
}
/**
 * The value, parsed by the schema; otherwise a ProviderError naming each field that did not match.
 * `at` is where the value sits in the whole answer (['data'] inside a GraphQL envelope), for names.
 */
function parseResponse(schema, value, what, secrets, at = []) {
    const result = schema.safeParse(value);
    if (result.success)
        return result.data;
    const issues = result.error.issues;
    const listed = issues
        .slice(0, MAX_LISTED)
        .map((issue) => `${formatIssuePath([...at, ...issue.path])}: ${issue.message.replace(/^Invalid input: /, '')}`);
    const more = issues.length > MAX_LISTED ? `; and ${issues.length - MAX_LISTED} more` : '';
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProviderError */ .mZ(`${what}: ${listed.join('; ')}${more}`, {
        retryable: false,
        hint: 'The API answered in a shape this version does not understand: check that the API URL points at the provider, and report it if it does',
        secrets,
    });
}


/***/ }),

/***/ 1363:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D4: () => (/* binding */ checklist),
/* harmony export */   DV: () => (/* binding */ codeBlock),
/* harmony export */   MT: () => (/* binding */ verdictLine),
/* harmony export */   R_: () => (/* binding */ heading),
/* harmony export */   V0: () => (/* binding */ sections),
/* harmony export */   _b: () => (/* binding */ mermaidLabel),
/* harmony export */   a4: () => (/* binding */ mermaid),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   fF: () => (/* binding */ bulletList),
/* harmony export */   lS: () => (/* binding */ raw),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
/* unused harmony exports Markdown, escapeMarkdown, cell, escapeHtml */
/**
 * Step summary building blocks. Anything that came from outside (a provider's message, a URL, a
 * response body, a file name) is escaped, so it can neither break the Markdown nor inject HTML or
 * mentions. Text we wrote ourselves is marked with `raw()`.
 */
/** Trusted Markdown that must not be escaped. */
class Markdown {
    text;
    constructor(text) {
        this.text = text;
    }
    toString() {
        return this.text;
    }
}
const raw = (text) => new Markdown(text);
/**
 * Escapes text for inline Markdown: the characters that start emphasis, code, links, HTML, tables,
 * headings or mentions are backslash-escaped, '&' becomes an entity, and line breaks are folded.
 * Bare URLs (`https://...`, `www.`, `mailto:`) would become links through GitHub's autolinks: the
 * character that makes them one is escaped, so they render as the same text, not as a link.
 */
function escapeMarkdown(text) {
    return text
        .replace(/[\r\n\u2028\u2029]+/g, ' ')
        .replace(/[\\`*_[\]<>|~#!@]/g, (ch) => `\\${ch}`)
        .replace(/:\/\//g, '\\://')
        .replace(/\b(www)\./gi, '$1\\.')
        .replace(/\b(mailto|xmpp):/gi, '$1\\:')
        .replace(/&/g, '&amp;')
        .replace(/^([-+=])/, '\\$1')
        .replace(/^(\d+)([.)])/, '$1\\$2');
}
/**
 * A link whose target is checked: an http(s) URL (percent-encoded, inside `<>` so no character of
 * it ends the link), or no link at all, only the text.
 */
function link(text, url) {
    const target = url && URL.canParse(url) ? new URL(url) : undefined;
    if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:'))
        return raw(escapeMarkdown(text));
    return raw(`[${escapeMarkdown(text)}](<${target.href.replace(/[<>\s]/g, encodeURIComponent)}>)`);
}
/** Inline code; backticks inside are fenced with a longer run. */
function code(text) {
    const flat = text.replace(/\r?\n/g, ' ');
    const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
    return raw(`${fence}${pad}${flat}${pad}${fence}`);
}
function cell(value) {
    if (value === null || value === undefined || value === '')
        return '–';
    if (value instanceof Markdown)
        return value.text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
    return escapeMarkdown(String(value));
}
function table(headers, rows) {
    // An empty header stays empty (a two-column fact table needs no column names).
    const head = `| ${headers.map((h) => (h === '' ? ' ' : cell(h))).join(' | ')} |`;
    const rule = `| ${headers.map(() => '---').join(' | ')} |`;
    return [head, rule, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}
function heading(level, text) {
    return `${'#'.repeat(level)} ${cell(text)}`;
}
function bulletList(items) {
    return items.map((item) => `- ${cell(item)}`).join('\n');
}
/** A task list: `- [x] done` / `- [ ] not done`. */
function checklist(items) {
    return items.map((item) => `- [${item.done ? 'x' : ' '}] ${cell(item.label)}`).join('\n');
}
/** A collapsed section; the body is trusted Markdown built by the caller. */
function details(summaryText, body) {
    return `<details><summary>${escapeHtml(summaryText)}</summary>\n\n${body}\n\n</details>`;
}
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
/** A fenced Mermaid block. */
function mermaid(body) {
    return ['```mermaid', body, '```'].join('\n');
}
/** A label safe inside a Mermaid quoted string: no quotes, line breaks, directives or HTML. */
function mermaidLabel(text) {
    return (text
        .replace(/["`\r\n;#%{}<>&]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim() || '-');
}
/** Joins summary sections with blank lines, dropping empty ones. */
function sections(...parts) {
    return parts.filter((part) => typeof part === 'string' && part !== '').join('\n\n') + '\n';
}
/** A verdict line with an icon: '✅ **healthy**: reason'. */
function verdictLine(ok, verdict, reason) {
    const icon = ok === 'neutral' ? '⚠️' : ok ? '✅' : '❌';
    return `${icon} **${cell(verdict)}**${reason ? `: ${cell(reason)}` : ''}`;
}
/** A fenced code block whose fence is longer than any backtick run inside, so text cannot escape it. */
function codeBlock(language, text) {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    return `${fence}${language}\n${text}\n${fence}`;
}


/***/ }),

/***/ 1221:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f$: () => (/* binding */ parseHttpUrl),
/* harmony export */   lx: () => (/* binding */ urlCredentialsIn),
/* harmony export */   n9: () => (/* binding */ HTTP_URL_ACCEPTED),
/* harmony export */   y0: () => (/* binding */ hideUrlCredentials)
/* harmony export */ });
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1896);
/**
 * URLs given as inputs. rollback-guard takes http(s) URLs only, and never one with credentials in
 * it (`https://user:password@host/`): a token has its own input and a header its own, and a URL is
 * written in logs, summaries and reports, where a password inside it would be printed. Such a URL
 * is a configuration error, reported without the credentials; they are also registered as secrets
 * before anything is logged, and removed from any input text the report shows.
 */

/** `scheme://userinfo@`: the userinfo runs to the last '@' before the host's end (as URL parsers read it). */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#\\]*)@/gi;
const HTTP_URL_ACCEPTED = "an http(s) URL such as 'https://app.example.com/health'";
/** The text with the user name and password of every URL in it replaced by '***'. */
function hideUrlCredentials(text) {
    return text.replace(USERINFO, '$1***@');
}
/** The credentials of every URL in the text: each whole userinfo, and its password part. */
function urlCredentialsIn(text) {
    const found = [];
    for (const match of text.matchAll(USERINFO)) {
        const userinfo = match[2];
        if (!userinfo)
            continue;
        found.push(userinfo);
        const colon = userinfo.indexOf(':');
        if (colon >= 0 && colon < userinfo.length - 1)
            found.push(userinfo.slice(colon + 1));
    }
    return found;
}
/** An http(s) URL without credentials, or a ParseError that does not repeat the credentials. */
function parseHttpUrl(text) {
    const shown = hideUrlCredentials(text.trim());
    let url;
    try {
        url = new URL(text.trim());
    }
    catch {
        throw new _parse_js__WEBPACK_IMPORTED_MODULE_0__/* .ParseError */ .mB(`'${shown}' is not a URL; expected ${HTTP_URL_ACCEPTED}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new _parse_js__WEBPACK_IMPORTED_MODULE_0__/* .ParseError */ .mB(`'${shown}' is not an http(s) URL`);
    }
    if (url.username !== '' || url.password !== '') {
        throw new _parse_js__WEBPACK_IMPORTED_MODULE_0__/* .ParseError */ .mB(`'${hideUrlCredentials(url.href)}' has a user name or password in it; rollback-guard never sends credentials in a URL (they would be printed wherever the URL is): give the token in its own input, or an Authorization header in 'headers'`);
    }
    return url;
}


/***/ }),

/***/ 9106:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  e: () => (/* binding */ runRollback)
});

// UNUSED EXPORTS: ROLLBACK_STATUSES

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
;// CONCATENATED MODULE: ./src/providers/assess.ts
/**
 * Fills `restores` where the provider could not: a deployment that runs the same artifact as an
 * older one restored it. Returns a new snapshot; the input is not changed.
 */
function annotateRollbacks(snapshot) {
    const oldestFirst = [...snapshot.deployments].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const annotated = new Map();
    for (const [index, deployment] of oldestFirst.entries()) {
        let restores = deployment.restores;
        if (!restores && deployment.artifact) {
            const original = oldestFirst
                .slice(0, index)
                .reverse()
                .find((older) => older.artifact === deployment.artifact && older.id !== deployment.id);
            restores = original?.id;
        }
        annotated.set(deployment.id, restores ? { ...deployment, restores } : deployment);
    }
    const deployments = snapshot.deployments.map((d) => annotated.get(d.id));
    const live = snapshot.live ? (annotated.get(snapshot.live.id) ?? snapshot.live) : undefined;
    return { ...snapshot, deployments, live };
}
/** The deployment a deployment stands for: itself, or the one it (transitively) restored. */
function effectiveId(deployment, snapshot) {
    const byId = new Map(snapshot.deployments.map((d) => [d.id, d]));
    let current = deployment;
    const seen = new Set();
    while (current.restores && !seen.has(current.id)) {
        seen.add(current.id);
        const restored = byId.get(current.restores);
        if (!restored)
            return current.restores;
        current = restored;
    }
    return current.id;
}
/** Why a deployment cannot be a rollback target, or undefined when it can. */
function ineligibility(deployment) {
    if (deployment.state === 'in-progress')
        return 'it is still in progress';
    if (!deployment.wasLive)
        return `it was never live (${deployment.status})`;
    if (!deployment.canRollback)
        return deployment.ineligibleReason ?? 'the provider no longer keeps its artifact';
    return undefined;
}
/** What to do with this snapshot: the heart of the flow, pure. */
function assess(snapshot, target, findTarget) {
    const { live, deployments } = snapshot;
    const pending = deployments.find((d) => d.state === 'in-progress' && (!live || d.createdAt > live.createdAt) && d.id !== live?.id);
    if (pending)
        return { kind: 'wait', pending };
    if (!live) {
        return {
            kind: 'fail',
            message: `nothing is live: ${describeDeployments(deployments)}`,
            hint: 'Deploy a known good version by hand, or give `target` once one is live',
        };
    }
    const liveStandsFor = effectiveId(live, snapshot);
    if (target) {
        const chosen = findTarget(target);
        if (!chosen) {
            return {
                kind: 'fail',
                message: `the target '${target}' is not among the deployments: ${describeDeployments(deployments)}`,
                hint: 'Check the id (or leave `target` empty to use the last known good deployment)',
            };
        }
        if (effectiveId(chosen, snapshot) === liveStandsFor) {
            return {
                kind: 'already-live',
                to: chosen,
                why: `the live deployment ${live.label} already runs ${chosen.label}`,
            };
        }
        const why = ineligibility(chosen);
        if (why) {
            return {
                kind: 'fail',
                message: `the target ${chosen.label} cannot be rolled back to: ${why}`,
                hint: 'Choose a deployment that was live and whose artifact the provider still keeps',
            };
        }
        return { kind: 'rollback', to: chosen };
    }
    // The live deployment is itself a rollback: it already is the last known good. Going further back
    // takes an explicit target, so one bad verdict can never walk the history backwards. (A redeploy of
    // the same artifact is not a rollback where the provider marks rollbacks: it runs the bad code again.)
    if (live.restores && (live.isRollback || !snapshot.rollbacksMarked)) {
        const restored = deployments.find((d) => d.id === live.restores);
        return {
            kind: 'already-live',
            to: restored ?? live,
            why: `the live deployment ${live.label} is a rollback to ${restored?.label ?? live.restores}; going further back needs an explicit target`,
        };
    }
    const candidate = deployments
        .filter((d) => d.createdAt < live.createdAt && effectiveId(d, snapshot) !== liveStandsFor)
        .find((d) => ineligibility(d) === undefined);
    if (!candidate) {
        return {
            kind: 'fail',
            message: `no known good deployment older than the live one (${live.label}): ${describeDeployments(deployments.filter((d) => d.id !== live.id))}`,
            hint: 'Roll forward with a fix, or give `target` explicitly',
        };
    }
    return { kind: 'rollback', to: candidate };
}
/** 'found 3: dep-c (live), dep-b (superseded), dep-a (failed: never live)'. */
function describeDeployments(deployments, max = 8) {
    if (deployments.length === 0)
        return 'found no deployments';
    const shown = deployments.slice(0, max).map((d) => {
        const why = d.state === 'live' ? undefined : ineligibility(d);
        return `${d.label} (${d.state}${why ? `: ${why}` : ''})`;
    });
    const more = deployments.length > max ? `, and ${deployments.length - max} more` : '';
    return `found ${deployments.length}: ${shown.join(', ')}${more}`;
}

;// CONCATENATED MODULE: ./src/providers/flow.ts


const ROLLBACK_STATUSES = (/* unused pure expression or super */ null && (['rolled-back', 'already-live', 'planned', 'failed', 'timed-out']));
/** Polling starts at this interval and grows by half each time, up to the cap. */
const POLL_FIRST_MS = 2_000;
const POLL_MAX_MS = 15_000;
async function runRollback(provider, options, deps) {
    const run = new RollbackRun(provider, options, deps);
    try {
        return await run.execute();
    }
    catch (error) {
        return run.apiError(error);
    }
}
/** One run of the flow: the result it fills in, and its steps. */
class RollbackRun {
    provider;
    options;
    deps;
    started;
    context;
    result;
    constructor(provider, options, deps) {
        this.provider = provider;
        this.options = options;
        this.deps = deps;
        this.started = deps.clock.now();
        this.context = { deadline: this.started + options.timeoutMs };
        this.result = {
            provider: provider.name,
            providerTitle: provider.title,
            status: 'failed',
            message: '',
            requests: 0,
            notes: [],
            events: [],
            startedAt: new Date(this.started).toISOString(),
            durationMs: 0,
            deployments: [],
            outputs: {},
        };
    }
    async execute() {
        // 1 and 2: read the deployments and decide.
        const first = await this.read();
        this.result.deployments = first.deployments;
        this.result.from = first.live;
        this.event(`live: ${first.live?.label ?? 'nothing'}; ${describeDeployments(first.deployments, 5)}`);
        const assessment = this.assess(first);
        if (assessment.kind === 'rollback')
            this.result.to = assessment.to;
        // 3. Dry run: the plan, and stop.
        const planned = this.options.dryRun ? this.plan(assessment, first) : undefined;
        if (planned)
            return planned;
        // 4. Decide again on fresh state right before the request, then act.
        if (assessment.kind !== 'rollback')
            return this.act(assessment, first);
        const latest = await this.decideAgain(assessment.to);
        return this.act(latest.assessment, latest.snapshot);
    }
    /** The result of an error no step turned into a result (a provider that failed to answer). */
    apiError(error) {
        this.event(`error: ${(0,errors/* describeThrown */.YI)(error)}`);
        this.logUnexpected(error);
        return this.finish('failed', `${this.provider.title} API error: ${(0,errors/* describeThrown */.YI)(error)}`, error instanceof errors/* ProviderError */.mZ
            ? undefined
            : 'Run again; if it keeps failing, roll back from the dashboard');
    }
    /** 3. A dry run's result, or undefined when a real run would not act either (the result is the same). */
    plan(assessment, snapshot) {
        if (assessment.kind === 'wait') {
            this.result.plan = [];
            return this.finish('planned', `Dry run: a newer deployment ${assessment.pending.label} is in progress, so a real run would send no rollback request and wait for it.`);
        }
        if (assessment.kind !== 'rollback')
            return undefined;
        this.result.plan = [
            ...this.provider.plannedCalls(assessment.to, snapshot),
            ...(this.provider.plannedAfterCalls?.(assessment.to) ?? []),
        ];
        const move = `from ${snapshot.live?.label} to ${assessment.to.label}`;
        this.event(`dry run: would roll back ${move}`);
        return this.finish('planned', `Dry run: would roll back ${move}; nothing was changed.`);
    }
    /** 4. Someone may have acted since the first read: the decision on fresh state. */
    async decideAgain(target) {
        const snapshot = await this.read();
        const assessment = this.assess(snapshot);
        if (assessment.kind === 'rollback' && assessment.to.id !== target.id) {
            this.event(`the deployments changed while deciding; the target is now ${assessment.to.label}`);
        }
        this.result.from = snapshot.live;
        return { assessment, snapshot };
    }
    async act(assessment, snapshot) {
        switch (assessment.kind) {
            case 'rollback':
                return this.rollBackAndWait(assessment.to, snapshot);
            case 'fail':
                return this.finish('failed', `Cannot roll back: ${assessment.message}.`, assessment.hint);
            case 'already-live':
                this.result.to = assessment.to;
                this.event(`already live: ${assessment.why}`);
                return this.finish('already-live', `Nothing to do: ${assessment.why}. No rollback request was sent.`);
            case 'wait':
                return this.waitForOther(assessment.pending);
        }
    }
    /** 4 and 5: the one rollback request, then waiting until it is live. */
    async rollBackAndWait(target, snapshot) {
        this.result.to = target;
        this.event(`rolling back from ${snapshot.live?.label} to ${target.label}`);
        const sent = await this.sendRollback(target, snapshot);
        if ('stop' in sent)
            return sent.stop;
        const handle = sent.goOn;
        if (!this.options.wait) {
            await this.afterRequest(target);
            return this.finish('rolled-back', `Rollback to ${target.label} requested; not waiting for it to go live (wait: false).`);
        }
        const outcome = await this.follow(() => this.provider.pollRollback(handle, this.context));
        this.result.deploymentId = outcome.deploymentId ?? this.result.deploymentId;
        if (outcome.state === 'live') {
            await this.afterRequest(target);
            return this.finish('rolled-back', `Rolled back from ${snapshot.live?.label} to ${target.label}; it is live.`);
        }
        if (outcome.state === 'timed-out') {
            return this.finish('timed-out', `The rollback to ${target.label} was not live within ${this.timeoutSeconds()} s (last status: ${outcome.status}).`, 'It may still go live: watch it on the provider dashboard, and do not start another rollback until it has finished');
        }
        return this.finish('failed', `The rollback to ${target.label} ended ${outcome.state} (${outcome.status}${outcome.detail ? `: ${outcome.detail}` : ''}).`, 'The previous deployment is probably still serving: check the provider dashboard and its logs');
    }
    /** The one rollback request of this run; a failed request ends the run. */
    async sendRollback(target, snapshot) {
        this.result.requests = 1;
        let handle;
        try {
            handle = await this.provider.requestRollback(target, snapshot, this.context);
        }
        catch (error) {
            this.event(`the rollback request failed: ${(0,errors/* describeThrown */.YI)(error)}`);
            this.logUnexpected(error);
            // A 4xx answer is a definite refusal whose message says why; only a request whose fate is
            // unknown (timeout, reset, 5xx) may still have been carried out.
            const refused = error instanceof errors/* ProviderError */.mZ && error.status !== undefined && error.status < 500;
            return {
                stop: this.finish('failed', `The rollback request to ${this.provider.title} failed: ${(0,errors/* describeThrown */.YI)(error)}`, refused
                    ? undefined
                    : 'Check the provider dashboard before running again: a request that timed out may still have been carried out'),
            };
        }
        this.result.deploymentId = handle.deploymentId;
        this.event(`rollback requested${handle.deploymentId ? `: new deployment ${handle.deploymentId}` : ''}`);
        return { goOn: handle };
    }
    /** 1. Someone else's deployment in progress: no request; wait for it and say what it became. */
    async waitForOther(pending) {
        this.event(`a newer deployment ${pending.label} is in progress (another run's rollback, or a deploy): no rollback request; waiting for it`);
        const outcome = this.options.wait
            ? await this.follow(() => this.provider.pollDeployment(pending.id, this.context))
            : { state: 'in-progress', status: pending.status };
        this.result.waitedFor = {
            deployment: pending,
            became: outcome.state === 'in-progress' ? 'timed-out' : outcome.state,
        };
        if (outcome.state === 'in-progress' || outcome.state === 'timed-out') {
            return this.finish('timed-out', `A newer deployment ${pending.label} was still in progress${this.options.wait ? ` after ${this.timeoutSeconds()} s` : ''}; no rollback request was sent.`, 'Let it finish, then run again if the service is still unhealthy');
        }
        const after = await this.read();
        const assessment = this.assess(after);
        if (assessment.kind === 'already-live') {
            this.result.to = assessment.to;
            return this.finish('already-live', `The deployment ${pending.label} that was in progress ended ${outcome.state} and ${assessment.why}. No rollback request was sent.`);
        }
        return this.finish('failed', `The deployment ${pending.label} that was in progress ended ${outcome.state}; live now: ${after.live?.label ?? 'nothing'}. No rollback request was sent by this run.`, 'Look at what is live now; run again to roll back from it if it is unhealthy');
    }
    /** 5. Polls until live, failed, canceled or the deadline; provider hiccups are retried until then. */
    async follow(poll) {
        let delay = POLL_FIRST_MS;
        let last = { state: 'in-progress', status: 'unknown' };
        for (;;) {
            try {
                last = await poll();
                this.record(last);
            }
            catch (error) {
                if (!(error instanceof errors/* ProviderError */.mZ) || !error.retryable)
                    throw error;
                this.event(`polling failed, will retry: ${error.message}`);
            }
            if (last.state !== 'in-progress') {
                this.event(`${last.deploymentId ?? 'deployment'} is ${last.state} (${last.status})`);
                return last;
            }
            const left = this.context.deadline - this.deps.clock.now();
            if (left <= 0)
                return { ...last, state: 'timed-out' };
            await this.deps.sleep(Math.min(delay, left));
            delay = Math.min(POLL_MAX_MS, Math.round(delay * 1.5));
        }
    }
    /** What a poll said that the result keeps: outputs, details, the deployment followed. */
    record(progress) {
        if (progress.outputs)
            Object.assign(this.result.outputs, progress.outputs);
        if (progress.details)
            this.result.details = { ...this.result.details, ...progress.details };
        if (progress.deploymentId)
            this.result.deploymentId = progress.deploymentId;
    }
    /** The provider's follow-up once the rollback is accepted; its failure is a note, not a failure. */
    async afterRequest(target) {
        if (!this.provider.afterRollbackRequested)
            return;
        try {
            this.result.notes.push(...(await this.provider.afterRollbackRequested(target)));
        }
        catch (error) {
            const note = `Warning: ${(0,errors/* describeThrown */.YI)(error)}`;
            this.result.notes.push(note);
            this.deps.log.warning(`${this.provider.title}: ${note}`);
        }
    }
    async read() {
        const snapshot = annotateRollbacks(await this.provider.read());
        if (snapshot.details)
            this.result.details = { ...this.result.details, ...snapshot.details };
        return snapshot;
    }
    assess(snapshot) {
        const findTarget = (target) => this.provider.findTarget?.(snapshot, target) ?? snapshot.deployments.find((d) => d.id === target);
        return assess(snapshot, this.options.target, findTarget);
    }
    event(message) {
        this.result.events.push({ atMs: this.deps.clock.now() - this.started, message });
        this.deps.log.info(`${this.provider.title}: ${message}`);
    }
    finish(status, message, hint) {
        Object.assign(this.result, { status, message, hint, durationMs: this.deps.clock.now() - this.started });
        return this.result;
    }
    timeoutSeconds() {
        return Math.round(this.options.timeoutMs / 1000);
    }
    /** An error no code expected (a bug) keeps its stack, in the debug log. */
    logUnexpected(error) {
        const stack = (0,errors/* unexpectedErrorStack */.Wi)(error);
        if (stack)
            this.deps.log.debug(`${this.provider.title}: ${stack}`);
    }
}


/***/ }),

/***/ 9544:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ rollbackOutputs),
/* harmony export */   j: () => (/* binding */ rollbackSummary)
/* harmony export */ });
/* harmony import */ var _core_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1896);
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1363);
/** The rollback actions' outputs and step summary, the same for every provider. */


function rollbackOutputs(result) {
    return {
        status: result.status,
        from: result.from?.id ?? '',
        to: result.to?.id ?? '',
        deployment: result.deploymentId ?? '',
        'duration-ms': String(result.durationMs),
        ...result.outputs,
    };
}
const OK = {
    'rolled-back': true,
    'already-live': true,
    planned: 'neutral',
    failed: false,
    'timed-out': false,
};
function deploymentCell(deployment) {
    return deployment ? `${deployment.label}` : undefined;
}
function rollbackSummary(result, title = `rollback-${result.provider}`) {
    const marks = (d) => [
        d.id === result.from?.id ? 'was live' : '',
        d.id === result.to?.id ? 'target' : '',
        d.restores ? `rollback to ${d.restores}` : '',
    ]
        .filter(Boolean)
        .join(', ');
    return (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .sections */ .V0)((0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .heading */ .R_)(2, `rollback-guard · ${title}`), (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .verdictLine */ .MT)(OK[result.status], result.status, result.message), result.hint ? `**What to do next:** ${result.hint}` : undefined, (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['', ''], [
        ['Provider', result.providerTitle],
        ['Was live', deploymentCell(result.from)],
        ['Rolled back to', deploymentCell(result.to)],
        ['New deployment', result.deploymentId],
        [
            'Waited for',
            result.waitedFor ? `${result.waitedFor.deployment.label} (${result.waitedFor.became})` : undefined,
        ],
        ['Rollback requests sent', result.requests],
        ['Took', (0,_core_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .humanDuration */ .UU)(result.durationMs)],
        ...Object.entries(result.outputs).map(([name, value]) => [name, value]),
    ]), result.plan && result.plan.length > 0
        ? `**Plan (not carried out):**\n\n${(0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .bulletList */ .fF)(result.plan.map((call) => (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(call)))}`
        : undefined, result.notes.length > 0 ? (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .bulletList */ .fF)(result.notes) : undefined, result.deployments.length > 0
        ? (0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['Deployment', 'Created', 'State', 'Was live', 'Can roll back', ''], result.deployments
            .slice(0, 10)
            .map((d) => [
            d.label,
            d.createdAt,
            d.state,
            d.wasLive ? 'yes' : 'no',
            d.canRollback ? 'yes' : 'no',
            marks(d),
        ]))
        : undefined);
}


/***/ }),

/***/ 9756:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  xq: () => (/* binding */ PROVIDERS),
  dp: () => (/* binding */ PROVIDER_ENTRIES),
  xd: () => (/* binding */ PROVIDER_NAMES),
  oI: () => (/* binding */ inapplicableInputs),
  Br: () => (/* binding */ providerOnlyInputs),
  tO: () => (/* binding */ rollbackInputNames),
  fK: () => (/* binding */ tokenVariables)
});

// UNUSED EXPORTS: connect

// EXTERNAL MODULE: ./src/core/inputs.ts
var inputs = __webpack_require__(9114);
// EXTERNAL MODULE: ./src/core/input-names.ts
var input_names = __webpack_require__(7630);
// EXTERNAL MODULE: ./src/core/errors.ts
var core_errors = __webpack_require__(4296);
;// CONCATENATED MODULE: ./src/providers/entry.ts
/**
 * The generic inputs that reach a provider's API, by the names every multi-provider action uses
 * (the guard today; the volume and traffic actions next). A provider maps the ones it needs onto its
 * own rollback inputs (Render: `token` → `api-key`, `service` → `service-id`); the others do not
 * apply to it.
 */
const CONNECTION_INPUTS = ['token', 'token-type', 'service', 'environment', 'api-url'];
/** A provider entry with its types inferred from the literal (see the providers' `entry.ts`). */
function defineProvider(entry) {
    return entry;
}

// EXTERNAL MODULE: ./src/core/summary.ts
var summary = __webpack_require__(1363);
// EXTERNAL MODULE: ./src/providers/flow.ts + 1 modules
var flow = __webpack_require__(9106);
// EXTERNAL MODULE: ./src/providers/outputs.ts
var outputs = __webpack_require__(9544);
;// CONCATENATED MODULE: ./src/providers/rollback-action.ts




/** Inputs every rollback action has (the README's rollback-* input tables; `api-url` is per provider). */
const commonRollbackInputs = {
    target: inputs/* input */.hF.string(),
    wait: inputs/* input */.hF.boolean().default('true'),
    timeout: inputs/* input */.hF.duration({ min: 1000 }).default('10m'),
    'dry-run': inputs/* input */.hF.boolean().default('false'),
};
function defineRollbackAction(name, inputs, createProvider) {
    return {
        name,
        inputs,
        createProvider,
        async execute(values, context) {
            const common = values;
            const provider = createProvider(values, context);
            const result = await (0,flow/* runRollback */.e)(provider, { target: common.target, wait: common.wait, timeoutMs: common.timeout, dryRun: common['dry-run'] }, context);
            return {
                outputs: (0,outputs/* rollbackOutputs */.H)(result),
                summary: rollbackStepSummary(result, provider, name),
                report: { rollback: result },
                failure: rollbackFailure(result),
            };
        },
    };
}
/** The failure message of a failed or timed-out rollback, or undefined. */
function rollbackFailure(result) {
    const failed = result.status === 'failed' || result.status === 'timed-out';
    return failed ? `${result.message}${result.hint ? ` ${result.hint}.` : ''}` : undefined;
}
/** The common summary, followed by the provider's own section when it has one. */
function rollbackStepSummary(result, provider, title) {
    const section = provider.summarySection?.(result.details);
    const common = (0,outputs/* rollbackSummary */.j)(result, title);
    return section ? (0,summary/* sections */.V0)(common, section) : common;
}

;// CONCATENATED MODULE: ./src/providers/fly/auth.ts
/**
 * How a Fly.io token is sent. Macaroon tokens (`fm1r_…`, `fm1a_…`, `fm2_…`, the kind `fly tokens
 * create` prints) go as `Authorization: FlyV1 <token>`; older personal access tokens as `Bearer`.
 * Both APIs (GraphQL and Machines) take the same header.
 *
 * `fly tokens create` prints the token with its scheme already in front (`FlyV1 fm2_…,fm2_…`), and
 * people paste it as printed, so a leading `FlyV1 ` or `Bearer ` is accepted and not doubled.
 */
const MACAROON = /^(fm1r_|fm1a_|fm2_)/;
const SCHEME = /^(FlyV1|Bearer)\s+/i;
/** The token without a scheme the user may have pasted in front of it. */
function bareFlyToken(token) {
    return token.trim().replace(SCHEME, '').trim();
}
/** The Authorization header value for a token. */
function flyAuthorization(token) {
    const trimmed = token.trim();
    const scheme = SCHEME.exec(trimmed)?.[1];
    const bare = bareFlyToken(trimmed);
    if (scheme?.toLowerCase() === 'flyv1' || MACAROON.test(bare))
        return `FlyV1 ${bare}`;
    return `Bearer ${bare}`;
}
/**
 * The forms of a token that may appear in text (so they can be redacted): the token as given, without
 * its scheme, and each macaroon of a comma-separated deploy token on its own.
 */
function flyTokenForms(token) {
    const bare = bareFlyToken(token);
    const parts = bare.split(',').map((part) => part.trim());
    return [...new Set([token.trim(), bare, ...parts].filter((form) => form.length > 0))];
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./src/core/http-errors.ts
var http_errors = __webpack_require__(3835);
// EXTERNAL MODULE: ./src/core/response.ts
var core_response = __webpack_require__(984);
;// CONCATENATED MODULE: ./src/core/graphql.ts
/**
 * GraphQL over HTTP for provider APIs (Railway's, Fly.io's): one document and its variables per
 * POST, with the provider's auth headers. A GraphQL server answers a rejected operation with HTTP
 * 200 (or a 4xx) and an `errors` array, so an answer is read in this order: GraphQL errors, in the
 * API's own words with the provider's hint; then the HTTP status; JSON; the envelope's shape; and
 * last `data`, against the caller's zod schema, so a changed field is an error that names it.
 *
 * Queries are sent as idempotent (the HttpClient retries them on 5xx and network errors like any
 * read); mutations are not, so they are sent again only when they provably never left (or on 429).
 */




/** One GraphQL error as servers send it. */
const graphqlErrorSchema = schemas/* object */.Ikc({
    message: schemas/* string */.YjP(),
    path: schemas/* array */.YOg(schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()])).nullish(),
    extensions: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).nullish(),
});
const envelopeSchema = schemas/* object */.Ikc({
    data: schemas/* unknown */.L5J().optional(),
    errors: schemas/* array */.YOg(graphqlErrorSchema).nullish(),
});
class GraphqlApi {
    api;
    url;
    constructor(api) {
        this.api = api;
        this.url = String(api.url);
    }
    /** Sends the document (a query or a mutation) and returns its `data`, checked by `schema`. */
    async query(document, variables, schema, options) {
        const response = await this.api.http.send({
            method: 'POST',
            url: this.url,
            headers: this.api.headers,
            body: { query: document, variables, operationName: operationName(document) },
            idempotent: !isMutation(document),
            deadline: options.deadline,
            purpose: options.purpose,
        });
        const envelope = this.envelope(response, options.purpose);
        if (envelope.errors && envelope.errors.length > 0) {
            throw this.refusal(envelope.errors, response.status, options.purpose);
        }
        if (envelope.data === undefined || envelope.data === null) {
            throw new core_errors/* ProviderError */.mZ(`${options.purpose}: ${this.api.name} answered with neither data nor errors`, {
                status: response.status,
                retryable: false,
                hint: this.api.urlHint,
                secrets: this.api.secrets,
            });
        }
        const at = this.api.fieldPaths === 'envelope' ? ['data'] : [];
        return (0,core_response/* parseResponse */.x)(schema, envelope.data, options.what, this.api.secrets, at);
    }
    /** The GraphQL envelope; a non-2xx answer without GraphQL errors is an HTTP failure. */
    envelope(response, purpose) {
        let body;
        try {
            body = JSON.parse(response.text);
        }
        catch {
            body = undefined;
        }
        const parsed = envelopeSchema.safeParse(body);
        // A GraphQL server may answer a rejected document with a 4xx and an errors array: show those.
        if (!(parsed.success && parsed.data.errors?.length))
            (0,http_errors/* expectOk */.aT)(response, purpose, this.api.secrets);
        if (body === undefined)
            (0,http_errors/* parseJson */.qF)(response, purpose, this.api.secrets);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const where = issue ? `${(0,core_response/* formatIssuePath */.A)(issue.path)}: ${issue.message}` : 'unexpected shape';
            throw new core_errors/* ProviderError */.mZ(`${purpose}: the answer is not a GraphQL response (${where})`, {
                status: response.status,
                retryable: false,
                hint: this.api.urlHint,
                secrets: this.api.secrets,
            });
        }
        return parsed.data;
    }
    /** The API's own words (each message once), with the provider's reading of them. */
    refusal(errors, status, purpose) {
        const messages = [...new Set(errors.map((e) => e.message.trim()).filter(Boolean))];
        const text = messages.join('; ') || 'an error without a message';
        const reading = this.api.readErrors?.(text, errors) ?? {};
        return new core_errors/* ProviderError */.mZ(`${purpose} failed: ${this.api.quotePrefix ?? ''}${text}`, {
            status,
            retryable: reading.retryable ?? false,
            hint: reading.hint,
            secrets: this.api.secrets,
        });
    }
}
/** The name after `query` or `mutation`, which the request also sends as `operationName`. */
function operationName(document) {
    return /^\s*(?:query|mutation)\s+(\w+)/.exec(document)?.[1];
}
function isMutation(document) {
    return /^\s*mutation\b/.test(document);
}

;// CONCATENATED MODULE: ./src/providers/fly/schemas.ts
/**
 * The shapes of Fly.io's answers, as zod schemas built from the published contracts
 * (contracts/fly-schema.graphql for releases; fly-machines-openapi.json, Swagger 2.0, for
 * machines and leases). Every answer is parsed with `parseResponse` before anything reads it, so a
 * changed shape is an error that names the field ("Fly machines response: [1].config.image: expected
 * string") instead of a crash somewhere deeper.
 *
 * Objects are loose (unknown fields are kept): a machine's config is sent back whole, with only its
 * image replaced, so nothing Fly added to it may be lost on the way.
 */

/** Null and absent mean the same for optional fields (the APIs use both). */
const optional = (schema) => schema
    .nullish()
    .transform((value) => value ?? undefined)
    .optional();
const time = schemas/* string */.YjP().refine((text) => !Number.isNaN(Date.parse(text)), 'expected an ISO 8601 time');
// ---- GraphQL: releases -------------------------------------------------------------------------
/** `ReleaseUnprocessed`, the fields the query selects. */
const flyReleaseSchema = schemas/* object */.Ikc({
    id: schemas/* string */.YjP().min(1),
    version: schemas/* number */.aig().int(),
    /** A free string in the SDL; flyctl writes running, complete, failed, interrupted. */
    status: schemas/* string */.YjP(),
    stable: optional(schemas/* boolean */.zMY()),
    /** Nullable in the SDL: a release without an image cannot be rolled back to. */
    imageRef: optional(schemas/* string */.YjP()),
    createdAt: time,
    description: optional(schemas/* string */.YjP()),
    reason: optional(schemas/* string */.YjP()),
    /** "Version release reverted to": set on releases that were themselves a revert. */
    revertedTo: optional(schemas/* number */.aig().int()),
});
/** The `data` of the releases query. */
const flyReleasesDataSchema = schemas/* object */.Ikc({
    app: optional(schemas/* object */.Ikc({
        id: schemas/* string */.YjP(),
        name: schemas/* string */.YjP(),
        releasesUnprocessed: schemas/* object */.Ikc({
            nodes: optional(schemas/* array */.YOg(flyReleaseSchema.nullable())),
            pageInfo: schemas/* object */.Ikc({ hasNextPage: schemas/* boolean */.zMY(), endCursor: optional(schemas/* string */.YjP()) }),
        }),
    })),
});
// ---- Machines API ------------------------------------------------------------------------------
/** `CheckStatus`: status is passing, warning or critical. */
const flyCheckStatusSchema = schemas/* object */.Ikc({
    name: schemas/* string */.YjP(),
    status: schemas/* string */.YjP(),
    output: optional(schemas/* string */.YjP()),
    updated_at: optional(schemas/* string */.YjP()),
})
    .loose();
/** `fly.MachineConfig`: only the image is required here; everything else is kept as it came. */
const flyMachineConfigSchema = schemas/* object */.Ikc({
    image: schemas/* string */.YjP().min(1),
    /** `additionalProperties: string`; flyctl writes fly_release_id, fly_release_version, fly_process_group. */
    metadata: optional(schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP())),
    auto_destroy: optional(schemas/* boolean */.zMY()),
})
    .loose();
/** `Machine`. */
const flyMachineSchema = schemas/* object */.Ikc({
    id: schemas/* string */.YjP().min(1),
    name: optional(schemas/* string */.YjP()),
    /** created, starting, started, stopping, stopped, suspended, replacing, destroying, destroyed, failed. */
    state: schemas/* string */.YjP(),
    region: optional(schemas/* string */.YjP()),
    /** "InstanceID is unique for each version of the machine". */
    instance_id: optional(schemas/* string */.YjP()),
    config: flyMachineConfigSchema,
    checks: optional(schemas/* array */.YOg(flyCheckStatusSchema)),
    created_at: optional(schemas/* string */.YjP()),
    updated_at: optional(schemas/* string */.YjP()),
})
    .loose();
const flyMachineListSchema = schemas/* array */.YOg(flyMachineSchema);
/** `Lease`. */
const flyLeaseDataSchema = schemas/* object */.Ikc({
    nonce: optional(schemas/* string */.YjP()),
    /** Unix seconds. */
    expires_at: optional(schemas/* number */.aig()),
    owner: optional(schemas/* string */.YjP()),
    description: optional(schemas/* string */.YjP()),
    version: optional(schemas/* string */.YjP()),
})
    .loose();
/**
 * The lease endpoints' answer. The Swagger document describes a bare `Lease`; the API (and flyctl,
 * which reads `MachineLease{status, data{nonce, expires_at, owner}}`) wraps it in `{status, data}`.
 * Unverified which one a given API version sends, so both are accepted: `data` wins when present.
 */
const flyLeaseResponseSchema = flyLeaseDataSchema.extend({
    status: optional(schemas/* string */.YjP()),
    data: optional(flyLeaseDataSchema),
    message: optional(schemas/* string */.YjP()),
    code: optional(schemas/* string */.YjP()),
});
/** The lease inside either answer shape, or undefined when it carries no nonce. */
function leaseFromResponse(body) {
    const lease = body.data ?? body;
    if (!lease.nonce)
        return undefined;
    return {
        nonce: lease.nonce,
        expiresAt: lease.expires_at === undefined ? undefined : lease.expires_at * 1000,
        owner: lease.owner,
        description: lease.description,
    };
}

;// CONCATENATED MODULE: ./src/providers/fly/graphql.ts
/**
 * Fly.io's GraphQL API, for the one thing only it knows: an app's releases (version, status, image).
 * The query is validated against Fly's published SDL in the contract tests. GraphQL answers errors
 * inside HTTP 200 bodies; they become ProviderErrors with the API's own words and a hint.
 *
 * The client is a `GraphqlApi` (core/graphql.ts) with Fly's auth and hints: a new operation is one
 * `query(document, variables, schema, options)`, in a new file too.
 */



const FLY_GRAPHQL_URL = 'https://api.fly.io/graphql';
/** The releases query; `releasesUnprocessed` is what `fly releases` reads. */
const FLY_RELEASES_QUERY = `query RollbackGuardReleases($app: String!, $first: Int!, $after: String) {
  app(name: $app) {
    id
    name
    releasesUnprocessed(first: $first, after: $after) {
      nodes {
        id
        version
        status
        stable
        imageRef
        createdAt
        description
        reason
        revertedTo
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}`;
class FlyReleasesApi extends GraphqlApi {
    options;
    constructor(http, options) {
        super({
            http,
            url: options.url,
            headers: { authorization: options.authorization },
            secrets: options.secrets,
            name: 'Fly.io',
            readErrors: (text) => ({ hint: graphqlHint(text, options.app) }),
            urlHint: "Check that graphql-url points at Fly.io's GraphQL endpoint (https://api.fly.io/graphql)",
            fieldPaths: 'envelope',
        });
        this.options = options;
    }
    /** One page of releases, as the API orders them (newest first). */
    async page(first, after, deadline) {
        const purpose = `list the releases of Fly app '${this.options.app}'`;
        const data = await this.query(FLY_RELEASES_QUERY, { app: this.options.app, first, after: after ?? null }, flyReleasesDataSchema, { purpose, what: 'Fly releases response', deadline });
        if (!data.app) {
            throw new core_errors/* ProviderError */.mZ(`${purpose} failed: the app was not in the answer`, {
                retryable: false,
                hint: graphqlHint('', this.options.app),
                secrets: this.options.secrets,
            });
        }
        const connection = data.app.releasesUnprocessed;
        return {
            releases: (connection.nodes ?? []).filter((node) => node !== null),
            hasNextPage: connection.pageInfo.hasNextPage,
            endCursor: connection.pageInfo.endCursor,
        };
    }
    /**
     * Releases newest first, page by page, until `enough` says so, the pages run out, or `maxPages`
     * pages were read.
     */
    async list(options) {
        const releases = [];
        let after;
        for (let page = 0; page < options.maxPages; page++) {
            const result = await this.page(options.pageSize, after, options.deadline);
            releases.push(...result.releases);
            if (!result.hasNextPage || !result.endCursor)
                return { releases: sortNewestFirst(releases), complete: true };
            if (options.enough?.(releases))
                break;
            after = result.endCursor;
        }
        return { releases: sortNewestFirst(releases), complete: false };
    }
}
/** Versions decide the order; the API's own order is newest first, but nothing here relies on it. */
function sortNewestFirst(releases) {
    const unique = new Map(releases.map((release) => [release.id, release]));
    return [...unique.values()].sort((a, b) => b.version - a.version);
}
function graphqlHint(text, app) {
    if (/authenticat|unauthori[sz]ed|token|permission|not allowed/i.test(text)) {
        return 'Check that `api-token` is a Fly.io token with access to this app (`fly tokens create deploy -a <app>`)';
    }
    if (/could not find|not found|no such/i.test(text)) {
        return `Check the app name '${app}' (\`fly apps list\`) and that the token belongs to its organization`;
    }
    return 'Check the Fly.io status page and run again';
}

// EXTERNAL MODULE: ./src/core/parse.ts
var parse = __webpack_require__(1896);
;// CONCATENATED MODULE: ./src/core/rest.ts


class RestApi {
    api;
    base;
    constructor(api) {
        this.api = api;
        this.base = String(api.baseUrl).replace(/\/+$/, '');
    }
    /** Sends a request and returns its 2xx answer, checked by `schema`. */
    async request(method, path, request) {
        return this.read(await this.send(method, path, request), request);
    }
    /** Sends a request and returns the answer as it came, whatever its status. */
    async send(method, path, request) {
        return this.api.http.send({
            method,
            url: this.url(path, request.query),
            headers: { ...this.api.headers, ...request.headers },
            body: request.body,
            purpose: request.purpose,
            deadline: request.deadline,
            policy: request.policy,
        });
    }
    /** A 2xx answer's body, checked by the request's schema; any other status is a ProviderError. */
    read(response, request) {
        this.expectOk(response, request);
        const body = (0,http_errors/* parseJson */.qF)(response, request.purpose, this.api.secrets);
        return (0,core_response/* parseResponse */.x)(request.schema, body, request.what, this.api.secrets);
    }
    /** Throws a ProviderError, in the provider's words, for any status outside 2xx. */
    expectOk(response, request) {
        const style = this.api.errors ?? {};
        (0,http_errors/* expectOk */.aT)(response, request.purpose, this.api.secrets, {
            reason: style.reason,
            hint: (status, said) => request.hint?.(status, said) ?? style.hint?.(status, said),
        });
    }
    /** The full URL of a path under the base. */
    url(path, query) {
        const search = query ? `?${new URLSearchParams(query).toString()}` : '';
        return `${this.base}${path}${search}`;
    }
}

;// CONCATENATED MODULE: ./src/providers/fly/machines.ts
/**
 * Fly.io's Machines API (https://api.machines.dev/v1), the calls a rollback makes: list and get
 * machines, take / refresh / look up / release a machine's lease, update a machine's config, and
 * wait for a machine version to reach a state. Every answer is checked against the zod schemas in
 * schemas.ts.
 *
 * The client is a `RestApi` (core/rest.ts) that knows Fly's error body and hints: a new operation
 * is one `request(method, path, {query, body, schema})`, in a new file too. HTTP behaviour
 * (timeouts, retries of reads, Retry-After on 429, mutating requests retried only when provably not
 * sent) is the HttpClient's; secrets are removed by the errors themselves.
 */




const FLY_MACHINES_URL = 'https://api.machines.dev/v1';
/** The header that proves a request comes from the lease holder. */
const LEASE_NONCE_HEADER = 'fly-machine-lease-nonce';
/** The wait endpoint blocks for at most this long per call (the API rejects more). */
const MAX_WAIT_SECONDS = 60;
/** Fly's `{error: "..."}` bodies give the reason; a lease conflict gets a hint of its own. */
const FLY_MACHINES_ERRORS = {
    reason: (0,http_errors/* bodyField */.bw)('error'),
    hint: (status, said) => status === 409 || status === 412 || /lease/i.test(said)
        ? 'Another deploy or rollback holds this machine (its lease); wait until it has finished, or see `fly machine leases view`'
        : undefined,
};
class FlyMachinesApi extends RestApi {
    options;
    constructor(http, options) {
        super({
            http,
            baseUrl: options.url,
            headers: { authorization: options.authorization },
            secrets: options.secrets,
            errors: FLY_MACHINES_ERRORS,
        });
        this.options = options;
    }
    get app() {
        return this.options.app;
    }
    /** '/apps/demo/machines/1781…' (for messages and dry-run plans). */
    path(machineId, suffix = '') {
        const app = `/apps/${encodeURIComponent(this.options.app)}/machines`;
        return machineId ? `${app}/${encodeURIComponent(machineId)}${suffix}` : app;
    }
    async list(deadline) {
        return this.request('GET', this.path(), {
            schema: flyMachineListSchema,
            what: 'Fly machines response',
            purpose: `list the machines of Fly app '${this.options.app}'`,
            deadline,
        });
    }
    async get(machineId, deadline) {
        return this.request('GET', this.path(machineId), {
            schema: flyMachineSchema,
            what: 'Fly machine response',
            purpose: `get Fly machine ${machineId}`,
            deadline,
        });
    }
    /** The machine's current lease, or undefined when nobody holds one (404). */
    async findLease(machineId, deadline) {
        const request = {
            schema: flyLeaseResponseSchema,
            what: 'Fly lease response',
            purpose: `look up the lease of Fly machine ${machineId}`,
            deadline,
        };
        const response = await this.send('GET', this.path(machineId, '/lease'), request);
        if (response.status === 404)
            return undefined;
        // Whether it has expired is the caller's call: it has the clock.
        return leaseFromResponse(this.read(response, request));
    }
    /**
     * Takes the machine's lease (or, with `nonce`, extends the one we hold). The TTL goes in the body,
     * as the published spec says, and in the query, as flyctl sends it: which one the API reads is
     * not documented, and both say the same.
     */
    async acquireLease(machineId, options) {
        const request = {
            query: { ttl: String(options.ttlSeconds) },
            headers: nonceHeader(options.nonce),
            body: { ttl: options.ttlSeconds, description: options.description },
            schema: flyLeaseResponseSchema,
            what: 'Fly lease response',
            purpose: `${options.nonce ? 'extend' : 'take'} the lease of Fly machine ${machineId}`,
            deadline: options.deadline,
        };
        const response = await this.send('POST', this.path(machineId, '/lease'), request);
        const lease = leaseFromResponse(this.read(response, request));
        if (!lease) {
            throw new core_errors/* ProviderError */.mZ(`${request.purpose}: the answer holds no lease nonce (data.nonce)`, {
                status: response.status,
                retryable: false,
                hint: 'Check that `api-url` points at the Fly Machines API',
            });
        }
        return lease;
    }
    /** Releases a lease we hold. A lease that already expired (404) is released as far as we care. */
    async releaseLease(machineId, nonce, deadline) {
        const request = { purpose: `release the lease of Fly machine ${machineId}`, deadline };
        const response = await this.send('DELETE', this.path(machineId, '/lease'), {
            ...request,
            headers: nonceHeader(nonce),
        });
        if (response.status === 404)
            return 'expired';
        this.expectOk(response, request);
        return 'released';
    }
    /**
     * Replaces the machine's config (`UpdateMachineRequest`). `skipLaunch` keeps a stopped machine
     * stopped. Returns the machine as it is now, with its new `instance_id`.
     */
    async update(machineId, options) {
        return this.request('POST', this.path(machineId), {
            headers: nonceHeader(options.nonce),
            body: { config: options.config, ...(options.skipLaunch ? { skip_launch: true } : {}) },
            schema: flyMachineSchema,
            what: 'Fly machine update response',
            purpose: `update Fly machine ${machineId}`,
            deadline: options.deadline,
            // The API answers once the new version is set up; pulling an image can take a while.
            policy: { timeoutMs: 90_000 },
        });
    }
    /**
     * Waits (server side, at most `timeoutSeconds` ≤ 60) for a machine version to reach `state`.
     * 'timeout' when it has not (HTTP 408); anything else unexpected is a ProviderError.
     */
    async wait(machineId, options) {
        const seconds = Math.max(1, Math.min(MAX_WAIT_SECONDS, Math.floor(options.timeoutSeconds)));
        const query = { state: options.state, timeout: String(seconds) };
        // `instance_id` is what both spec versions accept (`version` is its newer name).
        if (options.instanceId)
            query.instance_id = options.instanceId;
        const request = {
            query,
            purpose: `wait for Fly machine ${machineId} to be ${options.state}`,
            deadline: options.deadline,
            // The server holds the request for up to `seconds`; give the answer time to arrive.
            policy: { timeoutMs: (seconds + 15) * 1000 },
        };
        const response = await this.send('GET', this.path(machineId, '/wait'), request);
        if (response.status === 408)
            return 'timeout';
        this.expectOk(response, request);
        return 'reached';
    }
}
/** The header that proves a request comes from the lease holder, when we hold one. */
function nonceHeader(nonce) {
    return nonce ? { [LEASE_NONCE_HEADER]: nonce } : {};
}

;// CONCATENATED MODULE: ./src/providers/fly/inputs.ts





const APP_NAME = /^[a-z0-9][a-z0-9_-]*$/i;
const APP_ACCEPTED = 'a Fly app name (letters, digits, dashes), as `fly apps list` shows it';
const rollbackFlyInputs = (0,inputs/* defineInputs */.pf)({
    'api-token': inputs/* input */.hF.string().required().secret(),
    app: inputs/* input */.hF
        .custom((text) => {
        const name = text.trim();
        if (!APP_NAME.test(name))
            throw new parse/* ParseError */.mB(`'${text}' is not ${APP_ACCEPTED}`);
        return name;
    }, APP_ACCEPTED)
        .required(),
    strategy: inputs/* input */.hF.enum(['rolling', 'immediate']).default('rolling'),
    ...commonRollbackInputs,
    'api-url': inputs/* input */.hF.url().default(FLY_MACHINES_URL),
    'graphql-url': inputs/* input */.hF.url().default(FLY_GRAPHQL_URL),
});

;// CONCATENATED MODULE: ./src/providers/fly/leases.ts

/** A lease with less than this left is extended before its machine is updated. */
const LEASE_MARGIN_MS = 60_000;
class LeaseKeeper {
    api;
    options;
    held = new Map();
    /** Leases that could not be released: reported, not fatal. */
    warnings = [];
    constructor(api, options) {
        this.api = api;
        this.options = options;
    }
    get count() {
        return this.held.size;
    }
    /** Takes every lease, or none: when one is refused, those taken are released and the error thrown. */
    async takeAll(machineIds) {
        try {
            for (const id of machineIds)
                this.held.set(id, await this.take(id));
        }
        catch (error) {
            await this.releaseAll();
            throw error;
        }
    }
    /** Our lease of a machine, extended first when it would run out soon. */
    async fresh(machineId) {
        const lease = this.held.get(machineId);
        if (!lease)
            throw new core_errors/* ProviderError */.mZ(`internal error: no lease held on machine ${machineId}`, { retryable: false });
        if (lease.expiresAt === undefined || lease.expiresAt - this.options.clock.now() > LEASE_MARGIN_MS)
            return lease;
        const extended = await this.api.acquireLease(machineId, { ...this.request(), nonce: lease.nonce });
        this.held.set(machineId, extended);
        return extended;
    }
    async release(machineId) {
        const lease = this.held.get(machineId);
        if (!lease)
            return;
        this.held.delete(machineId);
        try {
            // Released even past the deadline (no deadline on the request).
            await this.api.releaseLease(machineId, lease.nonce);
        }
        catch (error) {
            const until = lease.expiresAt ? ` at ${new Date(lease.expiresAt).toISOString()}` : '';
            const warning = `the lease of machine ${machineId} could not be released (${(0,core_errors/* describeThrown */.YI)(error)}); it expires by itself${until}`;
            this.warnings.push(warning);
            this.options.log.warning(`Fly.io: ${warning}`);
        }
    }
    async releaseAll() {
        for (const id of [...this.held.keys()])
            await this.release(id);
    }
    request() {
        const left = Math.ceil((this.options.deadline - this.options.clock.now()) / 1000);
        return {
            ttlSeconds: Math.max(60, left + 30),
            description: this.options.description,
            deadline: this.options.deadline,
        };
    }
    async take(machineId) {
        try {
            return await this.api.acquireLease(machineId, this.request());
        }
        catch (error) {
            // No answer (5xx, reset): the lease may have been created. If it is ours, its nonce is ours.
            const ambiguous = error instanceof core_errors/* ProviderError */.mZ && (error.status === undefined || error.status >= 500);
            if (!ambiguous)
                throw error;
            const existing = await this.api.findLease(machineId, this.options.deadline).catch(() => undefined);
            if (existing?.description === this.options.description)
                return existing;
            if (existing)
                throw error;
            return this.api.acquireLease(machineId, this.request());
        }
    }
}

;// CONCATENATED MODULE: ./src/providers/fly/state.ts
/** A `running` release older than this, while no machine is leased, is an abandoned deploy. */
const ABANDONED_AFTER_MS = 10 * 60_000;
/** The id of the in-progress deployment that stands for someone else's machine update. */
const UPDATING_ID = 'machines:updating';
/** flyctl's process group for release-command machines (ephemeral, not part of the app). */
const RELEASE_COMMAND_GROUP = 'fly_app_release_command';
const GONE_STATES = new Set(['destroyed', 'destroying']);
/** The machines that make up the app (what a rollback moves). */
function fleetMachines(machines) {
    return machines.filter((m) => !GONE_STATES.has(m.state) &&
        m.config.auto_destroy !== true &&
        m.config.metadata?.fly_process_group !== RELEASE_COMMAND_GROUP);
}
/** Same image: the same reference, or the same digest. */
function sameImage(a, b) {
    if (!a || !b)
        return false;
    if (normalImage(a) === normalImage(b))
        return true;
    const digest = (ref) => /@(sha256:[0-9a-f]{64})$/i.exec(ref)?.[1]?.toLowerCase();
    const da = digest(a);
    return da !== undefined && da === digest(b);
}
/** Docker Hub's implicit parts made explicit: 'nginx:1' and 'docker.io/library/nginx:1' are one image. */
function normalImage(ref) {
    const name = ref.trim().replace(/^(?:index\.docker\.io|registry-1\.docker\.io|docker\.io)\//, '');
    const parts = name.split('/');
    const hasRegistry = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]);
    if (hasRegistry)
        return name;
    return `docker.io/${parts.length === 1 ? 'library/' : ''}${name}`;
}
/** 'registry.fly.io/app@sha256:0123456789ab…' for long digests; tags as they are. */
function shortImage(image) {
    return image.replace(/@sha256:([0-9a-f]{12})[0-9a-f]{52}$/i, '@sha256:$1…');
}
const releaseId = (version) => `v${version}`;
function releaseKind(release, now, leasesKnownFree) {
    const status = release.status.toLowerCase();
    if (status === 'complete' || status === 'completed' || status === 'succeeded')
        return 'complete';
    if (status === 'running' || status === 'pending') {
        const age = now - Date.parse(release.createdAt);
        return age >= ABANDONED_AFTER_MS && leasesKnownFree ? 'abandoned' : 'in-progress';
    }
    if (status === 'failed')
        return 'failed';
    if (status === 'interrupted' || status === 'canceled' || status === 'cancelled')
        return 'canceled';
    // A release Fly marks stable was healthy, whatever else its status says.
    return release.stable ? 'complete' : 'unknown';
}
const KIND_STATE = {
    'in-progress': 'in-progress',
    complete: 'superseded',
    failed: 'failed',
    canceled: 'canceled',
    abandoned: 'inactive',
    unknown: 'unknown',
};
/** Whether a release went live: `complete` (or marked stable). The "known good" candidates. */
function completedRelease(release) {
    return releaseKind(release, 0, false) === 'complete';
}
/** Whether a running release is old enough that its deploy may have been abandoned. */
function hasAgingRunningRelease(releases, now) {
    return releases.some((r) => releaseKind(r, now, true) === 'abandoned');
}
/** The release an image group runs: the one its machines' metadata names, else the newest with it. */
function releaseForImage(image, machines, releases) {
    const named = new Set(machines.map((m) => Number(m.config.metadata?.fly_release_version)).filter(Number.isFinite));
    return (releases.find((r) => named.has(r.version) && sameImage(r.imageRef, image)) ??
        releases.find((r) => sameImage(r.imageRef, image)));
}
function latest(times) {
    const parsed = times.map((t) => (t ? Date.parse(t) : NaN)).filter((t) => !Number.isNaN(t));
    return parsed.length ? Math.max(...parsed) : undefined;
}
const iso = (text) => new Date(text).toISOString();
function releaseLabel(release) {
    return `${releaseId(release.version)}${release.imageRef ? ` (${shortImage(release.imageRef)})` : ''}`;
}
/** 'passing 2/2', 'critical: http (connection refused)', 'no checks'. */
function describeChecks(machine) {
    const checks = machine.checks ?? [];
    if (checks.length === 0)
        return 'no checks';
    const passing = checks.filter((c) => c.status.toLowerCase() === 'passing').length;
    if (passing === checks.length)
        return `passing ${passing}/${checks.length}`;
    const bad = checks.filter((c) => c.status.toLowerCase() !== 'passing');
    return bad
        .map((c) => `${c.status}: ${c.name}${c.output ? ` (${c.output.replace(/\s+/g, ' ').trim().slice(0, 80)})` : ''}`)
        .join('; ');
}
function buildFlyState(input) {
    const { releases, now } = input;
    const machines = fleetMachines(input.machines);
    const leased = heldLeases(machines, input.leases, now);
    const leasesKnownFree = input.leases !== undefined && leased.length === 0;
    const kinds = new Map(releases.map((r) => [r.id, releaseKind(r, now, leasesKnownFree)]));
    const groups = imageGroups(machines, releases);
    const mixed = groups.length > 1;
    const liveGroup = pickLiveGroup(groups, kinds);
    const deployments = releaseDeployments(releases, kinds, liveGroup);
    const live = liveGroup ? liveDeployment(liveGroup, { releases, kinds, deployments, now }) : undefined;
    // Someone else is moving machines (leases held while they disagree): wait for them.
    if (mixed && leased.length > 0)
        deployments.push(updatingDeployment(leased, live, now));
    deployments.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const state = {
        app: input.app,
        releases,
        machines,
        groups,
        mixed,
        liveImage: liveGroup?.image,
        leased,
        // Rollbacks are marked (machines:v<n>, reverts, deploys of a replaced image): a release that
        // merely keeps the previous image (`fly secrets set`) stands for that code but is no rollback.
        snapshot: { deployments, live, details: {}, rollbacksMarked: true },
    };
    state.snapshot.details = { fly: flyDetails(state) };
    return state;
}
/** Fleet machines whose lease someone holds now (when leases were looked up). */
function heldLeases(machines, leases, now) {
    return machines
        .map((m) => ({ machine: m.id, lease: leases?.get(m.id) }))
        .filter((entry) => entry.lease && (entry.lease.expiresAt === undefined || entry.lease.expiresAt > now))
        .map((entry) => ({ machine: entry.machine, owner: entry.lease?.owner }));
}
/** The machines by the image they run (the same image under two names is one group). */
function imageGroups(machines, releases) {
    const byImage = new Map();
    for (const machine of machines) {
        const key = [...byImage.keys()].find((image) => sameImage(image, machine.config.image)) ?? machine.config.image;
        byImage.set(key, [...(byImage.get(key) ?? []), machine]);
    }
    return [...byImage.entries()].map(([image, members]) => ({
        image,
        release: releaseForImage(image, members, releases),
        machines: members,
    }));
}
/**
 * The group that counts as live: never a release still being deployed (that one is pending); among
 * the rest the newest release, an image of no known release counting as newest of all.
 */
function pickLiveGroup(groups, kinds) {
    const rank = (g) => (g.release ? g.release.version : Number.POSITIVE_INFINITY);
    return groups
        .filter((g) => !g.release || kinds.get(g.release.id) !== 'in-progress')
        .sort((a, b) => rank(b) - rank(a) ||
        (latest(b.machines.map((m) => m.updated_at)) ?? 0) -
            (latest(a.machines.map((m) => m.updated_at)) ?? 0))[0];
}
/** A deployment per release, `v<version>`. */
function releaseDeployments(releases, kinds, liveGroup) {
    const rollbacks = releaseRollbacks(releases, kinds);
    return releases.map((release) => {
        const kind = kinds.get(release.id);
        const isLive = liveGroup?.release?.id === release.id;
        return {
            id: releaseId(release.version),
            label: releaseLabel(release),
            createdAt: iso(release.createdAt),
            state: isLive ? 'live' : KIND_STATE[kind],
            status: `${release.status}${release.stable ? ' (stable)' : ''}${kind === 'abandoned' ? ' (abandoned: no machine is being updated)' : ''}`,
            wasLive: kind === 'complete' || isLive,
            // Fly does not say whether the image is still in its registry: assumed so (README: limits).
            canRollback: Boolean(release.imageRef),
            ineligibleReason: release.imageRef ? undefined : 'the release has no image',
            artifact: release.imageRef,
            isRollback: release.revertedTo !== undefined || rollbacks.has(release.id),
            restores: release.revertedTo !== undefined ? releaseId(release.revertedTo) : rollbacks.get(release.id),
        };
    });
}
/**
 * The deployment that is live, from the live group: its release's; or the machines' own state when
 * they run an image of no release, or were rolled back (then added to `deployments`, and the
 * release they run marked superseded).
 */
function liveDeployment(group, context) {
    const { releases, kinds, deployments } = context;
    const liveRelease = group.release;
    const machinesTime = latest(group.machines.map((m) => m.updated_at));
    if (!liveRelease) {
        const live = {
            id: `machines:${group.image}`,
            label: `machines on ${shortImage(group.image)} (an image of no release)`,
            createdAt: iso(machinesTime ?? context.now),
            state: 'live',
            status: 'machines run an image no release has',
            wasLive: true,
            canRollback: true,
            artifact: group.image,
            isRollback: false,
        };
        deployments.push(live);
        return live;
    }
    // A newer release with another image completed (or the machines' own metadata names it), yet the
    // machines run this one: they were rolled back. (A rollback replaces only the image, so the
    // metadata keeps naming the release rolled back from.)
    const named = new Set(group.machines.map((m) => Number(m.config.metadata?.fly_release_version)));
    const rolledBackFrom = releases.find((r) => r.version > liveRelease.version &&
        (kinds.get(r.id) === 'complete' || named.has(r.version)) &&
        !sameImage(r.imageRef, liveRelease.imageRef));
    const ofRelease = deployments.find((d) => d.id === releaseId(liveRelease.version));
    if (!rolledBackFrom)
        return ofRelease;
    if (ofRelease)
        Object.assign(ofRelease, { state: 'superseded' });
    const floor = Math.max(Date.parse(liveRelease.createdAt), Date.parse(rolledBackFrom.createdAt)) + 1;
    const live = {
        id: `machines:${releaseId(liveRelease.version)}`,
        label: `machines on ${releaseLabel(liveRelease)}, rolled back from ${releaseId(rolledBackFrom.version)}`,
        createdAt: iso(Math.max(floor, machinesTime ?? floor)),
        state: 'live',
        status: `the machines run the image of ${releaseId(liveRelease.version)}`,
        wasLive: true,
        canRollback: Boolean(liveRelease.imageRef),
        artifact: liveRelease.imageRef,
        isRollback: true,
        restores: releaseId(liveRelease.version),
    };
    deployments.push(live);
    return live;
}
/** The in-progress deployment that stands for someone else's machine update. */
function updatingDeployment(leased, live, now) {
    const after = live ? Date.parse(live.createdAt) + 1 : now;
    return {
        id: UPDATING_ID,
        label: `a machine update in progress (leased: ${leased.map((l) => `${l.machine}${l.owner ? ` by ${l.owner}` : ''}`).join(', ')})`,
        createdAt: iso(Math.max(now, after)),
        state: 'in-progress',
        status: 'machines leased and on different images',
        wasLive: false,
        canRollback: false,
        ineligibleReason: 'it is an update in progress, not a release',
        isRollback: false,
    };
}
/**
 * Releases that went back to an image an earlier release had and a later one replaced — `fly deploy
 * --image <old image>`, Fly's own rollback recipe — by id, with the release whose image they
 * restored. A release with the same image as the release that went live just before it is not one:
 * that is a config or secrets change (`fly secrets set` makes a release), the same code as before.
 */
function releaseRollbacks(releases, kinds) {
    const rollbacks = new Map();
    const oldestFirst = [...releases].sort((a, b) => a.version - b.version);
    let previous;
    for (const [index, release] of oldestFirst.entries()) {
        if (previous && release.imageRef && !sameImage(previous.imageRef, release.imageRef)) {
            const restored = oldestFirst
                .slice(0, index)
                .reverse()
                .find((older) => kinds.get(older.id) === 'complete' && sameImage(older.imageRef, release.imageRef));
            if (restored)
                rollbacks.set(release.id, releaseId(restored.version));
        }
        if (kinds.get(release.id) === 'complete')
            previous = release;
    }
    return rollbacks;
}
/** The machines as the report shows them. */
function machineViews(state) {
    return state.machines.map((machine) => {
        const group = state.groups.find((g) => g.machines.includes(machine));
        return {
            id: machine.id,
            name: machine.name,
            region: machine.region,
            state: machine.state,
            image: machine.config.image,
            release: group?.release ? releaseId(group.release.version) : undefined,
            checks: describeChecks(machine),
            leasedBy: state.leased.find((l) => l.machine === machine.id)?.owner,
        };
    });
}
/** The report's view of the fleet: which machines run which image. */
function flyDetails(state) {
    return {
        app: state.app,
        mixedImages: state.mixed,
        images: state.groups.map((g) => ({
            image: g.image,
            release: g.release ? releaseId(g.release.version) : null,
            machines: g.machines.map((m) => m.id),
        })),
        machines: machineViews(state),
    };
}
/**
 * The deployment a `target` input names: a deployment id ('v41', 'machines:v41'), a version ('41'),
 * a release's GraphQL id, or an image ref (the newest release with that image that can be rolled
 * back to, else the newest with it).
 */
function findFlyTarget(state, snapshot, target) {
    const text = target.trim();
    const byId = (id) => snapshot.deployments.find((d) => d.id === id);
    const exact = byId(text);
    if (exact)
        return exact;
    const version = /^v?(\d+)$/i.exec(text)?.[1];
    if (version !== undefined)
        return byId(releaseId(Number(version)));
    const release = state.releases.find((r) => r.id === text);
    if (release)
        return byId(releaseId(release.version));
    const withImage = snapshot.deployments.filter((d) => !d.id.startsWith('machines:') && sameImage(d.artifact, text));
    return withImage.find((d) => d.wasLive && d.canRollback) ?? withImage[0];
}

;// CONCATENATED MODULE: ./src/providers/fly/rollout.ts



const STARTED_STATES = new Set(['started', 'starting', 'replacing']);
const DEAD_STATES = new Set(['failed', 'destroyed', 'destroying']);
const CHECK_POLL_FIRST_MS = 1_000;
const CHECK_POLL_MAX_MS = 5_000;
/** Attempts at an update whose answer was lost, each after proof that the last did not apply. */
const UPDATE_ATTEMPTS = 3;
class Timeout extends Error {
}
function movedCount(outcome) {
    return outcome.machines.filter((m) => m.moved).length;
}
/** The machines a rollback to `targetImage` moves, in the order it moves them. */
function machinesToMove(machines, targetImage) {
    // Started machines first: their health checks tell at once whether the old image works, before
    // a rolling update touches the rest.
    const started = (m) => (STARTED_STATES.has(m.state) ? 0 : 1);
    return machines
        .filter((m) => !sameImage(m.config.image, targetImage))
        .sort((a, b) => started(a) - started(b) || a.id.localeCompare(b.id));
}
async function rollOut(options) {
    return new Rollout(options).run();
}
/** One rollout: the machines it moves, their leases, and what happened to each. */
class Rollout {
    options;
    toMove;
    outcome;
    leases;
    constructor(options) {
        this.options = options;
        this.toMove = machinesToMove(options.machines, options.targetImage);
        this.outcome = {
            strategy: options.strategy,
            targetImage: options.targetImage,
            timedOut: false,
            warnings: [],
            machines: [
                ...this.toMove.map((m) => startingOutcome(m, 'not-updated')),
                ...options.machines
                    .filter((m) => !this.toMove.includes(m))
                    .map((m) => ({ ...startingOutcome(m, 'skipped'), detail: 'already ran the target image' })),
            ],
        };
        this.leases = new LeaseKeeper(options.api, {
            description: `rollback-guard ${options.runId}: rolling back to ${options.targetLabel}`,
            deadline: options.deadline,
            clock: options.clock,
            log: options.log,
        });
    }
    async run() {
        const { options } = this;
        // 1. Every lease first: nothing has changed if one is refused.
        await this.leases.takeAll(this.toMove.map((m) => m.id));
        options.log.info(`Fly.io: holding the leases of ${this.leases.count} machine(s); moving them to ${shortImage(options.targetImage)} (${options.strategy})`);
        try {
            // 3. One machine at a time (rolling, or not waiting), or every update first, then every wait.
            if (options.strategy === 'rolling' || !options.wait)
                await this.oneByOne();
            else
                await this.allAtOnce();
        }
        finally {
            await this.leases.releaseAll();
            this.outcome.warnings.push(...this.leases.warnings);
        }
        const failed = this.outcome.machines.find((m) => m.result === 'failed');
        if (failed)
            this.outcome.failure = `machine ${failed.id}${failed.region ? ` (${failed.region})` : ''} ${failed.detail ?? 'failed'}`;
        return this.outcome;
    }
    /** Each machine updated (and waited for) before the next; a rolling update stops at a failure. */
    async oneByOne() {
        for (const [index, machine] of this.toMove.entries()) {
            const ok = await this.step(this.position(index), machine);
            await this.leases.release(machine.id);
            if (!ok && this.options.strategy === 'rolling')
                break;
            if (this.outcome.timedOut)
                break;
        }
    }
    /** `immediate`: every update sent, one after the other, then every machine waited for together. */
    async allAtOnce() {
        const sent = [];
        for (const [index, machine] of this.toMove.entries()) {
            const update = await this.sendUpdate(this.position(index), machine);
            if (update)
                sent.push({ machine, ...update });
        }
        await Promise.all(sent.map(async ({ machine, instanceId, launched }) => {
            await this.settle(machine.id, instanceId, launched);
            await this.leases.release(machine.id);
        }));
    }
    /** 2. Update, then (when waiting) start and health checks. True when the machine is done and fine. */
    async step(position, machine) {
        const update = await this.sendUpdate(position, machine);
        if (!update)
            return false;
        if (!this.options.wait)
            return true;
        return this.settle(machine.id, update.instanceId, update.launched);
    }
    /** Sends the update. Returns the new version, or undefined when the machine failed (recorded). */
    async sendUpdate(position, machine) {
        const { api, log, deadline, targetImage } = this.options;
        const entry = this.record(machine.id);
        try {
            const lease = await this.leases.fresh(machine.id);
            const current = await api.get(machine.id, deadline);
            const launched = STARTED_STATES.has(current.state);
            log.info(`Fly.io: [${position}] machine ${machine.id}${machine.region ? ` (${machine.region})` : ''}: ${shortImage(current.config.image)} → ${shortImage(targetImage)}${launched ? '' : ` (${current.state}: stays ${current.state})`}`);
            const updated = await this.applyUpdate(current, lease.nonce, launched);
            const instanceId = updated.instance_id ?? '';
            Object.assign(entry, { moved: true, instanceId, result: 'requested', detail: undefined });
            return { instanceId, launched };
        }
        catch (error) {
            Object.assign(entry, { result: 'failed', detail: `could not be updated: ${(0,core_errors/* describeThrown */.YI)(error)}` });
            log.warning(`Fly.io: machine ${machine.id} could not be updated: ${(0,core_errors/* describeThrown */.YI)(error)}`);
            return undefined;
        }
    }
    /**
     * The update itself: the config as read, with only the image replaced. An answer lost to a 5xx or
     * the network is settled by reading the machine back; the update is sent again only if it did not apply.
     */
    async applyUpdate(current, nonce, launched) {
        const { api, log, deadline, targetImage } = this.options;
        for (let attempt = 1;; attempt++) {
            try {
                return await api.update(current.id, {
                    config: { ...current.config, image: targetImage },
                    nonce,
                    skipLaunch: !launched,
                    deadline,
                });
            }
            catch (error) {
                const ambiguous = error instanceof core_errors/* ProviderError */.mZ && (error.status === undefined || error.status >= 500);
                if (!ambiguous)
                    throw error;
                const after = await api.get(current.id, deadline);
                // It did apply; the answer was lost.
                if (sameImage(after.config.image, targetImage) && after.instance_id !== current.instance_id)
                    return after;
                if (attempt >= UPDATE_ATTEMPTS)
                    throw error;
                log.info(`Fly.io: the update of machine ${current.id} did not apply (${(0,core_errors/* describeThrown */.YI)(error)}); sending it again`);
            }
        }
    }
    /** Waits for the new version to start (or stop, when it was not running) and to pass its checks. */
    async settle(machineId, instanceId, launched) {
        const entry = this.record(machineId);
        try {
            await this.waitForState(machineId, instanceId, launched ? 'started' : 'stopped');
            if (launched)
                await this.waitForChecks(machineId, instanceId, entry);
            Object.assign(entry, {
                result: 'updated',
                detail: launched ? 'started, checks passing' : 'updated, left stopped',
            });
            this.options.log.info(`Fly.io: machine ${machineId}: ${entry.detail} (${entry.checks ?? 'no checks'})`);
            return true;
        }
        catch (error) {
            if (error instanceof Timeout) {
                this.outcome.timedOut = true;
                Object.assign(entry, { result: 'timed-out', detail: error.message });
            }
            else {
                Object.assign(entry, { result: 'failed', detail: (0,core_errors/* describeThrown */.YI)(error) });
            }
            this.options.log.warning(`Fly.io: machine ${machineId} ${entry.detail}`);
            return false;
        }
    }
    /** `/wait` in a loop (it holds at most 60 s a call) until the version is in `state`, or the deadline. */
    async waitForState(machineId, instanceId, state) {
        const { api, clock, deadline } = this.options;
        for (;;) {
            const left = deadline - clock.now();
            if (left < 1000)
                throw new Timeout(`had not ${state === 'started' ? 'started' : 'settled'} by the deadline`);
            let result;
            try {
                result = await api.wait(machineId, {
                    instanceId: instanceId || undefined,
                    state,
                    timeoutSeconds: Math.min(60, Math.floor(left / 1000)),
                    deadline,
                });
            }
            catch (error) {
                if (error instanceof core_errors/* ProviderError */.mZ && error.retryable) {
                    await this.options.sleep(Math.min(2_000, Math.max(0, deadline - clock.now())));
                    continue;
                }
                throw error;
            }
            if (result === 'reached')
                return;
            // Not yet. A machine that died, or that someone else changed, will not get there.
            const machine = await api.get(machineId, deadline);
            if (DEAD_STATES.has(machine.state))
                throw new Error(`is ${machine.state} instead of ${state}`);
            if (instanceId && machine.instance_id && machine.instance_id !== instanceId) {
                throw new Error(`was changed by someone else while starting (now version ${machine.instance_id})`);
            }
        }
    }
    /** Polls the machine until every health check passes, the health timeout, or the deadline. */
    async waitForChecks(machineId, instanceId, entry) {
        const { api, clock, deadline, healthTimeoutMs } = this.options;
        const since = clock.now();
        let delay = CHECK_POLL_FIRST_MS;
        for (;;) {
            const machine = await api.get(machineId, deadline);
            entry.checks = describeChecks(machine);
            if (instanceId && machine.instance_id && machine.instance_id !== instanceId) {
                throw new Error(`was changed by someone else while its checks ran (now version ${machine.instance_id})`);
            }
            if (machine.state !== 'started') {
                throw new Error(`stopped after starting (state ${machine.state}; checks: ${entry.checks})`);
            }
            const checks = machine.checks ?? [];
            if (checks.every((c) => c.status.toLowerCase() === 'passing'))
                return;
            const now = clock.now();
            if (now - since >= healthTimeoutMs) {
                throw new Error(`failed its health checks: ${entry.checks} after ${Math.round((now - since) / 1000)} s`);
            }
            if (now >= deadline)
                throw new Timeout(`checks not passing by the deadline (${entry.checks})`);
            await this.options.sleep(Math.min(delay, deadline - now, healthTimeoutMs - (now - since)));
            delay = Math.min(CHECK_POLL_MAX_MS, Math.round(delay * 1.5));
        }
    }
    record(id) {
        return this.outcome.machines.find((m) => m.id === id);
    }
    /** '2/3', for log lines. */
    position(index) {
        return `${index + 1}/${this.toMove.length}`;
    }
}
/** A machine's entry before the rollout touches it. */
function startingOutcome(machine, result) {
    return {
        id: machine.id,
        name: machine.name,
        region: machine.region,
        fromImage: machine.config.image,
        result,
        moved: false,
        checks: describeChecks(machine),
    };
}

;// CONCATENATED MODULE: ./src/providers/fly/summary.ts
/**
 * The Fly part of the step summary: which machine runs which image (and what this run did to it),
 * a warning when the machines disagree, and what a Fly rollback does not roll back.
 */


const FLY_ROLLBACK_SCOPE_NOTE = "Only the image was rolled back: the app's config, secrets, machine sizes and volumes stay as they are now. " +
    'Fly keeps no rollback release: `fly releases` still lists the release rolled back from, and the next `fly deploy` replaces the machines again.';
const RESULT_TEXT = {
    updated: 'updated',
    requested: 'update sent (not waited for)',
    skipped: 'already on the target',
    failed: 'FAILED',
    'not-updated': 'not updated',
    'timed-out': 'timed out',
};
function flySummarySection(details) {
    const fly = details?.fly;
    const rollout = details?.rollout;
    const machines = fly?.machines ?? [];
    const outcomeOf = (id) => rollout?.machines.find((m) => m.id === id);
    const rows = machines.map((m) => {
        const outcome = outcomeOf(m.id);
        return [
            (0,summary/* code */.aY)(m.name ? `${m.id} (${m.name})` : m.id),
            m.region,
            m.state,
            (0,summary/* code */.aY)(shortImage(m.image)),
            m.release ?? 'no release',
            m.checks,
            outcome
                ? `${RESULT_TEXT[outcome.result]}${outcome.detail && outcome.result !== 'skipped' ? `: ${outcome.detail}` : ''}`
                : undefined,
        ];
    });
    return (0,summary/* sections */.V0)((0,summary/* heading */.R_)(3, `Machines${fly?.app ? ` of ${fly.app}` : ''}`), fly?.mixedImages
        ? '⚠️ **The machines run different images.** Live counts as the newest release any of them runs; a rollback moves every machine not yet on the target.'
        : undefined, rows.length > 0
        ? (0,summary/* table */.tp)(['Machine', 'Region', 'State', 'Image', 'Release', 'Checks', 'This run'], rows)
        : 'No machines were found.', rollout?.warnings.length ? (0,summary/* bulletList */.fF)(rollout.warnings.map((w) => `Warning: ${w}`)) : undefined, FLY_ROLLBACK_SCOPE_NOTE, fly?.releasesRead ? `Releases read: ${fly.releasesRead}.` : undefined);
}

;// CONCATENATED MODULE: ./src/providers/fly/provider.ts







const DEFAULT_HEALTH_TIMEOUT_MS = 5 * 60_000;
class FlyProvider {
    options;
    name = 'fly';
    title = 'Fly.io';
    machines;
    releases;
    last;
    runId;
    constructor(options) {
        this.options = options;
        const authorization = flyAuthorization(options.token);
        const common = { app: options.app, authorization, secrets: options.secrets };
        this.machines = new FlyMachinesApi(options.http, { ...common, url: options.apiUrl });
        this.releases = new FlyReleasesApi(options.http, { ...common, url: options.graphqlUrl });
        const random = options.random ?? Math.random;
        this.runId = Math.floor(random() * 0xffffffff)
            .toString(16)
            .padStart(8, '0');
    }
    async read() {
        return (await this.readState()).snapshot;
    }
    /** Machines, then as many release pages as it takes to know every image they run. */
    async readState(deadline) {
        const machines = await this.machines.list(deadline);
        const images = [...new Set(fleetMachines(machines).map((m) => m.config.image))];
        const { releases, complete } = await this.releases.list({
            pageSize: this.options.pageSize ?? 50,
            maxPages: this.options.maxPages ?? 10,
            deadline,
            enough: (found) => enoughReleases(found, images, this.options.target),
        });
        const now = this.options.clock.now();
        let state = buildFlyState({ app: this.options.app, releases, machines, now });
        // Leases are looked up only when they decide something (one request per machine).
        if (state.mixed || hasAgingRunningRelease(releases, now)) {
            const leases = new Map();
            for (const machine of state.machines)
                leases.set(machine.id, await this.machines.findLease(machine.id, deadline));
            state = buildFlyState({ app: this.options.app, releases, machines, leases, now });
        }
        if (!complete) {
            (state.snapshot.details?.fly).releasesRead =
                `the newest ${releases.length} releases (older ones were not needed)`;
        }
        this.last = state;
        return state;
    }
    findTarget(snapshot, target) {
        return this.last ? findFlyTarget(this.last, snapshot, target) : undefined;
    }
    plannedCalls(target) {
        const moving = this.moving(target);
        const api = this.machines;
        return [
            ...moving.map((m) => `POST ${api.path(m.id, '/lease')}`),
            ...moving.flatMap((m) => [
                `POST ${api.path(m.id)} (config.image → ${shortImage(target.artifact ?? '')}${m.state === 'started' ? '' : ', skip_launch'})`,
                `DELETE ${api.path(m.id, '/lease')}`,
            ]),
        ];
    }
    async requestRollback(target, _snapshot, context) {
        const state = this.current();
        if (!target.artifact) {
            throw new core_errors/* ProviderError */.mZ(`${target.label} has no image to roll back to`, { retryable: false });
        }
        const requestedAt = this.options.clock.now();
        const outcome = await rollOut({
            api: this.machines,
            machines: state.machines,
            targetImage: target.artifact,
            targetLabel: target.id,
            strategy: this.options.strategy,
            wait: this.options.wait,
            deadline: context.deadline,
            healthTimeoutMs: this.options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS,
            runId: this.runId,
            clock: this.options.clock,
            sleep: this.options.sleep,
            log: this.options.log,
        });
        const clean = !outcome.failure && !outcome.timedOut;
        return {
            requestedAt,
            // What the next read will call the machines' state (wait: false reports it at once).
            deploymentId: clean ? expectedLiveId(state, target.artifact, this.options.clock.now()) : undefined,
            data: outcome,
        };
    }
    async pollRollback(handle, context) {
        const outcome = handle.data;
        const state = await this.readState(context.deadline);
        const details = { ...state.snapshot.details, rollout: outcome };
        const outputs = { machines: String(movedCount(outcome)) };
        const where = whereThingsStand(state, outcome.targetImage);
        if (outcome.failure)
            return { state: 'failed', status: outcome.failure, detail: where, details, outputs };
        const waiting = outcome.machines.find((m) => m.result === 'timed-out');
        if (outcome.timedOut) {
            return {
                state: 'in-progress',
                status: `machine ${waiting?.id ?? '?'} ${waiting?.detail ?? ''}`.trim(),
                detail: where,
                details,
                outputs,
            };
        }
        const stragglers = state.machines.filter((m) => !sameImage(m.config.image, outcome.targetImage));
        if (stragglers.length > 0) {
            return {
                state: 'failed',
                status: `after the rollback, ${stragglers.map((m) => m.id).join(', ')} still run${stragglers.length === 1 ? 's' : ''} another image`,
                detail: where,
                details,
                outputs,
            };
        }
        return {
            state: 'live',
            status: `all ${state.machines.length} machine(s) run ${shortImage(outcome.targetImage)}`,
            deploymentId: state.snapshot.live?.id,
            details,
            outputs,
        };
    }
    async pollDeployment(id, context) {
        const state = await this.readState(context.deadline);
        const details = state.snapshot.details;
        if (id === UPDATING_ID) {
            if (state.leased.length > 0) {
                return {
                    state: 'in-progress',
                    status: `machines leased: ${state.leased.map((l) => l.machine).join(', ')}`,
                    deploymentId: id,
                    details,
                };
            }
            if (!state.mixed)
                return {
                    state: 'live',
                    status: `all machines run ${shortImage(state.liveImage ?? '')}`,
                    deploymentId: id,
                    details,
                };
            return {
                state: 'failed',
                status: 'the update stopped with the machines on different images',
                detail: whereThingsStand(state, state.liveImage ?? ''),
                deploymentId: id,
                details,
            };
        }
        const deployment = state.snapshot.deployments.find((d) => d.id === id);
        if (!deployment)
            return { state: 'failed', status: `release ${id} is no longer listed`, deploymentId: id, details };
        const progress = {
            live: 'live',
            superseded: 'live',
            'in-progress': 'in-progress',
            failed: 'failed',
            canceled: 'canceled',
            inactive: 'failed',
            unknown: 'failed',
        };
        return { state: progress[deployment.state], status: deployment.status, deploymentId: id, details };
    }
    /** The machines section of the step summary. */
    summarySection(details) {
        return flySummarySection(details);
    }
    current() {
        if (!this.last)
            throw new core_errors/* ProviderError */.mZ('internal error: the Fly app was not read before acting', { retryable: false });
        return this.last;
    }
    moving(target) {
        return target.artifact ? machinesToMove(this.current().machines, target.artifact) : [];
    }
}
/** Whether these releases are enough to judge: every running image's release and a known good one older. */
function enoughReleases(releases, images, target) {
    const found = images.map((image) => releases.find((r) => sameImage(r.imageRef, image)));
    if (found.some((r) => r === undefined))
        return false;
    const oldest = Math.min(...found.map((r) => r.version));
    const olderGood = releases.some((r) => r.version < oldest && completedRelease(r));
    if (!olderGood)
        return false;
    if (!target)
        return true;
    const version = /^v?(\d+)$/i.exec(target.trim())?.[1];
    return releases.some((r) => r.id === target.trim() ||
        (version !== undefined && r.version === Number(version)) ||
        sameImage(r.imageRef, target.trim()));
}
/** The id the machines' state will have once every machine runs `image`. */
function expectedLiveId(state, image, now) {
    const moved = state.machines.map((m) => ({ ...m, config: { ...m.config, image } }));
    return buildFlyState({ app: state.app, releases: state.releases, machines: moved, now }).snapshot.live?.id;
}
/** 'on v2's image: a, b; on other images: c (v3)'. */
function whereThingsStand(state, targetImage) {
    const on = state.machines.filter((m) => sameImage(m.config.image, targetImage)).map((m) => m.id);
    const off = state.groups
        .filter((g) => !sameImage(g.image, targetImage))
        .flatMap((g) => g.machines.map((m) => `${m.id} (${g.release ? releaseId(g.release.version) : shortImage(g.image)})`));
    return `on ${shortImage(targetImage)}: ${on.join(', ') || 'none'}; on other images: ${off.join(', ') || 'none'}`;
}

;// CONCATENATED MODULE: ./src/providers/fly/entry.ts







/** The token may be pasted with its `FlyV1 ` scheme or as several macaroons: every form is a secret. */
function registerFlyToken(token, secrets) {
    for (const form of flyTokenForms(token))
        secrets.add(form);
}
const flyProvider = defineProvider({
    name: 'fly',
    title: 'Fly.io',
    tokenEnv: 'FLY_API_TOKEN',
    rollback: defineRollbackAction('rollback-fly', rollbackFlyInputs, (values, context) => {
        registerFlyToken(values['api-token'], context.secrets);
        return new FlyProvider({
            app: values.app,
            apiUrl: values['api-url'].toString(),
            graphqlUrl: values['graphql-url'].toString(),
            token: values['api-token'],
            strategy: values.strategy,
            wait: values.wait,
            target: values.target,
            http: context.http,
            clock: context.clock,
            sleep: context.sleep,
            log: context.log,
            secrets: context.secrets,
            random: context.random,
        });
    }),
    connection: { token: 'api-token', service: 'app', 'api-url': 'api-url', 'graphql-url': 'graphql-url' },
    settings: { strategy: 'strategy' },
    clients: (values, context) => {
        registerFlyToken(values['api-token'], context.secrets);
        const common = {
            app: values.app,
            authorization: flyAuthorization(values['api-token']),
            secrets: context.secrets,
        };
        return {
            machines: new FlyMachinesApi(context.http, { ...common, url: values['api-url'].toString() }),
            releases: new FlyReleasesApi(context.http, { ...common, url: values['graphql-url'].toString() }),
        };
    },
});

;// CONCATENATED MODULE: ./src/providers/railway/client.ts
/**
 * Railway's public GraphQL API (`POST https://backboard.railway.com/graphql/v2`), for the operations
 * a rollback needs: list a service's deployments (with what serves now), read one deployment, and
 * `deploymentRollback`. Every answer is checked twice: for an `errors` array (Railway answers a
 * rejected operation with HTTP 200 and errors in the body) and against a zod schema built from the
 * published SDL, so a surprise names the field instead of crashing deep inside.
 *
 * The client is a `GraphqlApi` (core/graphql.ts) with Railway's auth headers and hints: a new
 * operation is one `query(document, variables, schema, options)`, in a new file too. Queries are
 * sent as idempotent (retried on 5xx and network errors); mutations such as the rollback are
 * retried only when they provably did not reach Railway (429, connection refused).
 */



const RAILWAY_API_URL = 'https://backboard.railway.com/graphql/v2';
const RAILWAY_TOKEN_TYPES = ['account', 'project'];
/** The deployment fields every operation selects. */
const DEPLOYMENT_FIELDS = `fragment RollbackGuardDeployment on Deployment {
  id
  status
  createdAt
  statusUpdatedAt
  canRollback
  canRedeploy
  deploymentStopped
  meta
  serviceId
  environmentId
}`;
/** The GraphQL documents this client sends, by operation name (the contract tests validate each). */
const RAILWAY_DOCUMENTS = {
    /** The first page of deployments and what serves now, in one request (rate limits are tight). */
    snapshot: `query RollbackGuardSnapshot($input: DeploymentListInput!, $first: Int!, $environmentId: String!, $serviceId: String!) {
  serviceInstance(environmentId: $environmentId, serviceId: $serviceId) {
    id
    serviceName
    activeDeployments { ...RollbackGuardDeployment }
    latestDeployment { ...RollbackGuardDeployment }
  }
  deployments(input: $input, first: $first) {
    edges { node { ...RollbackGuardDeployment } }
    pageInfo { hasNextPage endCursor }
  }
}
${DEPLOYMENT_FIELDS}`,
    deploymentsPage: `query RollbackGuardDeploymentsPage($input: DeploymentListInput!, $first: Int!, $after: String) {
  deployments(input: $input, first: $first, after: $after) {
    edges { node { ...RollbackGuardDeployment } }
    pageInfo { hasNextPage endCursor }
  }
}
${DEPLOYMENT_FIELDS}`,
    deployment: `query RollbackGuardDeployment($id: String!) {
  deployment(id: $id) { ...RollbackGuardDeployment }
}
${DEPLOYMENT_FIELDS}`,
    rollback: `mutation RollbackGuardRollback($id: String!) {
  deploymentRollback(id: $id)
}`,
};
/** `DateTime` (RFC 3339), normalised to `toISOString()` form so times compare as text. */
const dateTime = schemas/* string */.YjP()
    .refine((text) => !Number.isNaN(Date.parse(text)), { message: 'expected an ISO 8601 time' })
    .transform((text) => new Date(text).toISOString());
/** A `Deployment` as the fragment above selects it (types from the SDL). */
const railwayDeploymentSchema = schemas/* object */.Ikc({
    id: schemas/* string */.YjP().min(1),
    /** `DeploymentStatus`; kept as text so a value added later is `unknown`, never a crash or a success. */
    status: schemas/* string */.YjP(),
    createdAt: dateTime,
    statusUpdatedAt: dateTime.nullish(),
    canRollback: schemas/* boolean */.zMY(),
    canRedeploy: schemas/* boolean */.zMY(),
    deploymentStopped: schemas/* boolean */.zMY(),
    /** `DeploymentMeta` is an untyped JSON scalar: read defensively (see deployments.ts). */
    meta: schemas/* unknown */.L5J().optional(),
    serviceId: schemas/* string */.YjP().nullish(),
    environmentId: schemas/* string */.YjP(),
});
const pageInfoSchema = schemas/* object */.Ikc({ hasNextPage: schemas/* boolean */.zMY(), endCursor: schemas/* string */.YjP().nullish() });
const connectionSchema = schemas/* object */.Ikc({
    edges: schemas/* array */.YOg(schemas/* object */.Ikc({ node: railwayDeploymentSchema })),
    pageInfo: pageInfoSchema,
});
const snapshotSchema = schemas/* object */.Ikc({
    serviceInstance: schemas/* object */.Ikc({
        id: schemas/* string */.YjP(),
        serviceName: schemas/* string */.YjP(),
        activeDeployments: schemas/* array */.YOg(railwayDeploymentSchema),
        latestDeployment: railwayDeploymentSchema.nullish(),
    }),
    deployments: connectionSchema,
});
class RailwayClient extends GraphqlApi {
    constructor(options) {
        super({
            http: options.http,
            url: options.apiUrl,
            headers: railwayAuthHeaders(options.token, options.tokenType),
            secrets: options.secrets,
            name: 'Railway',
            quotePrefix: 'Railway answered: ',
            readErrors: readRailwayErrors,
            urlHint: "Check that api-url points at Railway's GraphQL endpoint (https://backboard.railway.com/graphql/v2)",
        });
    }
    /** The GraphQL endpoint, for plans. */
    get apiUrl() {
        return this.url;
    }
    /** The first page of a service's deployments, and what serves now. */
    async snapshot(scope, first, options = {}) {
        const data = await this.query(RAILWAY_DOCUMENTS.snapshot, { input: scope, first, environmentId: scope.environmentId, serviceId: scope.serviceId }, snapshotSchema, {
            purpose: 'read the Railway service and its deployments',
            what: 'Railway snapshot response',
            ...options,
        });
        const { serviceInstance: instance, deployments } = data;
        return {
            serviceName: instance.serviceName,
            active: instance.activeDeployments,
            latest: instance.latestDeployment ?? undefined,
            ...page(deployments),
        };
    }
    /** A further page of a service's deployments. */
    async deploymentsPage(scope, first, after, options = {}) {
        const data = await this.query(RAILWAY_DOCUMENTS.deploymentsPage, { input: scope, first, after: after ?? null }, schemas/* object */.Ikc({ deployments: connectionSchema }), { purpose: 'list Railway deployments', what: 'Railway deploymentsPage response', ...options });
        return page(data.deployments);
    }
    async deployment(id, options = {}) {
        const data = await this.query(RAILWAY_DOCUMENTS.deployment, { id }, schemas/* object */.Ikc({ deployment: railwayDeploymentSchema }), { purpose: `read the Railway deployment ${id}`, what: 'Railway deployment response', ...options });
        return data.deployment;
    }
    /**
     * Asks Railway to roll back to the deployment: it creates a new deployment with that deployment's
     * image and variables. Railway answers only true or false; false is a refusal.
     */
    async rollback(id, options = {}) {
        const data = await this.query(RAILWAY_DOCUMENTS.rollback, { id }, schemas/* object */.Ikc({ deploymentRollback: schemas/* boolean */.zMY() }), { purpose: `request the Railway rollback to ${id}`, what: 'Railway rollback response', ...options });
        if (!data.deploymentRollback) {
            throw new core_errors/* ProviderError */.mZ(`Railway refused the rollback to ${id} (deploymentRollback returned false)`, {
                retryable: false,
                hint: 'Check in the Railway dashboard that the deployment can still be rolled back to: its image may have expired',
            });
        }
    }
}
/** Account and workspace tokens are bearer tokens; project tokens have their own header. */
function railwayAuthHeaders(token, tokenType) {
    return tokenType === 'project' ? { 'Project-Access-Token': token } : { Authorization: `Bearer ${token}` };
}
function page(connection) {
    return {
        deployments: connection.edges.map((edge) => edge.node),
        hasNextPage: connection.pageInfo.hasNextPage,
        endCursor: connection.pageInfo.endCursor ?? undefined,
    };
}
/**
 * What to do about Railway's GraphQL errors. Railway's messages are short ("Not Authorized",
 * "Deployment not found"); which ones are worth a retry is a judgement (unverified): rate limits and
 * Railway's generic internal error are, the rest are not.
 */
function readRailwayErrors(text, errors) {
    const codes = errors.map((e) => String(e.extensions?.code ?? '')).join(' ');
    const all = `${text} ${codes}`;
    if (/not authori[sz]ed|unauthori[sz]ed|unauthenticated|forbidden|invalid token/i.test(all)) {
        return {
            hint: 'Railway refused the token: check that it is valid and can see this project and environment, and that token-type matches it (account for account or workspace tokens, project for project tokens)',
        };
    }
    if (/not found/i.test(all)) {
        return {
            hint: 'Check service-id, environment-id and target: they must be ids from the Railway dashboard, not names',
        };
    }
    if (/rate.?limit|too many requests/i.test(all)) {
        return {
            retryable: true,
            hint: 'Railway rate limits the API per hour and per second: wait and run again',
        };
    }
    if (/problem processing request|internal server error|timed? ?out/i.test(all)) {
        return { retryable: true, hint: 'Railway had an error: check https://status.railway.com and run again' };
    }
    return {};
}

;// CONCATENATED MODULE: ./src/providers/railway/inputs.ts




const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RAILWAY_ID_ACCEPTED = "a Railway id, a UUID such as '3f2a9c1d-5b6e-4f70-8a91-2b3c4d5e6f70' (in the dashboard URL or the service's settings), not a name";
/** Railway ids are UUIDs; a service or environment name here is the usual mistake, caught before any call. */
function parseRailwayId(text) {
    const id = text.trim();
    if (!UUID.test(id))
        throw new parse/* ParseError */.mB(`'${text}' is not ${RAILWAY_ID_ACCEPTED}`);
    return id.toLowerCase();
}
const rollbackRailwayInputs = (0,inputs/* defineInputs */.pf)({
    token: inputs/* input */.hF.string().required().secret(),
    'token-type': inputs/* input */.hF.enum(RAILWAY_TOKEN_TYPES).default('account'),
    'service-id': inputs/* input */.hF.custom(parseRailwayId, RAILWAY_ID_ACCEPTED).required(),
    'environment-id': inputs/* input */.hF.custom(parseRailwayId, RAILWAY_ID_ACCEPTED).required(),
    ...commonRollbackInputs,
    'api-url': inputs/* input */.hF.url().default(RAILWAY_API_URL),
});

;// CONCATENATED MODULE: ./src/providers/railway/deployments.ts
const RAILWAY_STATUSES = [
    'BUILDING',
    'CRASHED',
    'DEPLOYING',
    'FAILED',
    'INITIALIZING',
    'NEEDS_APPROVAL',
    'QUEUED',
    'REMOVED',
    'REMOVING',
    'SKIPPED',
    'SLEEPING',
    'SUCCESS',
    'WAITING',
];
const OTHER_STATE = {
    BUILDING: 'in-progress',
    DEPLOYING: 'in-progress',
    INITIALIZING: 'in-progress',
    QUEUED: 'in-progress',
    WAITING: 'in-progress',
    NEEDS_APPROVAL: 'inactive',
    SUCCESS: 'superseded',
    SLEEPING: 'superseded',
    REMOVED: 'superseded',
    REMOVING: 'superseded',
    CRASHED: 'failed',
    FAILED: 'failed',
    SKIPPED: 'inactive',
};
/** Statuses of a deployment that is (or was, before it crashed) serving. */
const IN_PLACE = new Set(['SUCCESS', 'SLEEPING', 'CRASHED']);
/** The text `restores` holds for a marked rollback whose original is not among the deployments read. */
const RESTORED_UNKNOWN = 'an earlier deployment';
/** How long Railway keeps a removed deployment's image, by plan (pricing docs, image retention). */
const IMAGE_RETENTION_TEXT = 'kept 24 h on Free, 72 h on Hobby, 120 h on Pro, 360 h on Enterprise';
function isRailwayStatus(status) {
    return RAILWAY_STATUSES.includes(status);
}
function readMeta(meta) {
    let value = meta;
    if (typeof value === 'string') {
        try {
            value = JSON.parse(value);
        }
        catch {
            return {};
        }
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return {};
    const record = value;
    const text = (key) => {
        const field = record[key];
        return typeof field === 'string' && field.trim() !== '' ? field.trim() : undefined;
    };
    return {
        reason: text('reason'),
        commitHash: text('commitHash'),
        commitMessage: text('commitMessage'),
        branch: text('branch'),
        image: text('image'),
        imageDigest: text('imageDigest'),
    };
}
/** Railway marks the deployments its rollback creates (assumed: `meta.reason` says 'rollback'). */
function isRollbackMeta(meta) {
    return meta.reason !== undefined && /rollback/i.test(meta.reason);
}
/**
 * What a deployment runs, to recognise a rollback by it: an image digest, an image pinned by digest,
 * or the commit. An image by tag alone is not an identity (`:latest` names a different image on
 * every push), so it is not used.
 */
function artifactOf(meta) {
    if (meta.imageDigest)
        return `digest ${meta.imageDigest}`;
    if (meta.image?.includes('@'))
        return `image ${meta.image}`;
    if (meta.commitHash)
        return `commit ${meta.commitHash}`;
    return undefined;
}
/** 'a1b2c3d4 (commit 1a2b3c4)': short enough for a summary; outputs carry the full id. */
function labelOf(node, meta) {
    const short = node.id.length > 8 ? node.id.slice(0, 8) : node.id;
    if (meta.commitHash)
        return `${short} (commit ${meta.commitHash.slice(0, 7)})`;
    if (meta.image)
        return `${short} (${meta.image})`;
    return short;
}
function newest(nodes) {
    return nodes.reduce((best, node) => (!best || node.createdAt > best.createdAt ? node : best), undefined);
}
/** The deployment in place (see the module comment), or undefined when nothing is. */
function deploymentInPlace(nodes, activeIds) {
    const inPlace = nodes.filter((node) => IN_PLACE.has(node.status));
    return newest(inPlace.filter((node) => activeIds.has(node.id))) ?? newest(inPlace);
}
/** One Railway deployment as the flow sees it. */
function toDeployment(node, live) {
    const meta = readMeta(node.meta);
    const known = isRailwayStatus(node.status);
    const isLive = node.id === live?.id;
    let state = known ? OTHER_STATE[node.status] : 'unknown';
    if (isLive)
        state = node.status === 'CRASHED' ? 'failed' : 'live';
    // A SUCCESS newer than the one in place is about to take over (activeDeployments lags behind).
    if (!isLive && state === 'superseded' && live && node.createdAt > live.createdAt)
        state = 'in-progress';
    const deployment = {
        id: node.id,
        label: labelOf(node, meta),
        createdAt: node.createdAt,
        state,
        status: node.status,
        wasLive: isLive || state === 'superseded' || node.status === 'CRASHED',
        canRollback: node.canRollback,
        artifact: artifactOf(meta),
        commit: meta.commitHash,
        isRollback: isRollbackMeta(meta),
    };
    if (node.status === 'CRASHED' && !isLive) {
        // It ran, then crashed: not "known good", whatever canRollback says.
        deployment.canRollback = false;
        deployment.ineligibleReason = 'it crashed while it was live, so it is not known good';
    }
    else if (!node.canRollback && state === 'superseded') {
        deployment.ineligibleReason = `Railway no longer keeps its image (images of replaced deployments are ${IMAGE_RETENTION_TEXT})`;
    }
    else if (!node.canRollback) {
        deployment.ineligibleReason = 'Railway says it cannot be rolled back to';
    }
    return deployment;
}
/**
 * Marked rollbacks get `restores` from the newest older deployment that runs the same artifact.
 * When there is none (no artifact in `meta`, or the original is older than the history read), they
 * still must count as a rollback — otherwise the next run would roll back past them — so `restores`
 * says so in words. Unmarked deployments are left to the flow, which matches artifacts the same way.
 */
function linkRollbacks(deployments) {
    const oldestFirst = [...deployments].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return deployments.map((deployment) => {
        if (!deployment.isRollback || deployment.restores)
            return deployment;
        const index = oldestFirst.indexOf(deployment);
        const original = deployment.artifact
            ? oldestFirst
                .slice(0, index)
                .reverse()
                .find((older) => older.artifact === deployment.artifact)
            : undefined;
        return { ...deployment, restores: original?.id ?? RESTORED_UNKNOWN };
    });
}
/** Railway deployments (any order, duplicates allowed) → the flow's view, newest first. */
function normaliseDeployments(nodes, activeIds) {
    const unique = [...new Map(nodes.map((node) => [node.id, node])).values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    const liveNode = deploymentInPlace(unique, activeIds);
    const deployments = linkRollbacks(unique.map((node) => toDeployment(node, liveNode)));
    return { deployments, live: deployments.find((d) => d.id === liveNode?.id) };
}
/** Where a deployment this run follows (its rollback, or someone else's) stands. */
function progressOf(node) {
    switch (node.status) {
        case 'SUCCESS':
        case 'SLEEPING':
            return { state: 'live' };
        case 'FAILED':
            return { state: 'failed', detail: 'the deployment failed: see its build and deploy logs on Railway' };
        case 'CRASHED':
            return { state: 'failed', detail: 'it went live and crashed: see its deploy logs on Railway' };
        case 'REMOVED':
        case 'REMOVING':
        case 'SKIPPED':
            return {
                state: 'canceled',
                detail: 'it was removed or skipped before it went live (a newer deployment?)',
            };
        default:
            return isRailwayStatus(node.status)
                ? { state: 'in-progress' }
                : { state: 'in-progress', detail: `unknown status ${node.status}, not treated as success` };
    }
}

;// CONCATENATED MODULE: ./src/providers/railway/provider.ts



/** How many deployments are read (newest first): plenty to find the last known good one. */
const RAILWAY_HISTORY_LIMIT = 50;
/** Deployments per page. */
const PAGE_SIZE = 50;
/** A hard stop for paging when Railway lists oldest first (order is not documented). */
const MAX_PAGES = 10;
/** A whole Railway id (a UUID), as opposed to the short prefix the summary shows. */
const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How far before the request a new deployment's createdAt may be (clock skew). */
const CLOCK_SKEW_MS = 5 * 60_000;
class RailwayProvider {
    client;
    options;
    deps;
    name = 'railway';
    title = 'Railway';
    scope;
    historyLimit;
    pageSize;
    constructor(client, options, deps) {
        this.client = client;
        this.options = options;
        this.deps = deps;
        this.scope = { environmentId: options.environmentId, serviceId: options.serviceId };
        this.historyLimit = options.historyLimit ?? RAILWAY_HISTORY_LIMIT;
        this.pageSize = Math.min(options.pageSize ?? PAGE_SIZE, this.historyLimit);
    }
    async read() {
        const first = await this.client.snapshot(this.scope, this.pageSize);
        const history = await this.history(first);
        const nodes = [...history.nodes, ...first.active, ...(first.latest ? [first.latest] : [])];
        const activeIds = new Set(first.active.map((node) => node.id));
        let { deployments, live } = normaliseDeployments(nodes, activeIds);
        const target = this.options.target;
        if (target && FULL_ID.test(target) && !this.findTarget({ deployments }, target)) {
            // A target older than the history read: fetched by its id.
            const found = await this.lookUpTarget(target);
            if (found)
                ({ deployments, live } = normaliseDeployments([...nodes, found], activeIds));
        }
        return {
            deployments,
            live,
            // Railway says why each deployment exists (meta.reason, assumed): where every deployment read
            // carries one, a deployment without reason 'rollback' is not a rollback, whatever it runs.
            rollbacksMarked: nodes.length > 0 && nodes.every((node) => readMeta(node.meta).reason !== undefined),
            details: {
                railway: {
                    service: first.serviceName,
                    serviceId: this.options.serviceId,
                    environmentId: this.options.environmentId,
                    activeDeployments: first.active.map((node) => ({ id: node.id, status: node.status })),
                    latestDeployment: first.latest ? { id: first.latest.id, status: first.latest.status } : null,
                    deploymentsRead: history.nodes.length,
                    pagesRead: history.pages,
                    listOrder: history.order,
                    historyTruncated: history.truncated,
                },
            },
        };
    }
    /** Exact id, or a unique prefix of at least 8 characters (the short id the dashboard shows). */
    findTarget(snapshot, target) {
        const exact = snapshot.deployments.find((d) => d.id === target);
        if (exact || target.length < 8)
            return exact;
        const matches = snapshot.deployments.filter((d) => d.id.startsWith(target));
        return matches.length === 1 ? matches[0] : undefined;
    }
    plannedCalls(target) {
        return [`POST ${this.client.apiUrl} mutation deploymentRollback(id: "${target.id}")`];
    }
    async requestRollback(target, snapshot, context) {
        const requestedAt = this.deps.clock.now();
        const data = {
            before: snapshot.deployments.map((d) => d.id),
            targetId: target.id,
            targetArtifact: target.artifact,
        };
        await this.client.rollback(target.id, { deadline: context.deadline });
        const handle = { requestedAt, data };
        // Best effort, so `deployment` is known even with wait: false. The request succeeded: a failure
        // to list now must not turn it into a failed request.
        try {
            const created = await this.findCreated(handle, { deadline: context.deadline });
            if (created)
                handle.deploymentId = created.id;
        }
        catch (error) {
            this.deps.log?.debug(`Railway: could not list the new deployment yet: ${String(error)}`);
        }
        return handle;
    }
    async pollRollback(handle, context) {
        if (!handle.deploymentId) {
            const created = await this.findCreated(handle, { deadline: context.deadline });
            if (!created) {
                return {
                    state: 'in-progress',
                    status: 'requested',
                    detail: 'Railway does not list the rollback deployment yet',
                };
            }
            handle.deploymentId = created.id;
            this.deps.log?.info(`Railway: the rollback created deployment ${created.id} (${created.status})`);
            return this.progress(created);
        }
        return this.pollDeployment(handle.deploymentId, context);
    }
    async pollDeployment(id, context) {
        return this.progress(await this.client.deployment(id, { deadline: context.deadline }));
    }
    /** What Railway does not roll back; shown in the summary once the rollback is accepted. */
    async afterRollbackRequested(target) {
        return [
            `Railway restores the image and the service variables of ${target.label}; volumes, databases and other services are not rolled back.`,
            'A new push to the connected branch deploys over this rollback (auto-deploy stays on): fix forward, or turn auto-deploy off in the service settings until the fix is ready.',
        ];
    }
    progress(node) {
        const { state, detail } = progressOf(node);
        return { state, status: node.status, deploymentId: node.id, detail };
    }
    /**
     * Every page needed for the newest `historyLimit` deployments. Railway does not say in which order
     * it lists: newest first stops once there are enough; oldest first reads on to the end (up to
     * MAX_PAGES) so the newest are not missed.
     */
    async history(first, options = {}) {
        const nodes = [...first.deployments];
        let { hasNextPage, endCursor } = first;
        let pages = 1;
        const order = listOrder(first.deployments);
        while (hasNextPage &&
            endCursor &&
            pages < MAX_PAGES &&
            (order === 'oldest-first' || nodes.length < this.historyLimit)) {
            const next = await this.client.deploymentsPage(this.scope, this.pageSize, endCursor, options);
            nodes.push(...next.deployments);
            ({ hasNextPage, endCursor } = next);
            pages += 1;
        }
        const newestFirst = [...new Map(nodes.map((n) => [n.id, n])).values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
        if (order === 'oldest-first' && hasNextPage) {
            this.deps.log?.warning(`Railway lists deployments oldest first and has more than ${pages * this.pageSize}: the newest may be missing from this read`);
        }
        return {
            nodes: newestFirst.slice(0, this.historyLimit),
            pages,
            truncated: newestFirst.length > this.historyLimit || hasNextPage,
            order,
        };
    }
    /** A target older than the history read: fetched by id, and only if it is this service's. */
    async lookUpTarget(target) {
        try {
            const node = await this.client.deployment(target);
            const ours = node.environmentId === this.options.environmentId &&
                (node.serviceId === undefined ||
                    node.serviceId === null ||
                    node.serviceId === this.options.serviceId);
            return ours ? node : undefined;
        }
        catch (error) {
            // "Deployment not found" (or no access): the flow then says the target is not among them.
            if (error instanceof core_errors/* ProviderError */.mZ && !error.retryable)
                return undefined;
            throw error;
        }
    }
    /** The deployment the rollback created, once Railway lists it. */
    async findCreated(handle, options) {
        const data = handle.data;
        const first = await this.client.deploymentsPage(this.scope, this.pageSize, undefined, options);
        const { nodes } = await this.history(first, options);
        const before = new Set(data.before);
        const created = nodes.filter((node) => !before.has(node.id) && Date.parse(node.createdAt) >= handle.requestedAt - CLOCK_SKEW_MS);
        return pickCreated(created, data);
    }
}
/**
 * Among the deployments created since the request, the rollback's: marked as a rollback and running
 * the target's artifact, else marked, else running the artifact, else the earliest created — someone
 * else's deploy in the same minutes would come after ours, so the earliest is the likelier one.
 */
function pickCreated(created, data) {
    const score = (node) => {
        const meta = readMeta(node.meta);
        const sameArtifact = data.targetArtifact !== undefined && artifactOf(meta) === data.targetArtifact;
        return (isRollbackMeta(meta) ? 2 : 0) + (sameArtifact ? 1 : 0);
    };
    return [...created].sort((a, b) => score(b) - score(a) || a.createdAt.localeCompare(b.createdAt))[0];
}
/** The order of one page, from its first and last createdAt. */
function listOrder(nodes) {
    const firstNode = nodes[0];
    const lastNode = nodes[nodes.length - 1];
    if (!firstNode || !lastNode || firstNode.createdAt === lastNode.createdAt)
        return 'unknown';
    return firstNode.createdAt > lastNode.createdAt ? 'newest-first' : 'oldest-first';
}
/**
 * The Railway provider for the rollback flow, from what a user gives (the action's inputs, or the
 * guard's). `http` brings retries, Retry-After and redaction; `secrets` redacts Railway's messages.
 */
function createRailwayProvider(connection, deps) {
    const client = new RailwayClient({
        http: deps.http,
        apiUrl: connection.apiUrl,
        token: connection.token,
        tokenType: connection.tokenType,
        secrets: deps.secrets,
    });
    return new RailwayProvider(client, { serviceId: connection.serviceId, environmentId: connection.environmentId, target: connection.target }, { clock: deps.clock, log: deps.log });
}

;// CONCATENATED MODULE: ./src/providers/railway/entry.ts
/** Railway in the provider registry: rollback-railway, and the GraphQL client from the generic inputs. */





const railwayProvider = defineProvider({
    name: 'railway',
    title: 'Railway',
    tokenEnv: 'RAILWAY_TOKEN',
    rollback: defineRollbackAction('rollback-railway', rollbackRailwayInputs, (values, context) => createRailwayProvider({
        apiUrl: values['api-url'],
        token: values.token,
        tokenType: values['token-type'],
        serviceId: values['service-id'],
        environmentId: values['environment-id'],
        target: values.target,
    }, context)),
    connection: {
        token: 'token',
        'token-type': 'token-type',
        service: 'service-id',
        environment: 'environment-id',
        'api-url': 'api-url',
    },
    settings: {},
    /** Railway's calls are scoped per request: the client, and the service and environment to scope them to. */
    clients: (values, context) => ({
        railway: new RailwayClient({
            http: context.http,
            apiUrl: values['api-url'],
            token: values.token,
            tokenType: values['token-type'],
            secrets: context.secrets,
        }),
        scope: { serviceId: values['service-id'], environmentId: values['environment-id'] },
    }),
});

;// CONCATENATED MODULE: ./src/providers/render/client.ts
/**
 * A client for the parts of Render's REST API a rollback uses (contracts/render-openapi.json):
 * the service (auto-deploy, disk), its deploys with cursor pagination, one deploy, the rollback, and
 * the PATCH that turns auto-deploy off. Every answer is checked against a zod schema built from the
 * OpenAPI document before anything reads it, so a changed shape is an error that names the field.
 *
 * The client is a `RestApi` (core/rest.ts) that knows Render's error body and hints: a new operation
 * is one `request(method, path, {query, body, schema})`, in a new file too. HTTP behaviour (timeouts,
 * retries of reads, Retry-After / Ratelimit-Reset on 429, mutating requests retried only when
 * provably not sent) is the HttpClient's; secrets are removed by the errors themselves.
 */



const RENDER_API_URL = 'https://api.render.com/v1';
/** The statuses the OpenAPI document lists (`deployStatus`); anything else is unknown, never success. */
const RENDER_DEPLOY_STATUSES = (/* unused pure expression or super */ null && ([
    'created',
    'queued',
    'build_in_progress',
    'update_in_progress',
    'live',
    'deactivated',
    'build_failed',
    'update_failed',
    'canceled',
    'pre_deploy_in_progress',
    'pre_deploy_failed',
]));
const client_time = schemas/* string */.YjP().refine((text) => !Number.isNaN(Date.parse(text)), 'expected an ISO 8601 time');
/**
 * Optional fields are also accepted as null: the OpenAPI document only omits them, but a JSON null
 * for "not yet" (finishedAt of a deploy in progress) is common and means the same.
 */
const client_optional = (schema) => schema
    .nullish()
    .transform((value) => value ?? undefined)
    .optional();
/** `deploy` in the OpenAPI document. */
const renderDeploySchema = schemas/* object */.Ikc({
    id: schemas/* string */.YjP().min(1),
    commit: client_optional(schemas/* object */.Ikc({
        id: client_optional(schemas/* string */.YjP()),
        message: client_optional(schemas/* string */.YjP()),
        createdAt: client_optional(client_time),
    })),
    /** Image-backed services only. */
    image: client_optional(schemas/* object */.Ikc({ ref: client_optional(schemas/* string */.YjP()), sha: client_optional(schemas/* string */.YjP()) })),
    /** Kept as text: a status the document does not list is handled as unknown, not rejected. */
    status: client_optional(schemas/* string */.YjP()),
    /** Also kept as text (the enum grows: rollback, new_commit, api, ...). */
    trigger: client_optional(schemas/* string */.YjP()),
    startedAt: client_optional(client_time),
    finishedAt: client_optional(client_time),
    /**
     * Optional in the document, but every deploy has one, and the rollback flow orders deploys by it:
     * a deploy without it is a clear error rather than a guess about its place in the history.
     */
    createdAt: client_time,
    updatedAt: client_optional(client_time),
});
/** `deployList`: a bare array of `{cursor, deploy}`; there is no "has more" flag. */
const renderDeployPageSchema = schemas/* array */.YOg(schemas/* object */.Ikc({ cursor: client_optional(schemas/* string */.YjP()), deploy: renderDeploySchema }));
/** The fields of `service` a rollback uses; the rest is not read. */
const renderServiceSchema = schemas/* object */.Ikc({
    id: schemas/* string */.YjP().min(1),
    name: client_optional(schemas/* string */.YjP()),
    type: client_optional(schemas/* string */.YjP()),
    /** `autoDeploy` ('yes' | 'no'), required in the document. */
    autoDeploy: client_optional(schemas/* string */.YjP()),
    /**
     * Newer API versions describe auto-deploy as `autoDeployTrigger` (commit | checksPass | off); the
     * document defines the type but the service does not carry it yet. Read when present.
     */
    autoDeployTrigger: client_optional(schemas/* string */.YjP()),
    branch: client_optional(schemas/* string */.YjP()),
    dashboardUrl: client_optional(schemas/* string */.YjP()),
    suspended: client_optional(schemas/* string */.YjP()),
    serviceDetails: client_optional(schemas/* object */.Ikc({
        disk: client_optional(schemas/* object */.Ikc({ name: client_optional(schemas/* string */.YjP()), mountPath: client_optional(schemas/* string */.YjP()) })),
    })),
});
/** Render's error body (`error`) is `{id, message}`; its hints name this action's inputs. */
const RENDER_ERRORS = {
    reason: (0,http_errors/* bodyField */.bw)('message'),
    hint: (status) => {
        if (status === 401)
            return 'Render refused the API key: check the `api-key` secret (Render Dashboard → Account Settings → API Keys)';
        if (status === 403 || status === 404)
            return 'Check `service-id` (srv-..., on the service page in the Render Dashboard) and that the API key belongs to a workspace that owns the service';
        return undefined;
    },
};
/** Whether auto-deploy is on, from either field; undefined when the service says neither. */
function autoDeployOn(service) {
    if (service.autoDeployTrigger !== undefined)
        return service.autoDeployTrigger !== 'off';
    if (service.autoDeploy === 'yes')
        return true;
    if (service.autoDeploy === 'no')
        return false;
    return undefined;
}
/** Render allows 1..100 per page. */
const MAX_PAGE_SIZE = 100;
/** How much history a read covers: more than the 30 builds the largest plan retains, with room for failed deploys. */
const DEFAULT_MAX_DEPLOYS = 100;
class RenderClient extends RestApi {
    options;
    servicePath;
    constructor(options) {
        super({
            http: options.http,
            baseUrl: options.apiUrl ?? RENDER_API_URL,
            headers: { authorization: `Bearer ${options.apiKey}` },
            secrets: options.secrets,
            errors: RENDER_ERRORS,
        });
        this.options = options;
        this.servicePath = `/services/${encodeURIComponent(options.serviceId)}`;
    }
    get serviceId() {
        return this.options.serviceId;
    }
    /** `GET /services/{id}`. */
    async getService(deadline) {
        return this.request('GET', this.servicePath, {
            schema: renderServiceSchema,
            what: 'Render service response',
            purpose: `read Render service ${this.serviceId}`,
            deadline,
        });
    }
    /**
     * `GET /services/{id}/deploys?limit=&cursor=`, newest first, following cursors until Render
     * answers an empty page or `max` deploys were read. A short page is not taken as the end: the API
     * promises only that the page after the last one is empty, so that costs one more small read.
     */
    async listDeploys(options = {}) {
        const max = options.max ?? DEFAULT_MAX_DEPLOYS;
        const limit = Math.max(1, Math.min(MAX_PAGE_SIZE, options.pageSize ?? MAX_PAGE_SIZE, max));
        const deploys = [];
        const seen = new Set();
        const cursors = new Set();
        let cursor;
        let pages = 0;
        for (;;) {
            pages += 1;
            const page = await this.request('GET', `${this.servicePath}/deploys`, {
                query: { limit: String(limit), ...(cursor === undefined ? {} : { cursor }) },
                schema: renderDeployPageSchema,
                what: 'Render deploys response',
                purpose: `list Render deploys of ${this.serviceId}`,
                deadline: options.deadline,
            });
            if (page.length === 0)
                return { deploys, pages, truncated: false };
            for (const item of page) {
                if (seen.has(item.deploy.id))
                    continue;
                seen.add(item.deploy.id);
                deploys.push(item.deploy);
                if (deploys.length >= max)
                    return { deploys, pages, truncated: true };
            }
            const next = page.at(-1)?.cursor;
            // No cursor, or one already followed: there is no way further back that cannot loop, and no
            // empty page said the history ended.
            if (next === undefined || cursors.has(next))
                return { deploys, pages, truncated: true };
            cursors.add(next);
            cursor = next;
        }
    }
    /** `GET /services/{id}/deploys/{deployId}`. */
    async getDeploy(deployId, deadline) {
        return this.request('GET', `${this.servicePath}/deploys/${encodeURIComponent(deployId)}`, {
            schema: renderDeploySchema,
            what: 'Render deploy response',
            purpose: `read Render deploy ${deployId}`,
            deadline,
        });
    }
    /**
     * `POST /services/{id}/rollback` with `{deployId}`: answers 201 with the new deploy. Sent once;
     * the HttpClient repeats it only after a 429 or when it provably never left.
     */
    async rollback(deployId, deadline) {
        return this.request('POST', `${this.servicePath}/rollback`, {
            body: { deployId },
            schema: renderDeploySchema,
            what: 'Render rollback response',
            purpose: `roll Render service ${this.serviceId} back to ${deployId}`,
            deadline,
            hint: (status) => status === 429
                ? 'Render allows about 10 deploys and rollbacks a minute per service: wait a minute and run again'
                : status >= 400 && status < 500 && status !== 401 && status !== 403
                    ? `Render refused to roll back to ${deployId}. The usual cause is that its build artifact is no longer retained (Render keeps the last 2 builds on Free, 5 on Hobby, 15 on Pro, 30 on Scale and Enterprise): choose a newer deploy as \`target\`, or deploy that commit again`
                    : undefined,
        });
    }
    /** `PATCH /services/{id}` with `{"autoDeploy": "yes" | "no"}` (`servicePATCH`). */
    async setAutoDeploy(value, deadline) {
        return this.request('PATCH', this.servicePath, {
            body: { autoDeploy: value },
            schema: renderServiceSchema,
            what: 'Render service response',
            purpose: `turn Render auto-deploy ${value === 'no' ? 'off' : 'on'} for ${this.serviceId}`,
            deadline,
        });
    }
    /** The method and path of a call, for plans: 'POST /services/srv-x/rollback'. */
    describe(method, path) {
        return `${method} ${this.servicePath}${path}`;
    }
}

;// CONCATENATED MODULE: ./src/providers/render/inputs.ts




const SERVICE_ID_ACCEPTED = "a Render service id such as 'srv-d0abc123xyz' (letters, digits, '-' and '_')";
/** The id goes into the URL path, so only the characters Render ids are made of are accepted. */
function parseServiceId(text) {
    const id = text.trim();
    if (!/^[A-Za-z0-9_-]+$/.test(id))
        throw new parse/* ParseError */.mB(`'${text}' is not ${SERVICE_ID_ACCEPTED}`);
    return id;
}
const rollbackRenderInputs = (0,inputs/* defineInputs */.pf)({
    ...commonRollbackInputs,
    'api-key': inputs/* input */.hF.string().required().secret(),
    'service-id': inputs/* input */.hF.custom(parseServiceId, SERVICE_ID_ACCEPTED).required(),
    'disable-auto-deploy': inputs/* input */.hF.boolean().default('true'),
    'api-url': inputs/* input */.hF.url().default(RENDER_API_URL),
});

;// CONCATENATED MODULE: ./src/providers/render/summary.ts
/**
 * Render's part of the rollback step summary: the service, what happened to auto-deploy (the one
 * setting the action changes), the persistent disk whose data a rollback does not bring back, and
 * how much deploy history was read. Rendered from the result's `details` and the provider's record
 * of the auto-deploy step, so the guard can render it too.
 */

function autoDeployCell(service, step, disableAutoDeploy) {
    switch (step?.action) {
        case 'turned-off':
            return `was ${step.before}; turned off by this run (turn it back on once a fix is deployed)`;
        case 'already-off':
            return 'off (it already was)';
        case 'left-on':
            return `${step.before}: left as it is (disable-auto-deploy: false), so the next push deploys over the rollback`;
        case 'still-on':
            return 'asked Render to turn it off, but it still reports it on: turn it off in the Settings';
        case 'failed':
            return `${service.autoDeploy}: turning it off failed (see the warning above)`;
        default:
            if (service.autoDeploy === 'off')
                return 'off';
            return disableAutoDeploy
                ? `${service.autoDeploy}: not changed (it is turned off once a rollback of this run is live)`
                : `${service.autoDeploy}: not changed (disable-auto-deploy: false)`;
    }
}
function renderSummarySection(details, step, disableAutoDeploy) {
    const service = details?.renderService;
    if (!service)
        return undefined;
    const history = details?.renderHistory;
    const rows = [
        ['Service', service.name ? `${service.name} (${service.id})` : service.id],
        ['Auto-deploy', autoDeployCell(service, step, disableAutoDeploy)],
        [
            'Persistent disk',
            service.disk ? 'yes: its data is not rolled back, and deploys have a short downtime' : 'no',
        ],
    ];
    if (service.suspended === 'suspended')
        rows.push(['Suspended', 'yes: resume the service for a rollback to serve']);
    if (history) {
        rows.push([
            'Deploys read',
            `${history.deploysRead}${history.truncated ? ' (the newest; older ones were not read)' : ''}`,
        ]);
    }
    return (0,summary/* sections */.V0)((0,summary/* heading */.R_)(3, 'Render'), (0,summary/* table */.tp)(['', ''], rows));
}

;// CONCATENATED MODULE: ./src/providers/render/provider.ts


const IN_PROGRESS = new Set([
    'created',
    'queued',
    'build_in_progress',
    'update_in_progress',
    'pre_deploy_in_progress',
]);
const FAILED = new Set(['build_failed', 'update_failed', 'pre_deploy_failed']);
/** Statuses a deploy only reaches after its build succeeded, so it left a build artifact behind. */
const BUILT = new Set([
    'update_in_progress',
    'pre_deploy_in_progress',
    'pre_deploy_failed',
    'update_failed',
    'live',
    'deactivated',
]);
/**
 * Render keeps the artifacts of the last 2 (Free), 5 (Hobby), 15 (Pro) or 30 (Scale, Enterprise)
 * builds, and the API does not say which plan a service is on or which builds are kept. A deploy
 * with at least this many builds after it is gone on every plan; anything newer may or may not be.
 */
const MAX_RETAINED_BUILDS = 30;
function deployState(status) {
    if (status === 'live')
        return 'live';
    if (status === 'deactivated')
        return 'superseded';
    if (status === 'canceled')
        return 'canceled';
    if (status !== undefined && IN_PROGRESS.has(status))
        return 'in-progress';
    if (status !== undefined && FAILED.has(status))
        return 'failed';
    return 'unknown';
}
/** Live now, or replaced after it finished (see the module comment for the assumption). */
function deployWasLive(deploy) {
    return deploy.status === 'live' || (deploy.status === 'deactivated' && deploy.finishedAt !== undefined);
}
/** What a deploy runs: the image digest (or ref) for image-backed services, else the commit. */
function deployArtifact(deploy) {
    if (deploy.image?.sha)
        return `image ${deploy.image.sha}`;
    if (deploy.image?.ref)
        return `image ${deploy.image.ref}`;
    if (deploy.commit?.id)
        return `commit ${deploy.commit.id}`;
    return undefined;
}
function shortArtifact(deploy) {
    if (deploy.image?.ref)
        return `image ${deploy.image.ref}`;
    if (deploy.image?.sha)
        return `image ${deploy.image.sha.replace(/^sha256:/, '').slice(0, 12)}`;
    if (deploy.commit?.id)
        return `commit ${deploy.commit.id.slice(0, 7)}`;
    return undefined;
}
const ms = (text) => Date.parse(text);
/**
 * Render's deploys as the flow's deployments, newest first. Pure: the guard and the tests call it
 * with deploys read elsewhere.
 */
function renderSnapshot(deploys, history) {
    const ordered = deploys
        .map((deploy, index) => ({ deploy, index }))
        .sort((a, b) => ms(b.deploy.createdAt) - ms(a.deploy.createdAt) || a.index - b.index)
        .map(({ deploy }) => deploy);
    let newerBuilds = 0;
    const deployments = ordered.map((deploy) => {
        const isRollback = deploy.trigger === 'rollback';
        const expired = newerBuilds >= MAX_RETAINED_BUILDS;
        // A rollback reuses the artifact of the deploy it restores: it makes no new build.
        if (!isRollback && deploy.status !== undefined && BUILT.has(deploy.status))
            newerBuilds += 1;
        const artifact = deployArtifact(deploy);
        const what = shortArtifact(deploy);
        return {
            id: deploy.id,
            label: `${deploy.id}${what || isRollback ? ` (${[isRollback ? 'rollback' : '', what].filter(Boolean).join(', ')})` : ''}`,
            // One format for every timestamp, so the flow may compare them as text.
            createdAt: new Date(deploy.createdAt).toISOString(),
            state: deployState(deploy.status),
            status: deploy.status ?? 'missing',
            wasLive: deployWasLive(deploy),
            canRollback: !expired,
            ineligibleReason: expired
                ? `at least ${MAX_RETAINED_BUILDS} newer builds: Render keeps at most the last ${MAX_RETAINED_BUILDS} (Scale, Enterprise; 15 on Pro, 5 on Hobby, 2 on Free)`
                : undefined,
            artifact,
            commit: deploy.commit?.id,
            isRollback,
        };
    });
    // A rollback deploy stands for the newest older deploy that ran the same artifact. When that one
    // is not in the history read (or the artifact is unknown), it still is a rollback: it must not be
    // rolled back again on its own, so it is marked as restoring an older deploy we cannot name.
    for (const [index, deployment] of deployments.entries()) {
        if (!deployment.isRollback)
            continue;
        const restored = deployment.artifact
            ? deployments.slice(index + 1).find((older) => older.artifact === deployment.artifact)
            : undefined;
        deployment.restores =
            restored?.id ?? `an older deploy${deployment.artifact ? ` of ${deployment.artifact}` : ''}`;
    }
    return {
        deployments,
        live: deployments.find((d) => d.state === 'live'),
        rollbacksMarked: true,
        details: history
            ? {
                renderHistory: {
                    deploysRead: deployments.length,
                    pages: history.pages,
                    truncated: history.truncated,
                },
            }
            : undefined,
    };
}
/** Where a deploy stands, for the flow. `ours`: the rollback this run asked for. */
function deployProgress(deploy, whose) {
    const status = deploy.status ?? 'missing';
    const base = { deploymentId: deploy.id, status };
    switch (deployState(deploy.status)) {
        case 'live':
            return { ...base, state: 'live' };
        case 'in-progress':
            return { ...base, state: 'in-progress' };
        case 'failed':
            return {
                ...base,
                state: 'failed',
                detail: `see the deploy's logs in the Render Dashboard${whose === 'ours' && status === 'update_failed' ? '; the old build did not start or pass its health check' : ''}`,
            };
        case 'canceled':
            return { ...base, state: 'canceled', detail: 'canceled from the dashboard or by a newer deploy' };
        case 'superseded':
            // Someone else's deploy that went live did what it was going to do; our rollback being replaced
            // means the service no longer runs what we rolled back to.
            return whose === 'theirs' && deployWasLive(deploy)
                ? { ...base, state: 'live', detail: 'it went live and has since been replaced' }
                : {
                    ...base,
                    state: 'failed',
                    detail: 'it was replaced by a newer deploy (a push with auto-deploy on?): check what is live now',
                };
        default:
            return {
                ...base,
                state: 'in-progress',
                detail: `Render reports the status '${status}', which this version does not know: not treated as success`,
            };
    }
}
class RenderProvider {
    options;
    name = 'render';
    title = 'Render';
    /** The service as first read: its auto-deploy setting and disk, for plans and the report. */
    service;
    warned = new Set();
    /** What the run did about auto-deploy, once the rollback was live. */
    autoDeployStep;
    constructor(options) {
        this.options = options;
    }
    async read() {
        // The service first: a wrong id or key fails here with a message about the service.
        this.service ??= await this.options.client.getService();
        const history = await this.options.client.listDeploys({
            max: this.options.maxDeploys ?? DEFAULT_MAX_DEPLOYS,
            pageSize: this.options.pageSize,
        });
        const snapshot = renderSnapshot(history.deploys, history);
        return { ...snapshot, details: { ...snapshot.details, renderService: serviceFacts(this.service) } };
    }
    plannedCalls(target) {
        return [`${this.options.client.describe('POST', '/rollback')} {"deployId":"${target.id}"}`];
    }
    plannedAfterCalls() {
        if (!this.options.disableAutoDeploy)
            return [];
        const on = this.service ? autoDeployOn(this.service) : undefined;
        if (on === false)
            return [];
        return [
            `${this.options.client.describe('PATCH', '')} {"autoDeploy":"no"}${on === undefined ? ' (if auto-deploy is on)' : ''}`,
        ];
    }
    async requestRollback(target, _snapshot, context) {
        const requestedAt = this.options.clock.now();
        const deploy = await this.options.client.rollback(target.id, context.deadline);
        return { deploymentId: deploy.id, requestedAt, data: { status: deploy.status } };
    }
    async pollRollback(handle, context) {
        // Render answers the rollback with the new deploy, so the id is always there.
        return this.poll(handle.deploymentId, 'ours', context);
    }
    async pollDeployment(id, context) {
        return this.poll(id, 'theirs', context);
    }
    /**
     * Once the rollback is live: turn auto-deploy off (or say that it stays on), and say what a
     * Render rollback does not bring back. A failure here is a warning, not a failed rollback.
     */
    async afterRollbackRequested() {
        try {
            return await this.settleAutoDeploy();
        }
        catch (error) {
            this.autoDeployStep = { action: 'failed' };
            throw error;
        }
    }
    /** The step summary's Render section (service, auto-deploy, disk, history read). */
    summarySection(details) {
        return renderSummarySection(details, this.autoDeployStep, this.options.disableAutoDeploy);
    }
    async settleAutoDeploy() {
        const notes = [];
        const service = await this.options.client.getService();
        this.service = service;
        const on = autoDeployOn(service);
        const before = on ? 'on' : 'unknown';
        const branch = service.branch ? ` to ${service.branch}` : '';
        if (on === false) {
            this.autoDeployStep = { action: 'already-off' };
            notes.push(this.options.disableAutoDeploy
                ? 'Auto-deploy was already off; left as it is.'
                : 'Auto-deploy is off.');
        }
        else if (!this.options.disableAutoDeploy) {
            this.autoDeployStep = { action: 'left-on', before };
            notes.push(`Auto-deploy is ${on ? 'on' : 'in an unknown state'} and was left as it is (disable-auto-deploy: false): the next push${branch} will deploy over this rollback.`);
        }
        else {
            const updated = await this.options.client.setAutoDeploy('no');
            this.service = updated;
            const off = autoDeployOn(updated) === false;
            this.autoDeployStep = off ? { action: 'turned-off', before } : { action: 'still-on' };
            notes.push(off
                ? `Auto-deploy was ${on ? 'on' : 'in an unknown state'}; turned it off so the next push${branch} does not undo the rollback. Turn it back on in the service's Settings once a fix is deployed.`
                : "Warning: asked Render to turn auto-deploy off, but the service still reports it on: turn it off in the service's Settings, or the next push will undo the rollback.");
        }
        if (service.serviceDetails?.disk) {
            notes.push(`The service has a persistent disk (${service.serviceDetails.disk.mountPath ?? service.serviceDetails.disk.name ?? 'mounted'}): its data was not rolled back (use restore-db for a SQLite file on it), and Render deploys services with a disk without zero downtime.`);
        }
        notes.push("Only the build was rolled back: the service's current settings stay as they are, and disks and databases keep their data.");
        return notes;
    }
    async poll(id, whose, context) {
        const progress = deployProgress(await this.options.client.getDeploy(id, context.deadline), whose);
        if (progress.state === 'in-progress' && progress.detail && !this.warned.has(progress.status)) {
            this.warned.add(progress.status);
            this.options.log?.warning(`Render: deploy ${id}: ${progress.detail}`);
        }
        return progress;
    }
}
/** What the report (and the summary section) says about the service. */
function serviceFacts(service) {
    const on = autoDeployOn(service);
    return {
        id: service.id,
        name: service.name,
        type: service.type,
        autoDeploy: on === undefined ? 'unknown' : on ? 'on' : 'off',
        branch: service.branch,
        disk: service.serviceDetails?.disk ? true : false,
        suspended: service.suspended,
        dashboardUrl: service.dashboardUrl,
    };
}
/** The Render provider for the rollback flow, from plain settings (the action and the guard). */
function createRenderProvider(config) {
    const client = new RenderClient({
        http: config.http,
        apiKey: config.apiKey,
        serviceId: config.serviceId,
        apiUrl: config.apiUrl,
        secrets: config.secrets,
    });
    return new RenderProvider({
        client,
        disableAutoDeploy: config.disableAutoDeploy,
        clock: config.clock,
        log: config.log,
        maxDeploys: config.maxDeploys,
        pageSize: config.pageSize,
    });
}

;// CONCATENATED MODULE: ./src/providers/render/entry.ts
/** Render in the provider registry: rollback-render, and the REST client from the generic inputs. */





const renderProvider = defineProvider({
    name: 'render',
    title: 'Render',
    tokenEnv: 'RENDER_API_KEY',
    rollback: defineRollbackAction('rollback-render', rollbackRenderInputs, (values, context) => createRenderProvider({
        http: context.http,
        apiKey: values['api-key'],
        serviceId: values['service-id'],
        apiUrl: values['api-url'],
        disableAutoDeploy: values['disable-auto-deploy'],
        clock: context.clock,
        log: context.log,
        secrets: context.secrets,
    })),
    connection: { token: 'api-key', service: 'service-id', 'api-url': 'api-url' },
    settings: { 'disable-auto-deploy': 'disable-auto-deploy' },
    clients: (values, context) => ({
        render: new RenderClient({
            http: context.http,
            apiKey: values['api-key'],
            serviceId: values['service-id'],
            apiUrl: values['api-url'],
            secrets: context.secrets,
        }),
    }),
});

;// CONCATENATED MODULE: ./src/providers/registry.ts
/**
 * The providers rollback-guard supports, one entry each (see entry.ts), and what the rest of the
 * code derives from them: the provider names, the generic connection inputs and their checks, the
 * provider-only inputs, the token variables. A new provider is one folder (`src/providers/<name>/`
 * with its `entry.ts`) and one line in `PROVIDERS`.
 */







const PROVIDERS = {
    railway: railwayProvider,
    render: renderProvider,
    fly: flyProvider,
};
/** The provider names, in registry order (the `provider` input accepts these). */
const PROVIDER_NAMES = Object.keys(PROVIDERS);
/** Every entry, in registry order. */
const PROVIDER_ENTRIES = Object.values(PROVIDERS);
/** The guard input names a provider takes, generic and provider-only alike. */
function inputsOf(entry) {
    return [...Object.keys(entry.connection), ...Object.keys(entry.settings)];
}
/**
 * The provider-only inputs, each with the default of the rollback input it fills (the text an
 * action with that input declares as its default, e.g. the guard's `strategy: rolling`).
 */
function providerOnlyInputs() {
    const fields = {};
    for (const entry of PROVIDER_ENTRIES) {
        for (const [name, own] of [...Object.entries(entry.connection), ...Object.entries(entry.settings)]) {
            if (CONNECTION_INPUTS.includes(name))
                continue;
            const field = entry.rollback.inputs.fields[own];
            fields[name] = inputs/* input */.hF.string().default(field?.options.defaultText ?? '');
        }
    }
    return fields;
}
/**
 * Every input that applies to some providers only (the generic connection inputs and all
 * provider-only ones), given for `entry` but not taken by it: "does not apply to Render". `given`
 * holds the values the user set (an action leaves out the ones equal to its own default).
 */
function inapplicableInputs(entry, given) {
    const scoped = new Set([...CONNECTION_INPUTS, ...PROVIDER_ENTRIES.flatMap(inputsOf)]);
    const taken = new Set(inputsOf(entry));
    return [...scoped]
        .filter((name) => given[name] !== undefined && !taken.has(name))
        .map((name) => ({ input: name, message: `does not apply to ${entry.title}; leave it empty` }));
}
/** The inputs of `entry`'s rollback action that the generic inputs fill, for reading them. */
function rollbackInputNames(entry) {
    return { ...entry.connection, ...entry.settings };
}
/** The token variable of each action that takes a provider token as an input (for the CLI). */
function tokenVariables() {
    return Object.fromEntries(PROVIDER_ENTRIES.map((entry) => [entry.rollback.name, { [entry.connection.token]: entry.tokenEnv }]));
}
/**
 * Checks the generic inputs for `entry` (`service` as a Railway id, a Render service id or a Fly app
 * name; `environment` refused for Render) and builds its clients. The token is registered as a
 * secret first. Throws one ConfigurationError with every problem, under the generic input names,
 * before any request.
 */
function connect(entry, given, context) {
    const fields = entry.rollback.inputs.fields;
    for (const [name, own] of Object.entries(entry.connection)) {
        if (fields[own]?.options.secret)
            context.secrets.add(given[name]?.trim());
    }
    const read = readInputsAs(entry.rollback.inputs, given, entry.connection);
    const problems = [...read.problems, ...inapplicableInputs(entry, withoutBlanks(given))];
    if (problems.length > 0 || !read.values)
        throw new ConfigurationError(problems);
    return {
        provider: entry.name,
        title: entry.title,
        service: given.service?.trim() ?? '',
        clients: entry.clients(read.values, context),
    };
}
function withoutBlanks(given) {
    return Object.fromEntries(Object.entries(given).filter((entry) => Boolean(entry[1]?.trim())));
}


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
