"use strict";
// Cloud Run guard rails: a dedicated runtime identity for every workload, health probes on every
// service, and Cloud Run v2 rather than the Knative-shaped v1 API.
Object.defineProperty(exports, "__esModule", { value: true });
exports.cloudRunPolicies = exports.cloudRunV2OnlyPolicy = exports.CLOUD_RUN_V2_ONLY_DEFAULTS = exports.probesPolicy = exports.PROBES_DEFAULTS = exports.dedicatedServiceAccountPolicy = exports.DEDICATED_SERVICE_ACCOUNT_DEFAULTS = void 0;
const policy_1 = require("../lib/policy");
const config_1 = require("../lib/config");
const types_1 = require("../lib/types");
const props_1 = require("../lib/props");
const names_1 = require("../lib/names");
const workloads_1 = require("../lib/workloads");
exports.DEDICATED_SERVICE_ACCOUNT_DEFAULTS = {
    forbiddenServiceAccounts: ["*-compute@developer.gserviceaccount.com", "*@appspot.gserviceaccount.com"],
};
exports.dedicatedServiceAccountPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-cloudrun-dedicated-service-account",
    description: "Cloud Run services, jobs and worker pools (and Cloud Functions) run as a dedicated service account, never the default compute or App Engine account, which holds Editor on the project.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Create a gcp.serviceaccount.Account per workload, grant it only the roles it needs, and set template.serviceAccount (jobs: template.template.serviceAccount; functions: serviceAccountEmail) to its e-mail.",
    defaults: exports.DEDICATED_SERVICE_ACCOUNT_DEFAULTS,
    schema: {
        forbiddenServiceAccounts: config_1.schema.strings("Globs of service account e-mails no workload may run as.", exports.DEDICATED_SERVICE_ACCOUNT_DEFAULTS.forbiddenServiceAccounts),
    },
    appliesTo: (type) => type in workloads_1.SERVICE_ACCOUNT_PATHS,
    check: (resource) => {
        const path = workloads_1.SERVICE_ACCOUNT_PATHS[resource.type];
        const kind = workloads_1.WORKLOAD_NAMES[resource.type];
        const account = (0, props_1.str)((0, props_1.get)(resource.props, ...path));
        // Unknown at preview means it is the e-mail of an account this program creates; the
        // default accounts are never created by a program, so there is nothing to defer.
        if (account === props_1.UNKNOWN)
            return;
        if (account === undefined || account === "") {
            resource.report(`${kind} '${resource.name}' runs as the project's default service account because ${path.join(".")} is unset. Set it to a dedicated service account with only the roles this workload needs.`);
        }
        else if ((0, names_1.matchesAny)(account.toLowerCase(), resource.config.forbiddenServiceAccounts.map((pattern) => pattern.toLowerCase()))) {
            resource.report(`${kind} '${resource.name}' runs as ${account}, a default service account with broad project roles. Set ${path.join(".")} to a dedicated service account with only the roles this workload needs.`);
        }
    },
});
exports.PROBES_DEFAULTS = { requireStartupProbe: true, requireLivenessProbe: true };
const PROBE_CONSEQUENCES = {
    startupProbe: "only the default TCP port check decides when a new revision is ready",
    livenessProbe: "a hung instance keeps receiving traffic and is never restarted",
};
exports.probesPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-cloudrun-probes",
    description: "Cloud Run services declare a startup probe and a liveness probe on their first (serving) container.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Add template.containers[0].startupProbe and livenessProbe, each an httpGet on the service's health path with a period and failure threshold.",
    defaults: exports.PROBES_DEFAULTS,
    schema: {
        requireStartupProbe: config_1.schema.boolean("Require template.containers[0].startupProbe.", exports.PROBES_DEFAULTS.requireStartupProbe),
        requireLivenessProbe: config_1.schema.boolean("Require template.containers[0].livenessProbe.", exports.PROBES_DEFAULTS.requireLivenessProbe),
    },
    appliesTo: (type) => type === types_1.GCP.runService,
    check: (resource) => {
        const containers = (0, props_1.list)((0, props_1.get)(resource.props, "template", "containers"));
        if (containers === props_1.UNKNOWN) {
            resource.skips.add(`The containers of Cloud Run service '${resource.name}' are unknown at preview.`);
            return;
        }
        const first = containers?.[0];
        const label = first === undefined ? "its first container" : (0, workloads_1.containerLabel)(first, 0);
        const required = [
            ...(resource.config.requireStartupProbe ? ["startupProbe"] : []),
            ...(resource.config.requireLivenessProbe ? ["livenessProbe"] : []),
        ];
        for (const probe of required) {
            const value = (0, props_1.get)(first, probe);
            if (value === props_1.UNKNOWN) {
                resource.skips.add(`The ${probe} of Cloud Run service '${resource.name}' is unknown at preview.`);
            }
            else if (value === undefined) {
                resource.report(`Cloud Run service '${resource.name}' has no ${probe} on ${label}, so ${PROBE_CONSEQUENCES[probe]}. Add template.containers[0].${probe} with an httpGet on the health path.`);
            }
        }
    },
});
exports.CLOUD_RUN_V2_ONLY_DEFAULTS = { allowedV1Services: [] };
exports.cloudRunV2OnlyPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-cloudrun-v2-only",
    description: "Cloud Run services use the v2 API (gcp.cloudrunv2.Service), not the Knative-shaped v1 API (gcp.cloudrun.Service).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Replace gcp.cloudrun.Service with gcp.cloudrunv2.Service (ingress, scaling, probes and secret references are first-class there); import the existing service to avoid downtime.",
    defaults: exports.CLOUD_RUN_V2_ONLY_DEFAULTS,
    schema: {
        allowedV1Services: config_1.schema.strings("Pulumi names (globs) of v1 services allowed while they are migrated.", exports.CLOUD_RUN_V2_ONLY_DEFAULTS.allowedV1Services),
    },
    appliesTo: (type) => type === types_1.GCP.runV1Service,
    check: (resource) => {
        if ((0, names_1.matchesAny)(resource.name, resource.config.allowedV1Services))
            return;
        resource.report(`'${resource.name}' is a Cloud Run v1 service (gcp.cloudrun.Service). Use gcp.cloudrunv2.Service instead, whose typed ingress, scaling, probes and secret references this pack can check.`);
    },
});
exports.cloudRunPolicies = [exports.dedicatedServiceAccountPolicy, exports.probesPolicy, exports.cloudRunV2OnlyPolicy];
