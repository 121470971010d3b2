// Cloud Run guard rails: a dedicated runtime identity for every workload, health probes on every
// service, and Cloud Run v2 rather than the Knative-shaped v1 API.

import { resourcePolicy } from "../lib/policy";
import { shownName } from "../lib/exposure";
import { schema } from "../lib/config";
import { GCP } from "../lib/types";
import { UNKNOWN, get, list, str } from "../lib/props";
import { matchesAny } from "../lib/names";
import { SERVICE_ACCOUNT_PATHS, WORKLOAD_NAMES, containerLabel } from "../lib/workloads";

// ---- gcp-cloudrun-dedicated-service-account ---------------------------------------------------

export interface DedicatedServiceAccountArgs {
    /** Globs of service account e-mails no workload may run as. */
    forbiddenServiceAccounts: string[];
}

export const DEDICATED_SERVICE_ACCOUNT_DEFAULTS: DedicatedServiceAccountArgs = {
    forbiddenServiceAccounts: ["*-compute@developer.gserviceaccount.com", "*@appspot.gserviceaccount.com"],
};

export const dedicatedServiceAccountPolicy = resourcePolicy<DedicatedServiceAccountArgs>({
    name: "gcp-cloudrun-dedicated-service-account",
    description:
        "Cloud Run services, jobs and worker pools (and Cloud Functions) run as a dedicated service account, never the default compute or App Engine account, which holds Editor on the project.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Create a gcp.serviceaccount.Account per workload, grant it only the roles it needs, and set template.serviceAccount (jobs: template.template.serviceAccount; functions: serviceAccountEmail) to its e-mail.",
    defaults: DEDICATED_SERVICE_ACCOUNT_DEFAULTS,
    schema: {
        forbiddenServiceAccounts: schema.strings(
            "Globs of service account e-mails no workload may run as.",
            DEDICATED_SERVICE_ACCOUNT_DEFAULTS.forbiddenServiceAccounts,
        ),
    },
    types: Object.keys(SERVICE_ACCOUNT_PATHS),
    check: (resource) => {
        const path = SERVICE_ACCOUNT_PATHS[resource.type];
        const kind = WORKLOAD_NAMES[resource.type];
        const account = str(get(resource.props, ...path));
        // Unknown at preview means it is the e-mail of an account this program creates; the
        // default accounts are never created by a program, so there is nothing to defer.
        if (account === UNKNOWN) return;
        if (account === undefined || account === "") {
            resource.report(
                `${kind} ${shownName(resource)} runs as the project's default service account because ${path.join(".")} is unset. Set it to a dedicated service account with only the roles this workload needs.`,
            );
        } else if (matchesAny(account.toLowerCase(), resource.config.forbiddenServiceAccounts.map((pattern) => pattern.toLowerCase()))) {
            resource.report(
                `${kind} ${shownName(resource)} runs as ${account}, a default service account with broad project roles. Set ${path.join(".")} to a dedicated service account with only the roles this workload needs.`,
            );
        }
    },
});

// ---- gcp-cloudrun-probes ---------------------------------------------------------------------

export interface ProbesArgs {
    requireStartupProbe: boolean;
    requireLivenessProbe: boolean;
}

export const PROBES_DEFAULTS: ProbesArgs = { requireStartupProbe: true, requireLivenessProbe: true };

const PROBE_CONSEQUENCES = {
    startupProbe: "only the default TCP port check decides when a new revision is ready",
    livenessProbe: "a hung instance keeps receiving traffic and is never restarted",
} as const;

export const probesPolicy = resourcePolicy<ProbesArgs>({
    name: "gcp-cloudrun-probes",
    description: "Cloud Run services declare a startup probe and a liveness probe on their first (serving) container.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Add template.containers[0].startupProbe and livenessProbe, each an httpGet on the service's health path with a period and failure threshold.",
    defaults: PROBES_DEFAULTS,
    schema: {
        requireStartupProbe: schema.boolean("Require template.containers[0].startupProbe.", PROBES_DEFAULTS.requireStartupProbe),
        requireLivenessProbe: schema.boolean("Require template.containers[0].livenessProbe.", PROBES_DEFAULTS.requireLivenessProbe),
    },
    types: [GCP.runService],
    check: (resource) => {
        const containers = list(get(resource.props, "template", "containers"));
        if (containers === UNKNOWN) {
            resource.skips.add(`The containers of Cloud Run service ${shownName(resource)} are unknown at preview.`);
            return;
        }
        const first = containers?.[0];
        const label = first === undefined ? "its first container" : containerLabel(first, 0);
        const required = [
            ...(resource.config.requireStartupProbe ? (["startupProbe"] as const) : []),
            ...(resource.config.requireLivenessProbe ? (["livenessProbe"] as const) : []),
        ];
        for (const probe of required) {
            const value = get(first, probe);
            if (value === UNKNOWN) {
                resource.skips.add(`The ${probe} of Cloud Run service ${shownName(resource)} is unknown at preview.`);
            } else if (value === undefined) {
                resource.report(
                    `Cloud Run service ${shownName(resource)} has no ${probe} on ${label}, so ${PROBE_CONSEQUENCES[probe]}. Add template.containers[0].${probe} with an httpGet on the health path.`,
                );
            }
        }
    },
});

// ---- gcp-cloudrun-v2-only --------------------------------------------------------------------

export interface CloudRunV2OnlyArgs {
    /** Pulumi names (globs) of v1 services allowed while they are migrated. */
    allowedV1Services: string[];
}

export const CLOUD_RUN_V2_ONLY_DEFAULTS: CloudRunV2OnlyArgs = { allowedV1Services: [] };

export const cloudRunV2OnlyPolicy = resourcePolicy<CloudRunV2OnlyArgs>({
    name: "gcp-cloudrun-v2-only",
    description: "Cloud Run services use the v2 API (gcp.cloudrunv2.Service), not the Knative-shaped v1 API (gcp.cloudrun.Service).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps:
        "Replace gcp.cloudrun.Service with gcp.cloudrunv2.Service (ingress, scaling, probes and secret references are first-class there); import the existing service to avoid downtime.",
    defaults: CLOUD_RUN_V2_ONLY_DEFAULTS,
    schema: {
        allowedV1Services: schema.strings("Pulumi names (globs) of v1 services allowed while they are migrated.", CLOUD_RUN_V2_ONLY_DEFAULTS.allowedV1Services),
    },
    types: [GCP.runV1Service],
    check: (resource) => {
        if (matchesAny(resource.name, resource.config.allowedV1Services)) return;
        resource.report(
            `${shownName(resource)} is a Cloud Run v1 service (gcp.cloudrun.Service). Use gcp.cloudrunv2.Service instead, whose typed ingress, scaling, probes and secret references this pack can check.`,
        );
    },
});

export const cloudRunPolicies = [dedicatedServiceAccountPolicy, probesPolicy, cloudRunV2OnlyPolicy];
