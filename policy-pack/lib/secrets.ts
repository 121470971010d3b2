// Telling secrets from configuration: by the variable's name, and by the value's shape.
//
// Two independent tests, because each catches what the other misses: a name like DB_PASSWORD says
// "secret" whatever its value, and a value like `postgres://app:hunter2@db` or `sk-...` is a secret
// whatever the variable is called. Results are reasons (phrases for a message), never the value.

import { matchesAny } from "./names";

export interface SecretRules {
    /** Extra regular expressions (case-insensitive) for names that hold secrets. */
    readonly additionalSecretNamePatterns: readonly string[];
    /** Globs (case-insensitive) of names known to hold no secret; they skip the name and entropy tests. */
    readonly allowedNames: readonly string[];
    /** Shannon entropy, in bits per character, from which a long token looks generated. */
    readonly entropyThreshold: number;
    /** Shortest token the entropy test looks at. */
    readonly minEntropyLength: number;
}

/** ORDERS_DB_PASSWORD, ordersDbPassword and orders-db-password all give [orders, db, password]. */
export function nameWords(name: string): string[] {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
        .split(/[^A-Za-z0-9]+/)
        .filter((word) => word !== "")
        .map((word) => word.toLowerCase());
}

/** A last word that makes the variable a *reference* to a secret (DATABASE_URL_FILE=/secrets/db/url). */
const REFERENCE_SUFFIXES = new Set([
    "file", "files", "path", "paths", "dir", "directory", "mount", "name", "names",
    "id", "ids", "version", "versions", "ref", "location",
]);

/** A last word that makes the variable a *setting about* a secret (TOKEN_TTL, AUTH_URL, JWT_ISSUER). */
const SETTING_SUFFIXES = new Set([
    "url", "uri", "endpoint", "host", "hostname", "port", "region", "project", "scope", "scopes",
    "enabled", "disabled", "enable", "disable", "required", "mode", "type", "kind", "provider", "method",
    "scheme", "ttl", "expiry", "expires", "expiration", "lifetime", "timeout", "seconds", "secs", "ms",
    "minutes", "hours", "days", "length", "size", "bytes", "count", "max", "min", "limit", "prefix",
    "suffix", "header", "algorithm", "alg", "issuer", "audience", "email", "user", "username", "login",
]);

/** Words that mean "this is a secret" wherever they stand in the name. */
const SECRET_WORDS = new Set([
    "password", "passwd", "passphrase", "pwd", "pass", "secret", "secrets", "token", "tokens", "credential",
    "credentials", "creds", "apikey", "privatekey", "auth", "authorization", "dsn", "secretkey", "accesskey",
]);

/**
 * Run-together client variables (PGPASSWORD, MYSQLPASSWORD, CLIENTSECRET, APITOKEN): a word that
 * ends in one of these is a secret word. Ends only, so TOKENIZER_MODEL or PASSWORDLESS_LOGIN are not.
 */
const SECRET_WORD_ENDINGS = ["password", "passwd", "secret", "token", "apikey"];

/**
 * Client variables of the databases, caches, queues and clouds MindMirror and its peers use, whose
 * names the word rules above would not read as secrets.
 */
const KNOWN_SECRET_NAMES = new Set([
    "rediscli_auth", "redis_pass", "mysql_pwd", "mssql_sa_password", "sa_password", "pgpass",
    "rabbitmq_default_pass", "rabbitmq_erlang_cookie", "minio_root_password", "minio_secret_key",
    "aws_secret_access_key", "aws_session_token", "azure_client_secret", "azure_storage_key",
    "google_oauth_client_secret", "vault_token", "consul_http_token", "nomad_token", "docker_password",
    "npm_token", "pypi_password", "twine_password", "sentry_auth_token", "datadog_api_key", "dd_api_key",
    "dd_app_key", "newrelic_license_key", "new_relic_license_key", "honeycomb_api_key",
]);

