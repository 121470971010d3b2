"use strict";
// gcp-required-labels: every labelled resource carries the labels that tie its cost and ownership
// to an app, a stack and the tool that manages it (conventions.ts REQUIRED_LABELS).
Object.defineProperty(exports, "__esModule", { value: true });
exports.requiredLabelsPolicy = exports.REQUIRED_LABELS_DEFAULTS = exports.LABEL_PATHS = void 0;
const policy_1 = require("../lib/policy");
const config_1 = require("../lib/config");
const types_1 = require("../lib/types");
const props_1 = require("../lib/props");
const names_1 = require("../lib/names");
const conventions_1 = require("../conventions");
/** Where each labelled type keeps its labels. */
exports.LABEL_PATHS = {
    [types_1.GCP.runService]: ["labels"],
    [types_1.GCP.runJob]: ["labels"],
    [types_1.GCP.runWorkerPool]: ["labels"],
    [types_1.GCP.runV1Service]: ["metadata", "labels"],
    [types_1.GCP.functionV1]: ["labels"],
    [types_1.GCP.functionV2]: ["labels"],
    // Cloud SQL keeps user labels inside settings; provider default labels do not reach them.
    [types_1.GCP.sqlInstance]: ["settings", "userLabels"],
    [types_1.GCP.redisInstance]: ["labels"],
    [types_1.GCP.secret]: ["labels"],
    [types_1.GCP.artifactRepository]: ["labels"],
    [types_1.GCP.pubsubTopic]: ["labels"],
    [types_1.GCP.pubsubSubscription]: ["labels"],
    [types_1.GCP.storageBucket]: ["labels"],
    [types_1.GCP.computeInstance]: ["labels"],
    [types_1.GCP.computeDisk]: ["labels"],
    [types_1.GCP.dnsManagedZone]: ["labels"],
    [types_1.GCP.kmsCryptoKey]: ["labels"],
    [types_1.GCP.bigqueryDataset]: ["labels"],
};
exports.REQUIRED_LABELS_DEFAULTS = {
    requiredLabels: [...conventions_1.REQUIRED_LABELS],
    allowedValues: { env: [...conventions_1.STACKS], "managed-by": [conventions_1.MANAGED_BY] },
};
/** A provider's defaultLabels: an object, or a JSON string when it comes from stack config. */
function providerDefaultLabels(providerProps) {
    const value = (0, props_1.get)(providerProps, "defaultLabels");
    if ((0, props_1.isObject)(value))
        return value;
    if (typeof value === "string") {
        try {
            const parsed = JSON.parse(value);
            if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
                return parsed;
        }
        catch {
            return {};
        }
    }
    return {};
}
exports.requiredLabelsPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-required-labels",
    description: "Labelled resources carry the required labels (app, env, managed-by) with allowed values.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "Add the labels to the resource (Cloud SQL: settings.userLabels) or to the provider's defaultLabels, with env set to the stack name and managed-by to 'pulumi'.",
    defaults: exports.REQUIRED_LABELS_DEFAULTS,
    schema: {
        requiredLabels: config_1.schema.strings("Label keys every labelled resource must carry.", exports.REQUIRED_LABELS_DEFAULTS.requiredLabels),
        allowedValues: config_1.schema.object("Allowed values per label key.", exports.REQUIRED_LABELS_DEFAULTS.allowedValues),
    },
    appliesTo: (type) => type in exports.LABEL_PATHS,
    check: (resource) => {
        const path = exports.LABEL_PATHS[resource.type];
        const own = (0, props_1.record)((0, props_1.get)(resource.props, ...path));
        if (own === props_1.UNKNOWN) {
            resource.skips.add(`The labels of '${resource.name}' are unknown at preview.`);
            return;
        }
        // A top-level labels field also receives the provider's defaultLabels (effectiveLabels).
        const topLevel = path.length === 1;
        const effective = (0, props_1.record)((0, props_1.get)(resource.props, "effectiveLabels"));
        const labels = {
            ...(topLevel ? providerDefaultLabels(resource.providerProps) : {}),
            ...(topLevel && (0, props_1.isObject)(effective) ? effective : {}),
            ...(own ?? {}),
        };
        const where = path.join(".");
        const missing = resource.config.requiredLabels.filter((key) => labels[key] === undefined || labels[key] === null || labels[key] === "");
        if (missing.length > 0) {
            resource.report(`'${resource.name}' (${resource.type}) is missing the required label${missing.length > 1 ? "s" : ""} ${(0, names_1.quoteList)(missing)} in ${where}. Add ${missing.length > 1 ? "them" : "it"} so its cost and ownership can be traced.`);
        }
        for (const [key, allowed] of Object.entries(resource.config.allowedValues)) {
            const value = labels[key];
            if (value === props_1.UNKNOWN) {
                resource.skips.add(`The value of label '${key}' on '${resource.name}' is unknown at preview.`);
            }
            else if (typeof value === "string" && value !== "" && !allowed.includes(value)) {
                resource.report(`'${resource.name}' has label ${key}='${value}', which is not one of ${(0, names_1.quoteList)(allowed)}. Set it to the right value.`);
            }
        }
    },
});
