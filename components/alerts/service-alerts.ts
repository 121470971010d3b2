// The Cloud Run signals of a stack: 5xx ratio, p95 latency and instances near max. One policy per
// signal, one PromQL condition each, covering every service and grouped by service_name, so an
// incident names its service and a new service adds no condition. A service with its own
// threshold (or its own maximum) lands in that threshold's branch of the one condition.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AlertDefaults, AlertSignal } from "../../catalog/types";
import { Labels } from "../labels";
import { policyBase, promql } from "./conditions";
import { errorRatioQuery, groupByThreshold, instancesQuery, latencyP95Query, nearMax } from "./promql";

export interface AlertedService {
    /** Physical Cloud Run service name (what service_name carries). */
    readonly name: string;
    readonly maxInstances: number;
    readonly errorRatio?: number;
    readonly latencyP95Ms?: number;
}

export interface ServiceAlertsArgs {
    readonly project: string;
    readonly services: readonly AlertedService[];
    readonly thresholds: AlertDefaults;
    readonly signals: ReadonlySet<AlertSignal>;
    readonly channels: pulumi.Input<string>[];
    readonly labels: Labels;
}

/** Incident labels of a PromQL condition are the query result's labels: service_name among them. */
const SERVICE = "${metric.label.service_name}";

export class ServiceAlerts extends pulumi.ComponentResource {
    public readonly policies: gcp.monitoring.AlertPolicy[] = [];

    constructor(name: string, args: ServiceAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:ServiceAlerts", name, {}, opts);
        const t = args.thresholds;
        const window = `${t.durationSeconds}s`;
        const policy = (key: string, displayName: string, condition: gcp.types.input.monitoring.AlertPolicyCondition, subject: string, content: string) =>
            this.policies.push(new gcp.monitoring.AlertPolicy(`${name}-${key}`, {
                ...policyBase(args.project, args.channels, { ...args.labels, signal: key }, { subject, content }),
                displayName,
                conditions: [condition],
            }, { parent: this }));
        const describe = (groups: ReturnType<typeof groupByThreshold>, unit: string) =>
            groups.map((g) => `- ${g.threshold}${unit}: ${g.services.join(", ")}`).join("\n");

        if (args.signals.has("5xx-ratio")) {
            const groups = groupByThreshold(args.services.map((s) => [s.name, s.errorRatio ?? t.errorRatio]));
            policy("5xx-ratio", "Cloud Run: 5xx ratio above threshold",
                promql("5xx ratio by service", errorRatioQuery(groups, window), t.durationSeconds),
                `${SERVICE}: 5xx ratio above threshold`,
                [
                    `**${SERVICE}** answers more than its threshold of requests with 5xx for ${t.durationSeconds / 60} minutes.`,
                    "",
                    `1. Logs: \`gcloud run services logs read ${SERVICE} --project ${args.project} --limit 100\`.`,
                    "2. If it started with a release, roll back: the rollback workflow with service and tag `previous`.",
                    "3. If a dependency fails (database, another service, OpenAI), its own alert names it.",
                    "",
                    `Thresholds (share of responses):\n${describe(groups, "")}`,
                ].join("\n"));
        }

        if (args.signals.has("latency-p95")) {
            const groups = groupByThreshold(args.services.map((s) => [s.name, s.latencyP95Ms ?? t.latencyP95Ms]));
            policy("latency-p95", "Cloud Run: p95 latency above threshold",
                promql("p95 latency by service", latencyP95Query(groups, window), t.durationSeconds),
                `${SERVICE}: p95 latency above threshold`,
                [
                    `**${SERVICE}**'s p95 latency is above its threshold for ${t.durationSeconds / 60} minutes.`,
                    "",
                    "1. Cold starts: compare with its instance count; raise min instances in the catalog if they explain it.",
                    "2. Slow queries: Query Insights on its Cloud SQL instance.",
                    "3. Slow dependencies: the latency alert of the services it calls.",
                    "",
                    `Thresholds:\n${describe(groups, " ms")}`,
                ].join("\n"));
        }

        if (args.signals.has("instances-near-max")) {
            // Each service is compared with its own maximum; services with the same one share a branch.
            const groups = groupByThreshold(args.services.map((s) => [s.name, nearMax(s.maxInstances, t.instancesNearMax)]));
            const maxima = args.services.map((s) => `${s.name} ${s.maxInstances}`).sort().join(", ");
            policy("instances-near-max", "Cloud Run: instances near max",
                promql("instances near max by service", instancesQuery(groups), t.durationSeconds),
                `${SERVICE}: instances near its maximum`,
                [
                    `**${SERVICE}** runs at least ${t.instancesNearMax * 100}% of its maximum instances; at the maximum, requests queue and then fail with 429.`,
                    "",
                    "1. Real load: raise its `max` in the catalog (mind the budget: the ceiling is checked by the policy pack).",
                    "2. A spike or a loop: look at request counts per path in its logs.",
                    "",
                    `Fires at:\n${describe(groups, " instances")}\n\nMaxima: ${maxima}.`,
                ].join("\n"));
        }

        this.registerOutputs({});
    }
}