function secretWord(words: readonly string[]): string | undefined {
    return (
        words.find((candidate) => SECRET_WORDS.has(candidate)) ??
        words.find((candidate) => SECRET_WORD_ENDINGS.some((ending) => candidate.length > ending.length && candidate.endsWith(ending)))
    );
}

/** Connection strings carry credentials even though their names end in URL. */
const CONNECTION_STRING_PHRASES: ReadonlyArray<readonly string[]> = [
    ["database", "url"], ["database", "uri"], ["db", "url"], ["db", "uri"],
    ["connection", "string"], ["conn", "str"], ["connection", "url"], ["connection", "uri"],
];

const PUBLIC_KEY_QUALIFIERS = new Set(["public", "publishable", "pub"]);

function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
    for (let start = 0; start + phrase.length <= words.length; start++) {
        if (phrase.every((word, offset) => words[start + offset] === word)) return true;
    }
    return false;
}

export function isAllowedName(name: string, rules: SecretRules): boolean {
    return matchesAny(name.toLowerCase(), rules.allowedNames.map((pattern) => pattern.toLowerCase()));
}

/** Why the name says the variable holds a secret, or undefined when it does not. */
export function secretNameReason(name: string, rules: SecretRules): string | undefined {
    if (isAllowedName(name, rules)) return undefined;
    const words = nameWords(name);
    if (words.length === 0) return undefined;
    const last = words[words.length - 1];
    if (REFERENCE_SUFFIXES.has(last)) return undefined;

    for (const pattern of rules.additionalSecretNamePatterns) {
        if (new RegExp(pattern, "i").test(name)) return `its name matches the configured pattern /${pattern}/`;
    }
    if (KNOWN_SECRET_NAMES.has(words.join("_"))) return `its name is the well-known secret variable ${name}`;
    const phrase = CONNECTION_STRING_PHRASES.find((candidate) => containsPhrase(words, candidate));
    if (phrase) return `its name says it is a connection string ('${phrase.join("_")}'), which carries credentials`;
    if (SETTING_SUFFIXES.has(last)) return undefined;

    const word = secretWord(words);
    if (word) return `its name says it holds a secret ('${word}')`;
    if (containsPhrase(words, ["api", "key"])) return "its name says it holds an API key";
    if (containsPhrase(words, ["private", "key"])) return "its name says it holds a private key";
    if (last === "key" && !(words.length > 1 && PUBLIC_KEY_QUALIFIERS.has(words[words.length - 2]))) {
        return "its name says it holds a key";
    }
    return undefined;
}

/**
 * Values a secret-named variable may hold in plain text because they are not the secret itself:
 * nothing, a flag, a path to a mounted secret file, or a reference to a Secret Manager secret.
 */
