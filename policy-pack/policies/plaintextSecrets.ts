// gcp-no-plaintext-secrets: secrets reach workloads from Secret Manager, never as plain values.
// Plain environment values are stored in the service's configuration, shown in the console, copied
// into every revision and readable by anyone with run.services.get. Messages name the resource,
// the container, the variable and the reason; they never repeat the value.

import { ResourceCheck, resourcePolicy } from "../lib/policy";
import { schema } from "../lib/config";
import { GCP } from "../lib/types";
import { UNKNOWN, get, str } from "../lib/props";
import { SecretRules, isHarmlessValue, secretNameReason, secretValueReason, structuredSecretReason } from "../lib/secrets";
import { EnvEntry, FieldEntry, FlagEntry, WORKLOAD_NAMES, environmentOf } from "../lib/workloads";
import { displayName } from "../lib/exposure";
import { lastSegment } from "../lib/names";

export interface PlaintextSecretsArgs {
    additionalSecretNamePatterns: string[];
    allowedNames: string[];
    entropyThreshold: number;
    minEntropyLength: number;
}

export const PLAINTEXT_SECRETS_DEFAULTS: PlaintextSecretsArgs = {
    additionalSecretNamePatterns: [],
    allowedNames: [],
    entropyThreshold: 3.8,
    minEntropyLength: 16,
};

/** How to fix it, in each kind's own vocabulary. */
function fixFor(type: string): string {
    switch (type) {
        case GCP.runV1Service:
            return "Store the value in Secret Manager and reference it with valueFrom.secretKeyRef, or mount it as a secret volume.";
        case GCP.functionV1:
        case GCP.functionV2:
            return "Store the value in Secret Manager and reference it with secretEnvironmentVariables, or mount it with secretVolumes.";
        default:
            return "Store the value in Secret Manager and reference it with valueSource.secretKeyRef, or mount it as a secret volume.";
    }
}

/** The resource as every message names it: Pulumi name, physical name in parentheses where different. */
function shownResource(resource: ResourceCheck<PlaintextSecretsArgs>): string {
    const physical = str(get(resource.props, "name"));
    return `${WORKLOAD_NAMES[resource.type]} ${displayName(resource.name, typeof physical === "string" && physical !== "" ? lastSegment(physical) : undefined)}`;
}

function prefix(resource: ResourceCheck<PlaintextSecretsArgs>, where: string): string {
    return `${shownResource(resource)}, ${where}`;
}

/** A value named on the command line: the name decides, as for a variable; then the value's shape. */
function flagReason(flag: FlagEntry, rules: SecretRules): string | undefined {
    const nameReason = secretNameReason(flag.name, rules);
    // `--secret jwt-secret` names a Secret Manager secret (gcloud's own flag), it does not hold one.
    const namesASecret = /^secrets?$/i.test(flag.name) && /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+$/.test(flag.value);
    if (nameReason && !isHarmlessValue(flag.value) && !namesASecret) return nameReason.replace(/^its name/, `the flag ${flag.name}`);
    return undefined;
}

function fieldReason(field: FieldEntry, rules: SecretRules): string | undefined {
    if (field.named && field.key !== undefined) {
        const nameReason = secretNameReason(field.key, rules);
        if (nameReason && !isHarmlessValue(field.value)) return nameReason.replace(/^its name/, `its name ${field.key}`);
    }
    return secretValueReason(field.key, field.value, rules) ?? structuredSecretReason(field.value, rules);
}

function checkVariable(resource: ResourceCheck<PlaintextSecretsArgs>, entry: EnvEntry, rules: SecretRules, unknownValues: string[]): void {
    if (entry.fromSecretManager || entry.value === undefined) return;
    const name = entry.name === UNKNOWN ? undefined : entry.name;
    const shownName = name ?? "(a variable whose name is unknown at preview)";
    const nameReason = name === undefined ? undefined : secretNameReason(name, rules);

    if (entry.value === UNKNOWN) {
        if (nameReason) {
            // Computed from another resource (a generated password, say) and still plain text.
            resource.report(
                `${prefix(resource, entry.where)}: environment variable ${shownName} takes a plain value computed from another resource, and ${nameReason}. ${fixFor(resource.type)}`,
            );
        } else {
            unknownValues.push(`${shownName} (${entry.where})`);
        }
        return;
    }
    if (nameReason && !isHarmlessValue(entry.value)) {
        resource.report(
            `${prefix(resource, entry.where)}: environment variable ${shownName} is set in plain text, and ${nameReason}. ${fixFor(resource.type)}`,
        );
        return;
    }
    const valueReason = secretValueReason(name, entry.value, rules) ?? structuredSecretReason(entry.value, rules);
    if (valueReason) {
        resource.report(
            `${prefix(resource, entry.where)}: environment variable ${shownName} is set in plain text, and ${valueReason}. ${fixFor(resource.type)}`,
        );
    }
}

