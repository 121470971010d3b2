"use strict";
// gcp-no-plaintext-secrets: secrets reach workloads from Secret Manager, never as plain values.
// Plain environment values are stored in the service's configuration, shown in the console, copied
// into every revision and readable by anyone with run.services.get. Messages name the resource,
// the container, the variable and the reason; they never repeat the value.
Object.defineProperty(exports, "__esModule", { value: true });
exports.plaintextSecretsPolicy = exports.PLAINTEXT_SECRETS_DEFAULTS = void 0;
const policy_1 = require("../lib/policy");
const config_1 = require("../lib/config");
const types_1 = require("../lib/types");
const props_1 = require("../lib/props");
const secrets_1 = require("../lib/secrets");
const workloads_1 = require("../lib/workloads");
exports.PLAINTEXT_SECRETS_DEFAULTS = {
    additionalSecretNamePatterns: [],
    allowedNames: [],
    entropyThreshold: 3.8,
    minEntropyLength: 20,
};
/** How to fix it, in each kind's own vocabulary. */
function fixFor(type) {
    switch (type) {
        case types_1.GCP.runV1Service:
            return "Store the value in Secret Manager and reference it with valueFrom.secretKeyRef, or mount it as a secret volume.";
        case types_1.GCP.functionV1:
        case types_1.GCP.functionV2:
            return "Store the value in Secret Manager and reference it with secretEnvironmentVariables, or mount it with secretVolumes.";
        default:
            return "Store the value in Secret Manager and reference it with valueSource.secretKeyRef, or mount it as a secret volume.";
    }
}
function prefix(resource, where) {
    return `${workloads_1.WORKLOAD_NAMES[resource.type]} '${resource.name}', ${where}`;
}
function checkVariable(resource, entry, rules, unknownValues) {
    if (entry.fromSecretManager || entry.value === undefined)
        return;
    const name = entry.name === props_1.UNKNOWN ? undefined : entry.name;
    const shownName = name ?? "(a variable whose name is unknown at preview)";
    const nameReason = name === undefined ? undefined : (0, secrets_1.secretNameReason)(name, rules);
    if (entry.value === props_1.UNKNOWN) {
        if (nameReason) {
            // Computed from another resource (a generated password, say) and still plain text.
            resource.report(`${prefix(resource, entry.where)}: environment variable ${shownName} takes a plain value computed from another resource, and ${nameReason}. ${fixFor(resource.type)}`);
        }
        else {
            unknownValues.push(`${shownName} (${entry.where})`);
        }
        return;
    }
    if (nameReason && !(0, secrets_1.isHarmlessValue)(entry.value)) {
        resource.report(`${prefix(resource, entry.where)}: environment variable ${shownName} is set in plain text, and ${nameReason}. ${fixFor(resource.type)}`);
        return;
    }
    const valueReason = (0, secrets_1.secretValueReason)(name, entry.value, rules);
    if (valueReason) {
        resource.report(`${prefix(resource, entry.where)}: environment variable ${shownName} is set in plain text, and ${valueReason}. ${fixFor(resource.type)}`);
    }
}
exports.plaintextSecretsPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-no-plaintext-secrets",
    description: "Environment variables of Cloud Run services, jobs and worker pools and of Cloud Functions take secrets from Secret Manager; no plain value is, or looks like, a secret.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Create a Secret Manager secret, grant the workload's service account roles/secretmanager.secretAccessor on that secret, and reference it (Cloud Run: valueSource.secretKeyRef or a secret volume; Cloud Functions: secretEnvironmentVariables). For a variable that only holds a path to a mounted secret, end its name in _FILE or _PATH; for a known false positive, add its name to allowedNames.",
    defaults: exports.PLAINTEXT_SECRETS_DEFAULTS,
    schema: {
        additionalSecretNamePatterns: config_1.schema.strings("Extra regular expressions (case-insensitive) matching variable names that hold secrets.", exports.PLAINTEXT_SECRETS_DEFAULTS.additionalSecretNamePatterns),
        allowedNames: config_1.schema.strings("Globs (case-insensitive) of variable names known to hold no secret: they skip the name and entropy tests, not the well-known secret shapes.", exports.PLAINTEXT_SECRETS_DEFAULTS.allowedNames),
        entropyThreshold: config_1.schema.number("Shannon entropy (bits per character) from which a long mixed-case token counts as a generated secret.", exports.PLAINTEXT_SECRETS_DEFAULTS.entropyThreshold),
        minEntropyLength: config_1.schema.integer("Shortest token the entropy test looks at.", exports.PLAINTEXT_SECRETS_DEFAULTS.minEntropyLength, 8),
    },
    appliesTo: workloads_1.isWorkload,
    check: (resource) => {
        const environment = (0, workloads_1.environmentOf)(resource.type, resource.props);
        if (!environment)
            return;
        const rules = resource.config;
        const unknownValues = [];
        for (const entry of environment.env) {
            checkVariable(resource, entry, rules, unknownValues);
        }
        for (const arg of environment.argv) {
            if (arg.value === props_1.UNKNOWN)
                continue;
            const reason = (0, secrets_1.secretValueReason)(undefined, arg.value, rules);
            if (reason) {
                resource.report(`${prefix(resource, arg.where)}: ${arg.field}[${arg.position}] passes a secret on the command line, and ${reason.replace(/^its value/, "the argument")}. Read the secret from an environment variable or file backed by Secret Manager instead.`);
            }
        }
        if (unknownValues.length > 0) {
            resource.skips.add(`${workloads_1.WORKLOAD_NAMES[resource.type]} '${resource.name}': the values of ${unknownValues.join(", ")} are unknown at preview, so their shape could not be checked for secrets.`);
        }
        for (const place of environment.unknownPlaces) {
            resource.skips.add(`${workloads_1.WORKLOAD_NAMES[resource.type]} '${resource.name}': ${place} is unknown at preview, so it could not be checked for secrets.`);
        }
    },
});
