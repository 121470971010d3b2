// Uptime of the public services: an uptime check on each one's health path (billed per
// execution) and one alert policy whose single condition covers every check, grouped by check,
// so an incident names the host that fails.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { Labels } from "../labels";
import { policyBase, threshold } from "./conditions";

export interface PublicEndpoint {
    /** Catalog key, for stable logical names. */
    readonly key: string;
    /** Physical service name, for display. */
    readonly service: string;
    readonly uri: pulumi.Input<string>;
    readonly path: string;
}

export interface UptimeAlertsArgs {
    readonly project: string;
    readonly endpoints: readonly PublicEndpoint[];
    readonly channels: pulumi.Input<string>[];
    readonly labels: Labels;
}

export class UptimeAlerts extends pulumi.ComponentResource {
    public readonly checks: gcp.monitoring.UptimeCheckConfig[];
    public readonly policy?: gcp.monitoring.AlertPolicy;

    constructor(name: string, args: UptimeAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:UptimeAlerts", name, {}, opts);

        this.checks = [...args.endpoints].sort((a, b) => a.key.localeCompare(b.key)).map((endpoint) => new gcp.monitoring.UptimeCheckConfig(`${name}-${endpoint.key}`, {
            project: args.project,
            displayName: `${endpoint.service} health`,
            timeout: "10s",
            // Every 5 minutes from every checker: 52,560 executions a month per check.
            period: "300s",
            checkerType: "STATIC_IP_CHECKERS",
            httpCheck: {
                path: endpoint.path,
                port: 443,
                useSsl: true,
                validateSsl: true,
                requestMethod: "GET",
                acceptedResponseStatusCodes: [{ statusClass: "STATUS_CLASS_2XX" }],
            },
            monitoredResource: {
                type: "uptime_url",
                labels: { project_id: args.project, host: pulumi.output(endpoint.uri).apply((u) => (u ? new URL(u).host : "")) },
            },
            userLabels: { ...args.labels, service: endpoint.key },
        }, { parent: this }));

        if (this.checks.length > 0) {
            const ids = pulumi.all(this.checks.map((check) => check.uptimeCheckId)).apply((all) => all.map((id) => `"${id}"`).join(", "));
            const host = "${resource.label.host}";
            this.policy = new gcp.monitoring.AlertPolicy(`${name}-failing`, {
                ...policyBase(args.project, args.channels, { ...args.labels, signal: "uptime" }, {
                    subject: `${host}: health check failing`,
                    content: [
                        `The health endpoint of **${host}** fails from the uptime checkers (check \${metric.label.check_id}). It is a public entry point: treat it as an outage.`,
                        "",
                        "1. Is it down or slow? `curl -i` the health path; compare with its 5xx and latency alerts.",
                        "2. If it started with a release, roll back with the rollback workflow (tag `previous`).",
                        "",
                        `Checked: ${[...args.endpoints].map((e) => `${e.service} ${e.path}`).sort().join(", ")}.`,
                    ].join("\n"),
                }),
                displayName: "Public services: health check failing",
                conditions: [threshold({
                    displayName: "uptime check failing, by host",
                    filter: pulumi.interpolate`resource.type = "uptime_url" AND metric.type = "monitoring.googleapis.com/uptime_check/check_passed" AND metric.labels.check_id = one_of(${ids})`,
                    threshold: 1,
                    durationSeconds: 600,
                    aligner: "ALIGN_NEXT_OLDER",
                    reducer: "REDUCE_COUNT_FALSE",
                    groupBy: ["resource.label.host", "metric.label.check_id"],
                })],
            }, { parent: this });
        }

        this.registerOutputs({});
    }
}