export function isHarmlessValue(value: string): boolean {
    const trimmed = value.trim();
    return (
        trimmed === "" ||
        /^(true|false)$/i.test(trimmed) ||
        /^\/[\w.@/-]+$/.test(trimmed) ||
        /^projects\/[^/\s]+\/secrets\/[^/\s]+(\/versions\/[^/\s]+)?$/.test(trimmed) ||
        /^sm:\/\/[^\s]+$/.test(trimmed) ||
        // A reference to another variable, expanded at run time: $(DB_PASSWORD), ${DB_PASSWORD}, $DB_PASSWORD.
        /^\$(?:\([A-Za-z_][A-Za-z0-9_]*\)|\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(trimmed)
    );
}

interface ValueShape {
    readonly pattern: RegExp;
    readonly reason: string;
}

/** Shapes that are secrets whatever the variable's name. Reasons name the kind, never the value. */
const SECRET_SHAPES: readonly ValueShape[] = [
    { pattern: /[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:[^\s@/]+@/i, reason: "its value is a URL with an embedded password" },
    { pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, reason: "its value is a PEM private key" },
    { pattern: /"private_key"\s*:|"type"\s*:\s*"service_account"/, reason: "its value is a service account key file" },
    { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, reason: "its value is a JSON Web Token" },
    { pattern: /\bsk-(?:proj-|ant-|live-|svcacct-)?[A-Za-z0-9_-]{20,}/, reason: "its value has the well-known secret key prefix 'sk-'" },
    { pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/, reason: "its value has a Stripe secret key prefix" },
    { pattern: /\bwhsec_[A-Za-z0-9]{10,}/, reason: "its value has the webhook signing secret prefix 'whsec_'" },
    { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, reason: "its value is an AWS access key ID" },
    { pattern: /\bAIza[0-9A-Za-z_-]{35}/, reason: "its value is a Google API key ('AIza')" },
    { pattern: /\bGOCSPX-[A-Za-z0-9_-]{10,}/, reason: "its value is a Google OAuth client secret ('GOCSPX-')" },
    { pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}/, reason: "its value is a GitHub token" },
    { pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}/, reason: "its value is a GitHub fine-grained token" },
    { pattern: /\bglpat-[A-Za-z0-9_-]{20,}/, reason: "its value is a GitLab token ('glpat-')" },
    { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/, reason: "its value is a Slack token" },
    { pattern: /hooks\.slack\.com\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+/, reason: "its value is a Slack webhook URL" },
    { pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/, reason: "its value is a SendGrid API key" },
    { pattern: /\bhf_[A-Za-z0-9]{30,}/, reason: "its value is a Hugging Face token" },
    { pattern: /\bnpm_[A-Za-z0-9]{36}\b/, reason: "its value is an npm token" },
    { pattern: /AccountKey=[A-Za-z0-9+/=]{20,}/, reason: "its value is an Azure storage connection string" },
    { pattern: /\b(?:Basic|Bearer)\s+[A-Za-z0-9+/=._-]{16,}/, reason: "its value is an Authorization header credential" },
    {
        pattern: /[?&](?:access_token|token|api_?key|key|secret|password|passwd|sig|signature)=[^&#\s]{8,}/i,
        reason: "its value is a URL with a credential in its query string",
    },
];

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
    if (text.length === 0) return 0;
    const counts = new Map<string, number>();
    for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
    let entropy = 0;
    for (const count of counts.values()) {
        const p = count / text.length;
        entropy -= p * Math.log2(p);
    }
    return entropy;
}

/**
 * Tokens the entropy test looks at. URLs are cut at their separators so a long but readable
 * address is not one "random" string; anything else is cut at whitespace and list punctuation.
 */
function entropyTokens(value: string): string[] {
    const separators = /:\/\//.test(value) ? /[\s/?&=#:@,;"']+/ : /[\s,;"']+/;
    return value.split(separators).filter((token) => token !== "");
}

/** Share of the token made of runs of four or more lower-case letters: high for camelCase words. */
function wordLikeShare(token: string): number {
    const runs = token.match(/[a-z]{4,}/g) ?? [];
    return runs.reduce((total, run) => total + run.length, 0) / token.length;
}

/** Names whose values are digests or revisions by nature: a hex string there is not a secret. */
const DIGEST_WORDS = new Set(["sha", "sha1", "sha256", "hash", "digest", "commit", "revision", "rev", "checksum", "etag", "fingerprint", "build", "version"]);

/**
 * The entropy a token must reach: the configured threshold from 20 characters on; shorter tokens
 * need at most log2(length) - 0.5 (a random 16-character password rarely reaches 3.8 bits per
 * character: it cannot pass log2(16) = 4).
 */
function entropyNeeded(token: string, rules: SecretRules): number {
    return token.length >= 20 ? rules.entropyThreshold : Math.min(rules.entropyThreshold, Math.log2(token.length) - 0.5);
}

/** Share of vowels among the letters: about 40 % in words, about 19 % in random lower case. */
function vowelShare(token: string): number {
    const letters = token.replace(/[^a-z]/g, "");
    return letters.length === 0 ? 0 : letters.replace(/[^aeiou]/g, "").length / letters.length;
}

