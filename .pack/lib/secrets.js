"use strict";
// Telling secrets from configuration: by the variable's name, and by the value's shape.
//
// Two independent tests, because each catches what the other misses: a name like DB_PASSWORD says
// "secret" whatever its value, and a value like `postgres://app:hunter2@db` or `sk-...` is a secret
// whatever the variable is called. Results are reasons (phrases for a message), never the value.
Object.defineProperty(exports, "__esModule", { value: true });
exports.nameWords = nameWords;
exports.isAllowedName = isAllowedName;
exports.secretNameReason = secretNameReason;
exports.isHarmlessValue = isHarmlessValue;
exports.shannonEntropy = shannonEntropy;
exports.secretValueReason = secretValueReason;
const names_1 = require("./names");
/** ORDERS_DB_PASSWORD, ordersDbPassword and orders-db-password all give [orders, db, password]. */
function nameWords(name) {
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
    "password", "passwd", "passphrase", "pwd", "secret", "secrets", "token", "tokens", "credential",
    "credentials", "creds", "apikey", "privatekey", "auth", "authorization", "dsn",
]);
/** Connection strings carry credentials even though their names end in URL. */
const CONNECTION_STRING_PHRASES = [
    ["database", "url"], ["database", "uri"], ["db", "url"], ["db", "uri"],
    ["connection", "string"], ["conn", "str"], ["connection", "url"], ["connection", "uri"],
];
const PUBLIC_KEY_QUALIFIERS = new Set(["public", "publishable", "pub"]);
function containsPhrase(words, phrase) {
    for (let start = 0; start + phrase.length <= words.length; start++) {
        if (phrase.every((word, offset) => words[start + offset] === word))
            return true;
    }
    return false;
}
function isAllowedName(name, rules) {
    return (0, names_1.matchesAny)(name.toLowerCase(), rules.allowedNames.map((pattern) => pattern.toLowerCase()));
}
/** Why the name says the variable holds a secret, or undefined when it does not. */
function secretNameReason(name, rules) {
    if (isAllowedName(name, rules))
        return undefined;
    const words = nameWords(name);
    if (words.length === 0)
        return undefined;
    const last = words[words.length - 1];
    if (REFERENCE_SUFFIXES.has(last))
        return undefined;
    for (const pattern of rules.additionalSecretNamePatterns) {
        if (new RegExp(pattern, "i").test(name))
            return `its name matches the configured pattern /${pattern}/`;
    }
    const phrase = CONNECTION_STRING_PHRASES.find((candidate) => containsPhrase(words, candidate));
    if (phrase)
        return `its name says it is a connection string ('${phrase.join("_")}'), which carries credentials`;
    if (SETTING_SUFFIXES.has(last))
        return undefined;
    const word = words.find((candidate) => SECRET_WORDS.has(candidate));
    if (word)
        return `its name says it holds a secret ('${word}')`;
    if (containsPhrase(words, ["api", "key"]))
        return "its name says it holds an API key";
    if (containsPhrase(words, ["private", "key"]))
        return "its name says it holds a private key";
    if (last === "key" && !(words.length > 1 && PUBLIC_KEY_QUALIFIERS.has(words[words.length - 2]))) {
        return "its name says it holds a key";
    }
    return undefined;
}
/**
 * Values a secret-named variable may hold in plain text because they are not the secret itself:
 * nothing, a flag, a path to a mounted secret file, or a reference to a Secret Manager secret.
 */
function isHarmlessValue(value) {
    const trimmed = value.trim();
    return (trimmed === "" ||
        /^(true|false)$/i.test(trimmed) ||
        /^\/[\w.@/-]+$/.test(trimmed) ||
        /^projects\/[^/\s]+\/secrets\/[^/\s]+(\/versions\/[^/\s]+)?$/.test(trimmed) ||
        /^sm:\/\/[^\s]+$/.test(trimmed));
}
/** Shapes that are secrets whatever the variable's name. Reasons name the kind, never the value. */
const SECRET_SHAPES = [
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
function shannonEntropy(text) {
    if (text.length === 0)
        return 0;
    const counts = new Map();
    for (const char of text)
        counts.set(char, (counts.get(char) ?? 0) + 1);
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
function entropyTokens(value) {
    const separators = /:\/\//.test(value) ? /[\s/?&=#:@,;"']+/ : /[\s,;"']+/;
    return value.split(separators).filter((token) => token !== "");
}
/** Share of the token made of runs of four or more lower-case letters: high for camelCase words. */
function wordLikeShare(token) {
    const runs = token.match(/[a-z]{4,}/g) ?? [];
    return runs.reduce((total, run) => total + run.length, 0) / token.length;
}
/**
 * A generated secret mixes upper case, lower case and digits and does not read as words; hex
 * digests, UUIDs and camelCase identifiers (MindMirrorProductionGateway2024) are left alone even
 * when long and varied. Hex secrets are caught by their variable's name instead.
 */
function looksGenerated(token, rules) {
    return (token.length >= rules.minEntropyLength &&
        /[a-z]/.test(token) &&
        /[A-Z]/.test(token) &&
        /[0-9]/.test(token) &&
        wordLikeShare(token) < 0.4 &&
        shannonEntropy(token) >= rules.entropyThreshold);
}
/** Why the value looks like a secret, or undefined. `name` decides whether the entropy test runs. */
function secretValueReason(name, value, rules) {
    const shape = SECRET_SHAPES.find((candidate) => candidate.pattern.test(value));
    if (shape)
        return shape.reason;
    if (name !== undefined && isAllowedName(name, rules))
        return undefined;
    if (entropyTokens(value).some((token) => looksGenerated(token, rules))) {
        return `its value contains a long random-looking string (Shannon entropy of at least ${rules.entropyThreshold} bits per character)`;
    }
    return undefined;
}
