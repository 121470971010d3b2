// gcp-required-labels: every labelled resource carries the labels that tie its cost and ownership
// to an app, a stack and the tool that manages it (conventions.ts REQUIRED_LABELS).

import { resourcePolicy } from "../lib/policy";
import { shownName } from "../lib/exposure";
import { schema } from "../lib/config";
import { GCP } from "../lib/types";
import { PlainObject, UNKNOWN, get, isObject, record } from "../lib/props";
import { quoteList } from "../lib/names";
import { MANAGED_BY, REQUIRED_LABELS, STACKS } from "../conventions";

/** Where each labelled type keeps its labels. */
export const LABEL_PATHS: Readonly<Record<string, readonly string[]>> = {
    [GCP.runService]: ["labels"],
    [GCP.runJob]: ["labels"],
    [GCP.runWorkerPool]: ["labels"],
    [GCP.runV1Service]: ["metadata", "labels"],
    [GCP.functionV1]: ["labels"],
    [GCP.functionV2]: ["labels"],
    // Cloud SQL keeps user labels inside settings; provider default labels do not reach them.
    [GCP.sqlInstance]: ["settings", "userLabels"],
    [GCP.redisInstance]: ["labels"],
    [GCP.secret]: ["labels"],
    [GCP.artifactRepository]: ["labels"],
    [GCP.pubsubTopic]: ["labels"],
    [GCP.pubsubSubscription]: ["labels"],
    [GCP.storageBucket]: ["labels"],
    [GCP.computeInstance]: ["labels"],
    [GCP.computeDisk]: ["labels"],
    [GCP.dnsManagedZone]: ["labels"],
    [GCP.kmsCryptoKey]: ["labels"],
    [GCP.bigqueryDataset]: ["labels"],
};

export interface RequiredLabelsArgs {
    requiredLabels: string[];
    /** Allowed values per label key; keys not listed accept any non-empty value. */
    allowedValues: Record<string, string[]>;
}

export const REQUIRED_LABELS_DEFAULTS: RequiredLabelsArgs = {
    requiredLabels: [...REQUIRED_LABELS],
    allowedValues: { env: [...STACKS], "managed-by": [MANAGED_BY] },
};

/** A provider's defaultLabels: an object, or a JSON string when it comes from stack config. */
function providerDefaultLabels(providerProps: PlainObject | undefined): PlainObject {
    const value = get(providerProps, "defaultLabels");
    if (isObject(value)) return value;
    if (typeof value === "string") {
        try {
            const parsed: unknown = JSON.parse(value);
            if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as PlainObject;
        } catch {
            return {};
        }
    }
    return {};
}

export const requiredLabelsPolicy = resourcePolicy<RequiredLabelsArgs>({
    name: "gcp-required-labels",
    description: "Labelled resources carry the required labels (app, env, managed-by) with allowed values.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps:
        "Add the labels to the resource (Cloud SQL: settings.userLabels) or to the provider's defaultLabels, with env set to the stack name and managed-by to 'pulumi'.",
    defaults: REQUIRED_LABELS_DEFAULTS,
    schema: {
        requiredLabels: schema.strings("Label keys every labelled resource must carry.", REQUIRED_LABELS_DEFAULTS.requiredLabels),
        allowedValues: schema.object("Allowed values per label key.", REQUIRED_LABELS_DEFAULTS.allowedValues),
    },
    types: Object.keys(LABEL_PATHS),
    check: (resource) => {
        const path = LABEL_PATHS[resource.type];
        const own = record(get(resource.props, ...path));
        if (own === UNKNOWN) {
            resource.skips.add(`The labels of ${shownName(resource)} are unknown at preview.`);
            return;
        }
        // A top-level labels field also receives the provider's defaultLabels (effectiveLabels).
        const topLevel = path.length === 1;
        const effective = record(get(resource.props, "effectiveLabels"));
        const labels: PlainObject = {
            ...(topLevel ? providerDefaultLabels(resource.providerProps) : {}),
            ...(topLevel && isObject(effective) ? effective : {}),
            ...(own ?? {}),
        };
        const where = path.join(".");
        const missing = resource.config.requiredLabels.filter((key) => labels[key] === undefined || labels[key] === null || labels[key] === "");
        if (missing.length > 0) {
            resource.report(
                `${shownName(resource)} (${resource.type}) is missing the required label${missing.length > 1 ? "s" : ""} ${quoteList(missing)} in ${where}. Add ${missing.length > 1 ? "them" : "it"} so its cost and ownership can be traced.`,
            );
        }
        for (const [key, allowed] of Object.entries(resource.config.allowedValues)) {
            const value = labels[key];
            if (value === UNKNOWN) {
                resource.skips.add(`The value of label '${key}' on ${shownName(resource)} is unknown at preview.`);
            } else if (typeof value === "string" && value !== "" && !allowed.includes(value)) {
                resource.report(`${shownName(resource)} has label ${key}='${value}', which is not one of ${quoteList(allowed)}. Set it to the right value.`);
            }
        }
    },
});