/**
 * Which kind of generated secret a token looks like, or undefined. Kinds: mixed case with digits
 * (passwords, API keys), lower case with digits, lower-case letters only (both: tokens of services
 * that avoid upper case), and hex. Readable identifiers (MindMirrorProductionGateway2024), UUIDs
 * (dashes), and hex under a digest-like name (GIT_SHA) are left alone.
 */
function generatedKind(token: string, name: string | undefined, rules: SecretRules): string | undefined {
    if (token.length < rules.minEntropyLength) return undefined;
    const entropy = shannonEntropy(token);
    if (/^[0-9a-f]+$/i.test(token) && /[a-f]/i.test(token) && /[0-9]/.test(token)) {
        const words = name === undefined ? [] : nameWords(name);
        if (token.length >= 32 && !words.some((word) => DIGEST_WORDS.has(word)) && entropy >= 3.3) return "hex";
        return undefined;
    }
    const needed = entropyNeeded(token, rules);
    if (/[a-z]/.test(token) && /[A-Z]/.test(token) && /[0-9]/.test(token) && wordLikeShare(token) < 0.4 && entropy >= needed) {
        return "mixed";
    }
    if (/^[a-z0-9]+$/.test(token) && token.length >= 20 && (token.match(/[0-9]/g) ?? []).length >= 3 && wordLikeShare(token) < 0.4 && entropy >= needed) {
        return "lower-case";
    }
    if (/^[a-z]+$/.test(token) && token.length >= 24 && vowelShare(token) < 0.25 && entropy >= needed) return "lower-case";
    return undefined;
}

/** Why the value looks like a secret, or undefined. `name` decides whether the entropy test runs. */
export function secretValueReason(name: string | undefined, value: string, rules: SecretRules): string | undefined {
    const shape = SECRET_SHAPES.find((candidate) => candidate.pattern.test(value));
    if (shape) return shape.reason;
    if (name !== undefined && isAllowedName(name, rules)) return undefined;
    for (const token of entropyTokens(value)) {
        const kind = generatedKind(token, name, rules);
        if (kind === "hex") return "its value contains a long random hex string (a generated token)";
        if (kind) {
            return `its value contains a long random-looking string (Shannon entropy of at least ${entropyNeeded(token, rules).toFixed(1)} bits per character)`;
        }
    }
    return undefined;
}

/**
 * Looks into structured values: JSON (`{"user": "app", "password": "..."}`) and `key=value;`
 * connection strings (`Server=db;User Id=sa;Password=...`). Why one of their fields is a secret,
 * or undefined.
 */
export function structuredSecretReason(value: string, rules: SecretRules): string | undefined {
    const trimmed = value.trim();
    if (/^[{[]/.test(trimmed)) {
        let parsed: unknown;
        try {
            parsed = JSON.parse(trimmed);
        } catch {
            parsed = undefined;
        }
        const found = parsed === undefined ? undefined : secretField(parsed, rules, 0);
        if (found) return `its value is structured data whose field '${found}' holds a secret`;
    }
    if (/[;&]/.test(trimmed) && /=/.test(trimmed)) {
        for (const pair of trimmed.split(/[;&]/)) {
            const match = /^\s*([A-Za-z][\w .-]*?)\s*=\s*(.+?)\s*$/.exec(pair);
            if (match && secretNameReason(match[1], rules) && !isHarmlessValue(match[2])) {
                return `its value is a connection string whose '${match[1]}' holds a secret`;
            }
        }
    }
    return undefined;
}

function secretField(node: unknown, rules: SecretRules, depth: number): string | undefined {
    if (depth > 16 || typeof node !== "object" || node === null) return undefined;
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
        if (typeof child === "string") {
            if (!Array.isArray(node) && secretNameReason(key, rules) && !isHarmlessValue(child)) return key;
            if (SECRET_SHAPES.some((shape) => shape.pattern.test(child))) return key;
        } else {
            const found = secretField(child, rules, depth + 1);
            if (found) return found;
        }
    }
    return undefined;
}