export const plaintextSecretsPolicy = resourcePolicy<PlaintextSecretsArgs>({
    name: "gcp-no-plaintext-secrets",
    description:
        "Environment variables of Cloud Run services, jobs and worker pools and of Cloud Functions take secrets from Secret Manager; no plain value is, or looks like, a secret.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Create a Secret Manager secret, grant the workload's service account roles/secretmanager.secretAccessor on that secret, and reference it (Cloud Run: valueSource.secretKeyRef or a secret volume; Cloud Functions: secretEnvironmentVariables). For a variable that only holds a path to a mounted secret, end its name in _FILE or _PATH; for a known false positive, add its name to allowedNames.",
    defaults: PLAINTEXT_SECRETS_DEFAULTS,
    schema: {
        additionalSecretNamePatterns: schema.strings(
            "Extra regular expressions (case-insensitive) matching variable names that hold secrets.",
            PLAINTEXT_SECRETS_DEFAULTS.additionalSecretNamePatterns,
        ),
        allowedNames: schema.strings(
            "Globs (case-insensitive) of variable names known to hold no secret: they skip the name and entropy tests, not the well-known secret shapes.",
            PLAINTEXT_SECRETS_DEFAULTS.allowedNames,
        ),
        entropyThreshold: schema.number(
            "Shannon entropy (bits per character) from which a long mixed-case token counts as a generated secret.",
            PLAINTEXT_SECRETS_DEFAULTS.entropyThreshold,
        ),
        minEntropyLength: schema.integer(
            "Shortest token the entropy test looks at.",
            PLAINTEXT_SECRETS_DEFAULTS.minEntropyLength,
            8,
        ),
    },
    types: Object.keys(WORKLOAD_NAMES),
    check: (resource) => {
        const environment = environmentOf(resource.type, resource.props);
        if (!environment) return;
        const rules: SecretRules = resource.config;
        const unknownValues: string[] = [];
        for (const entry of environment.env) {
            checkVariable(resource, entry, rules, unknownValues);
        }
        // One finding per argument: by the argument's shape first (the more precise reason), else by the flag's name.
        const reported = new Set<string>();
        const reportArg = (where: string, field: string, position: number, reason: string) => {
            const key = `${where}/${field}/${position}`;
            if (reported.has(key)) return;
            reported.add(key);
            resource.report(
                `${prefix(resource, where)}: ${field}[${position}] passes a secret on the command line, and ${reason.replace(/^its value/, "the argument")}. Read the secret from an environment variable or file backed by Secret Manager instead.`,
            );
        };
        for (const arg of environment.argv) {
            if (arg.value === UNKNOWN) continue;
            const reason = secretValueReason(undefined, arg.value, rules);
            if (reason) reportArg(arg.where, arg.field, arg.position, reason);
        }
        for (const flag of environment.flags) {
            const reason = flagReason(flag, rules);
            if (reason) reportArg(flag.where, flag.field, flag.position, reason);
        }
        for (const field of environment.fields) {
            const reason = fieldReason(field, rules);
            if (reason) {
                resource.report(
                    `${shownResource(resource)}: ${field.path} is stored in plain text in the resource's configuration, and ${reason}. Move the value to Secret Manager.`,
                );
            }
        }
        if (unknownValues.length > 0) {
            resource.skips.add(
                `${shownResource(resource)}: the values of ${unknownValues.join(", ")} are unknown at preview, so their shape could not be checked for secrets.`,
            );
        }
        for (const place of environment.unknownPlaces) {
            resource.skips.add(`${shownResource(resource)}: ${place} is unknown at preview, so it could not be checked for secrets.`);
        }
    },
});
