// Burn-rate alerts on the stack's SLOs: one policy for every SLO, one PromQL condition per
// burn-rate window the stack pays for (signals slo-burn-fast, slo-burn-slow), each covering every
// service with objectives, so a new service with objectives adds a branch and no condition.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AlertSignal, ObservabilityDefaults } from "../../catalog/types";
import { Labels } from "../labels";
import { policyBase, promql } from "./conditions";
import { ObjectiveOf, badShareLimit, burnRateProblems, burnRateQuery } from "./burn-rate";

export interface SloAlertsArgs {
    readonly project: string;
    readonly objectives: readonly ObjectiveOf[];
    readonly observability: ObservabilityDefaults;
    readonly signals: ReadonlySet<AlertSignal>;
    readonly channels: pulumi.Input<string>[];
    readonly labels: Labels;
    /** The stack dashboard's display name, for the runbook. */
    readonly dashboard: string;
}

/** Incident labels of a PromQL condition are the result's labels: service_name and slo. */
const SERVICE = "${metric.label.service_name}";
const SLO = "${metric.label.slo}";

const hours = (s: number): string => (s >= 3600 ? `${s / 3600} h` : `${s / 60} min`);

export class SloAlerts extends pulumi.ComponentResource {
    public readonly policy?: gcp.monitoring.AlertPolicy;

    constructor(name: string, args: SloAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:SloAlerts", name, {}, opts);
        const { burnRates } = args.observability;
        const windows = ([["fast", "slo-burn-fast"], ["slow", "slo-burn-slow"]] as const)
            .filter(([, signal]) => args.signals.has(signal))
            .map(([key]) => [key, burnRates[key]] as const);
        const problems = burnRateProblems(args.objectives, Object.fromEntries(windows));
        if (problems.length > 0) {
            throw new pulumi.RunError(`The catalog's SLOs do not fit this stack's burn-rate alerts (${problems.length} problem${problems.length > 1 ? "s" : ""}):\n${problems.map((p, i) => `  ${i + 1}. services.${p}`).join("\n")}`);
        }

        if (windows.length > 0 && args.objectives.length > 0) {
            const targets = [...args.objectives].sort((a, b) => a.service.localeCompare(b.service)).map(({ service, objectives: o }) =>
                `- ${service}: availability ${o.availability * 100} %, ${o.latency.goal * 100} % of requests under ${o.latency.thresholdMs} ms`);
            const rules = windows.map(([key, w]) =>
                `- ${key}: ${w.factor}× the sustainable burn over ${hours(w.longWindowSeconds)} and ${hours(w.shortWindowSeconds)} (5xx share above ${args.objectives.map((o) => `${o.service} ${badShareLimit(o.objectives.availability, w.factor)}`).join(", ")})`);
            this.policy = new gcp.monitoring.AlertPolicy(`${name}-burn-rate`, {
                ...policyBase(args.project, args.channels, { ...args.labels, signal: "slo-burn-rate" }, {
                    subject: `${SERVICE}: ${SLO} error budget burning too fast`,
                    content: [
                        `**${SERVICE}** is spending its ${SLO} error budget (${args.observability.sloRollingDays}-day SLO) too fast: at this rate it is gone long before the period ends.`,
                        "",
                        `1. Dashboard "${args.dashboard}" (Monitoring > Dashboards): the service's 5xx ratio, latency, instances and SLO tiles.`,
                        `2. Application errors: Error Reporting (https://console.cloud.google.com/errors?project=${args.project}) and the logs \`resource.type="cloud_run_revision" AND resource.labels.service_name="${SERVICE}" AND severity>=ERROR\`.`,
                        `3. Slow requests: Cloud Trace (https://console.cloud.google.com/traces/list?project=${args.project}) for the service's slowest spans.`,
                        "4. If it started with a release, roll back: the rollback workflow with service and tag `previous`.",
                        "",
                        `Objectives:\n${targets.join("\n")}`,
                        "",
                        `Windows:\n${rules.join("\n")}`,
                    ].join("\n"),
                }),
                displayName: "SLO: error budget burning too fast",
                conditions: windows.map(([key, w]) => promql(`${key} burn (${w.factor}× over ${hours(w.longWindowSeconds)} and ${hours(w.shortWindowSeconds)}) by service and SLO`, burnRateQuery(args.objectives, w), 0)),
            }, { parent: this });
        }

        this.registerOutputs({});
    }
}
